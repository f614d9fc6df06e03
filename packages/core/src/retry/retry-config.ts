import { ValidationError } from "../errors/r9s-error";

/** Exponential backoff settings, all in milliseconds except `exponent`. */
export interface BackoffConfig {
  /**
   * The delay before the first retry.
   * @default 500
   */
  initialInterval: number;
  /**
   * The longest backoff delay (a server's `Retry-After` may exceed it, up to 60 s).
   * @default 8000
   */
  maxInterval: number;
  /**
   * The factor by which the delay grows with each retry.
   * @default 2
   */
  exponent: number;
  /**
   * No retry starts later than this after the first attempt started.
   * `Infinity` removes the limit.
   * @default 30000
   */
  maxElapsedTime: number;
}

/** How failed requests are retried; settable per client and per call (`retries`). */
export interface RetryConfig {
  /**
   * `"backoff"` retries with exponential backoff and jitter; `"none"` never retries.
   * @default "backoff"
   */
  strategy: "backoff" | "none";
  /** Backoff settings; fields left out keep their defaults. */
  backoff?: Partial<BackoffConfig> | undefined;
  /**
   * Retry connection errors and timeouts (only while nothing reached the caller).
   * @default true
   */
  retryConnectionErrors?: boolean | undefined;
}

/** A {@link RetryConfig} with every field filled. */
export interface ResolvedRetryConfig {
  strategy: "backoff" | "none";
  backoff: BackoffConfig;
  retryConnectionErrors: boolean;
}

/**
 * The default retry policy: backoff from 500 ms, doubling, at most 8 s apart,
 * no retry starting after 30 s; connection errors are retried.
 */
export const DEFAULT_RETRY_CONFIG: Readonly<ResolvedRetryConfig> = Object.freeze({
  strategy: "backoff",
  backoff: Object.freeze({ initialInterval: 500, maxInterval: 8000, exponent: 2, maxElapsedTime: 30000 }),
  retryConnectionErrors: true,
});

const BACKOFF_KEYS = ["initialInterval", "maxInterval", "exponent", "maxElapsedTime"] as const;

/**
 * Merges retry configs over {@link DEFAULT_RETRY_CONFIG}: later configs win
 * (client, then call), and a partial `backoff` merges field by field.
 *
 * @throws {ValidationError} when a backoff value is negative or not a number
 *   (`field` is `"retries.backoff.<name>"`); only `maxElapsedTime` may be `Infinity`.
 * @example
 * ```ts
 * resolveRetryConfig(clientOptions.retries, callOptions.retries);
 * ```
 */
export function resolveRetryConfig(...configs: Array<RetryConfig | undefined>): ResolvedRetryConfig {
  const resolved: ResolvedRetryConfig = {
    ...DEFAULT_RETRY_CONFIG,
    backoff: { ...DEFAULT_RETRY_CONFIG.backoff },
  };
  for (const config of configs) {
    if (!config) continue;
    resolved.strategy = config.strategy ?? resolved.strategy;
    resolved.retryConnectionErrors = config.retryConnectionErrors ?? resolved.retryConnectionErrors;
    for (const key of BACKOFF_KEYS) resolved.backoff[key] = config.backoff?.[key] ?? resolved.backoff[key];
  }
  for (const key of BACKOFF_KEYS) {
    const value = resolved.backoff[key];
    // A NaN or infinite delay would become an immediate timer: a hot retry loop.
    if (typeof value !== "number" || !(value >= 0) || (value === Infinity && key !== "maxElapsedTime")) {
      throw new ValidationError(
        `retries.backoff.${key}`,
        `\`backoff.${key}\` must be a finite number ≥ 0, got ${value}: fix it or leave it out for the default`,
      );
    }
  }
  return resolved;
}
