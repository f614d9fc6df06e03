import type { ThinkExtractorFactory } from "../accumulator/think-extractor";
import type { RetryConfig } from "../retry/index";
import type { Logger } from "./logger";
import type { Transport } from "./transport";

/** Extra headers; a `null` value removes a header the SDK would send. */
export type HeadersOption = Record<string, string | null | undefined>;

/** The longest wait for response headers and, on a stream, between two data events: 10 minutes. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** Options of a client (`createClient`, `new R9S`). */
export interface ClientOptions {
  /** Moves the bytes: `nodeTransport()` from `@r9s/node`, `fetchTransport()` from `@r9s/fetch`, or your own. */
  transport: Transport;
  /** Sent as `Authorization: Bearer <apiKey>`. Leave it out when a relay adds it. */
  apiKey?: string | null | undefined;
  /**
   * Where the API lives; a path prefix is kept and a trailing slash ignored.
   * @default "https://api.r9s.ai"
   */
  baseURL?: string | undefined;
  /**
   * The longest wait for the response headers and, on a stream, between two
   * data events (comments do not count), in milliseconds.
   * @default 600000 (10 minutes)
   */
  timeoutMs?: number | undefined;
  /** Retry policy; per-call `retries` override it field by field. */
  retries?: RetryConfig | undefined;
  /** Headers sent with every request. */
  headers?: HeadersOption | undefined;
  /** Receives debug output; the API key is always redacted. */
  logger?: Logger | undefined;
  /**
   * In a browser page an `apiKey` is visible to every visitor, so it is refused
   * unless this is `true`. The usual browser setup talks to your own relay
   * (`baseURL: "/api"`), which holds the key.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the request (and the stream); the call then rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry policy for this call. */
  retries?: RetryConfig | undefined;
  /** Headers for this call; a `null` value removes one. */
  headers?: HeadersOption | undefined;
  /**
   * For models that inline their reasoning as `<think>…</think>` in the content:
   * pass `createThinkExtractor` and a stream's reasoning goes to
   * `reasoning_content` (final completion, partials) while `textStream` yields
   * only the answer. Split tags across chunks are handled.
   * @default undefined (content is kept as sent)
   */
  extractThinkTags?: ThinkExtractorFactory | undefined;
}
