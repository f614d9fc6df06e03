import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionChunkChoice, ChatCompletionChunkDelta } from "../wire/chunk";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";

function chunk(fields: Record<string, unknown> = {}): ChatCompletionChunk {
  return { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1730000000, model: "m", ...fields };
}

function deltaChunk(
  delta: ChatCompletionChunkDelta,
  choice: Partial<ChatCompletionChunkChoice> = {},
  fields: Record<string, unknown> = {},
): ChatCompletionChunk {
  return chunk({ choices: [{ index: 0, delta, finish_reason: null, logprobs: null, ...choice }], ...fields });
}

function fold(chunks: ChatCompletionChunk[], accumulator = new ChatCompletionAccumulator()) {
  for (const item of chunks) accumulator.add(item);
  return accumulator.snapshot();
}

const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };

describe("ChatCompletionAccumulator basics", () => {
  it("folds content, role and finish_reason into a chat.completion", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "" }),
      deltaChunk({ content: "Hel" }),
      deltaChunk({ content: "lo" }),
      deltaChunk({}, { finish_reason: "stop" }),
    ]);
    expect(completion).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1730000000,
      model: "m",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello", refusal: null },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
    });
  });

  it("gives an empty completion before any chunk", () => {
    expect(new ChatCompletionAccumulator().snapshot()).toEqual({
      id: "",
      object: "chat.completion",
      created: 0,
      model: "",
      choices: [],
    });
  });

  it("returns snapshots that later chunks do not change", () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(
      deltaChunk(
        {
          role: "assistant",
          content: "a",
          tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: "{" } }],
        },
        {
          logprobs: { content: [{ token: "a", logprob: -1, bytes: null, top_logprobs: [] }], refusal: null },
        },
      ),
    );
    const first = accumulator.snapshot();
    const copy = structuredClone(first);
    accumulator.add(
      deltaChunk(
        { content: "b", tool_calls: [{ index: 0, function: { arguments: "}" } }] },
        {
          logprobs: { content: [{ token: "b", logprob: -2, bytes: null, top_logprobs: [] }], refusal: null },
          finish_reason: "tool_calls",
        },
      ),
    );
    expect(first).toEqual(copy);
    expect(accumulator.snapshot().choices[0]?.message.content).toBe("ab");
    expect(accumulator.snapshot()).not.toBe(accumulator.snapshot());
  });

  it("never mutates the chunks it folds (they stay as the server sent them, padding included)", () => {
    const deepFreeze = <Value>(value: Value): Value => {
      if (typeof value === "object" && value !== null) {
        for (const inner of Object.values(value)) deepFreeze(inner);
        Object.freeze(value);
      }
      return value;
    };
    const chunks = [
      deltaChunk(
        {
          role: "assistant",
          content: "a",
          tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: "{" } }],
        },
        {},
        { obfuscation: "x" },
      ),
      deltaChunk(
        { content: "b", tool_calls: [{ index: 0, function: { arguments: "}" } }] },
        { finish_reason: "stop", logprobs: { content: [], refusal: null } },
        { usage },
      ),
    ].map(deepFreeze);
    const before = structuredClone(chunks);
    expect(() => fold(chunks)).not.toThrow();
    expect(chunks).toEqual(before);
  });

  it("keeps a role the server sends and defaults it to assistant", () => {
    expect(fold([deltaChunk({ content: "x" })]).choices[0]?.message.role).toBe("assistant");
    expect(
      fold([deltaChunk({ role: "assistant" }), deltaChunk({ role: null, content: "x" })]).choices[0]?.message
        .role,
    ).toBe("assistant");
  });

  it("concatenates audio data and transcript; id and expires_at last non-empty wins", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", audio: { id: "audio_1", transcript: "Hi", data: "AAA" } }),
      deltaChunk({ audio: { transcript: " there", data: "BBB" } }),
      deltaChunk({ audio: { id: "", expires_at: 1730003600, data: "CC" } }),
      deltaChunk({}, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message.audio).toEqual({
      id: "audio_1",
      data: "AAABBBCC",
      transcript: "Hi there",
      expires_at: 1730003600,
    });
  });

  it("accumulates the deprecated function_call delta", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", function_call: { name: "lookup", arguments: "" } }),
      deltaChunk({ function_call: { arguments: '{"q":' } }),
      deltaChunk({ function_call: { arguments: '"x"}' } }, { finish_reason: "function_call" }),
    ]);
    expect(completion.choices[0]?.message.function_call).toEqual({ name: "lookup", arguments: '{"q":"x"}' });
  });

  it("reads Mistral content parts: text to content, thinking to reasoning", () => {
    const completion = fold([
      deltaChunk({
        role: "assistant",
        content: [{ type: "thinking", thinking: [{ type: "text", text: "Hmm" }] }],
      } as unknown as ChatCompletionChunkDelta),
      deltaChunk({ content: [{ type: "text", text: "Hi" }] } as unknown as ChatCompletionChunkDelta),
      deltaChunk({ content: "!" }, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message).toMatchObject({ content: "Hi!", reasoning_content: "Hmm" });
  });
});

describe("QUIRKS chunks", () => {
  it.each([
    ["choices: []", { choices: [] }],
    ["choices missing", {}],
    ["choices: null", { choices: null }],
  ])("Q9: a usage-only last chunk with %s attaches usage", (_label, shape) => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "Hi" }, {}, { usage: null }),
      deltaChunk({}, { finish_reason: "stop" }, { usage: null }),
      chunk({ ...shape, usage }),
    ]);
    expect(completion.usage).toEqual(usage);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]?.message.content).toBe("Hi");
  });

  it("Q9: usage null on every chunk and no usage chunk gives usage null; no usage key omits it", () => {
    expect(fold([deltaChunk({ content: "Hi" }, {}, { usage: null })]).usage).toBeNull();
    expect("usage" in fold([deltaChunk({ content: "Hi" })])).toBe(false);
  });

  it("Q10: usage on the finish chunk itself (DeepSeek)", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "Hi" }),
      deltaChunk(
        { content: "" },
        { finish_reason: "stop" },
        { usage: { ...usage, prompt_cache_hit_tokens: 0 } },
      ),
    ]);
    expect(completion.usage).toEqual({ ...usage, prompt_cache_hit_tokens: 0 });
  });

  it("Q10: usage under x_groq.usage (Groq), x_groq kept with its last value", () => {
    const groqUsage = { ...usage, queue_time: 0.01, completion_time: 0.02 };
    const completion = fold([
      deltaChunk({ role: "assistant", content: "Hi" }, {}, { x_groq: { id: "req_1" } }),
      deltaChunk({}, { finish_reason: "stop" }, { x_groq: { id: "req_1", usage: groqUsage } }),
    ]);
    expect(completion.usage).toEqual(groqUsage);
    expect(completion.x_groq).toEqual({ id: "req_1", usage: groqUsage });
  });

  it("Q10: a top-level usage wins over x_groq.usage in the same chunk", () => {
    const completion = fold([
      chunk({ choices: [], usage, x_groq: { usage: { ...usage, total_tokens: 99 } } }),
    ]);
    expect(completion.usage).toEqual(usage);
  });

  it("Q11: Azure's empty first chunk does not overwrite id/model/created; prompt_filter_results kept", () => {
    const promptFilterResults = [{ prompt_index: 0, content_filter_results: { hate: { filtered: false } } }];
    const azureEmpty = { id: "", model: "", created: 0, object: "" };
    const completion = fold([
      chunk({ ...azureEmpty, choices: [], prompt_filter_results: promptFilterResults }),
      deltaChunk({ role: "assistant", content: "Hi" }, {}, { id: "chatcmpl-az", model: "gpt-4o" }),
      chunk({ ...azureEmpty, choices: [{ index: 0, finish_reason: "stop", delta: {} }] }),
    ]);
    expect(completion).toMatchObject({
      id: "chatcmpl-az",
      model: "gpt-4o",
      created: 1730000000,
      object: "chat.completion",
      prompt_filter_results: promptFilterResults,
    });
  });

  it("Q11: a later non-empty id/model wins", () => {
    const completion = fold([
      deltaChunk({ content: "a" }, {}, { id: "first", model: "m1" }),
      deltaChunk({ content: "b" }, {}, { id: "second", model: "m2", created: 5 }),
    ]);
    expect(completion).toMatchObject({ id: "second", model: "m2", created: 5 });
  });

  it("Q12: empty-choices chunks in the middle are ignored", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "a" }),
      chunk({ choices: [] }),
      chunk({ choices: null }),
      chunk({}),
      deltaChunk({ content: "b" }, { finish_reason: "stop" }),
    ]);
    expect(completion.choices).toHaveLength(1);
    expect(completion.choices[0]).toMatchObject({ message: { content: "ab" }, finish_reason: "stop" });
  });

  it("Q13: a finish chunk without a delta key", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "a" }),
      chunk({ choices: [{ index: 0, finish_reason: "length" }] }),
    ]);
    expect(completion.choices[0]).toMatchObject({ message: { content: "a" }, finish_reason: "length" });
  });

  it("Q14: unknown fields kept at every level, last value wins; obfuscation dropped everywhere", () => {
    const completion = fold([
      deltaChunk(
        { role: "assistant", content: "a", obfuscation: "xyz", annotations_extra: 1 },
        { native_finish_reason: null, content_filter_results: { hate: 1 }, obfuscation: "p" },
        { system_fingerprint: "fp_1", service_tier: "default", obfuscation: "abc", custom: { a: 1 } },
      ),
      deltaChunk(
        { content: "b", obfuscation: "q", annotations_extra: 2 },
        { finish_reason: "stop", native_finish_reason: "STOP", content_filter_results: { hate: 2 } },
        { system_fingerprint: "fp_2", obfuscation: "de", custom: null },
      ),
    ]);
    expect(completion).toMatchObject({
      system_fingerprint: "fp_2",
      service_tier: "default",
      custom: { a: 1 },
    });
    const choice = completion.choices[0];
    expect(choice).toMatchObject({ native_finish_reason: "STOP", content_filter_results: { hate: 2 } });
    expect(choice?.message).toMatchObject({ content: "ab", annotations_extra: 2 });
    expect(JSON.stringify(completion)).not.toContain("obfuscation");
  });

  it("Q14: unknown fields never clobber accumulated fields", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: "a" }, { message: { content: "bad" } }),
      deltaChunk({ content: "b" }, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message.content).toBe("ab");
    expect(completion.object).toBe("chat.completion");
  });

  it("Q14: a __proto__ key stays an own field and does not change the prototype", () => {
    const completion = fold([JSON.parse('{"id":"x","choices":[],"__proto__":{"polluted":true}}')]);
    expect(Object.getPrototypeOf(completion)).toBe(Object.prototype);
    expect(Object.hasOwn(completion, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("Q15: n=2 interleaved choices folded by index, dense and sorted", () => {
    const completion = fold([
      chunk({ choices: [{ index: 1, delta: { role: "assistant", content: "B" } }] }),
      chunk({ choices: [{ index: 0, delta: { role: "assistant", content: "A" } }] }),
      chunk({
        choices: [
          { index: 1, delta: { content: "b" }, finish_reason: "length" },
          { index: 0, delta: { content: "a" } },
        ],
      }),
      chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
    ]);
    expect(
      completion.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason]),
    ).toEqual([
      [0, "Aa", "stop"],
      [1, "Bb", "length"],
    ]);
  });

  it("Q16: content and refusal logprobs concatenated per choice", () => {
    const token = (text: string) => ({
      token: text,
      logprob: -0.5,
      bytes: [text.charCodeAt(0)],
      top_logprobs: [],
    });
    const completion = fold([
      chunk({
        choices: [{ index: 0, delta: { content: "a" }, logprobs: { content: [token("a")], refusal: null } }],
      }),
      chunk({
        choices: [{ index: 1, delta: { refusal: "n" }, logprobs: { content: null, refusal: [token("n")] } }],
      }),
      chunk({
        choices: [
          {
            index: 0,
            delta: { content: "bc" },
            logprobs: { content: [token("b"), token("c")], refusal: null },
          },
        ],
      }),
      chunk({
        choices: [{ index: 1, delta: { refusal: "o" }, logprobs: { content: null, refusal: [token("o")] } }],
      }),
      chunk({ choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] }),
    ]);
    expect(completion.choices[0]?.logprobs).toEqual({
      content: [token("a"), token("b"), token("c")],
      refusal: null,
    });
    expect(completion.choices[1]?.logprobs).toEqual({ content: null, refusal: [token("n"), token("o")] });
  });

  it("Q17: refusal deltas accumulate into message.refusal with content null", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", refusal: "" }),
      deltaChunk({ refusal: "I can't" }),
      deltaChunk({ refusal: " help with that." }),
      deltaChunk({}, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: null,
      refusal: "I can't help with that.",
    });
  });
});

describe("QUIRKS reasoning", () => {
  it("Q18: reasoning_content (DeepSeek) and reasoning (Groq, OpenRouter) fold into reasoning_content", () => {
    const completion = fold([
      deltaChunk({ role: "assistant", reasoning_content: "Think" }),
      deltaChunk({ reasoning: "ing" }),
      deltaChunk({ reasoning_content: null, reasoning: "..." }),
      deltaChunk({ content: "Answer", reasoning: null }, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message).toEqual({
      role: "assistant",
      content: "Answer",
      refusal: null,
      reasoning_content: "Thinking...",
    });
  });

  it("Q18: the same text under both names in one delta counts once", () => {
    const completion = fold([deltaChunk({ reasoning_content: "Hmm", reasoning: "Hmm" })]);
    expect(completion.choices[0]?.message.reasoning_content).toBe("Hmm");
  });

  it('Q19: reasoning-only answer with finish_reason "stop" gives content ""', () => {
    const completion = fold([
      deltaChunk({ role: "assistant", content: null, reasoning: "Just thinking" }),
      deltaChunk({ content: null }, { finish_reason: "stop" }),
    ]);
    expect(completion.choices[0]?.message).toMatchObject({ content: "", reasoning_content: "Just thinking" });
  });

  it("Q19: content stays null mid-stream and with tool calls or a refusal", () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(deltaChunk({ role: "assistant", reasoning: "Hmm" }));
    expect(accumulator.snapshot().choices[0]?.message.content).toBeNull();
    const withTool = fold([
      deltaChunk(
        { tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: "{}" } }] },
        { finish_reason: "stop" },
      ),
    ]);
    expect(withTool.choices[0]?.message.content).toBeNull();
  });
});

describe("QUIRKS ends and errors", () => {
  it("Q27: [DONE] with no finish_reason leaves finish_reason null, visible", () => {
    const completion = fold([deltaChunk({ role: "assistant", content: "cut" })]);
    expect(completion.choices[0]).toHaveProperty("finish_reason", null);
    expect(completion.choices[0]?.message.content).toBe("cut");
  });

  it('Q28: a finish_reason "error" chunk with an error object keeps the content so far, no throw', () => {
    const error = { message: "upstream failed", code: 502 };
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(deltaChunk({ role: "assistant", content: "Partial" }));
    expect(() =>
      accumulator.add(deltaChunk({ content: "" }, { finish_reason: "error" }, { error })),
    ).not.toThrow();
    const completion = accumulator.snapshot();
    expect(completion.choices[0]).toMatchObject({ finish_reason: "error", message: { content: "Partial" } });
    expect(completion.error).toEqual(error);
  });

  it("Q28: add never throws on malformed chunks", () => {
    const accumulator = new ChatCompletionAccumulator();
    const junk: unknown[] = [
      null,
      "text",
      { choices: [null, 1, "x", { index: "a", delta: [] }] },
      {
        choices: [
          {
            index: 0,
            delta: { tool_calls: [null, { function: null }], logprobs: 1, audio: [] },
            logprobs: { content: 3 },
          },
        ],
      },
      { choices: {}, usage: 5, x_groq: null },
    ];
    for (const item of junk) expect(() => accumulator.add(item as ChatCompletionChunk)).not.toThrow();
    expect(() => accumulator.snapshot()).not.toThrow();
  });
});
