import type { ServerResponse } from "node:http";
import type { MockErrorObject } from "./types";

type Default = Pick<MockErrorObject, "type" | "code" | "message">;

// Types and codes as OpenAI-compatible servers send them, so clients map them as in production.
const defaults: Record<number, Default> = {
  400: { type: "invalid_request_error", code: null, message: "The request is invalid." },
  401: { type: "authentication_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  402: { type: "insufficient_quota", code: "payment_required", message: "Your credit balance is too low." },
  403: { type: "permission_error", code: "permission_denied", message: "You may not use this model." },
  404: { type: "not_found_error", code: "model_not_found", message: "The model does not exist." },
  405: { type: "invalid_request_error", code: "method_not_allowed", message: "Method not allowed." },
  408: { type: "timeout_error", code: "request_timeout", message: "The request timed out." },
  409: { type: "conflict_error", code: "conflict", message: "The request conflicts with another one." },
  413: {
    type: "invalid_request_error",
    code: "request_too_large",
    message: "The request body is too large.",
  },
  418: { type: "invalid_request_error", code: "teapot", message: "I'm a teapot." },
  422: {
    type: "unprocessable_entity_error",
    code: "unprocessable_entity",
    message: "The request is unprocessable.",
  },
  429: {
    type: "rate_limit_error",
    code: "rate_limit_exceeded",
    message: "Rate limit reached. Try again later.",
  },
  500: {
    type: "server_error",
    code: null,
    message: "The server had an error while processing your request.",
  },
  502: {
    type: "upstream_error",
    code: "bad_gateway",
    message: "The upstream provider sent an invalid response.",
  },
  503: { type: "overloaded_error", code: "service_unavailable", message: "The service is overloaded." },
  504: { type: "timeout_error", code: "gateway_timeout", message: "The upstream provider timed out." },
};

/** The error object usual for `status`, with `overrides` on top. */
export function errorObjectFor(status: number, overrides: Partial<MockErrorObject> = {}): MockErrorObject {
  const fallback: Default =
    status >= 500
      ? { type: "server_error", code: null, message: `The server answered ${status}.` }
      : { type: "invalid_request_error", code: null, message: `The request failed with ${status}.` };
  const { message, type, code } = defaults[status] ?? fallback;
  return { message, type, param: null, code, ...overrides } as MockErrorObject;
}

/** Sends `body` as JSON with `status`, unless the response already started or the client left. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Sends `{"error": {...}}` with `status`. */
export function sendError(
  response: ServerResponse,
  status: number,
  error: Partial<MockErrorObject> = {},
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: errorObjectFor(status, error) }, headers);
}
