import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors/r9s-error";
import { validateChatCompletionParams } from "./validate-chat-completion-params";

const base = { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };
const tool = (name: string) => ({ type: "function", function: { name } });

/** Runs validation and returns the `ValidationError` it must throw. */
function errorOf(params: unknown): ValidationError {
  try {
    validateChatCompletionParams(params);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

// [what, params, field, text the message must contain (problem and fix)]
type FailingCase = [string, unknown, string, string];

function expectFailures(cases: FailingCase[]) {
  it.each(cases)("refuses %s", (_name, params, field, text) => {
    const error = errorOf(params);
    expect(error.field).toBe(field);
    expect(error.message).toContain(text);
  });
}

function expectPasses(cases: Array<[string, unknown]>) {
  it.each(cases)("accepts %s", (_name, params) => {
    expect(() => validateChatCompletionParams(params)).not.toThrow();
  });
}

describe("params object and model", () => {
  expectFailures([
    ["null params", null, "params", "pass `{ model, messages }`"],
    ["an array", [], "params", "pass `{ model, messages }`"],
    ["a string", "hi", "params", "pass `{ model, messages }`"],
    ["a missing model", { messages: base.messages }, "model", "pass a model id"],
    ["an empty model", { ...base, model: "" }, "model", "pass a model id"],
    ["a blank model", { ...base, model: "  " }, "model", "pass a model id"],
    ["a number as model", { ...base, model: 4 }, "model", "must be a non-empty string"],
  ]);
  expectPasses([["a minimal request", base]]);
});

describe("messages", () => {
  const user = { role: "user", content: "Hi" };
  expectFailures([
    ["missing messages", { model: "m" }, "messages", "pass at least one"],
    ["messages that are not an array", { model: "m", messages: user }, "messages", "pass at least one"],
    ["empty messages", { model: "m", messages: [] }, "messages", "non-empty array"],
    [
      "a message that is not an object",
      { model: "m", messages: [user, "hi"] },
      "messages[1]",
      "`{ role, content }`",
    ],
    ["a null message", { model: "m", messages: [null] }, "messages[0]", "must be an object"],
  ]);

  it("names the index of an unknown role and lists the valid roles", () => {
    const error = errorOf({ model: "m", messages: [user, user, { role: "bot", content: "x" }] });
    expect(error.field).toBe("messages[2].role");
    expect(error.message).toContain('`messages[2].role` is "bot", which is unknown');
    expect(error.message).toContain("use one of system, developer, user, assistant, tool");
  });
  expectFailures([
    ["a missing role", { model: "m", messages: [{ content: "x" }] }, "messages[0].role", "use one of"],
  ]);

  expectFailures([
    [
      "a tool message without tool_call_id",
      { model: "m", messages: [user, { role: "tool", content: "42" }] },
      "messages[1].tool_call_id",
      "set it to the id of the tool call",
    ],
    [
      "a tool message with an empty tool_call_id",
      { model: "m", messages: [user, { role: "tool", content: "42", tool_call_id: "" }] },
      "messages[1].tool_call_id",
      "needs a `tool_call_id`",
    ],
    [
      "user content that is a number",
      { model: "m", messages: [{ role: "user", content: 5 }] },
      "messages[0].content",
      "set the content",
    ],
    [
      "a system message without content",
      { model: "m", messages: [{ role: "system" }, user] },
      "messages[0].content",
      "must be a string or an array of parts",
    ],
    [
      "an unknown content part type",
      { model: "m", messages: [{ role: "user", content: [{ type: "text", text: "a" }, { type: "video" }] }] },
      "messages[0].content[1].type",
      "use one of text, image_url, input_audio, file",
    ],
    [
      "a content part that is not an object",
      { model: "m", messages: [{ role: "user", content: ["a"] }] },
      "messages[0].content[0].type",
      "use one of",
    ],
    [
      "an assistant message with nothing in it",
      { model: "m", messages: [user, { role: "assistant" }] },
      "messages[1].content",
      "add content or tool_calls",
    ],
    [
      "an assistant message with null content and empty tool_calls",
      { model: "m", messages: [user, { role: "assistant", content: null, tool_calls: [] }] },
      "messages[1].content",
      "add content or tool_calls",
    ],
  ]);

  const toolCall = { id: "call_1", type: "function", function: { name: "f", arguments: "{}" } };
  expectPasses([
    [
      "every role",
      {
        model: "m",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: [{ type: "text", text: "Really." }] },
          user,
          { role: "assistant", content: null, tool_calls: [toolCall] },
          { role: "tool", content: "42", tool_call_id: "call_1" },
          { role: "assistant", content: "" },
          { role: "assistant", refusal: "No." },
        ],
      },
    ],
    [
      "every user content part type",
      {
        model: "m",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Look" },
              { type: "image_url", image_url: { url: "https://x/y.png" } },
              { type: "input_audio", input_audio: { data: "AAA", format: "wav" } },
              { type: "file", file: { file_id: "file_1" } },
            ],
          },
        ],
      },
    ],
  ]);
});

describe("fields that depend on others", () => {
  expectFailures([
    ["logprobs with stream", { ...base, logprobs: true, stream: true }, "logprobs", "set stream: false"],
    [
      "parallel_tool_calls without tools",
      { ...base, parallel_tool_calls: false },
      "parallel_tool_calls",
      "remove parallel_tool_calls or add tools",
    ],
    [
      "parallel_tool_calls with empty tools",
      { ...base, parallel_tool_calls: true, tools: [] },
      "parallel_tool_calls",
      "add tools",
    ],
    [
      "stream_options without stream",
      { ...base, stream_options: { include_usage: true } },
      "stream_options",
      "remove stream_options or set stream: true",
    ],
    [
      "stream_options with stream: false",
      { ...base, stream: false, stream_options: {} },
      "stream_options",
      "`stream_options` requires `stream: true`",
    ],
    [
      "top_logprobs without logprobs",
      { ...base, top_logprobs: 3 },
      "top_logprobs",
      "remove top_logprobs or set logprobs: true",
    ],
    [
      "top_logprobs with logprobs: false",
      { ...base, logprobs: false, top_logprobs: 3 },
      "top_logprobs",
      "requires `logprobs: true`",
    ],
  ]);
  expectPasses([
    ["logprobs without stream", { ...base, logprobs: true, stream: false }],
    ["stream with logprobs: false", { ...base, logprobs: false, stream: true }],
    ["parallel_tool_calls with tools", { ...base, parallel_tool_calls: false, tools: [tool("f")] }],
    ["stream_options with stream", { ...base, stream: true, stream_options: { include_usage: true } }],
    ["top_logprobs with logprobs", { ...base, logprobs: true, top_logprobs: 3 }],
  ]);
});

describe("number ranges", () => {
  const fix = "pass a value in range or remove it";
  // [field, refused values, accepted values]
  const ranges: Array<[string, unknown[], number[], string]> = [
    ["temperature", [-0.1, 2.01, Number.NaN, Infinity, "1"], [0, 0.7, 2], "a finite number from 0 to 2"],
    ["top_p", [-0.1, 1.01, Number.NaN], [0, 1], "from 0 to 1"],
    ["frequency_penalty", [-2.1, 2.1, -Infinity], [-2, 0, 2], "from -2 to 2"],
    ["presence_penalty", [-2.1, 2.1, Number.NaN], [-2, 2], "from -2 to 2"],
    ["n", [0, 1.5, 129, Infinity], [1, 128], "an integer from 1 to 128"],
    ["max_tokens", [0, -1, 1.5, Infinity], [1, 100_000], "an integer ≥ 1"],
    ["max_completion_tokens", [0, 2.5, Number.NaN], [1, 4096], "an integer ≥ 1"],
    ["top_k", [-1, 0.5, Infinity], [0, 1, 40], "an integer ≥ 0"],
    ["seed", [1.5, Number.NaN, Infinity, "7"], [-5, 0, 2 ** 40], "must be an integer, got"],
  ];
  for (const [field, refused, accepted, range] of ranges) {
    describe(field, () => {
      expectFailures(
        refused.map((value): FailingCase => [`${String(value)}`, { ...base, [field]: value }, field, fix]),
      );
      it("names the range", () => expect(errorOf({ ...base, [field]: refused[0] }).message).toContain(range));
      expectPasses(accepted.map((value): [string, unknown] => [`${value}`, { ...base, [field]: value }]));
    });
  }
  describe("top_logprobs", () => {
    expectFailures(
      [-1, 21, 1.5, Number.NaN].map(
        (value): FailingCase => [
          `${value}`,
          { ...base, logprobs: true, top_logprobs: value },
          "top_logprobs",
          "an integer from 0 to 20",
        ],
      ),
    );
    expectPasses(
      [0, 20].map((value): [string, unknown] => [
        `${value}`,
        { ...base, logprobs: true, top_logprobs: value },
      ]),
    );
  });
  describe("logit_bias", () => {
    expectFailures([
      ["a value above 100", { ...base, logit_bias: { "50256": 101 } }, "logit_bias.50256", fix],
      [
        "a value below -100",
        { ...base, logit_bias: { "1": 1, "2": -100.5 } },
        "logit_bias.2",
        "from -100 to 100",
      ],
      ["a NaN value", { ...base, logit_bias: { "7": Number.NaN } }, "logit_bias.7", fix],
      ["an array", { ...base, logit_bias: [1] }, "logit_bias", "map token ids to numbers"],
    ]);
    expectPasses([["the extremes", { ...base, logit_bias: { "1": -100, "2": 100, "3": 0 } }]]);
  });
});

describe("stop", () => {
  expectFailures([
    [
      "five sequences",
      { ...base, stop: ["a", "b", "c", "d", "e"] },
      "stop",
      "at most 4 strings: shorten or fix it",
    ],
    ["a non-string sequence", { ...base, stop: ["a", 1] }, "stop", "shorten or fix it"],
    ["a number", { ...base, stop: 42 }, "stop", "a string or an array"],
  ]);
  expectPasses([
    ["a string", { ...base, stop: "\n" }],
    ["four strings", { ...base, stop: ["a", "b", "c", "d"] }],
    ["an empty array", { ...base, stop: [] }],
  ]);
});

describe("tools and tool_choice", () => {
  expectFailures([
    ["tools that are not an array", { ...base, tools: tool("f") }, "tools", "must be an array"],
    [
      "a tool of another type",
      { ...base, tools: [tool("f"), { type: "x" }] },
      "tools[1].type",
      'set type "function"',
    ],
    [
      "a tool without function",
      { ...base, tools: [{ type: "function" }] },
      "tools[0].function.name",
      "add or fix the name",
    ],
    [
      "a name with a space",
      { ...base, tools: [tool("get weather")] },
      "tools[0].function.name",
      "add or fix the name",
    ],
    ["a name of 65 characters", { ...base, tools: [tool("a".repeat(65))] }, "tools[0].function.name", "1–64"],
    [
      "tool_choice naming an undeclared function",
      { ...base, tools: [tool("f")], tool_choice: { type: "function", function: { name: "g" } } },
      "tool_choice.function.name",
      'names function "g", which is not in `tools`: add it to tools',
    ],
    [
      "tool_choice naming a function without tools",
      { ...base, tool_choice: { type: "function", function: { name: "g" } } },
      "tool_choice.function.name",
      "add it to tools",
    ],
    [
      'tool_choice "required" without tools',
      { ...base, tool_choice: "required" },
      "tool_choice",
      "remove tool_choice or add tools",
    ],
  ]);
  expectPasses([
    ["valid names", { ...base, tools: [tool("get_weather-2"), tool("a".repeat(64))] }],
    [
      "tool_choice naming a declared function",
      { ...base, tools: [tool("f"), tool("g")], tool_choice: { type: "function", function: { name: "g" } } },
    ],
    ['tool_choice "auto" without tools', { ...base, tool_choice: "auto" }],
    ['tool_choice "required" with tools', { ...base, tools: [tool("f")], tool_choice: "required" }],
  ]);
});

describe("response_format", () => {
  expectFailures([
    [
      "an unknown type",
      { ...base, response_format: { type: "xml" } },
      "response_format.type",
      "use one of text, json_object, json_schema",
    ],
    ["a string", { ...base, response_format: "json" }, "response_format.type", 'is "json", which is unknown'],
    [
      "json_schema without a name",
      { ...base, response_format: { type: "json_schema", json_schema: { schema: {} } } },
      "response_format.json_schema.name",
      "add or fix the name",
    ],
    [
      "json_schema without json_schema",
      { ...base, response_format: { type: "json_schema" } },
      "response_format.json_schema.name",
      "must be 1–64 letters",
    ],
  ]);
  expectPasses([
    ["text", { ...base, response_format: { type: "text" } }],
    ["json_object", { ...base, response_format: { type: "json_object" } }],
    [
      "json_schema with a name",
      { ...base, response_format: { type: "json_schema", json_schema: { name: "answer" } } },
    ],
  ]);
});

describe("what is not refused", () => {
  const nullFields = [
    "frequency_penalty",
    "logit_bias",
    "logprobs",
    "top_logprobs",
    "max_tokens",
    "max_completion_tokens",
    "n",
    "presence_penalty",
    "response_format",
    "seed",
    "stop",
    "stream",
    "stream_options",
    "temperature",
    "top_p",
    "top_k",
    "tools",
    "tool_choice",
    "parallel_tool_calls",
  ];
  expectPasses([
    [
      "null for every optional field",
      { ...base, ...Object.fromEntries(nullFields.map((field) => [field, null])) },
    ],
    [
      "unknown extra fields",
      { ...base, provider: { order: ["a"] }, transforms: ["middle-out"], temperature: 1 },
    ],
  ]);
});
