import type { AssistantChatMessage } from "@r9s/core";
import { type MockScenarioHandler, type MockServer, startMockServer } from "@r9s/mock-server";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ChatView, textOf } from "./test-support/chat-view";
import { mockClient } from "./test-support/mock-client";
import type { UseChatResult } from "./types";

let server: MockServer;

const base = { id: "chatcmpl-test", object: "chat.completion.chunk", created: 1, model: "test" };
const content = (token: string) => ({
  ...base,
  choices: [{ index: 0, delta: { content: token }, finish_reason: null }],
});

/** Answers "Answer #n", n counting its requests: tells two answers to the same question apart. */
const numbered: MockScenarioHandler = async (context) => {
  const writer = context.startStream();
  for (const token of `Answer #${context.count("numbered")}`.split(/(?= )/))
    await writer.data(content(token));
  await writer.data({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
  await writer.done();
};

/** Streams two tokens, then waits until the client goes away, and records that it did. */
let clientLeft = false;
const stallThenWatch: MockScenarioHandler = async (context) => {
  const writer = context.startStream();
  await writer.data(content("Once"));
  await writer.data(content(" upon"));
  await new Promise<void>((resolve) =>
    context.signal.addEventListener("abort", () => resolve(), { once: true }),
  );
  clientLeft = true;
};

beforeAll(async () => {
  server = await startMockServer({
    tokenDelayMs: 2,
    scenarios: { numbered, "stall-then-watch": stallThenWatch },
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  cleanup();
  server.reset();
});

const status = () => screen.getByTestId("status").textContent;
const items = () =>
  screen.getAllByRole("listitem").map((item) => `${item.dataset.role}: ${item.textContent}`);

function submit(text: string): void {
  fireEvent.change(screen.getByLabelText("message"), { target: { value: text } });
  fireEvent.click(screen.getByText("Send"));
}

describe("useChat against the mock server", () => {
  it("streams the answer into messages, token by token, then returns to ready", async () => {
    const seen: string[] = [];
    const onFinish = vi.fn();
    render(
      <ChatView
        client={mockClient(server.url)}
        model="mock-slow-drip:delay-ms=20"
        onFinish={onFinish}
        onRender={(chat) => {
          const last = chat.streamingMessage;
          if (last) seen.push(last.content);
        }}
      />,
    );
    submit("Hello there, how are you today?");
    expect(screen.getByLabelText<HTMLInputElement>("message").value).toBe("");
    expect(status()).toBe("submitted");
    await waitFor(() => expect(status()).toBe("streaming"));
    await waitFor(() => expect(status()).toBe("ready"));
    const answer = "You said: Hello there, how are you today?";
    expect(items()).toEqual(["user: Hello there, how are you today?", `assistant: ${answer}`]);
    // The text grew over several renders before the answer ended.
    const partial = seen.filter((text) => text !== "" && text !== answer);
    expect(partial.length).toBeGreaterThan(0);
    for (const text of partial) expect(answer.startsWith(text)).toBe(true);
    expect(onFinish).toHaveBeenCalledTimes(1);
  });

  it("stop() aborts the request and keeps the partial text", async () => {
    clientLeft = false;
    render(<ChatView client={mockClient(server.url)} model="mock-stall-then-watch" />);
    submit("Tell me a long story");
    await waitFor(() => expect(items()).toEqual(["user: Tell me a long story", "assistant: Once upon"]));
    expect(status()).toBe("streaming");
    fireEvent.click(screen.getByText("Stop"));
    expect(status()).toBe("ready");
    expect(items()).toEqual(["user: Tell me a long story", "assistant: Once upon"]);
    await waitFor(() => expect(clientLeft).toBe(true));
  });

  it("regenerate() replaces the last answer", async () => {
    render(<ChatView client={mockClient(server.url)} model="mock-numbered" />);
    submit("Hi");
    await waitFor(() => expect(items()).toEqual(["user: Hi", "assistant: Answer #1"]));
    await waitFor(() => expect(status()).toBe("ready"));
    fireEvent.click(screen.getByText("Regenerate"));
    await waitFor(() => expect(items()).toEqual(["user: Hi", "assistant: Answer #2"]));
    await waitFor(() => expect(status()).toBe("ready"));
    const second = server.requests[1]?.body as { messages: unknown[] };
    expect(second.messages).toEqual([{ role: "user", content: "Hi" }]);
  });

  it("an HTTP error shows in error and status; the user message stays", async () => {
    const onError = vi.fn();
    render(<ChatView client={mockClient(server.url)} model="mock-status-429" onError={onError} />);
    submit("Hi");
    await waitFor(() => expect(status()).toBe("error"));
    expect(screen.getByTestId("error").textContent).toMatch(/^RateLimitError: /);
    expect(items()).toEqual(["user: Hi"]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ status: 429 }));
  });

  it("runs a tool call on the client and shows the model's answer with its result", async () => {
    const onToolCall = vi.fn(({ parsedArguments }: { parsedArguments: unknown }) => ({
      forecast: "sunny",
      input: parsedArguments,
    }));
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "get_weather",
          parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        },
      },
    ];
    let last: UseChatResult | undefined;
    render(
      <ChatView
        client={mockClient(server.url)}
        model="r9s-mock"
        params={{ tools }}
        onToolCall={onToolCall}
        onRender={(chat) => {
          last = chat;
        }}
      />,
    );
    submit("Weather in Paris?");
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(status()).toBe("ready"));
    expect(onToolCall).toHaveBeenCalledTimes(1);
    const messages = last!.messages;
    const call = (messages[1] as AssistantChatMessage).toolCalls?.[0];
    expect(call).toMatchObject({ name: "get_weather", state: "result", arguments: { valid: true } });
    const result = JSON.stringify(call?.result);
    expect(textOf(messages[2] as AssistantChatMessage)).toBe(`The get_weather tool returned: ${result}`);
    const second = server.requests[1]?.body as { messages: Array<Record<string, unknown>> };
    expect(second.messages[2]).toEqual({ role: "tool", tool_call_id: call?.id, content: result });
  });

  it("under StrictMode creates one session and sends once per submit", async () => {
    let renders = 0;
    render(
      <StrictMode>
        <ChatView client={mockClient(server.url)} model="r9s-mock" onRender={() => renders++} />
      </StrictMode>,
    );
    submit("Once");
    await waitFor(() => expect(status()).toBe("ready"));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(server.stats.requests).toBe(1);
    expect(items()).toEqual(["user: Once", "assistant: You said: Once"]);
    expect(renders).toBeGreaterThan(0);
  });

  it("keeps the session when callbacks and options change between renders", async () => {
    const first = vi.fn();
    const second = vi.fn();
    const client = mockClient(server.url);
    const { rerender } = render(<ChatView client={client} model="r9s-mock" onFinish={first} />);
    rerender(<ChatView client={client} model="mock-numbered" onFinish={second} />);
    submit("Hi");
    await waitFor(() => expect(status()).toBe("ready"));
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
    expect(items()).toEqual(["user: Hi", "assistant: Answer #1"]);
  });

  it.each([
    { tokenDelayMs: 1, label: "1 ms apart" },
    { tokenDelayMs: 0, label: "back to back" },
  ])(
    "renders a 1,000-token stream ($label) at most about once per animation frame",
    async ({ tokenDelayMs }) => {
      let renders = 0;
      let frames = 0;
      let counting = true;
      const countFrame = () => {
        frames++;
        if (counting) requestAnimationFrame(countFrame);
      };
      let chat: UseChatResult | undefined;
      render(
        <ChatView
          client={mockClient(server.url)}
          model={`mock-large:tokens=1000,token-delay-ms=${tokenDelayMs}`}
          onRender={(current) => {
            chat = current;
            renders++;
          }}
        />,
      );
      const before = renders;
      requestAnimationFrame(countFrame);
      await act(async () => {
        await chat?.send("Go");
      });
      counting = false;
      const streamRenders = renders - before;
      const answer = chat!.messages[1] as AssistantChatMessage;
      expect(answer.content.split(" ")).toHaveLength(1000);
      console.info(
        `1,000 tokens ${tokenDelayMs} ms apart: ${streamRenders} renders over ${frames} animation frames`,
      );
      // Counted, not timed: whatever the machine's speed, no more renders than frames (plus submitted, streaming, ready).
      expect(streamRenders).toBeLessThanOrEqual(frames + 5);
      expect(streamRenders).toBeLessThan(400);
    },
  );
});
