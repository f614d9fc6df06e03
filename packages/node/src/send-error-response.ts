import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { AbortError, APIError, ConnectionError, encodeSSE, TimeoutError, ValidationError } from "@r9s/core";

/** Response headers of an upstream error that a relay's client needs: retry advice and the request id. */
const FORWARDED_HEADERS = ["retry-after", "retry-after-ms", "x-request-id"] as const;

/**
 * Answers a relay's client with what its SDK should raise for `error`, an
 * error from `chat.create` (or a stream) that the relay made upstream:
 * - an HTTP error keeps its status, error body and `retry-after`,
 *   `retry-after-ms` and `x-request-id`, so the client raises the same class
 *   (`RateLimitError` with the same retry advice);
 * - a request the SDK refused (`ValidationError`) is a 400 naming the parameter;
 * - a timeout is a 504, an unreachable upstream a 502, anything else a 500;
 * - an `AbortError` (the client went away) gets no answer.
 * Once the response has started (a stream), the error goes out as an
 * `event: error` frame and the response ends.
 * @example
 * try {
 *   await pipeToResponse(await r9s.chat.create({ ...body, stream: true }), res);
 * } catch (error) {
 *   sendErrorResponse(res, error);
 * }
 */
export function sendErrorResponse(response: ServerResponse, error: unknown): void {
  if (error instanceof AbortError || response.destroyed || response.writableEnded) return;
  if (response.headersSent) {
    response.end(encodeSSE.error(error));
    return;
  }
  const { status, body, headers } = describe(error);
  const text = JSON.stringify({ error: body });
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  response.end(text);
}

function describe(error: unknown): {
  status: number;
  body: Record<string, unknown>;
  headers: OutgoingHttpHeaders;
} {
  if (error instanceof APIError) {
    const headers: OutgoingHttpHeaders = {};
    for (const name of FORWARDED_HEADERS) {
      const value = error.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return {
      status: error.status,
      body: error.error ?? { message: error.message, type: "upstream_error" },
      headers,
    };
  }
  if (error instanceof ValidationError) {
    return {
      status: 400,
      body: { message: error.message, type: "invalid_request_error", param: error.field },
      headers: {},
    };
  }
  if (error instanceof TimeoutError) {
    return {
      status: 504,
      body: { message: "The upstream did not answer in time.", type: "upstream_timeout" },
      headers: {},
    };
  }
  if (error instanceof ConnectionError) {
    return {
      status: 502,
      body: { message: "The upstream could not be reached.", type: "upstream_unreachable" },
      headers: {},
    };
  }
  return { status: 500, body: { message: "The relay failed.", type: "server_error" }, headers: {} };
}
