import { R9SError, type R9SErrorOptions } from "./r9s-error";

/** The inner error object of an r9s / OpenAI error body: `{"error": {...}}`. */
export interface APIErrorObject {
  message: string;
  type?: string | null;
  code?: string | number | null;
  param?: string | null;
  [field: string]: unknown;
}

/** What an HTTP error knows about its response. */
export interface APIErrorInit extends R9SErrorOptions {
  status: number;
  headers: Headers;
  /** The inner `error` object when the body had one. */
  error?: APIErrorObject | undefined;
  /** The body text, at most its first 64 KiB. */
  rawBody?: string | undefined;
  /** Overrides the message derived from the body. */
  message?: string;
}

/** The server answered with an error status (or named one inside a stream). */
export class APIError extends R9SError {
  readonly status: number;
  readonly headers: Headers;
  /** From `x-request-id`, else `request-id`. */
  readonly requestId: string | undefined;
  readonly error: APIErrorObject | undefined;
  readonly rawBody: string | undefined;

  constructor(init: APIErrorInit) {
    super(init.message ?? describe(init), init);
    this.status = init.status;
    this.headers = init.headers;
    this.requestId = requestIdOf(init.headers);
    this.error = init.error;
    this.rawBody = init.rawBody;
  }
}

/** Reads the request id a server or proxy put on a response. */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

function describe(init: APIErrorInit): string {
  if (init.error?.message) return `${init.status} ${init.error.message}`;
  const body = init.rawBody?.trim();
  if (body) {
    const snippet = body.length > 200 ? `${body.slice(0, 200)}…` : body;
    return `${init.status} status code (body: ${snippet})`;
  }
  return `${init.status} status code (no body)`;
}

/** 400 */
export class BadRequestError extends APIError {}
/** 401: the API key is missing or wrong. */
export class AuthenticationError extends APIError {}
/** 403 */
export class PermissionDeniedError extends APIError {}
/** 404: wrong base URL, path or model. */
export class NotFoundError extends APIError {}
/** 409 */
export class ConflictError extends APIError {}
/** 422 */
export class UnprocessableEntityError extends APIError {}
/** 429: slow down; `headers` carries `retry-after` when the server sent it. */
export class RateLimitError extends APIError {}
/** 500 */
export class InternalServerError extends APIError {}
/** 503 */
export class ServiceUnavailableError extends APIError {}
/** Any other 4xx or 5xx status. */
export class R9SDefaultError extends APIError {}

const byStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  503: ServiceUnavailableError,
};

/** Creates the error class that matches a status, `R9SDefaultError` for the rest. */
export function createAPIError(init: APIErrorInit): APIError {
  const ErrorClass = byStatus[init.status] ?? R9SDefaultError;
  return new ErrorClass(init);
}
