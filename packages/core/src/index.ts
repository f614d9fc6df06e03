/**
 * `@r9s/core`: wire types, the SSE parser, the chunk accumulator, typed errors,
 * retries, request validation and the client over an abstract `Transport`.
 *
 * @packageDocumentation
 */

export type {
  ChatCompletionAccumulatorOptions,
  ParsedToolCall,
  ThinkExtractor,
  ThinkExtractorFactory,
  ThinkExtractorOptions,
  ThinkPiece,
  ToolCallArgumentsResult,
} from "./accumulator/index";
export {
  ChatCompletionAccumulator,
  createThinkExtractor,
  inBandErrorOf,
  parseToolCallArguments,
  toolCallsOf,
} from "./accumulator/index";
// Chat session store
export type {
  AssistantChatMessage,
  ChatFinishInfo,
  ChatMessage,
  ChatMessageInterruption,
  ChatMessageLike,
  ChatSendOptions,
  ChatSession,
  ChatSessionClient,
  ChatSessionMutableOptions,
  ChatSessionOptions,
  ChatSessionParams,
  ChatSessionRequestOptions,
  ChatSessionSnapshot,
  ChatSessionStatus,
  ChatSessionThrottle,
  ChatToolCall,
  ChatToolCallEvent,
  ChatToolCallState,
  SystemChatMessage,
  ToMessageParamsOptions,
  ToolChatMessage,
  UserChatMessage,
  UserMessageInput,
} from "./chat-session/index";
export { createChatSession, toChatMessages, toMessageParams } from "./chat-session/index";
export type { ChatStreamFromReadableStreamOptions } from "./client/chat-stream";
export { ChatStream } from "./client/chat-stream";
export { environmentClientOptions, isBrowser, readEnv } from "./client/environment";
export type { Logger } from "./client/logger";
export { redactHeaders } from "./client/logger";
export type { ClientOptions, HeadersOption, RequestOptions } from "./client/options";
export { DEFAULT_TIMEOUT_MS } from "./client/options";
export type { ChatResource } from "./client/r9s-client";
// Client
export { createClient, R9SClient } from "./client/r9s-client";
export { encodeSSE } from "./client/stream-encoding";
export type { Transport, TransportRequest, TransportResponse } from "./client/transport";
export { DEFAULT_BASE_URL, joinURL } from "./client/url";
export type { APIErrorInit, APIErrorObject } from "./errors/api-error";
// Errors
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
export type { BackoffConfig, ResolvedRetryConfig, RetryConfig } from "./retry/index";
// Retry policy
export {
  DEFAULT_RETRY_CONFIG,
  isRetryableStatus,
  nextRetryDelay,
  resolveRetryConfig,
  retryAfterMs,
} from "./retry/index";
export type { ParseSSEOptions, SSEEvent, SSEParser, SSEParserOptions } from "./sse/index";
// Streaming core
export { createSSEParser, parseSSE } from "./sse/index";
// Validation
export { validateChatCompletionParams, validateHeaders } from "./validation/index";
// Wire types
export type * from "./wire/index";
