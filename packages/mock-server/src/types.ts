import type { IncomingHttpHeaders, ServerResponse } from "node:http";

/** The inner object of an error body `{"error": {...}}`, as r9s sends it. */
export interface MockErrorObject {
  message: string;
  type: string;
  code?: string | number | null;
  param?: string | null;
  [field: string]: unknown;
}

/** One request the server received, as listed by {@link MockServer.requests}. */
export interface RecordedRequest {
  /** The `x-request-id` the server answered with (`req_mock_000001`, …). */
  id: string;
  method: string;
  /** Path and query string, as sent. */
  url: string;
  /** Request headers, lower-cased by Node. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when there was none or it was not JSON. */
  body: unknown;
  /** The body text when it was not valid JSON (first 64 KiB). */
  rawBody?: string;
  /** The scenario that answered (`"default"` for the normal answer), once one was chosen. */
  scenario?: string;
}

/** Counters of a running server, reset by {@link MockServer.reset}. */
export interface MockServerStats {
  /** Requests received on any path. */
  requests: number;
  /** TCP connections accepted. */
  connections: number;
  /** TCP connections open right now (a leak detector for clients under test). */
  openConnections: number;
  /**
   * Open connections that carried at least one request. Unlike `openConnections`
   * it ignores a spare connection a client pool opens ahead of need (undici does
   * after an abort), so it tells whether a client released the sockets it used.
   */
  requestConnections: number;
  /** Requests answered per scenario name (`"default"`, `"status-429"`, …). */
  scenarios: Record<string, number>;
}

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Delay between two streamed chunks, in milliseconds; `0` writes them back to back. @default 0 */
  tokenDelayMs?: number;
  /** Delay before a chat completion's response headers, in milliseconds. @default 0 */
  latencyMs?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401 error body. */
  apiKey?: string;
  /** Your own scenarios by name; they win over built-in ones of the same name. */
  scenarios?: Record<string, MockScenario>;
  /** Base URL that the `redirect-*` scenarios point to when the request names none (`redirect-to`). */
  redirectTarget?: string;
  /** How many requests {@link MockServer.requests} keeps (the oldest go first). @default 1000 */
  maxRecordedRequests?: number;
}

/** A running mock server, returned by {@link startMockServer}. */
export interface MockServer {
  /** Base URL, such as `http://127.0.0.1:8787` (no trailing slash); pass it as the client's `baseURL`. */
  readonly url: string;
  /** The port the server listens on. */
  readonly port: number;
  /** The interface the server listens on. */
  readonly host: string;
  /** The last received requests, oldest first (a copy). */
  readonly requests: readonly RecordedRequest[];
  /** Request, connection and scenario counters (a copy). */
  readonly stats: MockServerStats;
  /** Clears the request log, the counters (request ids start again at 1) and the fail-then-succeed counts. */
  reset(): void;
  /** Stops listening and destroys open connections, so it never waits on a stalled stream. */
  close(): Promise<void>;
}

/** A scenario: a function that answers the request, or a canned transcript. */
export type MockScenario = MockScenarioHandler | MockTranscript;

/** Answers one request of a scenario, through the helpers of its context. */
export type MockScenarioHandler = (context: MockScenarioContext) => void | Promise<void>;

/**
 * A canned answer kept as data. Each frame is one `write` (with the token delay
 * between frames): an object goes out as `data: <JSON>\n\n`, a string exactly as it is.
 */
export interface MockTranscript {
  /** What the transcript shows, for humans. */
  description: string;
  /** Numbers of the QUIRKS.md entries it reproduces. */
  quirks?: number[];
  /** HTTP status. @default 200 */
  status?: number;
  /** Response headers. @default { "content-type": "text/event-stream; charset=utf-8" } */
  headers?: Record<string, string>;
  /** The body, frame by frame. */
  frames: ReadonlyArray<string | Record<string, unknown>>;
  /** Choice 0's content text that accumulating the stream gives. */
  text?: string;
}

/** A validated chat completion request, as a scenario sees it. */
export interface MockChatRequest {
  /** The `x-request-id` of the answer. */
  id: string;
  /** 1 for the first request since start or `reset()`. */
  sequence: number;
  method: string;
  /** Path and query string. */
  url: string;
  pathname: string;
  headers: IncomingHttpHeaders;
  /** The JSON body (`model` and `messages` are known to be valid). */
  body: Record<string, unknown>;
  /** Whether the body asks for a stream (`stream: true`). */
  stream: boolean;
}

/** Writes an event stream to the client; every method resolves `false` once the client is gone. */
export interface MockStreamWriter {
  /** Whether the client went away or the response ended. */
  readonly closed: boolean;
  /** Writes raw text or bytes, waiting for `drain` when the socket buffer is full. */
  write(piece: string | Uint8Array): Promise<boolean>;
  /** Writes `data: <JSON>\n\n`. */
  data(payload: unknown): Promise<boolean>;
  /** Writes `event: <name>\ndata: <JSON>\n\n`. */
  event(name: string, payload: unknown): Promise<boolean>;
  /** Writes a comment line `: <text>\n\n`. */
  comment(text: string): Promise<boolean>;
  /** Writes `data: [DONE]\n\n` and ends the response. */
  done(): Promise<boolean>;
  /** Ends the response (with no `[DONE]` unless written before). */
  end(): void;
}

/** What a scenario handler receives. */
export interface MockScenarioContext {
  /** The scenario's name as selected (`"status-429"`). */
  readonly name: string;
  /** Scenario parameters: `name:key=value,…` in the selector, then `x-mock-<key>` headers. */
  readonly params: Readonly<Record<string, string>>;
  readonly request: MockChatRequest;
  /** The raw Node response, for anything the helpers do not cover. */
  readonly response: ServerResponse;
  /** Aborts when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  /** The delay between streamed chunks in force for this request. */
  readonly tokenDelayMs: number;
  /** The server's own base URL and options. */
  readonly server: { readonly url: string; readonly options: Readonly<MockServerOptions> };
  /** A parameter as a number, or `fallback` when absent or not a number. */
  numberParam(name: string, fallback: number): number;
  /** Adds one to the counter `key` and returns its new value (cleared by `reset()`). */
  count(key: string): number;
  /** Sends a JSON body. */
  sendJson(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Sends `{"error": {...}}` with the type and message usual for `status`, overridden by `error`. */
  sendError(status: number, error?: Partial<MockErrorObject>, headers?: Record<string, string>): void;
  /** Sends event-stream headers (flushed at once) and returns a writer. */
  startStream(status?: number, headers?: Record<string, string>): MockStreamWriter;
  /** Sends the normal deterministic answer, streamed or not as the request asks. */
  answer(options?: { tokenDelayMs?: number }): Promise<void>;
  /** Sends a canned transcript. */
  sendTranscript(transcript: MockTranscript): Promise<void>;
  /** Waits `ms`; resolves `false` early when the client goes away. */
  sleep(ms: number): Promise<boolean>;
  /** Resets the connection (the client sees a socket error). */
  destroy(): void;
}
