import type { APIError } from "../errors/api-error";
import { errorFromResponse, RAW_BODY_LIMIT } from "../errors/from-response";
import { AbortError, ConnectionError, R9SError, TimeoutError } from "../errors/r9s-error";
import { bodyReader, readAll } from "../internal/body-reader";
import type { ChatCompletion } from "../wire/completion";
import type { Logger } from "./logger";
import { redactHeaders } from "./logger";
import type { Transport, TransportResponse } from "./transport";
import { startWatchdog, type Watchdog } from "./watchdog";

/** Everything needed to send one request, possibly several times. */
export interface RequestContext {
  transport: Transport;
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  apiKey?: string | null | undefined;
}

/** One try of a request: its response, and the means to time it out, abort it and map its failures. */
export interface Attempt {
  readonly response: Promise<TransportResponse>;
  readonly watchdog: Watchdog;
  /** Stops the request and frees its connection. */
  abort(reason?: unknown): void;
  /** Maps whatever a transport or body read threw to the SDK error, with what a stream had delivered. */
  failure(error: unknown, partial?: ChatCompletion): R9SError;
  /** Reads the error body (at most 64 KiB) and builds the typed HTTP error. */
  readError(response: TransportResponse): Promise<APIError>;
  /** Reads the whole body as text, counting each piece as progress. */
  readText(response: TransportResponse): Promise<string>;
  /** Stops the timers and detaches from the caller's signal. */
  release(): void;
}

const MAX_REDIRECTS = 5;

/** Starts one attempt; the caller's signal and the timeout both abort it through one controller. */
export function startAttempt(context: RequestContext): Attempt {
  const controller = new AbortController();
  const { signal: callerSignal, timeoutMs } = context;
  const onCallerAbort = () => controller.abort(new AbortError());
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const watchdog = startWatchdog(timeoutMs, (phase) => controller.abort(new TimeoutError(timeoutMs, phase)));
  const response = send(context, controller.signal).then((value) => {
    watchdog.enterIdlePhase();
    return value;
  });
  // The caller awaits `response`; this only keeps an early rejection from being reported as unhandled.
  response.catch(() => {});

  const failure = (error: unknown, partial?: ChatCompletion) => failureOf(controller.signal, error, partial);

  const readText = (response: TransportResponse, limit?: number) =>
    response.body ? readAll(bodyReader(response.body), watchdog.touch, limit) : Promise.resolve("");

  return {
    response,
    watchdog,
    abort: (reason) => controller.abort(reason),
    failure,
    readText,
    async readError(response) {
      return errorFromResponse(response.status, response.headers, await readText(response, RAW_BODY_LIMIT));
    },
    release() {
      watchdog.stop();
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

/** Sends the request, following redirects unless the transport does (at most 5; see SPEC). */
async function send(context: RequestContext, signal: AbortSignal): Promise<TransportResponse> {
  const { transport, logger } = context;
  let { method, url, body } = context;
  const headers = { ...context.headers };
  for (let hop = 0; ; hop++) {
    logger?.debug?.(`→ ${method} ${url}`, { headers: redactHeaders(headers, context.apiKey) });
    const started = Date.now();
    const response = await transport.request({ method, url, headers: { ...headers }, body, signal });
    logger?.debug?.(`← ${response.status} ${method} ${url} (${Date.now() - started} ms)`);
    if (transport.followsRedirects || response.status < 300 || response.status > 399) return response;
    const location = response.headers.get("location");
    if (!location) return response;
    response.cancel?.();
    if (hop === MAX_REDIRECTS) {
      throw new R9SError(`Too many redirects: stopped after ${MAX_REDIRECTS} (last to ${location}).`);
    }
    const next = new URL(location, url);
    // Credentials never follow a redirect to another origin (scheme, host or port).
    if (next.origin !== new URL(url).origin) delete headers.authorization;
    // 301/302/303 turn a POST into a GET without a body, as fetch does; 307/308 keep both.
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === "POST")
    ) {
      method = "GET";
      body = undefined;
      delete headers["content-type"];
    }
    url = next.href;
  }
}

/**
 * The SDK error for a failed request or body read: the reason the attempt was
 * aborted with (timeout, caller's abort), an SDK error thrown as is, or a
 * `ConnectionError` wrapping anything else. `partial` is what a stream delivered.
 */
export function failureOf(signal: AbortSignal, error: unknown, partial?: ChatCompletion): R9SError {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  const mapped =
    reason instanceof R9SError
      ? reason
      : error instanceof R9SError
        ? error
        : new ConnectionError(`Connection failed: ${messageOf(error)}`, { cause: error });
  if (partial && mapped.partial === undefined) mapped.partial = partial;
  return mapped;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${typeof code === "string" ? ` [${code}]` : ""}${cause}`;
  }
  return String(error);
}
