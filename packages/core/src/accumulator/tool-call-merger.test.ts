import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk, ChatCompletionChunkToolCall } from "../wire/chunk";
import { ChatCompletionAccumulator } from "./chat-completion-accumulator";

function toolChunk(
  toolCalls: ChatCompletionChunkToolCall[],
  finishReason: string | null = null,
): ChatCompletionChunk {
  return {
    id: "chatcmpl-tools",
    object: "chat.completion.chunk",
    created: 1730000000,
    model: "m",
    choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: finishReason }],
  };
}

function foldToolCalls(...chunks: ChatCompletionChunk[]) {
  const accumulator = new ChatCompletionAccumulator();
  for (const chunk of chunks) accumulator.add(chunk);
  return accumulator.snapshot().choices[0]?.message.tool_calls;
}

const call = (id: string, name: string, argumentsText: string) => ({
  id,
  type: "function",
  function: { name, arguments: argumentsText },
});

describe("QUIRKS tool calls", () => {
  it("Q21: id/type/name only in the first fragment; later fragments carry index + argument text", () => {
    expect(
      foldToolCalls(
        toolChunk([
          { index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } },
        ]),
        toolChunk([{ index: 0, function: { arguments: '{"city":' } }]),
        toolChunk([{ index: 0, function: { arguments: '"Paris"}' } }], "tool_calls"),
      ),
    ).toEqual([call("call_1", "get_weather", '{"city":"Paris"}')]);
  });

  it("Q21: id/name never overwritten with null or an empty string", () => {
    expect(
      foldToolCalls(
        toolChunk([{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: "{" } }]),
        toolChunk([{ index: 0, id: null, type: null, function: { name: null, arguments: "" } }]),
        toolChunk([{ index: 0, id: "", function: { name: "", arguments: "}" } }]),
      ),
    ).toEqual([call("call_1", "f", "{}")]);
  });

  it("Q21: two parallel calls by index, fragments interleaved", () => {
    expect(
      foldToolCalls(
        toolChunk([
          { index: 0, id: "a", type: "function", function: { name: "f", arguments: "" } },
          { index: 1, id: "b", type: "function", function: { name: "g", arguments: "[" } },
        ]),
        toolChunk([{ index: 0, function: { arguments: "{}" } }]),
        toolChunk([{ index: 1, function: { arguments: "]" } }], "tool_calls"),
      ),
    ).toEqual([call("a", "f", "{}"), call("b", "g", "[]")]);
  });

  it("Q22: a whole tool call in one fragment (Groq)", () => {
    expect(
      foldToolCalls(
        toolChunk(
          [
            {
              index: 0,
              id: "call_groq",
              type: "function",
              function: { name: "sum", arguments: '{"a":1,"b":2}' },
            },
          ],
          "tool_calls",
        ),
      ),
    ).toEqual([call("call_groq", "sum", '{"a":1,"b":2}')]);
  });

  it("Q23: index missing (Gemini): matched by id, a new id starts a new call, extra_content kept", () => {
    const signature = { google: { thought_signature: "sig==" } };
    expect(
      foldToolCalls(
        toolChunk([{ id: "g1", type: "function", function: { name: "a", arguments: '{"x":' } }]),
        toolChunk([{ id: "g1", function: { arguments: "1}" } }]),
        toolChunk([
          { id: "g2", type: "function", function: { name: "b", arguments: "{}" }, extra_content: signature },
        ]),
      ),
    ).toEqual([call("g1", "a", '{"x":1}'), { ...call("g2", "b", "{}"), extra_content: signature }]);
  });

  it("Q23: index and id missing (Ollama): continues the latest open call; metadata-only fragment kept", () => {
    const signature = { google: { thought_signature: "sig==" } };
    expect(
      foldToolCalls(
        toolChunk([{ function: { name: "search", arguments: '{"q":' } }]),
        toolChunk([{ function: { arguments: '"cats"}' } }]),
        toolChunk([{ extra_content: signature }], "stop"),
      ),
    ).toEqual([
      {
        id: "",
        type: "function",
        function: { name: "search", arguments: '{"q":"cats"}' },
        extra_content: signature,
      },
    ]);
  });

  it("Q24: the same index reused with a new non-empty id starts a new call", () => {
    expect(
      foldToolCalls(
        toolChunk([{ index: 0, id: "first", function: { name: "f", arguments: '{"n":' } }]),
        toolChunk([{ index: 0, function: { arguments: "1}" } }]),
        toolChunk([{ index: 0, id: "second", function: { name: "g", arguments: '{"n":' } }]),
        toolChunk([{ index: 0, function: { arguments: "2}" } }], "tool_calls"),
      ),
    ).toEqual([call("first", "f", '{"n":1}'), call("second", "g", '{"n":2}')]);
  });

  it("Q24: an id arriving later on a call that had none does not start a new call", () => {
    expect(
      foldToolCalls(
        toolChunk([{ index: 0, function: { name: "f", arguments: "{" } }]),
        toolChunk([{ index: 0, id: "late", function: { arguments: "}" } }]),
      ),
    ).toEqual([call("late", "f", "{}")]);
  });

  it("Q25: indexes starting at 1 and sparse give a dense array in order of appearance", () => {
    const toolCalls = foldToolCalls(
      toolChunk([{ index: 1, id: "a", function: { name: "f", arguments: "" } }]),
      toolChunk([{ index: 5, id: "b", function: { name: "g", arguments: "" } }]),
      toolChunk([
        { index: 1, function: { arguments: "{}" } },
        { index: 5, function: { arguments: "[]" } },
      ]),
    );
    expect(toolCalls).toEqual([call("a", "f", "{}"), call("b", "g", "[]")]);
    expect(Object.keys(toolCalls ?? [])).toEqual(["0", "1"]);
  });

  it("Q25: the same id repeated on every fragment gives one call, no duplicates", () => {
    expect(
      foldToolCalls(
        toolChunk([{ index: 0, id: "same", type: "function", function: { name: "f", arguments: '{"a"' } }]),
        toolChunk([{ index: 0, id: "same", type: "function", function: { name: "f", arguments: ":1}" } }]),
        toolChunk([{ id: "same", function: { arguments: "" } }]),
        toolChunk([{ index: 3, id: "same", function: { arguments: "" } }], "tool_calls"),
      ),
    ).toEqual([call("same", "f", '{"a":1}')]);
  });

  it("Q25: type defaults to function and unknown fragment fields stay on the call", () => {
    // `function` has no index signature on the wire type yet: a server field there needs a cast.
    const fragment = JSON.parse(
      '{"index":0,"id":"x","function":{"name":"f","arguments":"{}","strict":true},"obfuscation":"pad"}',
    ) as ChatCompletionChunkToolCall;
    expect(foldToolCalls(toolChunk([fragment]))).toEqual([
      { id: "x", type: "function", function: { name: "f", arguments: "{}", strict: true } },
    ]);
  });

  it("Q26: the accumulator never parses arguments: a prefix that parses stays raw text", () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add(toolChunk([{ index: 0, id: "c", function: { name: "n", arguments: "1" } }]));
    expect(accumulator.snapshot().choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe("1");
    accumulator.add(toolChunk([{ index: 0, function: { arguments: "2" } }], "tool_calls"));
    expect(accumulator.snapshot().choices[0]?.message.tool_calls?.[0]?.function.arguments).toBe("12");
  });

  it("keeps tool calls of several choices apart", () => {
    const accumulator = new ChatCompletionAccumulator();
    accumulator.add({
      ...toolChunk([]),
      choices: [
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, id: "a", function: { name: "f", arguments: "{}" } }] },
        },
        {
          index: 1,
          delta: { tool_calls: [{ index: 0, id: "b", function: { name: "g", arguments: "{}" } }] },
        },
      ],
    });
    const [first, second] = accumulator.snapshot().choices;
    expect(first?.message.tool_calls).toEqual([call("a", "f", "{}")]);
    expect(second?.message.tool_calls).toEqual([call("b", "g", "{}")]);
  });
});
