import { R9SError } from "../errors/r9s-error";
import type { AssistantChatMessage, ChatMessage, UserMessageInput } from "./chat-message";
import { awaitingToolCalls } from "./tool-outcome";
import type { ChatSessionStatus } from "./types";

/** The user chat message of `send`'s argument. */
export function userMessageOf(input: string | UserMessageInput, generateId: () => string): ChatMessage {
  if (typeof input === "string") return { id: generateId(), role: "user", content: input };
  const message: { -readonly [Key in keyof UserMessageInput]: UserMessageInput[Key] } = {
    ...input,
    id: input.id ?? generateId(),
    role: "user",
  };
  return message as ChatMessage;
}

/** Streams only append, so equal lengths mean nothing new arrived. */
export function sameProgress(previous: AssistantChatMessage, next: AssistantChatMessage): boolean {
  if (
    previous.content.length !== next.content.length ||
    previous.reasoning?.length !== next.reasoning?.length ||
    previous.refusal?.length !== next.refusal?.length
  ) {
    return false;
  }
  const before = previous.toolCalls ?? [];
  const after = next.toolCalls ?? [];
  if (before.length !== after.length) return false;
  return before.every((call, index) => {
    const other = after[index];
    return (
      other !== undefined &&
      call.argumentsText.length === other.argumentsText.length &&
      call.name === other.name
    );
  });
}

/** The index of the last user message, or -1. */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    if (messages[index]?.role === "user") return index;
  }
  return -1;
}

/** Any failure as an `R9SError` (a custom client may throw anything). */
export function toR9SError(caught: unknown): R9SError {
  if (caught instanceof R9SError) return caught;
  const message = caught instanceof Error ? caught.message : String(caught);
  return new R9SError(`The chat request failed: ${message}`, { cause: caught });
}

/** Why `send` or `regenerate` cannot start while a turn is in progress (`status` is `undefined` when none is). */
export function busyError(action: string, status: ChatSessionStatus | undefined): R9SError | undefined {
  if (status === undefined) return undefined;
  return new R9SError(
    `Cannot ${action} while an answer is in progress (status "${status}"): wait until status is "ready" or "error", or call stop() first.`,
  );
}

/** Why `send` cannot start while tool calls of the last answer await their results. */
export function awaitingError(messages: readonly ChatMessage[]): R9SError | undefined {
  const [call] = awaitingToolCalls(messages);
  if (call === undefined) return undefined;
  return new R9SError(
    `Tool call "${call.id}" (${call.name}) awaits its result: call addToolResult({ toolCallId, result }) first, or setMessages() to drop it.`,
  );
}

/** Runs a user callback; its exception surfaces as an uncaught error without breaking the session. */
export function report(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
