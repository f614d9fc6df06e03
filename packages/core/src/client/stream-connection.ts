import { AbortError, type R9SError, TimeoutError } from "../errors/r9s-error";
import type { ChatCompletion } from "../wire/completion";
import { type Attempt, failureOf } from "./attempt";
import type { TransportResponse } from "./transport";
import { startWatchdog } from "./watchdog";

/** A live response a `ChatStream` reads from. */
export interface StreamConnection {
  readonly status: number;
  readonly headers: Headers;
  readonly body: TransportResponse["body"];
  /** Progress: resets the idle timeout. */
  touch(): void;
  /** Stops reading and frees the connection. */
  abort(): void;
  /** Stops timers and listeners; idempotent. */
  release(): void;
  failure(error: unknown, partial: ChatCompletion): R9SError;
  /** Reads what follows `[DONE]` in the background so a keep-alive socket can be reused. */
  drain(iterator: AsyncGenerator<Uint8Array, void, undefined>): void;
}

// How long to wait for the end of the body after `[DONE]` before closing the connection.
const DRAIN_LIMIT_MS = 1000;

/** A `ChatStream` connection over one attempt of a client request. */
export function attemptConnection(attempt: Attempt, response: TransportResponse): StreamConnection {
  const connection: StreamConnection = {
    status: response.status,
    headers: response.headers,
    body: response.body,
    touch: attempt.watchdog.touch,
    abort: () => attempt.abort(),
    release: attempt.release,
    failure: attempt.failure,
    drain(iterator) {
      attempt.watchdog.stop();
      drainBody(iterator, () => attempt.abort(), attempt.release);
    },
  };
  return connection;
}

/** A `ChatStream` connection over a body the caller already has. */
export function readableConnection(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: { signal?: AbortSignal; timeoutMs?: number; status?: number; headers?: HeadersInit },
): StreamConnection {
  const timeoutMs = options.timeoutMs ?? Number.POSITIVE_INFINITY;
  // Piping through an identity transform with a signal lets an abort or a
  // timeout reject a pending read, even on a body someone else created.
  const controller = new AbortController();
  const source = body instanceof ReadableStream ? body : streamOf(body);
  const piped = source.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), {
    signal: controller.signal,
  });
  const stop = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
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
    body: piped,
    touch: watchdog.touch,
    abort: () => stop(new AbortError("The stream was aborted.")),
    release,
    failure: (error, partial) => failureOf(controller.signal, error, partial),
    drain(iterator) {
      watchdog.stop();
      drainBody(iterator, () => stop(new AbortError()), release);
    },
  };
}

function streamOf(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

function drainBody(
  iterator: AsyncGenerator<Uint8Array, void, undefined>,
  close: () => void,
  done: () => void,
): void {
  const limit = setTimeout(() => {
    close();
    iterator.return(undefined).catch(() => {});
  }, DRAIN_LIMIT_MS);
  (async () => {
    try {
      while (!(await iterator.next()).done) {
        // Bytes after [DONE] carry nothing for the caller.
      }
    } catch {
      // The connection is being closed; nothing is lost.
    } finally {
      clearTimeout(limit);
      done();
    }
  })();
}
