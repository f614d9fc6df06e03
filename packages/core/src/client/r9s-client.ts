import { errorFromInBand, isInBandError } from "../errors/from-response";
import { R9SError, ValidationError } from "../errors/r9s-error";
import { resolveRetryConfig } from "../retry/index";
import { validateChatCompletionParams, validateHeaders } from "../validation/index";
import type { ChatCompletion } from "../wire/completion";
import type {
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "../wire/request";
import type { RequestContext } from "./attempt";
import { ChatStream } from "./chat-stream";
import { isBrowser } from "./environment";
import { type ClientOptions, DEFAULT_TIMEOUT_MS, type HeadersOption, type RequestOptions } from "./options";
import { RequestRunner } from "./request-runner";
import { attemptConnection } from "./stream-connection";
import { DEFAULT_BASE_URL, joinURL } from "./url";

/** `client.chat`: chat completions. */
export interface ChatResource {
  /**
   * Creates a chat completion. With `stream: true` resolves (once the response
   * headers arrive) to a `ChatStream`; otherwise to the whole `ChatCompletion`.
   * A request that breaks the API's rules is refused with `ValidationError`
   * before anything is sent.
   */
  create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<ChatStream>;
  create(params: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): Promise<ChatCompletion>;
  create(params: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatStream | ChatCompletion>;
}

/**
 * The r9s client over any `Transport`. The adapters' `R9S` classes extend it
 * with their transport and environment defaults.
 * @example
 * const client = createClient({ transport: fetchTransport(), apiKey });
 * const completion = await client.chat.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
 */
export class R9SClient {
  /** The base URL requests go to, as given (path prefix kept). */
  readonly baseURL: string;
  readonly chat: ChatResource;
  private readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    if (!options || typeof options.transport?.request !== "function") {
      throw new ValidationError(
        "transport",
        "A transport is required: pass nodeTransport(), fetchTransport() or your own.",
      );
    }
    if (options.apiKey && isBrowser() && !options.dangerouslyAllowBrowser) {
      throw new R9SError(
        'An apiKey in a browser page is visible to every visitor. Call your own relay instead (baseURL: "/api", no apiKey), or pass dangerouslyAllowBrowser: true if you accept that risk.',
      );
    }
    checkTimeout(options.timeoutMs, "timeoutMs");
    validateHeaders(options.headers, "headers");
    this.options = options;
    this.baseURL = options.baseURL ?? DEFAULT_BASE_URL;
    const create = (params: ChatCompletionCreateParams, requestOptions?: RequestOptions) =>
      this.createChatCompletion(params, requestOptions);
    this.chat = { create } as ChatResource;
  }

  /** A client with the same settings except those given. */
  withOptions(options: Partial<ClientOptions>): R9SClient {
    return new R9SClient({ ...this.options, ...options });
  }

  private async createChatCompletion(
    params: ChatCompletionCreateParams,
    options: RequestOptions = {},
  ): Promise<ChatStream | ChatCompletion> {
    validateChatCompletionParams(params);
    validateHeaders(options.headers, "options.headers");
    checkTimeout(options.timeoutMs, "options.timeoutMs");
    const stream = params.stream === true;
    const context = this.context("/v1/chat/completions", params, stream, options);
    const runner = new RequestRunner(context, resolveRetryConfig(this.options.retries, options.retries));
    if (stream) {
      const { attempt, response } = await runner.open();
      return new ChatStream({
        connection: attemptConnection(attempt, response),
        logger: this.options.logger,
        extractThinkTags: options.extractThinkTags,
        reconnect: async (error) => {
          await runner.backOff(error);
          const next = await runner.open();
          return attemptConnection(next.attempt, next.response);
        },
      });
    }
    for (;;) {
      const { attempt, response } = await runner.open();
      try {
        const text = await attempt.readText(response);
        attempt.release();
        return parseCompletion(text, response.headers);
      } catch (caught) {
        const error = attempt.failure(caught);
        attempt.release();
        await runner.backOff(error);
      }
    }
  }

  private context(path: string, body: unknown, stream: boolean, options: RequestOptions): RequestContext {
    const { apiKey } = this.options;
    const headers: HeadersOption = {
      accept: stream ? "text/event-stream" : "application/json",
      "content-type": "application/json",
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    };
    mergeHeaders(headers, this.options.headers);
    mergeHeaders(headers, options.headers);
    const sent: Record<string, string> = {};
    for (const name in headers) {
      const value = headers[name];
      if (value != null) sent[name] = value;
    }
    return {
      transport: this.options.transport,
      method: "POST",
      url: joinURL(this.baseURL, path),
      headers: sent,
      body: JSON.stringify(body),
      timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
      logger: this.options.logger,
      apiKey,
    };
  }
}

/**
 * Creates a client over a transport (core alone; the adapters' `R9S` classes
 * do this for you).
 * @example
 * import { createClient } from "@r9s/core";
 * const client = createClient({ transport: myTransport, apiKey: "sk-…", baseURL: "https://api.r9s.ai" });
 */
export function createClient(options: ClientOptions): R9SClient {
  return new R9SClient(options);
}

function mergeHeaders(target: HeadersOption, extra: HeadersOption | undefined): void {
  if (!extra) return;
  for (const name in extra) {
    const value = extra[name];
    if (value !== undefined) target[name.toLowerCase()] = value;
  }
}

function checkTimeout(timeoutMs: number | undefined, field: string): void {
  if (timeoutMs === undefined) return;
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs) || timeoutMs <= 0) {
    throw new ValidationError(
      field,
      `${field} must be a positive number of milliseconds (Infinity for no limit), got ${String(timeoutMs)}.`,
    );
  }
}

function parseCompletion(text: string, headers: Headers): ChatCompletion {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    const snippet = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new R9SError(`Expected a JSON chat completion, got: ${snippet || "(empty body)"}`);
  }
  if (isInBandError(payload)) {
    const empty: ChatCompletion = { id: "", object: "chat.completion", created: 0, model: "", choices: [] };
    throw errorFromInBand(payload, headers, empty);
  }
  return payload as ChatCompletion;
}
