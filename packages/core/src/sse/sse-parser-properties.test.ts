import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSSEParser } from "./sse-parser";
import type { SSEEvent } from "./types";

type Parsed = { events: SSEEvent[]; comments: string[]; retries: number[] };

function parse(pieces: Iterable<string | Uint8Array>): Parsed {
  const parsed: Parsed = { events: [], comments: [], retries: [] };
  const parser = createSSEParser({
    onEvent: (event) => parsed.events.push(event),
    onComment: (comment) => parsed.comments.push(comment),
    onRetry: (ms) => parsed.retries.push(ms),
  });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return parsed;
}

/**
 * The WHATWG algorithm written the obvious way, on the whole decoded body:
 * slow (regex split, an array of lines, a data buffer with its trailing LF)
 * but easy to check against the spec text line by line.
 */
function referenceParse(bytes: Uint8Array): Parsed {
  const parsed: Parsed = { events: [], comments: [], retries: [] };
  // The default decoder strips one leading BOM and replaces invalid bytes, as the spec's UTF-8 decode.
  const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/);
  // What follows the last line ending is not a line: at EOF it is discarded.
  lines.pop();
  let dataBuffer = "";
  let eventType = "";
  let lastEventId = "";
  const stripSpace = (value: string): string => (value.startsWith(" ") ? value.slice(1) : value);
  for (const line of lines) {
    if (line === "") {
      if (dataBuffer !== "") {
        const event: SSEEvent = { data: dataBuffer.slice(0, -1) };
        if (eventType !== "" && eventType !== "message") event.event = eventType;
        if (lastEventId !== "") event.id = lastEventId;
        parsed.events.push(event);
      }
      dataBuffer = "";
      eventType = "";
    } else if (line.startsWith(":")) {
      parsed.comments.push(stripSpace(line.slice(1)));
    } else {
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : stripSpace(line.slice(colon + 1));
      if (field === "data") dataBuffer += value + "\n";
      else if (field === "event") eventType = value;
      else if (field === "id" && !value.includes("\0")) lastEventId = value;
      else if (field === "retry" && /^[0-9]+$/.test(value)) parsed.retries.push(Number(value));
    }
  }
  return parsed;
}

const encoder = new TextEncoder();

/** Cuts `whole` at the given points (taken modulo its length). */
function cutAt<T extends string | Uint8Array | string[]>(whole: T, points: number[]): T[] {
  const cuts = points.map((point) => point % (whole.length + 1)).sort((left, right) => left - right);
  const pieces: T[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(whole.slice(start, cut) as T);
    start = cut;
  }
  pieces.push(whole.slice(start) as T);
  return pieces;
}

const nastyToken = fc.constantFrom(
  "data",
  "data:",
  "data: ",
  "datum",
  "Data",
  "event",
  "event:",
  "event: ",
  "message",
  "id",
  "id:",
  "id: ",
  "retry:",
  "retry: ",
  ":",
  ": ",
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\n\n",
  "\r\n\r\n",
  "\uFEFF",
  "\0",
  "{",
  '"content":"',
  "}",
  "[DONE]",
  "0",
  "42",
  "x",
  "é",
  "日本",
  "🎉",
  "👨‍👩‍👧",
);

/** Any text built from the pieces of the syntax and from multi-byte characters, in any order. */
const nastyStream = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.oneof(nastyToken, fc.string({ unit: "grapheme", maxLength: 6 })), { maxLength: 60 }),
  )
  .map(([bom, tokens]) => (bom ? "\uFEFF" : "") + tokens.join(""));

const lineEnding = fc.constantFrom("\n", "\r", "\r\n");
const fieldValue = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }).map((value) => value.replace(/[\r\n]/g, " ")),
  fc.constantFrom(
    "",
    " ",
    "message",
    "a\0b",
    "\0",
    "7",
    "0012",
    " 5",
    "-1",
    "\uFEFF",
    '{"content":"日本 🎉"}',
    "[DONE]",
  ),
);
const fieldLine = fc.oneof(
  { weight: 6, arbitrary: fieldValue.map((value) => `data: ${value}`) },
  { weight: 2, arbitrary: fieldValue.map((value) => `data:${value}`) },
  { weight: 1, arbitrary: fc.constant("data") },
  { weight: 2, arbitrary: fieldValue.map((value) => `event: ${value}`) },
  { weight: 2, arbitrary: fieldValue.map((value) => `id: ${value}`) },
  { weight: 1, arbitrary: fc.oneof(fc.nat(), fieldValue).map((value) => `retry: ${value}`) },
  { weight: 2, arbitrary: fieldValue.map((value) => `:${value}`) },
  { weight: 1, arbitrary: fieldValue.map((value) => `x-unknown: ${value}`) },
);

/** Well-formed streams: events of field lines ended by blank lines, with any line endings. */
const validStream = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.tuple(fc.array(fc.tuple(fieldLine, lineEnding), { minLength: 1, maxLength: 5 }), lineEnding),
      { maxLength: 12 },
    ),
  )
  .map(
    ([bom, events]) =>
      (bom ? "\uFEFF" : "") +
      events.map(([lines, end]) => lines.map(([line, ending]) => line + ending).join("") + end).join(""),
  );

const anyStream = fc.oneof(validStream, nastyStream);
const cutPoints = fc.array(fc.nat(), { maxLength: 40 });
const runs = { numRuns: 400 };

describe("any chunking gives the same events", () => {
  it("matches the reference parser when fed whole", () => {
    fc.assert(
      fc.property(anyStream, (text) => {
        const bytes = encoder.encode(text);
        expect(parse([bytes])).toStrictEqual(referenceParse(bytes));
      }),
      runs,
    );
  });

  it("gives the same events for any cutting of the bytes", () => {
    fc.assert(
      fc.property(anyStream, cutPoints, (text, points) => {
        const bytes = encoder.encode(text);
        expect(parse(cutAt(bytes, points))).toStrictEqual(parse([bytes]));
      }),
      runs,
    );
  });

  it("gives the same events byte by byte", () => {
    fc.assert(
      fc.property(anyStream, (text) => {
        const bytes = encoder.encode(text);
        expect(parse(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toStrictEqual(parse([bytes]));
      }),
      { numRuns: 100 },
    );
  });

  it("gives the same events for strings as for their bytes, for any cutting of the string", () => {
    fc.assert(
      fc.property(anyStream, cutPoints, (text, points) => {
        expect(parse(cutAt(text, points))).toStrictEqual(parse([encoder.encode(text)]));
      }),
      runs,
    );
  });

  it("gives the same events when string and byte pieces alternate", () => {
    fc.assert(
      fc.property(anyStream, cutPoints, fc.array(fc.boolean(), { minLength: 1 }), (text, points, asBytes) => {
        // Cut between code points: a string piece cannot carry half of a character fed as bytes.
        const codePoints = Array.from(text);
        const pieces = cutAt(codePoints, points).map((piece, index) => {
          const pieceText = piece.join("");
          return asBytes[index % asBytes.length] ? encoder.encode(pieceText) : pieceText;
        });
        expect(parse(pieces)).toStrictEqual(parse([text]));
      }),
      runs,
    );
  });
});
