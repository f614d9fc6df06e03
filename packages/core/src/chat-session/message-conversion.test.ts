import { describe, expect, it } from "vitest";
import type { ChatCompletion } from "../wire/completion";
import type { ChatCompletionMessageParam } from "../wire/message";
import { assistantMessageOf } from "./assistant-message";
import type { AssistantChatMessage } from "./chat-message";
import { toChatMessages } from "./to-chat-messages";
import { toMessageParams } from "./to-message-params";

let counter = 0;
const ids = () => `id-${++counter}`;

const history: ChatCompletionMessageParam[] = [
  { role: "system", content: "Be brief." },
  { role: "developer", content: [{ type: "text", text: "Use metric units." }], name: "ops" },
  {
    role: "user",
    content: [
      { type: "text", text: "Weather?" },
      { type: "image_url", image_url: { url: "data:," } },
    ],
  },
  {
    role: "assistant",
    content: null,
    reasoning_content: "Need the tool.",
    tool_calls: [
      {
        id: "call_1",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
        extra_content: { google: { thought_signature: "sig" } },
      },
      { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } },
    ],
    reasoning_details: [{ type: "reasoning.encrypted", data: "opaque" }],
  },
  { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
  { role: "tool", tool_call_id: "call_2", content: "12:00" },
  { role: "assistant", content: "21 °C at noon." },
  { role: "tool", tool_call_id: "orphan", content: "kept as its own message" },
  { role: "assistant", content: null, refusal: "I can't help with that." },
];

describe("toChatMessages / toMessageParams", () => {
  it("round-trips a wire history with nothing lost", () => {
    const messages = toChatMessages(history, ids);
    expect(toMessageParams(messages)).toEqual(history);
  });

  it("folds tool messages into the calls they answer, and keeps provider fields", () => {
    const messages = toChatMessages(history, ids);
    expect(messages.map((message) => message.role)).toEqual([
      "system",
      "developer",
      "user",
      "assistant",
      "assistant",
      "tool",
      "assistant",
    ]);
    const answer = messages[3] as AssistantChatMessage;
    expect(answer).toMatchObject({ content: "", reasoning: "Need the tool." });
    expect(answer.providerFields).toEqual({
      reasoning_details: [{ type: "reasoning.encrypted", data: "opaque" }],
    });
    expect(answer.toolCalls?.map((call) => [call.state, call.result])).toEqual([
      ["result", '{"temperature":21}'],
      ["result", "12:00"],
    ]);
    expect(answer.toolCalls?.[1]?.arguments).toEqual({ valid: true, value: {} });
    expect(messages[5]).toMatchObject({ role: "tool", toolCallId: "orphan" });
  });

  it("keeps chat messages (with an id) as they are, by identity", () => {
    const [first] = toChatMessages([{ role: "user", content: "Hi" }], ids);
    const again = toChatMessages([first!, { role: "user", content: "Next" }], ids);
    expect(again[0]).toBe(first);
  });

  it("reads Groq's `reasoning` and assistant content parts", () => {
    const [message] = toChatMessages(
      [
        {
          role: "assistant",
          reasoning: "Hmm.",
          content: [
            { type: "text", text: "Yes" },
            { type: "refusal", refusal: "but no" },
          ],
        },
      ],
      ids,
    );
    expect(message).toMatchObject({ content: "Yes", reasoning: "Hmm.", refusal: "but no" });
    expect(toMessageParams([message!])).toEqual([
      { role: "assistant", content: "Yes", refusal: "but no", reasoning_content: "Hmm." },
    ]);
  });
});

describe("assistantMessageOf", () => {
  const completion: ChatCompletion = {
    id: "c",
    object: "chat.completion",
    created: 1,
    model: "m",
    choices: [
      {
        index: 0,
        finish_reason: "length",
        logprobs: null,
        message: {
          role: "assistant",
          content: null,
          refusal: null,
          reasoning_content: "Let me see",
          tool_calls: [
            { id: "call_9", type: "function", function: { name: "search", arguments: '{"q":"pa' } },
          ],
        },
      },
    ],
  };

  it("parses arguments only when complete, and exposes truncated ones as invalid", () => {
    const complete = assistantMessageOf(completion, "a", "complete");
    expect(complete.finishReason).toBe("length");
    expect(complete.toolCalls?.[0]?.arguments).toMatchObject({ valid: false, text: '{"q":"pa' });
    const streaming = assistantMessageOf(completion, "a", "streaming");
    expect(streaming.toolCalls?.[0]).toMatchObject({ state: "streaming", arguments: undefined });
  });

  it("drops the unfinished tool calls of a cut answer, keeping its reasoning", () => {
    const stopped = assistantMessageOf(completion, "a", "stopped");
    expect(stopped).toEqual({
      id: "a",
      role: "assistant",
      content: "",
      reasoning: "Let me see",
      finishReason: null,
      interrupted: "stopped",
    });
  });

  it("reads an empty completion as an empty answer", () => {
    const empty = assistantMessageOf({ ...completion, choices: [] }, "a", "streaming");
    expect(empty).toEqual({ id: "a", role: "assistant", content: "", finishReason: null });
  });
});

describe("provider fields", () => {
  const functionCall = { name: "legacy", arguments: "{}" };
  const annotations = [{ type: "url_citation", url_citation: { url: "https://example.com" } }];

  it("are the same for a completion and for a wire history: function_call goes back, annotations do not", () => {
    const completion: ChatCompletion = {
      id: "c",
      object: "chat.completion",
      created: 1,
      model: "m",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          logprobs: null,
          message: {
            role: "assistant",
            content: "Hi",
            refusal: null,
            function_call: functionCall,
            annotations,
            x_provider: 1,
          },
        },
      ],
    };
    const fromCompletion = toMessageParams([assistantMessageOf(completion, "a", "complete")]);
    const fromWire = toMessageParams(
      toChatMessages(
        [{ role: "assistant", content: "Hi", function_call: functionCall, annotations, x_provider: 1 }],
        ids,
      ),
    );
    for (const [message] of [fromCompletion, fromWire]) {
      expect(message).toMatchObject({
        role: "assistant",
        content: "Hi",
        function_call: functionCall,
        x_provider: 1,
      });
      expect(message).not.toHaveProperty("annotations");
    }
  });
});
