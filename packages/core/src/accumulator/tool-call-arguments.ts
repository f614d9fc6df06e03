import type { ChatCompletion } from "../wire/completion";
import type { ChatCompletionMessageToolCall } from "../wire/message";

/** The outcome of reading a tool call's `arguments` text as JSON. */
export type ToolCallArgumentsResult =
  | { valid: true; value: unknown }
  | {
      valid: false;
      /** Why the text is not JSON (the parser's message). */
      error: string;
      /** The arguments text as received, e.g. to show or to send back for repair. */
      text: string;
    };

/** A tool call of a finished completion, with its arguments read. */
export interface ParsedToolCall {
  id: string;
  name: string;
  arguments: ToolCallArgumentsResult;
  /** The call as it stands on the message (to send back in the next request). */
  toolCall: ChatCompletionMessageToolCall;
}

/**
 * Reads the arguments of a finished tool call as JSON. Call it once the stream
 * has ended: while a call is still streaming, a prefix can happen to parse
 * (`"1"` before `"12"`), so the accumulator itself never parses arguments.
 *
 * Empty or blank arguments are valid and read as `{}` (providers send `""`
 * for a function without parameters). Text that is not JSON, such as
 * arguments truncated by `finish_reason: "length"`, is invalid, with the
 * parser's message and the text kept.
 *
 * @example
 * ```ts
 * const result = parseToolCallArguments(message.tool_calls[0]);
 * if (result.valid) run(result.value);
 * else console.warn(`Bad arguments (${result.error}): ${result.text}`);
 * ```
 */
export function parseToolCallArguments(
  toolCall: string | { function: { arguments: string } },
): ToolCallArgumentsResult {
  const text = typeof toolCall === "string" ? toolCall : toolCall.function.arguments;
  if (text.trim() === "") return { valid: true, value: {} };
  try {
    return { valid: true, value: JSON.parse(text) };
  } catch (error) {
    return { valid: false, error: error instanceof Error ? error.message : String(error), text };
  }
}

/**
 * The tool calls of one choice of a completion (by its `index`, not its
 * position), each with its arguments read by {@link parseToolCallArguments};
 * empty when the choice has none.
 */
export function toolCallsOf(completion: ChatCompletion, choiceIndex = 0): ParsedToolCall[] {
  const choice = completion.choices.find((candidate) => candidate.index === choiceIndex);
  const toolCalls = choice?.message.tool_calls ?? [];
  return toolCalls.map((toolCall) => ({
    id: toolCall.id,
    name: toolCall.function.name,
    arguments: parseToolCallArguments(toolCall),
    toolCall,
  }));
}
