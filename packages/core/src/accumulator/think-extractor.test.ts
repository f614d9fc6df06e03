import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "../wire/chunk";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";
import { createThinkExtractor, type ThinkExtractorOptions, type ThinkPiece } from "./think-extractor";

function extract(deltas: string[], options?: ThinkExtractorOptions): ThinkPiece {
  const extractor = createThinkExtractor(options);
  const total: ThinkPiece = { content: "", reasoning: "" };
  for (const piece of [...deltas.map((delta) => extractor.push(delta)), extractor.flush()]) {
    total.content += piece.content;
    total.reasoning += piece.reasoning;
  }
  return total;
}

function contentChunk(content: string, finishReason: string | null = null): ChatCompletionChunk {
  return {
    id: "c",
    object: "chat.completion.chunk",
    created: 1,
    model: "qwen3",
    choices: [{ index: 0, delta: { content }, finish_reason: finishReason }],
  };
}

describe("createThinkExtractor", () => {
  it("Q20: splits <think>…</think> from the answer", () => {
    expect(extract(["<think>Let me see.</think>\n\nHello!"])).toEqual({
      content: "Hello!",
      reasoning: "Let me see.",
    });
  });

  it("Q20: a tag split across chunks (<thi + nk>) is recognised and held back", () => {
    const extractor = createThinkExtractor();
    expect(extractor.push("<thi")).toEqual({ content: "", reasoning: "" });
    expect(extractor.push("nk>Hmm</th")).toEqual({ content: "", reasoning: "Hmm" });
    expect(extractor.inReasoning).toBe(true);
    expect(extractor.push("ink>Hi")).toEqual({ content: "Hi", reasoning: "" });
    expect(extractor.inReasoning).toBe(false);
  });

  it("Q20: every split position of the text gives the same result", () => {
    const text = "Intro <think>step 1 < step 2</think> answer <b>bold</b>";
    const whole = extract([text]);
    expect(whole).toEqual({ content: "Intro answer <b>bold</b>", reasoning: "step 1 < step 2" });
    for (let first = 0; first <= text.length; first++) {
      for (let second = first; second <= text.length; second += 3) {
        expect(extract([text.slice(0, first), text.slice(first, second), text.slice(second)])).toEqual(whole);
      }
    }
    expect(extract([...text])).toEqual(whole);
  });

  it("Q20: text before the tag is content", () => {
    expect(extract(["Sure. <think>why</think>Done"])).toEqual({ content: "Sure. Done", reasoning: "why" });
  });

  it("Q20: a missing closing tag leaves the rest as reasoning at flush", () => {
    expect(extract(["<think>still thinking", " when cut </thi"])).toEqual({
      content: "",
      reasoning: "still thinking when cut </thi",
    });
  });

  it("Q20: a partial opening tag that never completes is plain content at flush", () => {
    expect(extract(["a <", "thi"])).toEqual({ content: "a <thi", reasoning: "" });
    expect(extract(["no tags at all"])).toEqual({ content: "no tags at all", reasoning: "" });
  });

  it("Q20: startInReasoning handles hosts that stream only the closing tag; custom tags work", () => {
    expect(extract(["plan</think>answer"], { startInReasoning: true })).toEqual({
      content: "answer",
      reasoning: "plan",
    });
    expect(
      extract(["<reasoning>r</reas", "oning>c"], { openTag: "<reasoning>", closeTag: "</reasoning>" }),
    ).toEqual({
      content: "c",
      reasoning: "r",
    });
  });

  it("peek shows what is held back without consuming it", () => {
    const extractor = createThinkExtractor();
    extractor.push("x <th");
    expect(extractor.peek()).toEqual({ content: "<th", reasoning: "" });
    expect(extractor.push("ink>y")).toEqual({ content: "", reasoning: "y" });
  });

  it("rejects empty tags with a message naming the fix", () => {
    expect(() => createThinkExtractor({ openTag: "" })).toThrow(/must not be empty/);
  });
});

describe("ChatCompletionAccumulator extractThinkTags", () => {
  it("Q20: routes inline reasoning into reasoning_content, tag split across chunks", () => {
    const accumulator = new ChatCompletionAccumulator({ extractThinkTags: createThinkExtractor });
    for (const piece of ["<thi", "nk>The user", " greets.</th", "ink>\n\nHel", "lo!"])
      accumulator.add(contentChunk(piece));
    const midStream = accumulator.snapshot().choices[0]?.message;
    expect(midStream).toMatchObject({ content: "Hello!", reasoning_content: "The user greets." });
    accumulator.add(contentChunk("", "stop"));
    expect(accumulator.snapshot().choices[0]?.message).toMatchObject({
      content: "Hello!",
      reasoning_content: "The user greets.",
    });
  });

  it("Q20: a held-back tail shows in mid-stream snapshots and is released at finish", () => {
    const accumulator = new ChatCompletionAccumulator({ extractThinkTags: createThinkExtractor });
    accumulator.add(contentChunk("a <"));
    expect(accumulator.snapshot().choices[0]?.message.content).toBe("a <");
    accumulator.add(contentChunk("", "stop"));
    expect(accumulator.snapshot().choices[0]?.message.content).toBe("a <");
  });

  it("Q20: off by default, tags stay in content", () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(contentChunk("<think>x</think>y", "stop"));
    expect(accumulator.snapshot().choices[0]?.message).toMatchObject({ content: "<think>x</think>y" });
    expect(accumulator.snapshot().choices[0]?.message.reasoning_content).toBeUndefined();
  });
});
