import { createSSEParser } from "./sse-parser";
import type { SSEEvent, SSEParserOptions } from "./types";

/** Options of {@link parseSSE}. */
export type ParseSSEOptions = {
  /**
   * Called for each comment line, in stream order between the events yielded;
   * see {@link SSEParserOptions.onComment}.
   */
  onComment?: SSEParserOptions["onComment"];
  /**
   * Called for each valid `retry:` value, in stream order between the events
   * yielded; see {@link SSEParserOptions.onRetry}.
   */
  onRetry?: SSEParserOptions["onRetry"];
  /**
   * Stops the iteration: the pending read is abandoned, the body is cancelled
   * and the loop throws `signal.reason`.
   */
  signal?: AbortSignal;
};

/**
 * Parses a `text/event-stream` body into its events, as an async iterable.
 * Leaving the loop early (`break`, `return`, a throw) or aborting `signal`
 * cancels the body, which releases the connection. An event that the body's
 * end cut short is not yielded (see {@link SSEParser.end}).
 *
 * @example
 * ```ts
 * const response = await fetch(url, { method: "POST", body, headers });
 * for await (const event of parseSSE(response.body!)) {
 *   if (event.data === "[DONE]") break;
 *   console.log(JSON.parse(event.data));
 * }
 * ```
 */
export async function* parseSSE(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options: ParseSSEOptions = {},
): AsyncGenerator<SSEEvent, void, undefined> {
  const { signal, onComment, onRetry } = options;
  signal?.throwIfAborted();
  // What one read produces is queued, then delivered: the parser's callbacks
  // are synchronous and cannot yield. Comments and retry values are queued
  // as calls among the events, so the callbacks run in stream order
  // relative to the events the consumer has seen.
  const queue: (SSEEvent | (() => void))[] = [];
  const parser = createSSEParser({
    onEvent(event) {
      queue.push(event);
    },
    onComment: onComment && ((comment) => queue.push(() => onComment(comment))),
    onRetry: onRetry && ((ms) => queue.push(() => onRetry(ms))),
  });
  const source = openChunkSource(body);

  // Without a signal each read is awaited directly; with one, it races a
  // promise that rejects on abort, so a stalled body cannot delay the abort.
  let removeAbortListener: (() => void) | undefined;
  let aborted: Promise<never> | undefined;
  if (signal !== undefined) {
    aborted = new Promise<never>((_resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      removeAbortListener = () => signal.removeEventListener("abort", onAbort);
    });
    // An abort while no read is racing must not surface as an unhandled rejection.
    aborted.catch(ignore);
  }

  let finished = false;
  try {
    for (;;) {
      const result =
        aborted === undefined ? await source.next() : await Promise.race([source.next(), aborted]);
      if (result.done) break;
      parser.feed(result.value);
      for (let index = 0; index < queue.length; index++) {
        const item = queue[index] as SSEEvent | (() => void);
        if (typeof item === "function") {
          item();
          continue;
        }
        yield item;
        // The consumer may have aborted while handling that event.
        signal?.throwIfAborted();
      }
      queue.length = 0;
    }
    finished = true;
  } finally {
    removeAbortListener?.();
    source.close(!finished, signal?.aborted ? signal.reason : undefined);
  }
  parser.end();
}

/** The body as a pull source: `next()` reads, `close()` releases it. */
type ChunkSource = {
  next(): Promise<IteratorResult<Uint8Array, unknown>>;
  /** Releases the body, cancelling it first when it was not read to its end. */
  close(cancel: boolean, reason: unknown): void;
};

function ignore(): void {}

function openChunkSource(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): ChunkSource {
  // A reader rather than the stream's own async iterator: not every runtime
  // has the latter, and `cancel` on a reader also ends a read in progress.
  if (typeof (body as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (body as ReadableStream<Uint8Array>).getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array, unknown>>,
      close(cancel, reason) {
        // Not awaited: a body whose cancel hangs must not hang the consumer's `break`.
        if (cancel) reader.cancel(reason).catch(ignore);
        try {
          reader.releaseLock();
        } catch {
          // Already released, or a read is still pending: the lock no longer matters.
        }
      },
    };
  }
  const iterator = (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    close(cancel) {
      if (!cancel || iterator.return === undefined) return;
      try {
        // Not awaited, like a reader's cancel; a rejection means it is already closed.
        Promise.resolve(iterator.return()).catch(ignore);
      } catch {
        // A synchronous throw from `return` means the same.
      }
    },
  };
}
