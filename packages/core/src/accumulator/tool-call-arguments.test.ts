import { describe, expect, it } from "vitest";
import type { ChatCompletion } from "../wire/completion";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";
import { parseToolCallArguments, toolCallsOf } from "./tool-call-arguments";

const toolCall = (argumentsText: string) => ({
  id: "call_1",
  type: "function" as const,
  function: { name: "f", arguments: argumentsText },
});

describe("parseToolCallArguments", () => {
  it("Q26: arguments valid only at the end parse once complete", () => {
    expect(parseToolCallArguments(toolCall('{"city":"Paris"}'))).toEqual({
      valid: true,
      value: { city: "Paris" },
    });
  });

  it('Q26: arguments truncated by finish_reason "length" are invalid, with error and text kept', () => {
    const result = parseToolCallArguments(toolCall('{"city":"Par'));
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.text).toBe('{"city":"Par');
    expect(result.error).toMatch(/JSON|string|end/i);
  });

  it('Q26: truncated arguments with finish_reason "tool_calls" are exposed as invalid too', () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add({
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, id: "call_1", function: { name: "f", arguments: '{"a":[1,' } }] },
          finish_reason: "tool_calls",
        },
      ],
    });
    const [parsed] = toolCallsOf(accumulator.snapshot());
    expect(parsed).toMatchObject({ id: "call_1", name: "f", arguments: { valid: false, text: '{"a":[1,' } });
  });

  it("Q26: empty or blank arguments read as {}", () => {
    expect(parseToolCallArguments(toolCall(""))).toEqual({ valid: true, value: {} });
    expect(parseToolCallArguments("  \n")).toEqual({ valid: true, value: {} });
  });

  it("accepts the text itself and any JSON value", () => {
    expect(parseToolCallArguments("[1,2]")).toEqual({ valid: true, value: [1, 2] });
    expect(parseToolCallArguments("not json")).toMatchObject({ valid: false, text: "not json" });
  });
});

describe("toolCallsOf", () => {
  const completion: ChatCompletion = {
    id: "c",
    object: "chat.completion",
    created: 1,
    model: "m",
    choices: [
      {
        index: 1,
        message: { role: "assistant", content: null, refusal: null, tool_calls: [toolCall('{"x":1}')] },
        finish_reason: "tool_calls",
        logprobs: null,
      },
      {
        index: 0,
        message: { role: "assistant", content: "hi", refusal: null },
        finish_reason: "stop",
        logprobs: null,
      },
    ],
  };

  it("finds the choice by its index and reads each call", () => {
    expect(toolCallsOf(completion, 1)).toEqual([
      { id: "call_1", name: "f", arguments: { valid: true, value: { x: 1 } }, toolCall: toolCall('{"x":1}') },
    ]);
  });

  it("is empty for a choice without tool calls or a missing choice", () => {
    expect(toolCallsOf(completion)).toEqual([]);
    expect(toolCallsOf(completion, 7)).toEqual([]);
  });
});
