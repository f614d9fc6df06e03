import { contentPartsText } from "../accumulator/content-parts";
import { ChatCompletionAccumulator, inBandErrorOf } from "../accumulator/index";
import type { ThinkExtractorFactory } from "../accumulator/think-extractor";
import { requestIdOf } from "../errors/api-error";
import { errorFromInBand } from "../errors/from-response";
import { ConnectionError, R9SError, StreamError } from "../errors/r9s-error";
import { createSSEParser, type SSEEvent, type SSEParser } from "../sse/index";
import type { ChatCompletionChunk } from "../wire/chunk";
import type { ChatCompletion } from "../wire/completion";
import type { Logger } from "./logger";
import { readableConnection, type StreamConnection } from "./stream-connection";
import { encodeSSE } from "./stream-encoding";

/** Options of `ChatStream.fromReadableStream`. */
export interface ChatStreamFromReadableStreamOptions {
  /** Ends the stream with `AbortError` when it fires. */
  signal?: AbortSignal;
  /** The longest wait between two data events, in milliseconds. @default no limit */
  timeoutMs?: number;
  /** Response metadata to expose on the stream. */
  status?: number;
  headers?: HeadersInit;
  logger?: Logger;
  /** Moves inline `<think>…</think>` reasoning out of the content: pass `createThinkExtractor`. */
  extractThinkTags?: ThinkExtractorFactory;
}

/** Internal: how a client hands a live response (and a way to reopen it) to a stream. */
export interface ChatStreamInit {
  connection: StreamConnection;
  /** Reopens the request after `error` when the retry policy allows; throws otherwise. */
  reconnect?: (error: R9SError) => Promise<StreamConnection>;
  logger?: Logger | undefined;
  extractThinkTags?: ThinkExtractorFactory | undefined;
}

const DONE = "[DONE]";
const MAX_SKIPPED = 100;
const END: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A streamed chat completion: iterate it for `ChatCompletionChunk`s, or read
 * `textStream`, or await `finalCompletion()`. It is read once; the connection
 * is released when the loop ends, breaks or `abort()` is called.
 * @example
 * const stream = await r9s.chat.create({ model, messages, stream: true });
 * for await (const text of stream.textStream) process.stdout.write(text);
 * const completion = await stream.finalCompletion();
 */
export class ChatStream implements AsyncIterable<ChatCompletionChunk> {
  /** Data events that were not chunks (not JSON, or an unknown event type), the first 100. */
  readonly skippedEvents: SSEEvent[] = [];
  private connection: StreamConnection;
  private readonly reconnect: ChatStreamInit["reconnect"];
  private readonly logger: Logger | undefined;
  private readonly extractThinkTags: ThinkExtractorFactory | undefined;
  private accumulator: ChatCompletionAccumulator;
  // Events parsed from the body but not handed out yet; one body read usually holds many.
  private readonly events: SSEEvent[] = [];
  private eventIndex = 0;
  private parser: SSEParser;
  private bodyEnded = false;
  /** The raw `data` of the chunk `next()` returned last, for relaying without re-serializing. */
  private lastData = "";
  private started = false;
  private delivered = false;
  private aborted = false;
  private outcome: { error: R9SError } | { completion: ChatCompletion } | undefined;
  private readonly settled: Promise<void>;
  private settle!: () => void;

  /** @internal Use `chat.create({ stream: true })` or `ChatStream.fromReadableStream()`. */
  constructor(init: ChatStreamInit) {
    this.connection = init.connection;
    this.reconnect = init.reconnect;
    this.logger = init.logger;
    this.extractThinkTags = init.extractThinkTags;
    this.accumulator = new ChatCompletionAccumulator({ extractThinkTags: init.extractThinkTags });
    this.parser = this.createParser();
    this.settled = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /**
   * Reads any server-sent-events body of chat completion chunks (for example a
   * relayed stream fetched by your own code).
   * @example
   * const response = await fetch("/api/chat", { method: "POST", body });
   * const stream = ChatStream.fromReadableStream(response.body!);
   */
  static fromReadableStream(
    body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
    options: ChatStreamFromReadableStreamOptions = {},
  ): ChatStream {
    return new ChatStream({
      connection: readableConnection(body, options),
      logger: options.logger,
      extractThinkTags: options.extractThinkTags,
    });
  }

  /** HTTP status of the response being read. */
  get status(): number {
    return this.connection.status;
  }
  /** Headers of the response being read. */
  get headers(): Headers {
    return this.connection.headers;
  }
  /** The server's request id (`x-request-id`, else `request-id`). */
  get requestId(): string | undefined {
    return requestIdOf(this.connection.headers);
  }

  [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    this.claim();
    return {
      next: () => this.next(),
      return: async () => {
        this.stopEarly();
        return END;
      },
    };
  }

  /**
   * Choice 0's content text, piece by piece. Reads the same stream as the
   * chunk iterator: use one or the other.
   */
  get textStream(): AsyncIterable<string> {
    return {
      [Symbol.asyncIterator]: () => {
        this.claim();
        // With think-tag extraction, the text goes through an extractor of its own so
        // only the answer is yielded; a tail held back as a possible tag comes at the end.
        const think = this.extractThinkTags?.();
        let flushed = false;
        const next = async (): Promise<IteratorResult<string>> => {
          for (;;) {
            const result = await this.next();
            if (result.done) {
              const tail = think && !flushed ? think.flush().content : "";
              flushed = true;
              return tail ? { done: false, value: tail } : END;
            }
            const raw = textOf(result.value);
            const text = think && raw ? think.push(raw).content : raw;
            if (text) return { done: false, value: text };
          }
        };
        return {
          next,
          return: async () => {
            this.stopEarly();
            return END;
          },
        };
      },
    };
  }

  /**
   * The accumulated `ChatCompletion`. Reads the rest of the stream if nobody
   * does; also works after a loop consumed the chunks. Rejects with the
   * stream's error (whose `partial` holds what arrived).
   */
  async finalCompletion(): Promise<ChatCompletion> {
    if (!this.started) {
      this.claim();
      try {
        while (!(await this.next()).done) {
          // Draining: the accumulator folds every chunk.
        }
      } catch {
        // The outcome below carries the error.
      }
    }
    await this.settled;
    const outcome = this.outcome;
    if (outcome && "error" in outcome) throw outcome.error;
    return outcome?.completion ?? this.accumulator.snapshot();
  }

  /** What has been accumulated so far, at any point. */
  snapshot(): ChatCompletion {
    return this.accumulator.snapshot();
  }

  /** Ends the stream without an error and releases the connection, as `break` does. */
  abort(): void {
    if (this.outcome) return;
    this.aborted = true;
    this.connection.abort();
    if (!this.started) this.finish({ completion: this.accumulator.snapshot() });
  }

  /**
   * The stream as server-sent-event bytes (`data: {chunk}` … `data: [DONE]`),
   * to relay to a browser. A failure is sent as an `event: error` frame carrying
   * the error's status, so the receiving `ChatStream` raises the same class.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    this.claim();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done } = await this.next();
          if (!done) {
            controller.enqueue(encoder.encode(`data: ${this.lastData}\n\n`));
            return;
          }
          // An aborted stream is not complete: it ends without [DONE], so the receiver knows.
          if (!this.aborted) controller.enqueue(encoder.encode(`data: ${DONE}\n\n`));
          controller.close();
        } catch (error) {
          controller.enqueue(encoder.encode(encodeSSE.error(error)));
          controller.close();
        }
      },
      cancel: () => {
        this.stopEarly();
      },
    });
  }

  private claim(): void {
    if (this.started) {
      throw new R9SError(
        "This ChatStream is already being read: iterate it once (chunks or textStream), or call finalCompletion().",
      );
    }
    this.started = true;
  }

  /** The consumer stopped early (`break`, `return()`, a cancelled relay): free the connection. */
  private stopEarly(): void {
    if (this.outcome) return;
    this.aborted = true;
    this.connection.abort();
    this.connection.release();
    this.finish({ completion: this.accumulator.snapshot() });
  }

  /**
   * The next chunk. The hot path: one async call per chunk, serving events that
   * one body read already parsed, and reading the body only when they run out.
   */
  private async next(): Promise<IteratorResult<ChatCompletionChunk>> {
    if (this.outcome) {
      if ("error" in this.outcome) throw this.outcome.error;
      return END;
    }
    const connection = this.connection;
    // The consumer asks for more: time spent in its loop body is not server idleness.
    connection.touch();
    for (;;) {
      try {
        const events = this.events;
        while (this.eventIndex < events.length) {
          const event = events[this.eventIndex++] as SSEEvent;
          connection.touch();
          const chunk = this.chunkOf(event);
          if (chunk === DONE) return this.complete();
          if (chunk !== undefined) {
            this.delivered = true;
            this.lastData = event.data;
            return { done: false, value: chunk };
          }
        }
        events.length = 0;
        this.eventIndex = 0;
        if (this.bodyEnded) {
          throw new StreamError(
            "incomplete",
            "The stream ended before [DONE]; `partial` holds what arrived.",
          );
        }
        const reader = this.connection.reader;
        if (!reader)
          throw new StreamError("incomplete", "The response has no body; expected an event stream.");
        const { done, value } = await reader.read();
        if (this.outcome) return this.next();
        if (done) {
          this.bodyEnded = true;
          this.parser.end();
        } else {
          this.parser.feed(value as Uint8Array);
        }
      } catch (caught) {
        const resumed = await this.recover(caught);
        if (!resumed) return END;
      }
    }
  }

  /**
   * Handles a failure: a stopped stream ends quietly; before the first chunk a
   * retryable error reopens the request; anything else ends the stream with an
   * error that keeps the partial completion. Returns whether reading goes on.
   */
  private async recover(caught: unknown): Promise<boolean> {
    if (this.aborted || this.outcome) {
      this.finish({ completion: this.accumulator.snapshot() });
      return false;
    }
    const error = this.connection.failure(caught, this.accumulator.snapshot());
    this.connection.release();
    if (this.delivered || !this.reconnect) throw this.finish({ error: toStreamError(error) });
    try {
      this.connection = await this.reconnect(error);
    } catch (final) {
      throw this.finish({ error: toStreamError(final instanceof R9SError ? final : error) });
    }
    this.accumulator = new ChatCompletionAccumulator({ extractThinkTags: this.extractThinkTags });
    this.events.length = 0;
    this.eventIndex = 0;
    this.bodyEnded = false;
    this.parser = this.createParser();
    return true;
  }

  private async complete(): Promise<IteratorReturnResult<undefined>> {
    this.finish({ completion: this.accumulator.snapshot() });
    // The end of the body usually arrived with [DONE]: finishing it before the
    // caller's loop ends puts a keep-alive socket back in the pool for the next
    // request. The wait is one turn of I/O; a body that goes on is drained in
    // the background and never holds the loop.
    await Promise.race([this.connection.drain(), nextMacrotask()]);
    return END;
  }

  private createParser(): SSEParser {
    const events = this.events;
    return createSSEParser({
      onEvent: (event) => {
        events.push(event);
      },
    });
  }

  /** A chunk, `DONE`, or `undefined` for an event that is skipped. Throws in-band errors. */
  private chunkOf(event: SSEEvent): ChatCompletionChunk | typeof DONE | undefined {
    const { data } = event;
    if (event.event === "error") {
      throw errorFromInBand(parseLoosely(data), this.connection.headers, this.accumulator.snapshot());
    }
    if (event.event !== undefined && event.event !== "message") return this.skip(event, "unknown event type");
    if (data.charCodeAt(0) !== 123 /* { */) {
      if (data === DONE || data.trim() === DONE) return DONE;
      return this.skip(event, "not JSON");
    }
    let chunk: ChatCompletionChunk;
    try {
      chunk = JSON.parse(data);
    } catch {
      return this.skip(event, "not JSON");
    }
    this.accumulator.add(chunk);
    const inBand = inBandErrorOf(chunk);
    if (inBand !== undefined)
      throw errorFromInBand(inBand, this.connection.headers, this.accumulator.snapshot());
    return chunk;
  }

  private skip(event: SSEEvent, reason: string): undefined {
    if (this.skippedEvents.length < MAX_SKIPPED) this.skippedEvents.push(event);
    this.logger?.warn?.(`Skipped a stream event (${reason})`, {
      event: event.event,
      data: event.data.slice(0, 200),
    });
    return undefined;
  }

  private finish(outcome: { error: R9SError } | { completion: ChatCompletion }): R9SError {
    if (!this.outcome) {
      this.outcome = outcome;
      if ("error" in outcome || this.aborted) this.connection.release();
      this.settle();
    }
    return "error" in outcome ? outcome.error : (undefined as never);
  }
}

/** Choice 0's text in a chunk (string content, or the text parts some providers stream). */
function textOf(chunk: ChatCompletionChunk): string | undefined {
  const choices = chunk.choices;
  if (!choices) return undefined;
  const choice = choices[0]?.index === 0 ? choices[0] : choices.find((candidate) => candidate.index === 0);
  const content = choice?.delta?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? contentPartsText(content).content : undefined;
}

/** A connection that broke mid-stream is a `StreamError` to the caller; the cause keeps the details. */
function toStreamError(error: R9SError): R9SError {
  if (!(error instanceof ConnectionError)) return error;
  return new StreamError("broken", `The stream broke: ${error.message}`, {
    cause: error,
    partial: error.partial,
  });
}

/**
 * Resolves after the pending I/O has had a turn. A `MessageChannel` message
 * rather than a timer: fake timers (a user's tests) never hold it back.
 */
function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

function parseLoosely(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return { error: { message: data } };
  }
}
