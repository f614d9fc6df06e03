import type { ServerResponse } from "node:http";
import type { MockStreamWriter } from "./types";

/** Waits `ms`; resolves `false` at once when `signal` aborts, clearing the timer. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Resolves when `signal` aborts: the client went away or the server closed. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/**
 * Writes one piece, honouring backpressure: when `write` returns `false` the
 * socket buffer is full, so wait for `drain` (or the client leaving) before
 * the next piece, instead of buffering a whole large stream in memory.
 */
export function writePiece(
  response: ServerResponse,
  piece: string | Uint8Array,
  signal: AbortSignal,
): Promise<boolean> {
  if (signal.aborted || response.writableEnded || response.destroyed) return Promise.resolve(false);
  if (response.write(piece)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (written: boolean) => {
      response.off("drain", onDrain);
      signal.removeEventListener("abort", onAbort);
      resolve(written);
    };
    const onDrain = () => finish(true);
    const onAbort = () => finish(false);
    response.once("drain", onDrain);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Sends event-stream headers and flushes them, so the client sees the status before any event. */
export function sendStreamHeaders(
  response: ServerResponse,
  status = 200,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    ...headers,
  });
  response.flushHeaders();
}

/** A {@link MockStreamWriter} over a response whose headers are sent. */
export function createStreamWriter(response: ServerResponse, signal: AbortSignal): MockStreamWriter {
  const end = () => {
    if (!response.writableEnded && !response.destroyed) response.end();
  };
  const write = (piece: string | Uint8Array) => writePiece(response, piece, signal);
  return {
    get closed() {
      return signal.aborted || response.writableEnded || response.destroyed;
    },
    write,
    data: (payload) => write(`data: ${JSON.stringify(payload)}\n\n`),
    event: (name, payload) => write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`),
    comment: (text) => write(`: ${text}\n\n`),
    async done() {
      const written = await write("data: [DONE]\n\n");
      end();
      return written;
    },
    end,
  };
}
