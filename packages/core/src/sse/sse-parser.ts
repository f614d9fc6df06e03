import type { SSEEvent, SSEParser, SSEParserOptions } from "./types";

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const COLON = 58;
const DIGIT_ZERO = 48;
const DIGIT_NINE = 57;
const LETTER_A = 97;
const LETTER_D = 100;
const LETTER_T = 116;
const BYTE_ORDER_MARK = 0xfeff;

/** Byte chunks shorter than this are held until a line ending arrives (see `feedBytes`). */
const SMALL_CHUNK = 128;

/**
 * Creates a push parser for a `text/event-stream` body that follows the WHATWG
 * interpretation exactly: LF, CR and CRLF line endings (also mixed, and a CRLF
 * split across two pieces), one leading BOM, comments, multi-line `data`,
 * `event`, `id` (persisting, ignored when it holds NULL) and `retry`.
 *
 * @example
 * ```ts
 * const parser = createSSEParser({
 *   onEvent(event) {
 *     if (event.data !== "[DONE]") console.log(JSON.parse(event.data));
 *   },
 *   onComment(comment) {
 *     console.log("keep-alive:", comment);
 *   },
 * });
 * const reader = response.body!.getReader();
 * for (let read = await reader.read(); !read.done; read = await reader.read()) {
 *   parser.feed(read.value);
 * }
 * parser.end();
 * ```
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function createSSEParser(options: SSEParserOptions): SSEParser {
  const { onEvent, onComment, onRetry } = options;

  // One decoder for the whole stream, in streaming mode, so a UTF-8 sequence
  // split across reads is completed by the next read instead of becoming
  // U+FFFD. `ignoreBOM` because the BOM is stripped below, on text, so that
  // feeding strings and feeding bytes behave the same. Undefined until bytes
  // are fed, and again once a string or `end()` flushed it.
  let decoder: TextDecoder | undefined;

  // The start of a line whose ending has not arrived yet. Only the new piece
  // of text is ever scanned for line endings, so a long line delivered in
  // tiny pieces is scanned once, not once per piece; the pieces are joined
  // (a cheap rope concatenation in V8) and read only once the line is whole.
  let pending = "";
  // A CR ended the last piece: if the next piece starts with LF, that LF
  // belongs to the same CRLF line ending.
  let skipLeadingLineFeed = false;
  let atStreamStart = true;

  // The data buffer of the event being built. Most events carry one data
  // line, so it is held as a plain string rather than an array to join, and
  // `hasData` replaces the spec's trailing "\n" bookkeeping: `data` is
  // dispatched when at least one data line (even an empty one) was seen.
  let data = "";
  let hasData = false;
  let eventType = "";
  let lastEventId = "";

  function dispatch(): void {
    // WHATWG: with an empty data buffer, nothing is dispatched, but the event
    // type is still reset (an `id:` already updated the last event ID).
    if (!hasData) {
      eventType = "";
      return;
    }
    // Keys with their default value are left out: the type "message" is the
    // default whether implied or explicit, and "" is the default last event ID.
    let event: SSEEvent;
    if (eventType === "" || eventType === "message") {
      event = lastEventId === "" ? { data } : { data, id: lastEventId };
    } else {
      event = lastEventId === "" ? { event: eventType, data } : { event: eventType, data, id: lastEventId };
    }
    data = "";
    hasData = false;
    eventType = "";
    onEvent(event);
  }

  function appendData(value: string): void {
    if (hasData) {
      data = data + "\n" + value;
    } else {
      data = value;
      hasData = true;
    }
  }

  // A line is given as `line.slice(start, end)` without making that slice:
  // for a line wholly inside one piece, `line` is the piece itself, so only
  // the field value is ever copied out.
  function processLine(line: string, start: number, end: number): void {
    if (start === end) {
      dispatch();
      return;
    }
    const first = line.charCodeAt(start);
    // Hot path: nearly every line of an LLM stream is `data: {...}`. The name
    // is matched by char codes, so no field-name string is created.
    if (
      first === LETTER_D &&
      end - start >= 4 &&
      line.charCodeAt(start + 1) === LETTER_A &&
      line.charCodeAt(start + 2) === LETTER_T &&
      line.charCodeAt(start + 3) === LETTER_A
    ) {
      const afterName = start + 4;
      // `data` alone is the field "data" with an empty value.
      if (afterName === end) {
        appendData("");
        return;
      }
      if (line.charCodeAt(afterName) === COLON) {
        let valueStart = afterName + 1;
        // Exactly one optional space is stripped; `data:{...}` keeps its "{".
        if (valueStart < end && line.charCodeAt(valueStart) === SPACE) valueStart++;
        appendData(line.slice(valueStart, end));
        return;
      }
      // A longer name such as `datum` is an ordinary (unknown) field.
    }
    if (first === COLON) {
      if (onComment !== undefined) {
        let textStart = start + 1;
        if (textStart < end && line.charCodeAt(textStart) === SPACE) textStart++;
        onComment(line.slice(textStart, end));
      }
      return;
    }
    processField(line, start, end);
  }

  // The rare fields (`event`, `id`, `retry`, unknown ones). The colon search
  // is bounded by the line so it never scans into the lines that follow.
  function processField(line: string, start: number, end: number): void {
    let colon = start;
    while (colon < end && line.charCodeAt(colon) !== COLON) colon++;
    const name = line.slice(start, colon);
    let value = "";
    if (colon < end) {
      let valueStart = colon + 1;
      if (valueStart < end && line.charCodeAt(valueStart) === SPACE) valueStart++;
      value = line.slice(valueStart, end);
    }
    switch (name) {
      case "event":
        eventType = value;
        break;
      case "id":
        // WHATWG: an id holding NULL is ignored; an empty one resets the ID.
        if (!value.includes("\0")) lastEventId = value;
        break;
      case "retry":
        if (onRetry !== undefined && isAsciiDigits(value)) onRetry(Number(value));
        break;
      // `data` never reaches here (the hot path takes it); other names are ignored.
    }
  }

  function parse(text: string): void {
    const length = text.length;
    // An empty piece (a decoder holding an incomplete character) must not
    // clear the CRLF or BOM state meant for the next real character.
    if (length === 0) return;
    let position = 0;
    if (atStreamStart) {
      atStreamStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) position = 1;
    } else if (skipLeadingLineFeed) {
      skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === LINE_FEED) position = 1;
    }

    // The next LF and the next CR are each found with indexOf (native, fast)
    // and remembered, so each is searched again only once it has been passed:
    // the piece is scanned for each character at most once, even when one of
    // them never occurs (most streams have no CR at all).
    let lineFeed = text.indexOf("\n", position);
    let carriageReturn = text.indexOf("\r", position);
    while (lineFeed !== -1 || carriageReturn !== -1) {
      let lineEnd: number;
      let next: number;
      if (carriageReturn === -1 || (lineFeed !== -1 && lineFeed < carriageReturn)) {
        lineEnd = lineFeed;
        next = lineFeed + 1;
        lineFeed = text.indexOf("\n", next);
      } else {
        lineEnd = carriageReturn;
        next = carriageReturn + 1;
        // The CR ends the line now, even at the end of the piece (a lone CR
        // is a line ending too, so waiting would only delay a dispatch);
        // an LF that follows, here or at the start of the next piece, is
        // part of the same line ending.
        if (next === length) skipLeadingLineFeed = true;
        else if (text.charCodeAt(next) === LINE_FEED) next++;
        carriageReturn = text.indexOf("\r", next);
        if (lineFeed !== -1 && lineFeed < next) lineFeed = text.indexOf("\n", next);
      }
      if (pending.length === 0) {
        processLine(text, position, lineEnd);
      } else {
        const line = pending + text.slice(position, lineEnd);
        pending = "";
        processLine(line, 0, line.length);
      }
      position = next;
    }
    if (position < length) pending = pending + (position === 0 ? text : text.slice(position));
  }

  // Small byte chunks (a proxy flushing every few bytes) are held back, not
  // decoded, until one brings a line ending: a TextDecoder call costs about
  // as much as scanning a hundred bytes, so decoding each 1-64 byte read
  // would dominate. Nothing observable changes: a callback can only fire
  // when a line ends, and the chunk that ends it is decoded at once. The
  // bytes are copied, so a caller may reuse its buffer after `feed`.
  let held: Uint8Array | undefined;
  let heldLength = 0;

  function hold(chunk: Uint8Array): void {
    const needed = heldLength + chunk.length;
    if (held === undefined || needed > held.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * (held?.length ?? 0), 4 * SMALL_CHUNK));
      if (held !== undefined) grown.set(held.subarray(0, heldLength));
      held = grown;
    }
    held.set(chunk, heldLength);
    heldLength = needed;
  }

  function decodeHeld(): string {
    const bytes = (held as Uint8Array).subarray(0, heldLength);
    heldLength = 0;
    decoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
    return decoder.decode(bytes, { stream: true });
  }

  function feedBytes(chunk: Uint8Array): void {
    const length = chunk.length;
    if (length < SMALL_CHUNK) {
      let index = 0;
      while (index < length) {
        const byte = chunk[index] as number;
        if (byte === LINE_FEED || byte === CARRIAGE_RETURN) break;
        index++;
      }
      if (index === length) {
        hold(chunk);
        return;
      }
      if (heldLength > 0) {
        hold(chunk);
        parse(decodeHeld());
        return;
      }
    } else if (heldLength > 0) {
      parse(decodeHeld());
    }
    decoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
    parse(decoder.decode(chunk, { stream: true }));
  }

  function feed(chunk: Uint8Array | string): void {
    if (typeof chunk !== "string") {
      feedBytes(chunk);
      return;
    }
    // Bytes fed before a string: an incomplete sequence they end with can
    // no longer be completed, so it is flushed (as U+FFFD) first.
    if (heldLength > 0) parse(decodeHeld());
    if (decoder !== undefined) {
      const rest = decoder.decode();
      decoder = undefined;
      parse(rest);
    }
    parse(chunk);
  }

  function end(): void {
    // Held bytes (never a line ending among them) and what the decoder
    // still holds can only extend the unterminated last line, which is
    // discarded, so they are dropped unread.
    decoder = undefined;
    held = undefined;
    heldLength = 0;
    pending = "";
    skipLeadingLineFeed = false;
    atStreamStart = true;
    data = "";
    hasData = false;
    eventType = "";
    lastEventId = "";
  }

  return { feed, end };
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < DIGIT_ZERO || code > DIGIT_NINE) return false;
  }
  return true;
}
