import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { ChatStream, encodeSSE } from "@r9s/core";

/** Options of {@link pipeToResponse}. */
export interface PipeToResponseOptions {
  /**
   * The response status, when the headers are not sent yet.
   * @default 200
   */
  status?: number | undefined;
  /** Extra response headers (CORS, a request id); they win over the event-stream defaults. */
  headers?: OutgoingHttpHeaders | undefined;
}

/**
 * The headers of a relayed event stream: no caching or transforming on the
 * way (`no-transform` also keeps compression middleware off), and no proxy
 * buffering (`x-accel-buffering: no` for nginx), so every token leaves at once.
 */
export const SSE_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
};

/**
 * Relays a stream to a Node `ServerResponse` as server-sent events: sends the
 * event-stream headers at once, writes every piece as it arrives (waiting for
 * `drain` when the client reads slower than the upstream), and stops the
 * upstream when the client disconnects. A `ChatStream` is sent with
 * `toReadableStream()`, so a failure reaches the client as an `event: error`
 * frame that its own `ChatStream` raises as the same error class; a plain
 * `ReadableStream` that fails gets such a frame too.
 *
 * Resolves once the stream is relayed or the client went away; never rejects
 * because of the upstream or the client.
 * @example
 * import { createServer } from "node:http";
 * import { R9S, pipeToResponse } from "@r9s/node";
 * const r9s = new R9S();
 * createServer(async (request, response) => {
 *   const stream = await r9s.chat.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
 *   await pipeToResponse(stream, response);
 * }).listen(8787);
 */
export async function pipeToResponse(
  stream: ChatStream | ReadableStream<Uint8Array>,
  response: ServerResponse,
  options: PipeToResponseOptions = {},
): Promise<void> {
  const body = stream instanceof ChatStream ? stream.toReadableStream() : stream;
  const reader = body.getReader();
  let clientGone = false;
  const onClose = () => {
    // `close` after `end()` is the normal finish; before it, the client went away.
    if (response.writableFinished) return;
    clientGone = true;
    // A ChatStream's abort() also rejects a read that is waiting on a stalled upstream.
    if (stream instanceof ChatStream) stream.abort();
    reader.cancel().catch(() => {});
  };
  response.once("close", onClose);
  if (response.destroyed) onClose();
  try {
    if (clientGone) return;
    if (!response.headersSent) {
      response.writeHead(options.status ?? 200, { ...SSE_RESPONSE_HEADERS, ...options.headers });
    }
    response.flushHeaders();
    response.socket?.setNoDelay(true);
    for (;;) {
      const { done, value } = await reader.read();
      if (done || clientGone) break;
      if (!response.write(value)) await drained(response);
    }
  } catch (error) {
    if (!clientGone && !response.writableEnded) response.write(encodeSSE.error(error));
  } finally {
    response.off("close", onClose);
    reader.releaseLock();
  }
  if (!clientGone && !response.writableEnded) response.end();
}

/** Resolves once the response can take more, or once the client is gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}
