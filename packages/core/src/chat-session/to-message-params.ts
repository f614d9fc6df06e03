import type { ChatCompletionAssistantMessageParam, ChatCompletionMessageParam } from "../wire/message";
import type { AssistantChatMessage, ChatMessage } from "./chat-message";
import { toolResultContent } from "./tool-outcome";

/** Options of {@link toMessageParams}. */
export interface ToMessageParamsOptions {
  /**
   * Send each answer's reasoning back as `reasoning_content`, as reasoning
   * models that continue a conversation (and tool use) expect.
   * @default true
   */
  reasoning?: boolean;
}

/**
 * The wire messages of a request for a list of chat messages. An answer
 * becomes an `assistant` message (`reasoning_content`, `tool_calls` and
 * provider fields kept), followed by a `tool` message per tool call that has
 * a result or an error; calls still awaiting a result send nothing.
 * @example
 * const body = { model, messages: toMessageParams(session.getSnapshot().messages) };
 */
export function toMessageParams(
  messages: readonly ChatMessage[],
  options: ToMessageParamsOptions = {},
): ChatCompletionMessageParam[] {
  const reasoning = options.reasoning ?? true;
  const params: ChatCompletionMessageParam[] = [];
  // A result that lives on a call wins over a `tool` message that answers the same call.
  const answered = new Set<string>();
  for (const message of messages) {
    switch (message.role) {
      case "assistant":
        params.push(assistantParamOf(message, reasoning));
        for (const call of message.toolCalls ?? []) {
          if (call.state !== "result" && call.state !== "error") continue;
          answered.add(call.id);
          params.push({ role: "tool", tool_call_id: call.id, content: toolResultContent(call) });
        }
        break;
      case "tool":
        if (!answered.has(message.toolCallId)) {
          params.push({ role: "tool", tool_call_id: message.toolCallId, content: message.content });
        }
        break;
      case "user":
        params.push(
          message.name === undefined
            ? { role: "user", content: message.content }
            : { role: "user", content: message.content, name: message.name },
        );
        break;
      default:
        params.push(
          message.name === undefined
            ? { role: message.role, content: message.content }
            : { role: message.role, content: message.content, name: message.name },
        );
    }
  }
  return params;
}

function assistantParamOf(
  message: AssistantChatMessage,
  reasoning: boolean,
): ChatCompletionAssistantMessageParam {
  const toolCalls = message.toolCalls;
  const hasToolCalls = toolCalls !== undefined && toolCalls.length > 0;
  // The API's own shape for an answer without text: `content: null` next to tool calls or a refusal.
  const content =
    message.content === "" && (hasToolCalls || message.refusal !== undefined) ? null : message.content;
  const param: ChatCompletionAssistantMessageParam = {
    ...message.providerFields,
    role: "assistant",
    content,
  };
  if (reasoning && message.reasoning !== undefined) param.reasoning_content = message.reasoning;
  if (message.refusal !== undefined) param.refusal = message.refusal;
  if (hasToolCalls) param.tool_calls = toolCalls.map((call) => call.toolCall);
  if (message.audio !== undefined) param.audio = { id: message.audio.id };
  if (message.name !== undefined) param.name = message.name;
  return param;
}
