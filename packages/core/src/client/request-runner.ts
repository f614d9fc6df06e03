import { APIError } from "../errors/api-error";
import { AbortError, ConnectionError, type R9SError, TimeoutError } from "../errors/r9s-error";
import { isRetryableStatus, nextRetryDelay, type ResolvedRetryConfig, sleep } from "../retry/index";
import { type Attempt, type RequestContext, startAttempt } from "./attempt";

/**
 * Runs the attempts of one call under the retry policy. `open()` resolves with
 * the first attempt whose response is a success; `backOff(error)` either waits
 * before the next attempt or rethrows the error when the policy says stop.
 */
export class RequestRunner {
  private attempts = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly context: RequestContext,
    private readonly retry: ResolvedRetryConfig,
  ) {}

  /** Opens attempts until one answers with a 2xx status, or throws the last error. */
  async open(): Promise<{ attempt: Attempt; response: Awaited<Attempt["response"]> }> {
    for (;;) {
      if (this.context.signal?.aborted) throw new AbortError();
      this.attempts++;
      const attempt = startAttempt(this.context);
      let error: R9SError;
      try {
        const response = await attempt.response;
        if (response.status < 300) return { attempt, response };
        error = await attempt.readError(response);
      } catch (caught) {
        error = attempt.failure(caught);
      }
      attempt.release();
      await this.backOff(error);
    }
  }

  /** Waits before the next attempt when `error` may be retried; otherwise throws it. */
  async backOff(error: R9SError): Promise<void> {
    if (!this.isRetryable(error)) throw error;
    const delay = nextRetryDelay({
      attempt: this.attempts,
      config: this.retry,
      elapsedMs: Date.now() - this.startedAt,
      headers: error instanceof APIError ? error.headers : undefined,
    });
    if (delay === undefined) throw error;
    this.context.logger?.info?.(
      `Retrying in ${Math.round(delay)} ms (attempt ${this.attempts + 1}): ${error.message}`,
    );
    try {
      await sleep(delay, this.context.signal);
    } catch {
      throw new AbortError(undefined, { cause: error });
    }
  }

  private isRetryable(error: R9SError): boolean {
    if (error instanceof APIError) return isRetryableStatus(error.status);
    if (error instanceof ConnectionError || error instanceof TimeoutError)
      return this.retry.retryConnectionErrors;
    return false;
  }
}
