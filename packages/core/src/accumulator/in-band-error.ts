import { isRecord } from "./unknown-fields";

/**
 * The error payload of a chunk that reports an error inside the stream, or
 * `undefined` for an ordinary chunk (QUIRKS 28). An in-band error is:
 * - a top-level `error` that is not `null` or `false` (`{"error": {...}}` in a
 *   data line; returned as sent, an object or a string);
 * - a choice with `finish_reason: "error"`: its own `error`, else the chunk's;
 *   when neither exists, a `{ message }` object saying so.
 *
 * The accumulator folds such a chunk like any other (the text so far is kept);
 * the client raises the error, with the snapshot as `partial`.
 *
 * @example
 * ```ts
 * const error = inBandErrorOf(chunk);
 * if (error !== undefined) throw errorFromInBand(error, headers, accumulator.snapshot());
 * ```
 */
export function inBandErrorOf(chunk: unknown): unknown | undefined {
  if (!isRecord(chunk)) return undefined;
  if (isError(chunk.error)) return chunk.error;
  const choices = chunk.choices;
  if (!Array.isArray(choices)) return undefined;
  for (const choice of choices) {
    if (!isRecord(choice) || choice.finish_reason !== "error") continue;
    if (isError(choice.error)) return choice.error;
    return {
      message: `The server ended choice ${String(choice.index ?? 0)} with finish_reason "error" and no error details.`,
    };
  }
  return undefined;
}

function isError(value: unknown): boolean {
  return value != null && value !== false;
}
