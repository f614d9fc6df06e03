/**
 * One event dispatched by the event-stream parser.
 *
 * Keys whose value is the WHATWG default are omitted: `{ data: "x" }` is the
 * common shape, and a default sent explicitly (`event: message`) gives the
 * same object as one left implied.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#dispatchMessage
 */
export type SSEEvent = {
  /**
   * The event type set by an `event:` line of this event. Absent for the
   * default type `message`, whether implied or sent as `event: message`.
   */
  event?: string;
  /** The `data:` lines of the event, joined with `"\n"`. */
  data: string;
  /**
   * The last event ID in force when the event was dispatched: it persists
   * across events until another `id:` line changes it. Absent while it is the
   * empty string (never set, or reset by an empty `id:` line).
   */
  id?: string;
};

/** Callbacks of {@link createSSEParser}. */
export type SSEParserOptions = {
  /** Called for each dispatched event, in stream order. */
  onEvent(event: SSEEvent): void;
  /**
   * Called for each comment line (a line starting with `:`), with the text
   * after the colon minus one leading space: `: OPENROUTER PROCESSING` gives
   * `"OPENROUTER PROCESSING"`. Useful for keep-alive timing; comments never
   * become events.
   */
  onComment?(comment: string): void;
  /**
   * Called for each `retry:` line whose value is one or more ASCII digits, with
   * that value in milliseconds (a value longer than 15 digits may lose
   * precision). Other `retry:` values are ignored, as WHATWG says.
   */
  onRetry?(ms: number): void;
};

/** A push parser for one `text/event-stream` body, made by {@link createSSEParser}. */
export type SSEParser = {
  /**
   * Parses the next piece of the stream: bytes (decoded as UTF-8, safe when a
   * character is split across calls) or already decoded text. Callbacks run
   * synchronously, before `feed` returns. Any way of cutting the stream into
   * pieces gives the same callbacks.
   */
  feed(chunk: Uint8Array | string): void;
  /**
   * Ends the stream. As WHATWG says, an event that no blank line terminated,
   * and a last line with no line ending, are discarded: they dispatch nothing
   * and apply no `id:` or `retry:`. The parser is then reset, last event ID
   * included, and can parse a new stream.
   */
  end(): void;
};
