import { AbortError, type R9SError, TimeoutError } from "../errors/r9s-error";
import { type BodyReader, bodyReader } from "../internal/body-reader";
import type { ChatCompletion } from "../wire/completion";
import { type Attempt, failureOf } from "./attempt";
import type { TransportResponse } from "./transport";
import { startWatchdog } from "./watchdog";

/** A live response a `ChatStream` reads from. */
export interface StreamConnection {
  readonly status: number;
  readonly headers: Headers;
  /** The body, piece by piece; `null` when the response has none. */
  readonly reader: BodyReader | null;
  /** Progress: resets the idle timeout. */
  touch(): void;
  /** Stops reading and frees the connection; a pending read then ends. */
  abort(): void;
  /** Stops timers and listeners; idempotent. */
  release(): void;
  failure(error: unknown, partial: ChatCompletion): R9SError;
  /**
   * Reads what follows `[DONE]` so a keep-alive socket can be reused; resolves
   * once the body ended (or was closed after a second).
   */
  drain(): Promise<void>;
}

// How long to wait for the end of the body after `[DONE]` before closing the connection.
const DRAIN_LIMIT_MS = 1000;

/** A `ChatStream` connection over one attempt of a client request. */
export function attemptConnection(attempt: Attempt, response: TransportResponse): StreamConnection {
  const reader = response.body ? bodyReader(response.body) : null;
  return {
    status: response.status,
    headers: response.headers,
    reader,
    touch: attempt.watchdog.touch,
    abort: () => attempt.abort(),
    release: attempt.release,
    failure: attempt.failure,
    drain() {
      attempt.watchdog.stop();
      if (reader) return drainBody(reader, () => attempt.abort(), attempt.release);
      attempt.release();
      return Promise.resolve();
    },
  };
}

/** A `ChatStream` connection over a body the caller already has. */
export function readableConnection(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: { signal?: AbortSignal; timeoutMs?: number; status?: number; headers?: HeadersInit },
): StreamConnection {
  const timeoutMs = options.timeoutMs ?? Number.POSITIVE_INFINITY;
  // Nobody else can make a read of the caller's body fail, so stopping ends the
  // pending read itself, and the reason decides what the stream reports.
  const controller = new AbortController();
  const source = bodyReader(body);
  // Cancelling a ReadableStream's reader already ends its pending read; an async
  // iterator's pending `next()` has to be raced.
  const reader =
    typeof (body as ReadableStream).getReader === "function"
      ? source
      : interruptible(source, controller.signal);
  const stop = (reason: unknown) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    reader.cancel();
  };
  const onAbort = () => stop(new AbortError());
  const watchdog = startWatchdog(timeoutMs, () => stop(new TimeoutError(timeoutMs, "idle")));
  watchdog.enterIdlePhase();
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const release = () => {
    watchdog.stop();
    options.signal?.removeEventListener("abort", onAbort);
  };
  return {
    status: options.status ?? 200,
    headers: new Headers(options.headers),
    reader,
    touch: watchdog.touch,
    abort: () => stop(new AbortError("The stream was aborted.")),
    release,
    failure: (error, partial) => failureOf(controller.signal, error, partial),
    drain() {
      watchdog.stop();
      return drainBody(reader, () => stop(new AbortError()), release);
    },
  };
}

/** A reader whose pending read rejects with the signal's reason once it fires. */
function interruptible(reader: BodyReader, signal: AbortSignal): BodyReader {
  const stopped = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  stopped.catch(() => {});
  return {
    read: () => (signal.aborted ? stopped : Promise.race([reader.read(), stopped])),
    cancel: reader.cancel,
  };
}

async function drainBody(reader: BodyReader, close: () => void, done: () => void): Promise<void> {
  const limit = setTimeout(() => {
    close();
    reader.cancel();
  }, DRAIN_LIMIT_MS);
  try {
    while (!(await reader.read()).done) {
      // Bytes after [DONE] carry nothing for the caller.
    }
  } catch {
    // The connection is being closed; nothing is lost.
  } finally {
    clearTimeout(limit);
    done();
  }
}
