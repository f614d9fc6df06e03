import {
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  retryAfterMs,
  StreamError,
  TimeoutError,
} from "@r9s/core";

/** What the error banner shows. */
export interface ErrorView {
  title: string;
  detail?: string | undefined;
  /** When the server said to wait: milliseconds since the epoch after which a retry may work. */
  retryAt?: number | undefined;
}

/** Turns an SDK error into words a person can act on. */
export function describeError(error: unknown, now = Date.now()): ErrorView {
  const detail = error instanceof APIError ? (error.error?.message ?? undefined) : undefined;
  if (error instanceof RateLimitError) {
    const wait = retryAfterMs(error.headers);
    return {
      title: "Rate limited",
      detail: detail ?? "Too many requests.",
      retryAt: wait === undefined ? undefined : now + wait,
    };
  }
  if (error instanceof AuthenticationError) {
    return { title: "The relay's API key was refused", detail: "Check R9S_API_KEY on the server." };
  }
  if (error instanceof NotFoundError) return { title: "Not found", detail };
  if (error instanceof APIError) {
    return { title: `The server answered ${error.status}`, detail: detail ?? error.message };
  }
  if (error instanceof TimeoutError) return { title: "The answer timed out", detail: error.message };
  if (error instanceof ConnectionError) {
    return { title: "Cannot reach the server", detail: "Is `pnpm start` still running?" };
  }
  if (error instanceof StreamError) return { title: "The answer broke off", detail: error.message };
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
}

/** "Rate limited — try again in 5 s", counting down to "you can try again now". */
export function retryAdvice(retryAt: number | undefined, now: number): string | undefined {
  if (retryAt === undefined) return undefined;
  const seconds = Math.ceil((retryAt - now) / 1000);
  return seconds > 0 ? `try again in ${seconds} s` : "you can try again now";
}
