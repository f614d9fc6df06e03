import type { ChatCompletion } from "../wire/completion";
import { type APIError, type APIErrorObject, createAPIError } from "./api-error";
import { type R9SError, StreamError } from "./r9s-error";

/** How much of an error body is kept on `rawBody`. */
export const RAW_BODY_LIMIT = 64 * 1024;

/**
 * Builds the typed error of an HTTP error response. The body is read as JSON
 * whatever its content type claims (proxies send JSON as
 * `application/octet-stream`); an HTML page or other text is kept on `rawBody`.
 */
export function errorFromResponse(status: number, headers: Headers, bodyText: string): APIError {
  const rawBody = bodyText.length > RAW_BODY_LIMIT ? bodyText.slice(0, RAW_BODY_LIMIT) : bodyText;
  return createAPIError({ status, headers, rawBody, error: errorObjectOf(parseJSON(bodyText)) });
}

/**
 * Returns the `{message, type, code, param}` object of an error payload: the
 * value of its `error` key (an object, or a bare string), or the payload itself
 * when it carries a `message`.
 */
export function errorObjectOf(payload: unknown): APIErrorObject | undefined {
  if (!isRecord(payload)) return undefined;
  const inner = payload.error;
  if (typeof inner === "string") return { message: inner };
  if (isRecord(inner)) {
    return { ...inner, message: typeof inner.message === "string" ? inner.message : JSON.stringify(inner) };
  }
  if (typeof payload.message === "string" && inner === undefined) return payload as APIErrorObject;
  return undefined;
}

/** Whether a parsed data payload is an in-band error rather than a chunk. */
export function isInBandError(payload: unknown): boolean {
  return isRecord(payload) && payload.error != null && payload.error !== false;
}

/**
 * Maps an error sent inside a stream (a data line with `{"error": ...}`, an
 * `event: error`, or `finish_reason: "error"`) to a typed error: the class of
 * the HTTP status it names (429 → `RateLimitError`), else a `StreamError`.
 * `partial` is what the stream had delivered.
 */
export function errorFromInBand(payload: unknown, headers: Headers, partial: ChatCompletion): R9SError {
  const error = errorObjectOf(payload) ?? {
    message: typeof payload === "string" ? payload : JSON.stringify(payload),
  };
  const status = statusNamedBy(error) ?? (isRecord(payload) ? statusNamedBy(payload) : undefined);
  if (status !== undefined) {
    return createAPIError({
      status,
      headers,
      error,
      rawBody: JSON.stringify(payload),
      partial,
      message: `${status} ${error.message} (sent inside the stream)`,
    });
  }
  return new StreamError("in-band", error.message || "The server sent an error inside the stream.", {
    error,
    partial,
  });
}

const statusByCode: Record<string, number> = {
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  insufficient_quota: 429,
  invalid_api_key: 401,
  authentication_error: 401,
  permission_denied: 403,
  not_found_error: 404,
  model_not_found: 404,
  invalid_request_error: 400,
  overloaded_error: 503,
  service_unavailable: 503,
};

/** The HTTP status an error object names: a numeric `status`/`code`, or a well-known code or type. */
export function statusNamedBy(error: Record<string, unknown>): number | undefined {
  for (const key of ["status", "status_code", "statusCode", "http_status", "code"]) {
    const status = toStatus(error[key]);
    if (status !== undefined) return status;
  }
  for (const key of ["code", "type"]) {
    const value = error[key];
    if (typeof value === "string" && value in statusByCode) return statusByCode[value];
  }
  return undefined;
}

function toStatus(value: unknown): number | undefined {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d{3}$/.test(value)
        ? Number(value)
        : NaN;
  return number >= 400 && number <= 599 ? number : undefined;
}

function parseJSON(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed[0] !== "{" && trimmed[0] !== "[" && trimmed[0] !== '"') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
