import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSSEParser } from "./sse-parser";
import type { SSEEvent } from "./types";

type Fixture = {
  name: string;
  input: string;
  input_base64?: string;
  events: SSEEvent[];
  retries: number[];
};

const fixturesRoot = join(import.meta.dirname, "../../fixtures");
/** The vendored transcripts, then this parser's own (same format). */
const directories = ["sse", "sse-extra"];

function loadFixtures(): { file: string; fixture: Fixture }[] {
  const fixtures: { file: string; fixture: Fixture }[] = [];
  for (const directory of directories) {
    const files = readdirSync(join(fixturesRoot, directory)).filter((file) => file.endsWith(".json"));
    for (const file of files.sort()) {
      const text = readFileSync(join(fixturesRoot, directory, file), "utf8");
      fixtures.push({ file: `${directory}/${file}`, fixture: JSON.parse(text) as Fixture });
    }
  }
  return fixtures;
}

function bytesOf(fixture: Fixture): Uint8Array {
  return fixture.input_base64 === undefined
    ? new TextEncoder().encode(fixture.input)
    : new Uint8Array(Buffer.from(fixture.input_base64, "base64"));
}

function parse(pieces: Iterable<string | Uint8Array>): { events: SSEEvent[]; retries: number[] } {
  const parsed = { events: [] as SSEEvent[], retries: [] as number[] };
  const parser = createSSEParser({
    onEvent: (event) => parsed.events.push(event),
    onRetry: (ms) => parsed.retries.push(ms),
  });
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return parsed;
}

/** Cut points where a split lands inside a multi-byte UTF-8 character. */
function insideCharacterCuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  for (let index = 1; index < bytes.length; index++) {
    if (((bytes[index] as number) & 0xc0) === 0x80) cuts.push(index);
  }
  return cuts;
}

/** Cut points between a CR and the LF that follows it. */
function crLfCuts(bytes: Uint8Array): number[] {
  const cuts: number[] = [];
  for (let index = 1; index < bytes.length; index++) {
    if (bytes[index - 1] === 13 && bytes[index] === 10) cuts.push(index);
  }
  return cuts;
}

const fixtures = loadFixtures();

it("finds the fixtures of both directories", () => {
  for (const directory of directories) {
    expect(fixtures.filter(({ file }) => file.startsWith(`${directory}/`)).length).toBeGreaterThan(10);
  }
});

describe.each(fixtures)("fixture $file", ({ fixture }) => {
  const bytes = bytesOf(fixture);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const expected = { events: fixture.events, retries: fixture.retries };

  it("parses the whole body as bytes", () => {
    expect(parse([bytes])).toStrictEqual(expected);
  });

  it("parses the whole body as a string", () => {
    expect(parse([text])).toStrictEqual(expected);
  });

  it("parses the body cut in two at every byte", () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(parse([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut at byte ${cut}`).toStrictEqual(
        expected,
      );
    }
  });

  it("parses the body cut in two at every UTF-16 unit, as strings", () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)]), `cut at unit ${cut}`).toStrictEqual(expected);
    }
  });

  it("parses the body byte by byte", () => {
    expect(parse(Array.from(bytes, (byte) => Uint8Array.of(byte)))).toStrictEqual(expected);
  });

  it("parses the body with every CR and LF of a CRLF in different reads", () => {
    const cuts = crLfCuts(bytes);
    const pieces: Uint8Array[] = [];
    let start = 0;
    for (const cut of cuts) {
      pieces.push(bytes.subarray(start, cut));
      start = cut;
    }
    pieces.push(bytes.subarray(start));
    expect(parse(pieces)).toStrictEqual(expected);
  });

  it("parses the body with every multi-byte character split across reads", () => {
    const cuts = insideCharacterCuts(bytes);
    const pieces: Uint8Array[] = [];
    let start = 0;
    for (const cut of cuts) {
      pieces.push(bytes.subarray(start, cut));
      start = cut;
    }
    pieces.push(bytes.subarray(start));
    expect(parse(pieces)).toStrictEqual(expected);
  });

  // Cubic in the body's length, so only for the short transcripts.
  if (bytes.length > 400) return;
  it("parses the body cut in three at every pair of bytes", () => {
    for (let first = 0; first <= bytes.length; first++) {
      for (let second = first; second <= bytes.length; second++) {
        const pieces = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        expect(parse(pieces), `cut at bytes ${first} and ${second}`).toStrictEqual(expected);
      }
    }
  });
});
