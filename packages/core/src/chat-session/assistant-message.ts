import { parseToolCallArguments } from "../accumulator/index";
import type { ChatCompletion, ChatCompletionChoice } from "../wire/completion";
import type { ChatCompletionMessageToolCall } from "../wire/message";
import type { AssistantChatMessage, ChatMessageInterruption, ChatToolCall } from "./chat-message";

type Mutable<Type> = { -readonly [Key in keyof Type]: Type[Key] };

/** What an answer is being built for: the streaming message, a finished answer, or a cut one. */
export type AnswerPhase = "streaming" | "complete" | ChatMessageInterruption;

// Fields of an assistant message (completion or wire) that a chat message holds in its own
// shape, or drops (`annotations` is response-only); the rest are provider fields, sent back.
const OWN_FIELDS = new Set([
  "role",
  "content",
  "refusal",
  "tool_calls",
  "reasoning_content",
  "reasoning",
  "audio",
  "annotations",
  "name",
]);

/**
 * The assistant chat message of choice 0 of a (possibly partial) completion.
 * Tool call arguments are parsed only for a complete answer; a cut answer
 * keeps its text and reasoning and drops its unfinished tool calls, so the
 * history stays valid to send.
 */
export function assistantMessageOf(
  completion: ChatCompletion,
  id: string,
  phase: AnswerPhase,
): AssistantChatMessage {
  const choice = choiceZero(completion.choices);
  const wire = choice?.message;
  const message: Mutable<AssistantChatMessage> = {
    id,
    role: "assistant",
    content: typeof wire?.content === "string" ? wire.content : "",
    finishReason: phase === "complete" ? (choice?.finish_reason ?? null) : null,
  };
  if (phase === "stopped" || phase === "error") message.interrupted = phase;
  if (wire === undefined) return message;
  if (typeof wire.reasoning_content === "string" && wire.reasoning_content !== "") {
    message.reasoning = wire.reasoning_content;
  }
  if (typeof wire.refusal === "string" && wire.refusal !== "") message.refusal = wire.refusal;
  const calls = wire.tool_calls;
  if (calls !== undefined && calls.length > 0 && (phase === "streaming" || phase === "complete")) {
    message.toolCalls = calls.map((call) => chatToolCallOf(call, phase === "streaming"));
  }
  if (wire.audio) message.audio = wire.audio;
  if (typeof wire.name === "string") message.name = wire.name;
  const providerFields = providerFieldsOf(wire);
  if (providerFields !== undefined) message.providerFields = providerFields;
  return message;
}

/** Whether a cut answer has anything worth keeping in the history. */
export function hasAnswerContent(message: AssistantChatMessage): boolean {
  return (
    message.content !== "" ||
    message.reasoning !== undefined ||
    message.refusal !== undefined ||
    message.toolCalls !== undefined
  );
}

/** A tool call of the wire as a chat tool call: streaming (arguments not read yet) or awaiting its result. */
export function chatToolCallOf(call: ChatCompletionMessageToolCall, streaming: boolean): ChatToolCall {
  const argumentsText = call.function?.arguments ?? "";
  return {
    id: call.id,
    name: call.function?.name ?? "",
    argumentsText,
    arguments: streaming ? undefined : parseToolCallArguments(argumentsText),
    state: streaming ? "streaming" : "awaiting-result",
    toolCall: call,
  };
}

function choiceZero(choices: readonly ChatCompletionChoice[]): ChatCompletionChoice | undefined {
  const first = choices[0];
  if (first === undefined || first.index === 0) return first;
  return choices.find((choice) => choice.index === 0) ?? first;
}

/** The provider fields of an assistant message (completion or wire): what a chat message sends back as is. */
export function providerFieldsOf(wire: Record<string, unknown>): Record<string, unknown> | undefined {
  let fields: Record<string, unknown> | undefined;
  for (const key in wire) {
    if (OWN_FIELDS.has(key) || wire[key] === undefined) continue;
    fields ??= {};
    fields[key] = wire[key];
  }
  return fields;
}
