import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionChunkDelta } from "../wire/chunk";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";
import { createThinkExtractor } from "./think-extractor";

/** Cuts `text` at the given positions (taken modulo its length, sorted). */
function splitAt(text: string, cuts: number[]): string[] {
  const positions = [...new Set(cuts.map((cut) => (text.length === 0 ? 0 : cut % (text.length + 1))))].sort(
    (first, second) => first - second,
  );
  const pieces: string[] = [];
  let start = 0;
  for (const position of positions) {
    pieces.push(text.slice(start, position));
    start = position;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function deltaChunk(
  delta: ChatCompletionChunkDelta,
  index = 0,
  finishReason: string | null = null,
): ChatCompletionChunk {
  return {
    id: "chatcmpl-p",
    object: "chat.completion.chunk",
    created: 1,
    model: "m",
    choices: [{ index, delta, finish_reason: finishReason }],
  };
}

const cuts = fc.array(fc.nat(), { maxLength: 12 });

/** Chunk-like values: well-formed pieces mixed with junk, to check that `add` and `snapshot` never throw. */
const chunkLike = fc.oneof(
  fc.anything(),
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.constant(null)),
      created: fc.oneof(fc.integer(), fc.constant(0)),
      usage: fc.oneof(fc.constant(null), fc.object()),
      x_groq: fc.anything(),
      choices: fc.oneof(
        fc.constant(null),
        fc.array(
          fc.record(
            {
              index: fc.oneof(fc.nat({ max: 3 }), fc.anything()),
              finish_reason: fc.oneof(
                fc.constant(null),
                fc.constantFrom("stop", "length", "tool_calls", "error"),
              ),
              logprobs: fc.anything(),
              delta: fc.oneof(
                fc.anything(),
                fc.record(
                  {
                    content: fc.oneof(fc.string(), fc.constant(null), fc.anything()),
                    reasoning: fc.anything(),
                    refusal: fc.oneof(fc.string(), fc.constant(null)),
                    audio: fc.anything(),
                    tool_calls: fc.oneof(
                      fc.anything(),
                      fc.array(
                        fc.record(
                          {
                            index: fc.oneof(fc.nat({ max: 3 }), fc.anything()),
                            id: fc.oneof(fc.constantFrom("a", "b", ""), fc.constant(null)),
                            function: fc.oneof(
                              fc.anything(),
                              fc.record(
                                { name: fc.anything(), arguments: fc.anything() },
                                { requiredKeys: [] },
                              ),
                            ),
                          },
                          { requiredKeys: [] },
                        ),
                      ),
                    ),
                  },
                  { requiredKeys: [] },
                ),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe("accumulator properties", () => {
  it("add() and snapshot() never throw, whatever arrives, and snapshots are JSON-serialisable", () => {
    fc.assert(
      fc.property(fc.array(chunkLike, { maxLength: 20 }), fc.boolean(), (chunks, extractThinkTags) => {
        const accumulator = new ChatCompletionAccumulator({
          extractThinkTags: extractThinkTags ? createThinkExtractor : undefined,
        });
        for (const chunk of chunks) {
          accumulator.add(chunk as ChatCompletionChunk);
          const snapshot = accumulator.snapshot();
          expect(snapshot.object).toBe("chat.completion");
          expect(() => JSON.stringify(snapshot)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("any split of content, reasoning, refusal and tool arguments gives the same final message", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string(),
        cuts,
        (content, reasoning, refusal, args, at) => {
          const accumulator = new ChatCompletionAccumulator();
          accumulator.add(deltaChunk({ role: "assistant" }));
          for (const piece of splitAt(reasoning, at)) accumulator.add(deltaChunk({ reasoning: piece }));
          let previous = "";
          for (const piece of splitAt(content, at)) {
            accumulator.add(deltaChunk({ content: piece }));
            const now = accumulator.snapshot().choices[0]?.message.content ?? "";
            // Snapshots only ever grow: each is a prefix of the next.
            expect(now.startsWith(previous)).toBe(true);
            previous = now;
          }
          for (const piece of splitAt(refusal, at)) accumulator.add(deltaChunk({ refusal: piece }));
          const [head, ...rest] = splitAt(args, at);
          accumulator.add(
            deltaChunk({ tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: head } }] }),
          );
          for (const piece of rest)
            accumulator.add(deltaChunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
          accumulator.add(deltaChunk({}, 0, "stop"));
          const message = accumulator.snapshot().choices[0]?.message;
          expect(message?.content).toBe(content);
          expect(message?.reasoning_content ?? "").toBe(reasoning);
          expect(message?.refusal ?? "").toBe(refusal);
          expect(message?.tool_calls).toEqual([
            { id: "c", type: "function", function: { name: "f", arguments: args } },
          ]);
        },
      ),
    );
  });

  it("a snapshot taken mid-stream is not changed by later chunks", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 10 }), fc.nat(), (pieces, at) => {
        const accumulator = new ChatCompletionAccumulator();
        const middle = at % pieces.length;
        let kept: ReturnType<ChatCompletionAccumulator["snapshot"]> | undefined;
        let copy: unknown;
        pieces.forEach((piece, position) => {
          accumulator.add(
            deltaChunk({ content: piece, tool_calls: [{ index: 0, function: { arguments: piece } }] }),
          );
          if (position === middle) {
            kept = accumulator.snapshot();
            copy = structuredClone(kept);
          }
        });
        expect(kept).toEqual(copy);
      }),
    );
  });

  it("the think extractor gives the same split for any chunking", () => {
    const alphabet = fc.constantFrom("<", ">", "/", "t", "h", "i", "n", "k", "<think>", "</think>", " ", "x");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), cuts, (parts, at) => {
        const text = parts.join("");
        const run = (deltas: string[]) => {
          const extractor = createThinkExtractor();
          let content = "";
          let reasoning = "";
          for (const piece of [...deltas.map((delta) => extractor.push(delta)), extractor.flush()]) {
            content += piece.content;
            reasoning += piece.reasoning;
          }
          return { content, reasoning };
        };
        expect(run(splitAt(text, at))).toEqual(run([text]));
      }),
    );
  });
});
