import type { ChatToolCall } from "./chat-message";
import type { ToolOutcome } from "./tool-outcome";
import type { ChatSessionOptions } from "./types";

/** A synchronous outcome of `onToolCall`, to apply at once. */
export interface ImmediateOutcome {
  toolCallId: string;
  outcome: ToolOutcome;
}

/** What the session learns about the calls whose `onToolCall` returned a promise. */
export interface PendingToolCallHooks {
  /** The call's promise is pending (told before it can settle). */
  started(toolCallId: string): void;
  /** The promise settled: `undefined` when it resolved to `undefined` (the call is left for `addToolResult`). */
  settled(toolCallId: string, outcome: ToolOutcome | undefined): void;
}

/**
 * Calls `onToolCall` for each call of a finished answer. Returns the outcomes
 * known at once (a value, or a throw); calls whose `onToolCall` returned a
 * promise go through `hooks`.
 */
export function runToolCalls(
  calls: readonly ChatToolCall[],
  onToolCall: ChatSessionOptions["onToolCall"],
  hooks: PendingToolCallHooks,
): ImmediateOutcome[] {
  const immediate: ImmediateOutcome[] = [];
  if (onToolCall === undefined) return immediate;
  for (const toolCall of calls) {
    const toolCallId = toolCall.id;
    const parsed = toolCall.arguments;
    let value: unknown;
    try {
      value = onToolCall({ toolCall, parsedArguments: parsed?.valid ? parsed.value : undefined });
    } catch (error) {
      immediate.push({ toolCallId, outcome: { error: errorText(error) } });
      continue;
    }
    if (isPromiseLike(value)) {
      hooks.started(toolCallId);
      value.then(
        (result) => hooks.settled(toolCallId, result === undefined ? undefined : { result }),
        (error: unknown) => hooks.settled(toolCallId, { error: errorText(error) }),
      );
    } else if (value !== undefined) {
      immediate.push({ toolCallId, outcome: { result: value } });
    }
  }
  return immediate;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
