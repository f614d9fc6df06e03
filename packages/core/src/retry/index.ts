export { isRetryableStatus } from "./is-retryable-status";
export type { NextRetryDelayOptions } from "./next-retry-delay";
export { BACKOFF_JITTER, nextRetryDelay, RETRY_AFTER_JITTER } from "./next-retry-delay";
export { MAX_RETRY_AFTER_MS, retryAfterMs } from "./retry-after";
export type { BackoffConfig, ResolvedRetryConfig, RetryConfig } from "./retry-config";
export { DEFAULT_RETRY_CONFIG, resolveRetryConfig } from "./retry-config";
export { sleep } from "./sleep";
