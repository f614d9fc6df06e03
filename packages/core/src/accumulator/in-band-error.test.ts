import { describe, expect, it } from "vitest";
import { inBandErrorOf } from "./in-band-error";

const base = { id: "c", object: "chat.completion.chunk", created: 1, model: "m" };

describe("inBandErrorOf", () => {
  it('Q28: a data line holding only {"error": {...}}', () => {
    const error = { message: "The server had an error", type: "server_error", param: null, code: null };
    expect(inBandErrorOf({ error })).toBe(error);
    expect(inBandErrorOf({ error: "overloaded" })).toBe("overloaded");
  });

  it('Q28: finish_reason "error" with the error on the chunk (OpenRouter)', () => {
    const error = { code: 429, message: "Rate limit exceeded upstream" };
    const chunk = { ...base, error, choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }] };
    expect(inBandErrorOf(chunk)).toBe(error);
  });

  it('Q28: finish_reason "error" with the error on the choice', () => {
    const error = { message: "content generation failed" };
    const chunk = { ...base, choices: [{ index: 0, delta: {}, finish_reason: "error", error }] };
    expect(inBandErrorOf(chunk)).toBe(error);
  });

  it('Q28: finish_reason "error" without details still reports an error', () => {
    const chunk = { ...base, choices: [{ index: 2, delta: {}, finish_reason: "error" }] };
    expect(inBandErrorOf(chunk)).toEqual({ message: expect.stringContaining("choice 2") });
  });

  it("ordinary chunks, error: null and non-objects are not errors", () => {
    expect(
      inBandErrorOf({ ...base, choices: [{ index: 0, delta: { content: "x" }, finish_reason: "stop" }] }),
    ).toBe(undefined);
    expect(inBandErrorOf({ ...base, error: null, choices: [] })).toBeUndefined();
    expect(inBandErrorOf({ ...base, error: false })).toBeUndefined();
    expect(inBandErrorOf({ ...base, choices: null })).toBeUndefined();
    expect(inBandErrorOf(null)).toBeUndefined();
    expect(inBandErrorOf("[DONE]")).toBeUndefined();
  });
});
