import { describe, expect, it } from "vitest";
import { planAnswer } from "./answer";
import { countPromptTokens, loremTokens, tokenize } from "./compose";
import { chunksOf, completionOf } from "./render-answer";
import { parseSelector, selectScenario } from "./scenario-selector";
import { splitInsideCharacters } from "./scenarios/connection";
import { exampleOf } from "./tool-arguments";

describe("tokenize", () => {
  it.each(["You said: Hello, world!", "你好，世界 🌍 Grüße", "  spaced  out  ", "line\nbreak", ""])(
    "cuts %j into tokens that join back to it",
    (text) => {
      expect(tokenize(text).join("")).toBe(text);
    },
  );

  it("gives one token per CJK character and emoji, words keep their leading space", () => {
    expect(tokenize("Hi 你好 🌍")).toEqual(["Hi", " 你", "好", " 🌍"]);
  });

  it("makes lorem and prompt counts deterministic", () => {
    expect(loremTokens(3)).toEqual(["lorem", " ipsum", " dolor"]);
    expect(countPromptTokens([{ role: "user", content: "Hello there" }])).toBe(8);
  });
});

describe("exampleOf", () => {
  it("builds arguments from a JSON schema: enum, const, default, nested, arrays, anyOf", () => {
    const schema = {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { enum: ["c", "f"] },
        fixed: { const: 7 },
        fallback: { type: "number", default: 1.5 },
        tags: { type: "array", items: { type: "string" } },
        nested: { type: "object", properties: { ok: { type: "boolean" } } },
        either: { anyOf: [{ type: "integer", minimum: 3 }, { type: "string" }] },
        nullable: { type: ["null", "number"] },
      },
    };
    expect(exampleOf(schema)).toEqual({
      city: "mock city",
      unit: "c",
      fixed: 7,
      fallback: 1.5,
      tags: ["mock tags"],
      nested: { ok: true },
      either: 3,
      nullable: 4.2,
    });
  });

  it("ends on recursive or missing schemas", () => {
    const recursive: Record<string, unknown> = { type: "object", properties: {} };
    (recursive.properties as Record<string, unknown>).self = recursive;
    expect(JSON.stringify(exampleOf(recursive))).toContain("self");
    expect(exampleOf(undefined)).toBeNull();
  });
});

describe("answer plans", () => {
  const body = { model: "m", messages: [{ role: "user", content: "Hi" }] };

  it("gives the same text streamed and whole", () => {
    const plan = planAnswer({ ...body, n: 2, reasoning_effort: "medium" }, 1);
    const whole = completionOf(plan);
    const chunks = chunksOf(plan);
    for (const index of [0, 1]) {
      const streamed = chunks
        .flatMap((chunk) => chunk.choices ?? [])
        .filter((choice) => choice.index === index)
        .map((choice) => choice.delta?.content ?? "")
        .join("");
      expect(streamed).toBe(whole.choices[index]?.message.content);
    }
  });

  it("truncates tool arguments at max_tokens with finish_reason length", () => {
    const tools = [
      { type: "function", function: { name: "f", parameters: { type: "object", properties: { a: {} } } } },
    ];
    const plan = planAnswer({ ...body, tools, max_tokens: 1 }, 1);
    expect(completionOf(plan).choices[0]).toMatchObject({
      finish_reason: "length",
      message: { tool_calls: [{ function: { name: "f", arguments: '{"a":"mo' } }] },
    });
  });

  it("does not call tools with tool_choice none, and calls the named tool", () => {
    const tools = ["a", "b"].map((name) => ({ type: "function", function: { name } }));
    expect(planAnswer({ ...body, tools, tool_choice: "none" }, 1).choices[0]?.toolCall).toBeUndefined();
    const named = planAnswer(
      { ...body, tools, tool_choice: { type: "function", function: { name: "b" } } },
      1,
    );
    expect(named.choices[0]?.toolCall?.name).toBe("b");
  });
});

describe("scenario selectors", () => {
  it("parses name, key=value pairs and a bare value", () => {
    expect(parseSelector("Fail-Then-Succeed:3,key=a,redirect-to=http://h:1/x")).toEqual({
      name: "fail-then-succeed",
      params: { value: "3", key: "a", "redirect-to": "http://h:1/x" },
    });
  });

  it("prefers the header over the model; selector params override x-mock-* headers", () => {
    const headers = {
      "x-mock-scenario": "status-429:retry-after=5",
      "x-mock-retry-after": "1",
      "x-mock-key": "k",
    };
    expect(selectScenario(headers, "mock-stall")).toEqual({
      name: "status-429",
      params: { "retry-after": "5", key: "k" },
      source: "header",
    });
    expect(selectScenario({}, "mock-stall")).toMatchObject({ name: "stall", source: "model" });
    expect(selectScenario({}, "gpt-4o")).toEqual({ name: "default", params: {} });
  });
});

describe("splitInsideCharacters", () => {
  it("cuts after each lead byte, so no piece but ASCII decodes alone", () => {
    const pieces = splitInsideCharacters(Buffer.from("aé你🌍"));
    expect(pieces.map((piece) => Array.from(piece))).toEqual([
      [0x61, 0xc3],
      [0xa9, 0xe4],
      [0xbd, 0xa0, 0xf0],
      [0x9f, 0x8c, 0x8d],
    ]);
  });
});
