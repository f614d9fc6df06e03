/** The longest server-given delay honoured, in ms. */
export const MAX_RETRY_AFTER_MS = 60_000;

// Plain non-negative decimals only: Number() would accept "", "0x10" and "1e3".
const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * The delay a response asks for before a retry, in ms: `retry-after-ms`
 * (milliseconds, may be fractional) first, then `Retry-After` (seconds, may be
 * fractional, or an HTTP date). Capped at {@link MAX_RETRY_AFTER_MS}.
 *
 * @param now - The current time for HTTP dates, in ms since the epoch; `Date.now()` unless given.
 * @returns `undefined` when neither header holds a usable value (missing,
 *   negative, garbage, or a date in the past).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get("retry-after-ms")?.trim();
  let delay = milliseconds && DECIMAL.test(milliseconds) ? Number(milliseconds) : undefined;
  if (delay === undefined) {
    const value = headers.get("retry-after")?.trim();
    if (!value) return undefined;
    if (DECIMAL.test(value)) delay = Number(value) * 1000;
    // Only a value with letters can be a date: Date.parse("-5") is the year -5.
    else if (/[a-z]/i.test(value)) delay = Date.parse(value) - now;
  }
  return delay !== undefined && delay >= 0 ? Math.min(delay, MAX_RETRY_AFTER_MS) : undefined;
}
