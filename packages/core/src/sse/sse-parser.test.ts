import { describe, expect, it } from "vitest";
import { createSSEParser } from "./sse-parser";
import type { SSEEvent } from "./types";

type Parsed = { events: SSEEvent[]; comments: string[]; retries: number[] };

/** Feeds each piece in turn, then ends the stream. */
function parse(...pieces: (string | Uint8Array)[]): Parsed {
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

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

/** Every way to cut `input` in two, as bytes. */
function everyByteSplit(input: string): Uint8Array[][] {
  const all = bytes(input);
  const splits: Uint8Array[][] = [];
  for (let cut = 0; cut <= all.length; cut++) splits.push([all.subarray(0, cut), all.subarray(cut)]);
  return splits;
}

function byteByByte(input: string): Uint8Array[] {
  return Array.from(bytes(input), (byte) => Uint8Array.of(byte));
}

describe("WHATWG event-stream interpretation", () => {
  describe("line endings", () => {
    it("LF ends a line", () => {
      expect(parse("data: a\ndata: b\n\n").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("a lone CR ends a line", () => {
      expect(parse("data: a\rdata: b\r\r").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("CRLF ends a line once", () => {
      expect(parse("data: a\r\ndata: b\r\n\r\n").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("LF, CR and CRLF mix in one stream", () => {
      expect(parse("data: a\rdata: b\r\ndata: c\n\r\ndata: d\r\r\n").events).toStrictEqual([
        { data: "a\nb\nc" },
        { data: "d" },
      ]);
    });

    it("a CR ending one piece and an LF starting the next are one line ending", () => {
      expect(parse("data: a\r", "\ndata: b\r\n\r\n").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("a CR ending one piece followed by another line is one line ending", () => {
      expect(parse("data: a\r", "data: b\r", "\r").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("empty pieces between CR and LF keep them one line ending", () => {
      expect(parse("data: a\r", "", new Uint8Array(0), "\ndata: b\n\n").events).toStrictEqual([
        { data: "a\nb" },
      ]);
    });

    it("a CR dispatches at once, before knowing whether an LF follows", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      parser.feed("data: a\r\r");
      expect(events).toStrictEqual([{ data: "a" }]);
    });

    it("a stream ending in a CR still ends its last line", () => {
      expect(parse("data: a\n\r").events).toStrictEqual([{ data: "a" }]);
    });
  });

  describe("byte order mark and decoding", () => {
    it("strips one BOM at the start of the stream", () => {
      expect(parse(bytes("\uFEFFdata: a\n\n")).events).toStrictEqual([{ data: "a" }]);
    });

    it("strips a BOM split across byte pieces", () => {
      expect(
        parse(Uint8Array.of(0xef), Uint8Array.of(0xbb), bytes("\uFEFFdata: a\n\n").subarray(2)).events,
      ).toStrictEqual([{ data: "a" }]);
    });

    it("strips a BOM at the start of a string stream", () => {
      expect(parse("\uFEFFdata: a\n\n").events).toStrictEqual([{ data: "a" }]);
    });

    it("strips only the first BOM: a second one starts the field name", () => {
      expect(parse(bytes("\uFEFF\uFEFFdata: a\n\ndata: b\n\n")).events).toStrictEqual([{ data: "b" }]);
    });

    it("keeps a BOM after the start of the stream", () => {
      expect(parse("data: a\n\n", "\uFEFFdata: b\n\ndata: \uFEFFc\n\n").events).toStrictEqual([
        { data: "a" },
        { data: "\uFEFFc" },
      ]);
    });

    it("decodes invalid UTF-8 as U+FFFD, as the WHATWG UTF-8 decode does", () => {
      expect(parse(Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a)).events).toStrictEqual([
        { data: "\uFFFD" },
      ]);
    });

    it("completes a character split across byte pieces", () => {
      for (const pieces of everyByteSplit("data: 日本🎉\n\n")) {
        expect(parse(...pieces).events).toStrictEqual([{ data: "日本🎉" }]);
      }
    });

    it("flushes an incomplete character as U+FFFD when a string follows bytes", () => {
      expect(parse(bytes("data: a").subarray(0, 7), Uint8Array.of(0xe6), "\n\n").events).toStrictEqual([
        { data: "a\uFFFD" },
      ]);
    });

    it("copies what it keeps, so the caller may reuse its buffer", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      const buffer = new Uint8Array(8);
      for (const piece of ["data: ab", "cdefghij", "\n\n"]) {
        buffer.fill(0);
        const written = encoder.encodeInto(piece, buffer).written;
        parser.feed(buffer.subarray(0, written));
      }
      expect(events).toStrictEqual([{ data: "abcdefghij" }]);
    });

    it("accepts string and byte pieces in one stream", () => {
      expect(parse("data: a", bytes("b\n"), "data: c\n", bytes("\n")).events).toStrictEqual([
        { data: "ab\nc" },
      ]);
    });
  });

  describe("comments", () => {
    it("a line starting with a colon is a comment, passed to onComment without its one leading space", () => {
      expect(parse(": hello\n\n")).toStrictEqual({ events: [], comments: ["hello"], retries: [] });
    });

    it("a bare colon is an empty comment", () => {
      expect(parse(":\n").comments).toStrictEqual([""]);
    });

    it("a comment keeps all but one leading space", () => {
      expect(parse(":  two\n:no-space\n").comments).toStrictEqual([" two", "no-space"]);
    });

    it("a comment inside an event does not interrupt it", () => {
      expect(parse("data: a\n: note\ndata: b\n\n").events).toStrictEqual([{ data: "a\nb" }]);
    });

    it("comments are dropped when there is no onComment", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      parser.feed(": note\ndata: a\n\n");
      expect(events).toStrictEqual([{ data: "a" }]);
    });
  });

  describe("fields", () => {
    it("splits field and value at the first colon", () => {
      expect(parse("data: a:b: c\n\n").events).toStrictEqual([{ data: "a:b: c" }]);
    });

    it("strips one space after the colon", () => {
      expect(parse("data: a\n\n").events).toStrictEqual([{ data: "a" }]);
    });

    it("strips only one space after the colon", () => {
      expect(parse("data:  a \n\n").events).toStrictEqual([{ data: " a " }]);
    });

    it("strips nothing when no space follows the colon", () => {
      expect(parse("data:a\n\n").events).toStrictEqual([{ data: "a" }]);
    });

    it("never strips a tab", () => {
      expect(parse("data:\ta\n\n").events).toStrictEqual([{ data: "\ta" }]);
    });

    it("a line with no colon is a field with an empty value", () => {
      expect(parse("data\n\n").events).toStrictEqual([{ data: "" }]);
    });

    it("a space before the colon is part of the field name", () => {
      expect(parse("data : a\n\n").events).toStrictEqual([]);
    });

    it("field names are case-sensitive", () => {
      expect(parse("Data: a\nEVENT: b\n\n").events).toStrictEqual([]);
    });

    it("a field name that starts with data is another field", () => {
      expect(parse("datum: a\ndatadata: b\n\n").events).toStrictEqual([]);
    });

    it("ignores unknown fields", () => {
      expect(parse("foo: bar\ndata: a\nx\n\n")).toStrictEqual({
        events: [{ data: "a" }],
        comments: [],
        retries: [],
      });
    });

    it("keeps NULL and other control characters in data", () => {
      expect(parse("data: a\0b\u0001\n\n").events).toStrictEqual([{ data: "a\0b\u0001" }]);
    });
  });

  describe("data", () => {
    it("joins data lines with LF", () => {
      expect(parse("data: a\ndata: b\ndata: c\n\n").events).toStrictEqual([{ data: "a\nb\nc" }]);
    });

    it("removes only the last LF of the data buffer", () => {
      expect(parse("data: a\ndata:\n\n").events).toStrictEqual([{ data: "a\n" }]);
    });

    it("empty data lines still make an event", () => {
      expect(parse("data\ndata\n\n").events).toStrictEqual([{ data: "\n" }]);
      expect(parse("data:\n\n").events).toStrictEqual([{ data: "" }]);
    });

    it("a blank line with an empty data buffer dispatches nothing", () => {
      expect(parse("\n\n\n").events).toStrictEqual([]);
    });

    it("consecutive blank lines between events are harmless", () => {
      expect(parse("data: a\n\n\n\ndata: b\n\n").events).toStrictEqual([{ data: "a" }, { data: "b" }]);
    });
  });

  describe("event", () => {
    it("sets the type of the event being built", () => {
      expect(parse("event: add\ndata: a\n\n").events).toStrictEqual([{ event: "add", data: "a" }]);
    });

    it("resets the type after dispatch", () => {
      expect(parse("event: add\ndata: a\n\ndata: b\n\n").events).toStrictEqual([
        { event: "add", data: "a" },
        { data: "b" },
      ]);
    });

    it("the last event line of an event wins", () => {
      expect(parse("event: a\nevent: b\ndata: x\n\n").events).toStrictEqual([{ event: "b", data: "x" }]);
    });

    it("a block with only an event line dispatches nothing and resets the type", () => {
      expect(parse("event: ping\n\ndata: a\n\n").events).toStrictEqual([{ data: "a" }]);
    });

    it("omits the default type message, implied or explicit", () => {
      expect(parse("event: message\ndata: a\n\nevent:\ndata: b\n\n").events).toStrictEqual([
        { data: "a" },
        { data: "b" },
      ]);
    });

    it("keeps spaces of the type except the one after the colon", () => {
      expect(parse("event:  spaced \ndata: x\n\n").events).toStrictEqual([{ event: " spaced ", data: "x" }]);
    });
  });

  describe("id", () => {
    it("sets the last event ID", () => {
      expect(parse("id: 7\ndata: a\n\n").events).toStrictEqual([{ data: "a", id: "7" }]);
    });

    it("persists the last event ID across events", () => {
      expect(parse("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n").events).toStrictEqual([
        { data: "a", id: "7" },
        { data: "b", id: "7" },
        { data: "c", id: "8" },
      ]);
    });

    it("ignores an id containing NULL", () => {
      expect(parse("id: 1\ndata: a\n\nid: 2\0\ndata: b\n\n").events).toStrictEqual([
        { data: "a", id: "1" },
        { data: "b", id: "1" },
      ]);
    });

    it("an empty id resets the last event ID, which is then omitted", () => {
      expect(parse("id: 1\ndata: a\n\nid\ndata: b\n\nid: 2\n\nid:\ndata: c\n\n").events).toStrictEqual([
        { data: "a", id: "1" },
        { data: "b" },
        { data: "c" },
      ]);
    });

    it("an id-only block dispatches nothing but sets the last event ID", () => {
      expect(parse("id: 5\n\ndata: a\n\n").events).toStrictEqual([{ data: "a", id: "5" }]);
    });

    it("an id after the data lines still applies to that event", () => {
      expect(parse("data: a\nid: 9\n\n").events).toStrictEqual([{ data: "a", id: "9" }]);
    });

    it("keeps inner and trailing spaces of the id", () => {
      expect(parse("id:  a b \ndata: x\n\n").events).toStrictEqual([{ data: "x", id: " a b " }]);
    });
  });

  describe("retry", () => {
    it("reports a value of ASCII digits to onRetry", () => {
      expect(parse("retry: 1500\nretry:0\nretry: 007\n").retries).toStrictEqual([1500, 0, 7]);
    });

    it("ignores a value that is not only ASCII digits", () => {
      expect(
        parse("retry: 10ms\nretry: -1\nretry:  10\nretry: 1.5\nretry: 1e3\nretry:\nretry\nretry: ١٢\n")
          .retries,
      ).toStrictEqual([]);
    });

    it("a retry-only block dispatches nothing", () => {
      expect(parse("retry: 500\n\ndata: a\n\n")).toStrictEqual({
        events: [{ data: "a" }],
        comments: [],
        retries: [500],
      });
    });

    it("retry values are dropped when there is no onRetry", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      parser.feed("retry: 5\ndata: a\n\n");
      expect(events).toStrictEqual([{ data: "a" }]);
    });
  });

  describe("end of stream", () => {
    it("discards an event that no blank line terminated", () => {
      expect(parse("data: a\n\ndata: b\n").events).toStrictEqual([{ data: "a" }]);
    });

    it("discards a last line with no line ending, whatever its field", () => {
      expect(parse("data: a\n\ndata: b")).toStrictEqual({
        events: [{ data: "a" }],
        comments: [],
        retries: [],
      });
      expect(parse("retry: 5")).toStrictEqual({ events: [], comments: [], retries: [] });
      expect(parse(": note")).toStrictEqual({ events: [], comments: [], retries: [] });
    });

    it("discards an incomplete character at the end", () => {
      expect(parse(bytes("data: a\n\ndata: 日").subarray(0, -1)).events).toStrictEqual([{ data: "a" }]);
    });

    it("end() resets the parser for a new stream, last event ID and BOM included", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      parser.feed("id: 1\nevent: e\ndata: a\n\ndata: partial\nevent: f\n\r");
      parser.end();
      parser.feed(bytes("\uFEFF\ndata: b\n\n"));
      parser.end();
      expect(events).toStrictEqual([
        { event: "e", data: "a", id: "1" },
        { event: "f", data: "partial", id: "1" },
        { data: "b" },
      ]);
    });

    it("after end(), an LF does not continue a CR of the previous stream", () => {
      const events: SSEEvent[] = [];
      const parser = createSSEParser({ onEvent: (event) => events.push(event) });
      parser.feed("data: a\r");
      parser.end();
      parser.feed("\ndata: b\n\n");
      expect(events).toStrictEqual([{ data: "b" }]);
    });
  });
});

describe("real-world quirks (QUIRKS.md 1–8)", () => {
  it("quirk 1: data:{...} with no space keeps the payload whole", () => {
    expect(parse('data:{"a":1}\n\ndata: {"b":2}\n\n').events).toStrictEqual([
      { data: '{"a":1}' },
      { data: '{"b":2}' },
    ]);
  });

  it("quirk 2: mixed CR, LF and CRLF, with \\r\\n\\r\\n split across two reads at every point", () => {
    const input = 'data: {"a":1}\r\n\r\ndata: {"b":2}\n\ndata: {"c":3}\r\rdata: {"d":4}\r\n\r\n';
    const expected = [{ data: '{"a":1}' }, { data: '{"b":2}' }, { data: '{"c":3}' }, { data: '{"d":4}' }];
    for (const pieces of everyByteSplit(input)) expect(parse(...pieces).events).toStrictEqual(expected);
    expect(parse(...byteByByte(input)).events).toStrictEqual(expected);
  });

  it("quirk 3: a BOM at the start and CJK and emoji split across reads give no U+FFFD", () => {
    const input = '\uFEFFdata: {"content":"你好，世界 👋🏽 ありがとう"}\n\n';
    const expected = [{ data: '{"content":"你好，世界 👋🏽 ありがとう"}' }];
    for (const pieces of everyByteSplit(input)) expect(parse(...pieces).events).toStrictEqual(expected);
    expect(parse(...byteByByte(input)).events).toStrictEqual(expected);
  });

  it("quirk 4: several events in one read, and a JSON payload split mid-key", () => {
    const expected = [{ data: '{"content":"a"}' }, { data: '{"content":"b"}' }, { data: '{"content":"c"}' }];
    expect(
      parse('data: {"content":"a"}\n\ndata: {"content":"b"}\n\ndata: {"content":"c"}\n\n').events,
    ).toStrictEqual(expected);
    expect(
      parse('data: {"content":"a"}\n\ndata: {"con', 'tent":"b"}\n\ndata: {"content":"c"}\n\n').events,
    ).toStrictEqual(expected);
  });

  it("quirk 5: processing comments and keep-alives reach onComment, never data", () => {
    const parsed = parse(": OPENROUTER PROCESSING\n\n: R9S PROCESSING\n\n:\n\ndata: {}\n\n: keep-alive\n\n");
    expect(parsed.comments).toStrictEqual(["OPENROUTER PROCESSING", "R9S PROCESSING", "", "keep-alive"]);
    expect(parsed.events).toStrictEqual([{ data: "{}" }]);
  });

  it("quirk 6: a blank line after only an id or a comment dispatches no event", () => {
    expect(parse("id: 1\n\n: ping\n\nid: 2\n: ping\n\n").events).toStrictEqual([]);
  });

  it("quirk 7: a data line that is not JSON is an ordinary event for the parser (the chunk layer skips it)", () => {
    expect(parse("data: OPENROUTER PROCESSING\n\ndata: [DONE]\n\n").events).toStrictEqual([
      { data: "OPENROUTER PROCESSING" },
      { data: "[DONE]" },
    ]);
  });

  it("quirk 8: a whole stream delivered as one blob parses like the same stream in reads", () => {
    const lines: string[] = [": R9S PROCESSING\n\n"];
    for (let index = 0; index < 200; index++) {
      lines.push(`data: {"choices":[{"index":0,"delta":{"content":"token ${index} ✓"}}]}\n\n`);
    }
    lines.push("data: [DONE]\n\n");
    const blob = parse(lines.join(""));
    expect(blob.events).toHaveLength(201);
    expect(parse(...lines.map(bytes))).toStrictEqual(blob);
    expect(parse(...byteByByte(lines.join("")))).toStrictEqual(blob);
  });
});
