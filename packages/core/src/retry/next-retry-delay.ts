import { retryAfterMs } from "./retry-after";
import type { ResolvedRetryConfig } from "./retry-config";

/**
 * The share of a backoff delay that jitter may take off: the delay is
 * `base × (1 − 0.25 × random())`, so it lies in (0.75 × base, base] and never
 * exceeds `maxInterval` (the scheme of openai-node).
 */
export const BACKOFF_JITTER = 0.25;

/**
 * The share a server-given delay may be lengthened by: `delay × (1 + 0.1 × random())`,
 * never shortened, so that clients given the same HTTP date do not all retry in the same instant.
 */
export const RETRY_AFTER_JITTER = 0.1;

/** Inputs of {@link nextRetryDelay}. */
export interface NextRetryDelayOptions {
  /** Which retry this would be: 1 for the first retry. */
  attempt: number;
  /** The policy, as returned by `resolveRetryConfig`. */
  config: ResolvedRetryConfig;
  /** Milliseconds since the first attempt started. */
  elapsedMs: number;
  /** The failed response's headers, for `retry-after-ms` and `Retry-After`; absent for connection errors. */
  headers?: Headers | undefined;
  /**
   * A source of numbers in [0, 1), for jitter.
   * @default Math.random
   */
  random?: () => number;
  /**
   * The current time, in ms since the epoch, for a `Retry-After` HTTP date.
   * @default Date.now()
   */
  now?: number | undefined;
}

/**
 * The delay in ms before the next attempt, or `undefined` when the policy says
 * give up: strategy `"none"`, or the next attempt would start later than
 * `maxElapsedTime` after the first.
 *
 * A server-given delay (`retry-after-ms`, then `Retry-After`, at most 60 s) is
 * used instead of the backoff, even above `maxInterval`, with up to
 * {@link RETRY_AFTER_JITTER} added (kept within `maxElapsedTime`). Otherwise
 * the delay is `initialInterval × exponent^(attempt − 1)`, capped at
 * `maxInterval`, minus up to {@link BACKOFF_JITTER} of it.
 *
 * @example
 * ```ts
 * const delay = nextRetryDelay({ attempt, config, elapsedMs: Date.now() - startedAt, headers });
 * if (delay === undefined) throw error;
 * await sleep(delay, signal);
 * ```
 */
export function nextRetryDelay(options: NextRetryDelayOptions): number | undefined {
  const { attempt, config, elapsedMs, headers, random = Math.random, now } = options;
  if (config.strategy === "none") return undefined;
  const { initialInterval, maxInterval, exponent, maxElapsedTime } = config.backoff;
  const budget = maxElapsedTime - elapsedMs;
  const serverDelay = headers && retryAfterMs(headers, now);
  if (serverDelay !== undefined) {
    return serverDelay > budget
      ? undefined
      : Math.min(serverDelay * (1 + RETRY_AFTER_JITTER * random()), budget);
  }
  const base = Math.min(initialInterval * exponent ** Math.max(0, attempt - 1), maxInterval);
  const delay = base * (1 - BACKOFF_JITTER * random());
  return delay <= budget ? delay : undefined;
}
