import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../client/r9s-client";
import { memoryTransport, type ScriptedResponse } from "../test-support/memory-transport";
import type { AssistantChatMessage } from "./chat-message";
import { createChatSession } from "./chat-session";
import { textAnswer, toolCallAnswer } from "./test-support/scripted-answers";
import type { ChatSessionOptions } from "./types";

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
};

function setup(handler: (index: number) => ScriptedResponse, options: Partial<ChatSessionOptions> = {}) {
  const transport = memoryTransport((_request, index) => handler(index));
  const client = createClient({ transport, apiKey: "sk-test", retries: { strategy: "none" } });
  const session = createChatSession({
    client,
    model: "test-model",
    params: { tools: [weatherTool] },
    ...options,
  });
  const body = (index: number) => JSON.parse(transport.requests[index]?.body ?? "null");
  const lastAssistant = (offset = 1) => {
    const answers = session.getSnapshot().messages.filter((message) => message.role === "assistant");
    return answers[answers.length - offset] as AssistantChatMessage;
  };
  return { transport, session, body, lastAssistant };
}

/** A tool call first, then a text answer that quotes the tool result. */
const toolThenText = (index: number) =>
  index === 0 ? toolCallAnswer("call_1", "get_weather", '{"city":"Paris"}') : textAnswer(["Sunny in Paris."]);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createChatSession: tool calls", () => {
  it("runs onToolCall on the client and continues with its result", async () => {
    const onToolCall = vi.fn(() => ({ temperature: 21 }));
    const { session, body, transport } = setup(toolThenText, { onToolCall });
    await session.send("Weather in Paris?");
    expect(onToolCall).toHaveBeenCalledTimes(1);
    expect(onToolCall).toHaveBeenCalledWith({
      toolCall: expect.objectContaining({ id: "call_1", name: "get_weather", state: "awaiting-result" }),
      parsedArguments: { city: "Paris" },
    });
    expect(transport.requests).toHaveLength(2);
    expect(body(1).messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
    ]);
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe("ready");
    expect(snapshot.messages.map((message) => message.role)).toEqual(["user", "assistant", "assistant"]);
    const call = (snapshot.messages[1] as AssistantChatMessage).toolCalls?.[0];
    expect(call).toMatchObject({
      state: "result",
      result: { temperature: 21 },
      arguments: { valid: true, value: { city: "Paris" } },
      argumentsText: '{"city":"Paris"}',
    });
    expect(snapshot.messages[2]).toMatchObject({ content: "Sunny in Paris.", finishReason: "stop" });
  });

  it("shows the call streaming, arguments unparsed, before the answer ends", async () => {
    const { session } = setup(toolThenText, { throttle: 0, onToolCall: () => "ok" });
    const seen: string[] = [];
    session.subscribe(() => {
      const call = session.getSnapshot().streamingMessage?.toolCalls?.[0];
      if (call) seen.push(`${call.state}:${call.argumentsText}:${call.arguments === undefined}`);
    });
    await session.send("Weather?");
    expect(seen[0]).toBe("streaming::true");
    expect(seen.at(-1)).toBe('streaming:{"city":"Paris"}:true');
  });

  it("awaits an asynchronous result; status stays streaming meanwhile", async () => {
    let resolve!: (value: unknown) => void;
    const { session, transport } = setup(toolThenText, {
      onToolCall: () => new Promise((settle) => (resolve = settle)),
    });
    const done = session.send("Weather?");
    await vi.advanceTimersByTimeAsync(10);
    expect(session.getSnapshot().status).toBe("streaming");
    expect(session.getSnapshot().streamingMessage).toBeUndefined();
    expect(transport.requests).toHaveLength(1);
    resolve("22 degrees");
    await done;
    expect(transport.requests).toHaveLength(2);
    expect(JSON.parse(transport.requests[1]?.body ?? "").messages[2].content).toBe("22 degrees");
  });

  it("sends a throwing tool's error back to the model", async () => {
    const { session, body } = setup(toolThenText, {
      onToolCall: () => {
        throw new Error("No network");
      },
    });
    await session.send("Weather?");
    expect(body(1).messages[2]).toEqual({
      role: "tool",
      tool_call_id: "call_1",
      content: '{"error":"No network"}',
    });
    expect((session.getSnapshot().messages[1] as AssistantChatMessage).toolCalls?.[0]).toMatchObject({
      state: "error",
      errorText: "No network",
    });
  });

  it("leaves a call for addToolResult when onToolCall returns nothing, then continues", async () => {
    const { session, transport, body, lastAssistant } = setup(toolThenText, { onToolCall: () => undefined });
    await session.send("Weather?");
    expect(session.getSnapshot().status).toBe("ready");
    expect(lastAssistant().toolCalls?.[0]?.state).toBe("awaiting-result");
    await expect(session.send("Hello?")).rejects.toThrow(/awaits its result: call addToolResult/);
    expect(() => session.addToolResult({ toolCallId: "nope", result: 1 })).toThrow(/No tool call "nope"/);
    session.addToolResult({ toolCallId: "call_1", result: "rainy" });
    expect(session.getSnapshot().status).toBe("submitted");
    await vi.runAllTimersAsync();
    expect(transport.requests).toHaveLength(2);
    expect(body(1).messages[2]).toEqual({ role: "tool", tool_call_id: "call_1", content: "rainy" });
    expect(session.getSnapshot().status).toBe("ready");
    expect(lastAssistant().content).toBe("Sunny in Paris.");
  });

  it("without onToolCall, every call waits for addToolResult", async () => {
    const { session, lastAssistant } = setup(toolThenText);
    await session.send("Weather?");
    expect(lastAssistant().toolCalls?.[0]?.state).toBe("awaiting-result");
  });

  it("stops after maxSteps requests when the model keeps calling tools", async () => {
    const onToolCall = vi.fn(() => "again");
    const { session, transport } = setup((index) => toolCallAnswer(`call_${index}`, "get_weather", "{}"), {
      onToolCall,
      maxSteps: 3,
    });
    await session.send("Loop");
    expect(transport.requests).toHaveLength(3);
    expect(onToolCall).toHaveBeenCalledTimes(3);
    expect(session.getSnapshot().status).toBe("ready");
    // The next send starts a new count.
    await session.send("More");
    expect(transport.requests).toHaveLength(6);
  });

  it("stop() while a tool runs marks it failed and does not continue", async () => {
    const { session, transport, lastAssistant } = setup(toolThenText, {
      onToolCall: () => new Promise(() => {}),
    });
    const done = session.send("Weather?");
    await vi.advanceTimersByTimeAsync(10);
    session.stop();
    await done;
    expect(session.getSnapshot().status).toBe("ready");
    expect(lastAssistant().toolCalls?.[0]).toMatchObject({
      state: "error",
      errorText: expect.stringMatching(/Stopped/),
    });
    expect(transport.requests).toHaveLength(1);
  });

  it("regenerate removes the whole last answer: tool calls, results and the text after them", async () => {
    const { session, body } = setup((index) => toolThenText(index % 2), { onToolCall: () => "ok" });
    await session.send("Weather?");
    expect(session.getSnapshot().messages).toHaveLength(3);
    await session.regenerate();
    expect(body(2).messages).toEqual([{ role: "user", content: "Weather?" }]);
    expect(session.getSnapshot().messages).toHaveLength(3);
  });
});

describe("createChatSession: reasoning", () => {
  it("keeps reasoning on the answer and sends it back as reasoning_content", async () => {
    const { session, body } = setup(
      (index) =>
        textAnswer(index === 0 ? ["42"] : ["Sure"], { reasoning: index === 0 ? ["Think", "ing."] : [] }),
      { params: {} },
    );
    await session.send("Answer?");
    expect(session.getSnapshot().messages[1]).toMatchObject({ content: "42", reasoning: "Thinking." });
    await session.send("Thanks");
    expect(body(1).messages[1]).toEqual({ role: "assistant", content: "42", reasoning_content: "Thinking." });
  });

  it("sendReasoning: false leaves it out", async () => {
    const { session, body } = setup((index) => textAnswer(["a"], { reasoning: index === 0 ? ["hm"] : [] }), {
      sendReasoning: false,
    });
    await session.send("One");
    await session.send("Two");
    expect(body(1).messages[1]).toEqual({ role: "assistant", content: "a" });
  });
});
