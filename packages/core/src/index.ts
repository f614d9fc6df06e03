export type { Transport, TransportRequest, TransportResponse } from "./client/transport";
export type { APIErrorInit, APIErrorObject } from "./errors/api-error";
export {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createAPIError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  R9SDefaultError,
  RateLimitError,
  requestIdOf,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from "./errors/api-error";
export { errorFromInBand, errorFromResponse, RAW_BODY_LIMIT } from "./errors/from-response";
export type { R9SErrorOptions, StreamErrorKind, TimeoutPhase } from "./errors/r9s-error";
export {
  AbortError,
  ConnectionError,
  R9SError,
  StreamError,
  TimeoutError,
  ValidationError,
} from "./errors/r9s-error";
export type * from "./wire/index";
