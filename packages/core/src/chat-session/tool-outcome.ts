import type { AssistantChatMessage, ChatMessage, ChatToolCall } from "./chat-message";

/** How a tool call ended: with a result, or with an error text. */
export type ToolOutcome = { result: unknown } | { error: string };

/**
 * The message with the outcome set on its call `toolCallId` (a new object;
 * other calls keep their identity), or `undefined` when it has no such call
 * still awaiting its result.
 */
export function withToolOutcome(
  message: AssistantChatMessage,
  toolCallId: string,
  outcome: ToolOutcome,
): AssistantChatMessage | undefined {
  const calls = message.toolCalls;
  if (calls === undefined) return undefined;
  const index = calls.findIndex((call) => call.id === toolCallId && call.state === "awaiting-result");
  if (index === -1) return undefined;
  const call = calls[index] as ChatToolCall;
  const settled: ChatToolCall =
    "error" in outcome
      ? { ...call, state: "error", errorText: outcome.error }
      : { ...call, state: "result", result: outcome.result };
  const toolCalls = calls.slice();
  toolCalls[index] = settled;
  return { ...message, toolCalls };
}

/**
 * The index of the assistant message, searched from the end, that has call
 * `toolCallId` awaiting its result; `-1` when none has.
 */
export function indexOfAwaitingCall(messages: readonly ChatMessage[], toolCallId: string): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    if (message.role !== "assistant" || message.toolCalls === undefined) continue;
    if (message.toolCalls.some((call) => call.id === toolCallId && call.state === "awaiting-result")) {
      return index;
    }
  }
  return -1;
}

/** Whether every tool call of the message has a result or an error. */
export function allToolCallsSettled(message: AssistantChatMessage): boolean {
  return (message.toolCalls ?? []).every((call) => call.state === "result" || call.state === "error");
}

/** The last message's tool calls that still await a result (none when the last message is not an answer). */
export function awaitingToolCalls(messages: readonly ChatMessage[]): readonly ChatToolCall[] {
  const last = messages[messages.length - 1];
  if (last?.role !== "assistant" || last.toolCalls === undefined) return [];
  return last.toolCalls.filter((call) => call.state === "awaiting-result");
}

/** The `content` of the `tool` message that sends an outcome back: text as is, anything else as JSON. */
export function toolResultContent(call: ChatToolCall): string {
  if (call.state === "error") return JSON.stringify({ error: call.errorText ?? "The tool failed." });
  const result = call.result;
  if (typeof result === "string") return result;
  return JSON.stringify(result) ?? "";
}
