import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../wire/chunk";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";
import { inBandErrorOf } from "./in-band-error";

interface ChatFixture {
  name: string;
  sse: string;
  chunk_count: number;
  expected: Record<string, unknown>;
  text: string;
  expected_error?: { class: string; message: string };
}

const directory = new URL("../../fixtures/chat/", import.meta.url);
const fixtures = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(new URL(file, directory), "utf8")) as ChatFixture] as const);

/** The JSON payloads of a simple body: events split on blank lines, `data:` lines joined; `[DONE]` and non-JSON skipped. */
function payloadsOf(sse: string): unknown[] {
  const payloads: unknown[] = [];
  for (const block of sse.split(/\r\n\r\n|\n\n|\r\r/)) {
    const data = block
      .split(/\r\n|\n|\r/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
      .join("\n");
    if (data === "" || data === "[DONE]") continue;
    try {
      payloads.push(JSON.parse(data));
    } catch {
      // Not JSON: the SSE layer reports it; nothing to fold.
    }
  }
  return payloads;
}

describe("chat fixtures", () => {
  it("are present", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixtures)("%s folds to its expected completion", (_file, fixture) => {
    const accumulator = new ChatCompletionAccumulator();
    let folded = 0;
    let error: unknown;
    for (const payload of payloadsOf(fixture.sse)) {
      error = inBandErrorOf(payload);
      if (error !== undefined) break;
      accumulator.add(payload as ChatCompletionChunk);
      folded++;
      expect(() => accumulator.snapshot()).not.toThrow();
    }
    expect(folded).toBe(fixture.chunk_count);
    const completion = accumulator.snapshot();
    // Keys listed must match; a server may add more (choice-level filter results of fixture 17: any value).
    expect(completion).toMatchObject(fixture.expected);
    expect(completion.choices[0]?.message.content ?? "").toBe(fixture.text);
    expect(JSON.stringify(completion)).not.toContain("obfuscation");

    if (fixture.expected_error !== undefined) {
      expect(error).toMatchObject({ message: expect.stringContaining(fixture.expected_error.message) });
    } else {
      expect(error).toBeUndefined();
    }
  });

  it("17-azure keeps the choice-level content filter results (any value) and ignores the empty object field", () => {
    const fixture = fixtures.find(([file]) => file.startsWith("17-"))?.[1];
    const accumulator = new ChatCompletionAccumulator();
    for (const payload of payloadsOf(fixture?.sse ?? "")) accumulator.add(payload as ChatCompletionChunk);
    const completion = accumulator.snapshot();
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]).toHaveProperty("content_filter_results");
    expect(completion.choices[0]).toHaveProperty("content_filter_offsets");
  });

  it("03-tool-call has content exactly null and 15-deepseek exactly the concatenated reasoning", () => {
    const fold = (prefix: string) => {
      const accumulator = new ChatCompletionAccumulator();
      const fixture = fixtures.find(([file]) => file.startsWith(prefix))?.[1];
      for (const payload of payloadsOf(fixture?.sse ?? "")) accumulator.add(payload as ChatCompletionChunk);
      return accumulator.snapshot().choices[0]?.message;
    };
    expect(fold("03-")?.content).toBeNull();
    expect(fold("15-")?.reasoning_content).toBe("Okay, the user says hi. I should greet back.");
  });
});
