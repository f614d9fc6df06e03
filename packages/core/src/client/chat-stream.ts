import { contentPartsText } from "../accumulator/content-parts";
import { ChatCompletionAccumulator, inBandErrorOf } from "../accumulator/index";
import { requestIdOf } from "../errors/api-error";
import { errorFromInBand } from "../errors/from-response";
import { ConnectionError, R9SError, StreamError } from "../errors/r9s-error";
import { iterateBody } from "../internal/read-body";
import { createSSEParser, type SSEEvent } from "../sse/index";
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
}

/** Internal: how a client hands a live response (and a way to reopen it) to a stream. */
export interface ChatStreamInit {
  connection: StreamConnection;
  /** Reopens the request after `error` when the retry policy allows; throws otherwise. */
  reconnect?: (error: R9SError) => Promise<StreamConnection>;
  logger?: Logger | undefined;
}

type Item = { chunk: ChatCompletionChunk; data: string };
const DONE = "[DONE]";
const MAX_SKIPPED = 100;

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
  private accumulator = new ChatCompletionAccumulator();
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
    return new ChatStream({ connection: readableConnection(body, options), logger: options.logger });
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

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk, void, undefined> {
    for await (const item of this.items()) yield item.chunk;
  }

  /**
   * Choice 0's content text, piece by piece. Reads the same stream as the
   * chunk iterator: use one or the other.
   */
  get textStream(): AsyncIterable<string> {
    const items = () => this.items();
    return {
      async *[Symbol.asyncIterator]() {
        for await (const { chunk } of items()) {
          const choices = chunk.choices;
          if (!choices) continue;
          const choice =
            choices[0]?.index === 0 ? choices[0] : choices.find((candidate) => candidate.index === 0);
          const content = choice?.delta?.content;
          if (typeof content === "string") {
            if (content) yield content;
          } else if (Array.isArray(content)) {
            const text = contentPartsText(content).content;
            if (text) yield text;
          }
        }
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
      for await (const _ of this.items()) {
        // Draining: the accumulator folds every chunk.
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
    const iterator = this.items();
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { value, done } = await iterator.next();
          if (!done) {
            controller.enqueue(encoder.encode(`data: ${value.data}\n\n`));
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
      cancel: async () => {
        // A pending read would hold `return()` back on a stalled upstream: abort first.
        this.abort();
        await iterator.return(undefined);
      },
    });
  }

  private async *items(): AsyncGenerator<Item, void, undefined> {
    if (this.started) {
      throw new R9SError(
        "This ChatStream is already being read: iterate it once (chunks or textStream), or call finalCompletion().",
      );
    }
    this.started = true;
    try {
      for (;;) {
        try {
          yield* this.read(this.connection);
          this.finish({ completion: this.accumulator.snapshot() });
          return;
        } catch (caught) {
          if (this.aborted) {
            this.finish({ completion: this.accumulator.snapshot() });
            return;
          }
          const error = this.connection.failure(caught, this.accumulator.snapshot());
          this.connection.release();
          if (this.delivered || !this.reconnect) throw this.finish({ error: toStreamError(error) });
          try {
            this.connection = await this.reconnect(error);
          } catch (final) {
            throw this.finish({ error: toStreamError(final instanceof R9SError ? final : error) });
          }
          this.accumulator = new ChatCompletionAccumulator();
        }
      }
    } finally {
      if (!this.outcome) {
        // The consumer stopped early (`break`): free the connection.
        this.aborted = true;
        this.connection.abort();
        this.connection.release();
        this.finish({ completion: this.accumulator.snapshot() });
      }
    }
  }

  private async *read(connection: StreamConnection): AsyncGenerator<Item, void, undefined> {
    const queue: SSEEvent[] = [];
    const parser = createSSEParser({
      onEvent: (event) => {
        queue.push(event);
      },
    });
    const body = connection.body;
    if (!body) throw new StreamError("incomplete", "The response has no body; expected an event stream.");
    const iterator = iterateBody(body);
    let done = false;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) parser.end();
        else parser.feed(next.value);
        // Index loop over a reused array: no per-event allocation beyond the event itself.
        for (let index = 0; index < queue.length; index++) {
          const event = queue[index] as SSEEvent;
          connection.touch();
          const chunk = this.chunkOf(event, connection);
          if (chunk === DONE) {
            done = true;
            break;
          }
          if (chunk === undefined) continue;
          this.delivered = true;
          yield { chunk, data: event.data };
          connection.touch();
        }
        queue.length = 0;
        if (done || next.done) break;
      }
    } finally {
      if (done) connection.drain(iterator);
      else if (!this.outcome) await iterator.return(undefined).catch(() => {});
    }
    if (!done) {
      throw new StreamError("incomplete", "The stream ended before [DONE]; `partial` holds what arrived.", {
        partial: this.accumulator.snapshot(),
      });
    }
    connection.release();
  }

  /** A chunk, `DONE`, or `undefined` for an event that is skipped. Throws in-band errors. */
  private chunkOf(
    event: SSEEvent,
    connection: StreamConnection,
  ): ChatCompletionChunk | typeof DONE | undefined {
    const { data } = event;
    if (event.event === "error") {
      throw errorFromInBand(parseLoosely(data), connection.headers, this.accumulator.snapshot());
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
    const inBand = inBandErrorOf(chunk);
    if (inBand !== undefined) {
      this.accumulator.add(chunk);
      throw errorFromInBand(inBand, connection.headers, this.accumulator.snapshot());
    }
    this.accumulator.add(chunk);
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
      this.settle();
    }
    return "error" in outcome ? outcome.error : (undefined as never);
  }
}

/** A connection that broke mid-stream is a `StreamError` to the caller; the cause keeps the details. */
function toStreamError(error: R9SError): R9SError {
  if (!(error instanceof ConnectionError)) return error;
  return new StreamError("broken", `The stream broke: ${error.message}`, {
    cause: error,
    partial: error.partial,
  });
}

function parseLoosely(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return { error: { message: data } };
  }
}
