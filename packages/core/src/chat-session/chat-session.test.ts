import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../client/r9s-client";
import { RateLimitError } from "../errors/api-error";
import { R9SError, StreamError } from "../errors/r9s-error";
import { memoryTransport, type ScriptedResponse } from "../test-support/memory-transport";
import { createChatSession } from "./chat-session";
import { errorResponse, failingAnswer, stallingAnswer, textAnswer } from "./test-support/scripted-answers";
import type { ChatSessionOptions, ChatSessionSnapshot } from "./types";

function setup(handler: (index: number) => ScriptedResponse, options: Partial<ChatSessionOptions> = {}) {
  const transport = memoryTransport((_request, index) => handler(index));
  const client = createClient({ transport, apiKey: "sk-test", retries: { strategy: "none" } });
  const session = createChatSession({ client, model: "test-model", ...options });
  const snapshots: ChatSessionSnapshot[] = [];
  session.subscribe(() => snapshots.push(session.getSnapshot()));
  const body = (index: number) => JSON.parse(transport.requests[index]?.body ?? "null");
  return { transport, session, snapshots, body };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createChatSession: sending", () => {
  it("starts ready with the initial messages, ids generated", () => {
    const { session } = setup(() => textAnswer([]), {
      initialMessages: [{ role: "system", content: "Be brief." }],
    });
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe("ready");
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.streamingMessage).toBeUndefined();
    expect(snapshot.messages).toEqual([{ id: expect.any(String), role: "system", content: "Be brief." }]);
  });

  it("goes ready → submitted → streaming → ready, and the answer joins messages with the streaming id", async () => {
    const { session, snapshots, body } = setup(() => textAnswer(["Hel", "lo"]), { throttle: 0 });
    const done = session.send("Hi");
    expect(session.getSnapshot().status).toBe("submitted");
    expect(session.getSnapshot().messages.at(-1)).toMatchObject({ role: "user", content: "Hi" });
    await done;
    const statuses = snapshots.map((snapshot) => snapshot.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(["submitted", "streaming", "ready"]);
    const streamingId = snapshots.find((snapshot) => snapshot.streamingMessage)?.streamingMessage?.id;
    const final = session.getSnapshot();
    expect(final.streamingMessage).toBeUndefined();
    expect(final.messages[1]).toMatchObject({
      id: streamingId,
      role: "assistant",
      content: "Hello",
      finishReason: "stop",
    });
    expect(body(0)).toMatchObject({
      model: "test-model",
      stream: true,
      messages: [{ role: "user", content: "Hi" }],
    });
  });

  it("sends params and per-send params, and takes a message object", async () => {
    const { session, body } = setup(() => textAnswer(["ok"]), { params: { temperature: 0.2, top_p: 1 } });
    await session.send(
      { content: [{ type: "text", text: "Look" }], name: "ann" },
      { params: { temperature: 0 }, requestOptions: { headers: { "x-trace": "1" } } },
    );
    expect(body(0)).toMatchObject({
      temperature: 0,
      top_p: 1,
      messages: [{ role: "user", content: [{ type: "text", text: "Look" }], name: "ann" }],
    });
  });

  it("rejects a second send while an answer is in progress, changing nothing", async () => {
    const { session, transport } = setup(() => stallingAnswer(["a"]));
    void session.send("one");
    const before = session.getSnapshot();
    await expect(session.send("two")).rejects.toThrow(/while an answer is in progress.*stop\(\)/);
    await expect(session.regenerate()).rejects.toBeInstanceOf(R9SError);
    expect(session.getSnapshot()).toBe(before);
    session.stop();
    expect(transport.requests).toHaveLength(1);
  });
});

describe("createChatSession: options and clients", () => {
  it("setOptions changes the model and params of the next request", async () => {
    const { session, body } = setup(() => textAnswer(["ok"]), { params: { temperature: 1 } });
    await session.send("One");
    session.setOptions({ model: "other-model", params: { temperature: 0 } });
    await session.send("Two");
    expect(body(0)).toMatchObject({ model: "test-model", temperature: 1 });
    expect(body(1)).toMatchObject({ model: "other-model", temperature: 0 });
  });

  it("wraps a custom client's non-SDK failure in an R9SError, keeping the cause", async () => {
    const cause = new TypeError("not today");
    const session = createChatSession({
      client: { chat: { create: () => Promise.reject(cause) } },
      model: "m",
    });
    await session.send("Hi");
    const { error } = session.getSnapshot();
    expect(error).toBeInstanceOf(R9SError);
    expect(error?.message).toBe("The chat request failed: not today");
    expect(error?.cause).toBe(cause);
  });

  it("refuses a client without chat.create at once", () => {
    expect(() => createChatSession({ client: {} as never, model: "m" })).toThrow(/chat\.create/);
  });
});

describe("createChatSession: batching and snapshots", () => {
  it("notifies at most once per frame (16 ms without requestAnimationFrame) while tokens stream", async () => {
    const tokens = Array.from({ length: 200 }, (_, index) => ` t${index}`);
    const { session, snapshots } = setup(() => textAnswer(tokens, { waitMs: 1 }));
    const done = session.send("Hi");
    const start = Date.now();
    await vi.runAllTimersAsync();
    await done;
    const elapsed = Date.now() - start;
    const tokenNotifies = snapshots.filter((snapshot) => snapshot.status === "streaming").length;
    expect(elapsed).toBeGreaterThanOrEqual(200);
    expect(tokenNotifies).toBeLessThanOrEqual(Math.ceil(elapsed / 16) + 2);
    expect(tokenNotifies).toBeGreaterThan(3);
    expect(session.getSnapshot().messages[1]).toMatchObject({ content: tokens.join("") });
  });

  it("uses requestAnimationFrame when it exists", async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal("cancelAnimationFrame", () => {});
    try {
      const { session, snapshots } = setup(() => stallingAnswer(["a", "b", "c"]));
      void session.send("Hi");
      await vi.advanceTimersByTimeAsync(5);
      expect(frames).toHaveLength(1);
      const before = snapshots.length;
      frames[0]?.(0);
      expect(snapshots).toHaveLength(before + 1);
      expect(session.getSnapshot().streamingMessage?.content).toBe("abc");
      session.stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("with a numeric throttle notifies at most once per interval; with 0 on every chunk", async () => {
    const tokens = Array.from({ length: 100 }, () => "x");
    const slow = setup(() => textAnswer(tokens, { waitMs: 1 }), { throttle: 50 });
    const slowDone = slow.session.send("Hi");
    await vi.runAllTimersAsync();
    await slowDone;
    expect(slow.snapshots.filter((s) => s.status === "streaming").length).toBeLessThanOrEqual(4);

    const eager = setup(() => textAnswer(tokens, { waitMs: 1 }), { throttle: 0 });
    const eagerDone = eager.session.send("Hi");
    await vi.runAllTimersAsync();
    await eagerDone;
    // One per chunk that changes something: the role chunk (status), then each of the 100 tokens.
    expect(eager.snapshots.filter((s) => s.status === "streaming")).toHaveLength(101);
  });

  it("keeps the snapshot identity while nothing changes, and the history array while streaming", async () => {
    const { session, snapshots } = setup(() => textAnswer(["a", "b", "c", "d"], { waitMs: 20 }), {
      initialMessages: [
        { role: "user", content: "Earlier" },
        { role: "assistant", content: "Yes" },
      ],
    });
    expect(session.getSnapshot()).toBe(session.getSnapshot());
    const done = session.send("Hi");
    const submitted = session.getSnapshot();
    expect(session.getSnapshot()).toBe(submitted);
    await vi.runAllTimersAsync();
    await done;
    const streaming = snapshots.filter((snapshot) => snapshot.streamingMessage !== undefined);
    expect(streaming.length).toBeGreaterThanOrEqual(3);
    for (const snapshot of streaming) expect(snapshot.messages).toBe(submitted.messages);
    expect(new Set(streaming.map((snapshot) => snapshot.streamingMessage)).size).toBe(streaming.length);
    expect(Object.isFrozen(streaming[0])).toBe(true);
    expect(session.getSnapshot().messages).not.toBe(submitted.messages);
    expect(session.getSnapshot().messages.slice(0, 3)).toEqual(submitted.messages);
  });
});

describe("createChatSession: stop", () => {
  it("aborts the request, keeps the partial answer and returns to ready", async () => {
    const onFinish = vi.fn();
    const { session, transport } = setup(() => stallingAnswer(["Once", " upon"]), { onFinish });
    const done = session.send("Tell a story");
    await vi.advanceTimersByTimeAsync(20);
    expect(session.getSnapshot().status).toBe("streaming");
    session.stop();
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe("ready");
    expect(snapshot.streamingMessage).toBeUndefined();
    expect(snapshot.messages.at(-1)).toMatchObject({
      role: "assistant",
      content: "Once upon",
      interrupted: "stopped",
      finishReason: null,
    });
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    expect(onFinish).toHaveBeenCalledWith(
      snapshot.messages.at(-1),
      expect.objectContaining({ stopped: true }),
    );
    await done;
    expect(session.getSnapshot()).toBe(snapshot);
  });

  it("before any token: aborts, adds no answer, and a later send works", async () => {
    const { session, transport } = setup((index) => (index === 0 ? { stall: true } : textAnswer(["ok"])));
    const first = session.send("Hi");
    session.stop();
    await first;
    expect(session.getSnapshot().messages.map((message) => message.role)).toEqual(["user"]);
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    await session.send("Again");
    expect(session.getSnapshot().messages.map((message) => message.role)).toEqual([
      "user",
      "user",
      "assistant",
    ]);
  });

  it("is a no-op when ready", () => {
    const { session, snapshots } = setup(() => textAnswer([]));
    session.stop();
    expect(snapshots).toHaveLength(0);
  });
});

describe("createChatSession: errors", () => {
  it("an HTTP error sets status error with the typed error, and calls onError", async () => {
    const onError = vi.fn();
    const { session } = setup(() => errorResponse(429, "Slow down"), { onError });
    await session.send("Hi");
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(snapshot.error).toBeInstanceOf(RateLimitError);
    expect(onError).toHaveBeenCalledWith(snapshot.error);
    expect(snapshot.messages.map((message) => message.role)).toEqual(["user"]);
    session.clearError();
    expect(session.getSnapshot()).toMatchObject({ status: "ready", error: undefined });
  });

  it("a broken stream keeps the partial answer, marked interrupted", async () => {
    const { session } = setup(() => failingAnswer(["Half", " an"]));
    await session.send("Hi");
    const snapshot = session.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(snapshot.error).toBeInstanceOf(StreamError);
    expect(snapshot.messages.at(-1)).toMatchObject({
      role: "assistant",
      content: "Half an",
      interrupted: "error",
    });
  });

  it("sending again after an error clears it", async () => {
    const { session } = setup((index) => (index === 0 ? errorResponse(500, "Oops") : textAnswer(["fine"])));
    await session.send("Hi");
    expect(session.getSnapshot().status).toBe("error");
    const done = session.send("Hi again");
    expect(session.getSnapshot()).toMatchObject({ status: "submitted", error: undefined });
    await done;
    expect(session.getSnapshot().status).toBe("ready");
  });
});

describe("createChatSession: regenerate and setMessages", () => {
  it("regenerate replaces the last answer and sends the history without it", async () => {
    const { session, body } = setup((index) => textAnswer([index === 0 ? "First" : "Second"]));
    await session.send("Hi");
    const userMessage = session.getSnapshot().messages[0];
    await session.regenerate();
    const messages = session.getSnapshot().messages;
    expect(messages).toHaveLength(2);
    expect(messages[0]).toBe(userMessage);
    expect(messages[1]).toMatchObject({ role: "assistant", content: "Second" });
    expect(body(1).messages).toEqual([{ role: "user", content: "Hi" }]);
  });

  it("regenerate after an error re-sends the last user message", async () => {
    const { session } = setup((index) => (index === 0 ? errorResponse(503, "Busy") : textAnswer(["Back"])));
    await session.send("Hi");
    await session.regenerate();
    expect(session.getSnapshot().messages.map((message) => message.content)).toEqual(["Hi", "Back"]);
  });

  it("regenerate without a user message rejects", async () => {
    const { session } = setup(() => textAnswer([]));
    await expect(session.regenerate()).rejects.toThrow(/no user message/);
  });

  it("setMessages replaces the list (an updater sees the current one) and stops a request", async () => {
    const { session, transport } = setup(() => stallingAnswer(["partial"]));
    void session.send("Hi");
    await vi.advanceTimersByTimeAsync(20);
    session.setMessages((messages) => messages.filter((message) => message.role === "user"));
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    expect(session.getSnapshot()).toMatchObject({ status: "ready", streamingMessage: undefined });
    expect(session.getSnapshot().messages.map((message) => message.role)).toEqual(["user"]);
    session.setMessages([{ role: "user", content: "Wire message" }]);
    expect(session.getSnapshot().messages).toEqual([
      { id: expect.any(String), role: "user", content: "Wire message" },
    ]);
  });

  it("destroy aborts the request and drops listeners; the session stays usable", async () => {
    const { session, transport, snapshots } = setup((index) =>
      index === 0 ? stallingAnswer(["a"]) : textAnswer(["b"]),
    );
    void session.send("Hi");
    await vi.advanceTimersByTimeAsync(20);
    session.destroy();
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    const count = snapshots.length;
    await session.send("Again");
    expect(snapshots).toHaveLength(count);
    expect(session.getSnapshot().messages.at(-1)).toMatchObject({ content: "b" });
  });
});
