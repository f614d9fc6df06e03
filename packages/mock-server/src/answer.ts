import type { CompletionUsage } from "@r9s/core";
import {
  countPromptTokens,
  echoText,
  isRecord,
  lastMessageWithRole,
  reasoningText,
  textOf,
  tokenize,
  toolResultText,
} from "./compose";
import { planToolCall, type ToolCallPlan } from "./tool-call";

/** `created` of every answer: a fixed time, so answers are byte-for-byte deterministic. */
export const MOCK_CREATED = 1_730_000_000;

/** What one choice will say, already cut into tokens and limited by `max_tokens`. */
export interface ChoicePlan {
  index: number;
  reasoning: string[];
  /** `null` when the choice calls a tool. */
  content: string[] | null;
  toolCall?: ToolCallPlan;
  finishReason: "stop" | "length" | "tool_calls";
}

/** The whole deterministic answer to one request. */
export interface AnswerPlan {
  id: string;
  model: string;
  choices: ChoicePlan[];
  usage: CompletionUsage;
  /** How many `top_logprobs` to send, or `null` when logprobs were not asked for. */
  topLogprobs: number | null;
  includeUsage: boolean;
}

/** Plans the answer to a validated request; `contentTokens` replaces the text (large and UTF-8 scenarios). */
export function planAnswer(
  body: Record<string, unknown>,
  sequence: number,
  contentTokens?: string[],
): AnswerPlan {
  const messages = body.messages as unknown[];
  const userText = textOf(lastMessageWithRole(messages, "user")?.content);
  const effort = typeof body.reasoning_effort === "string" ? body.reasoning_effort : undefined;
  const limit = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  const count = positiveInteger(body.n) ?? 1;
  const choices: ChoicePlan[] = [];
  for (let index = 0; index < count; index++) {
    let budget = limit ?? Number.POSITIVE_INFINITY;
    const take = (tokens: string[]): string[] => {
      const kept = tokens.slice(0, Math.max(0, budget));
      budget -= kept.length;
      return kept;
    };
    const reasoningTokens = effort && effort !== "none" ? tokenize(reasoningText(effort, userText)) : [];
    const reasoning = take(reasoningTokens);
    const toolCall = contentTokens ? undefined : planToolCall(body, sequence, index);
    let truncated = reasoning.length < reasoningTokens.length;
    if (toolCall) {
      const kept = take(toolCall.fragments);
      truncated ||= kept.length < toolCall.fragments.length;
      toolCall.fragments = kept;
      choices.push({
        index,
        reasoning,
        content: null,
        toolCall,
        finishReason: truncated ? "length" : "tool_calls",
      });
      continue;
    }
    const tokens = contentTokens ?? tokenize(answerText(messages, userText, index));
    const content = take(tokens);
    truncated ||= content.length < tokens.length;
    choices.push({ index, reasoning, content, finishReason: truncated ? "length" : "stop" });
  }
  const streamOptions = body.stream_options;
  return {
    id: `chatcmpl-mock-${String(sequence).padStart(6, "0")}`,
    model: String(body.model),
    choices,
    usage: usageOf(messages, choices, Array.isArray(body.tools) ? body.tools.length : 0),
    topLogprobs: body.logprobs === true ? (positiveInteger(body.top_logprobs) ?? 0) : null,
    includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
  };
}

function answerText(messages: unknown[], userText: string, index: number): string {
  const last = messages[messages.length - 1];
  if (!isRecord(last) || last.role !== "tool") return echoText(userText, index);
  return toolResultText(toolNameOf(messages, last.tool_call_id), textOf(last.content));
}

/** The function name of the assistant tool call that `toolCallId` answers. */
function toolNameOf(messages: unknown[], toolCallId: unknown): string | undefined {
  for (const message of messages) {
    if (!isRecord(message) || !Array.isArray(message.tool_calls)) continue;
    for (const call of message.tool_calls) {
      if (isRecord(call) && call.id === toolCallId && isRecord(call.function)) {
        return typeof call.function.name === "string" ? call.function.name : undefined;
      }
    }
  }
  return undefined;
}

function usageOf(messages: unknown[], choices: ChoicePlan[], toolCount: number): CompletionUsage {
  let reasoning = 0;
  let completion = 0;
  for (const choice of choices) {
    reasoning += choice.reasoning.length;
    completion += choice.reasoning.length + (choice.content?.length ?? 0);
    completion += choice.toolCall?.fragments.length ?? 0;
  }
  const prompt = countPromptTokens(messages) + toolCount * 10;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
  };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}
