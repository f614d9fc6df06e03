import { once } from "node:events";
import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "./server";
import { chatBody, contentOf, payloadsOf, postChat, rawRequest, splitEvents } from "./test-support/client";
import type { MockServer } from "./types";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

async function streamOf(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await postChat(server.url, { ...body, stream: true }, headers);
  const text = await response.text();
  return { response, text, events: splitEvents(text), payloads: payloadsOf(splitEvents(text)) };
}

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", minimum: 1 },
      },
      required: ["location"],
    },
  },
};

describe("normal answers", () => {
  it("answers a chat.completion that echoes the last user message, with usage and x-request-id", async () => {
    const response = await postChat(server.url, chatBody());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-request-id")).toBe("req_mock_000001");
    const completion = await response.json();
    expect(completion).toMatchObject({
      id: "chatcmpl-mock-000001",
      object: "chat.completion",
      model: "r9s-mock",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "You said: Hello there", refusal: null },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 8, completion_tokens: 4, total_tokens: 12 },
    });
  });

  it("streams the same text token by token, ended by [DONE], with streaming headers", async () => {
    const { response, events, payloads } = await streamOf(chatBody());
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(events.at(-1)?.data).toBe("[DONE]");
    expect(payloads.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(payloads[0]).toMatchObject({ choices: [{ delta: { role: "assistant", content: "" } }] });
    expect(payloads.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: "stop" }] });
    expect(contentOf(payloads)).toBe("You said: Hello there");
    expect(payloads.length).toBe(6);
  });

  it("is deterministic: the same request gives the same bytes after reset", async () => {
    const first = (await streamOf(chatBody({}, "你好，世界 🌍"))).text;
    server.reset();
    const second = (await streamOf(chatBody({}, "你好，世界 🌍"))).text;
    expect(second).toBe(first);
    expect(contentOf(payloadsOf(splitEvents(first)))).toBe("You said: 你好，世界 🌍");
  });

  it("calls the first tool with arguments from its schema, fragmented, id and name only first", async () => {
    const { payloads } = await streamOf(chatBody({ tools: [weatherTool] }));
    const fragments = payloads.flatMap(
      (chunk) =>
        (chunk.choices as Array<{ delta: { tool_calls?: Array<Record<string, unknown>> } }>)[0]?.delta
          .tool_calls ?? [],
    );
    expect(fragments.length).toBeGreaterThan(3);
    expect(fragments[0]).toMatchObject({ index: 0, id: "call_mock_000001_0", type: "function" });
    expect(fragments[0]?.function).toEqual({ name: "get_weather", arguments: "" });
    for (const fragment of fragments.slice(1)) {
      expect(fragment.id).toBeUndefined();
      expect(fragment).toMatchObject({ index: 0, function: { arguments: expect.any(String) } });
    }
    const argumentsText = fragments
      .map((fragment) => (fragment.function as { arguments: string }).arguments)
      .join("");
    expect(JSON.parse(argumentsText)).toEqual({ location: "mock location", unit: "celsius", days: 1 });
    expect(payloads.at(-1)).toMatchObject({ choices: [{ finish_reason: "tool_calls" }] });
  });

  it("completes a tool round trip: a tool result gets a text answer quoting it", async () => {
    const first = await (await postChat(server.url, chatBody({ tools: [weatherTool] }))).json();
    const call = first.choices[0].message.tool_calls[0];
    expect(first.choices[0]).toMatchObject({ finish_reason: "tool_calls", message: { content: null } });
    const messages = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [call] },
      { role: "tool", tool_call_id: call.id, content: '{"temp":21}' },
    ];
    const second = await (
      await postChat(server.url, { model: "r9s-mock", messages, tools: [weatherTool] })
    ).json();
    expect(second.choices[0]).toMatchObject({
      finish_reason: "stop",
      message: { content: 'The get_weather tool returned: {"temp":21}' },
    });
  });

  it("honours n: choices interleaved in the stream, each with its own text", async () => {
    const { payloads } = await streamOf(chatBody({ n: 2 }));
    const indexes = payloads.map((chunk) => (chunk.choices as Array<{ index: number }>)[0]?.index);
    expect(indexes.slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(contentOf(payloads, 0)).toBe("You said: Hello there");
    expect(contentOf(payloads, 1)).toBe("Choice 2. You said: Hello there");
  });

  it("sends a usage-only last chunk with choices [] when include_usage is set", async () => {
    const { payloads, events } = await streamOf(chatBody({ stream_options: { include_usage: true } }));
    expect(payloads.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 4, total_tokens: 12 } });
    expect(payloads[0]?.usage).toBeNull();
    expect(events.at(-1)?.data).toBe("[DONE]");
  });

  it("stops at max_tokens / max_completion_tokens with finish_reason length", async () => {
    const { payloads } = await streamOf(chatBody({ max_tokens: 2 }));
    expect(contentOf(payloads)).toBe("You said:");
    expect(payloads.at(-1)).toMatchObject({ choices: [{ finish_reason: "length" }] });
    const completion = await (await postChat(server.url, chatBody({ max_completion_tokens: 1 }))).json();
    expect(completion.choices[0]).toMatchObject({ finish_reason: "length", message: { content: "You" } });
    expect(completion.usage.completion_tokens).toBe(1);
  });

  it("reasons before answering when reasoning_effort is set", async () => {
    const { payloads } = await streamOf(chatBody({ reasoning_effort: "high" }));
    const reasoningAt = payloads.findIndex((chunk) => JSON.stringify(chunk).includes("reasoning_content"));
    const contentAt = payloads.findIndex((chunk) => JSON.stringify(chunk).includes('"content":"You"'));
    expect(reasoningAt).toBeGreaterThan(0);
    expect(contentAt).toBeGreaterThan(reasoningAt);
    const completion = await (await postChat(server.url, chatBody({ reasoning_effort: "low" }))).json();
    expect(completion.choices[0].message.reasoning_content).toBe("The user wrote 2 words.");
    expect(completion.usage.completion_tokens_details.reasoning_tokens).toBe(5);
  });

  it("adds logprobs with top_logprobs when asked, streamed or not", async () => {
    const completion = await (
      await postChat(server.url, chatBody({ logprobs: true, top_logprobs: 2 }))
    ).json();
    const content = completion.choices[0].logprobs.content;
    expect(content.map((entry: { token: string }) => entry.token).join("")).toBe("You said: Hello there");
    expect(content[0]).toMatchObject({
      token: "You",
      bytes: [89, 111, 117],
      top_logprobs: [{ token: "You" }, {}],
    });
    const { payloads } = await streamOf(chatBody({ logprobs: true }));
    expect(payloads[1]).toMatchObject({
      choices: [{ logprobs: { content: [{ token: "You", top_logprobs: [] }] } }],
    });
  });

  it("answers under any path prefix ending in /v1/chat/completions", async () => {
    const response = await fetch(`${server.url}/relay/api/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify(chatBody()),
    });
    expect(response.status).toBe(200);
  });

  it("lists mock models", async () => {
    const list = await (await fetch(`${server.url}/v1/models`)).json();
    const ids = list.data.map((model: { id: string }) => model.id);
    expect(ids).toContain("r9s-mock");
    expect(ids).toContain("mock-rate-limit");
    expect(ids).toContain("mock-status-429");
  });
});

describe("request validation", () => {
  it("rejects bad JSON with a 400 invalid_request_error and records the raw body", async () => {
    const response = await postChat(server.url, "{not json");
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("req_mock_000001");
    const body = await response.json();
    expect(body.error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
    expect(server.requests[0]).toMatchObject({ method: "POST", body: undefined, rawBody: "{not json" });
  });

  it.each([
    [{ messages: [{ role: "user", content: "x" }] }, "model"],
    [{ model: "r9s-mock" }, "messages"],
    [{ model: "r9s-mock", messages: [] }, "messages"],
    [{ model: "r9s-mock", messages: [{ role: "robot", content: "x" }] }, "messages[0].role"],
    [{ model: "r9s-mock", messages: [{ role: "tool", content: "x" }] }, "messages[0].tool_call_id"],
    [chatBody({ n: 0 }), "n"],
  ])("rejects %j with a 400 naming %s", async (body, param) => {
    const response = await postChat(server.url, body);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ type: "invalid_request_error", param });
  });

  it("answers 405 with Allow for a wrong method, 404 JSON for an unknown path", async () => {
    const wrongMethod = await fetch(`${server.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect((await wrongMethod.json()).error.type).toBe("invalid_request_error");
    const unknown = await fetch(`${server.url}/v2/nothing`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-request-id")).toMatch(/^req_mock_\d{6}$/);
    expect((await unknown.json()).error).toMatchObject({ code: "unknown_url" });
  });

  it("rejects an unknown scenario: 400 from the header, 404 model_not_found from the model", async () => {
    const byHeader = await postChat(server.url, chatBody(), { "x-mock-scenario": "no-such-thing" });
    expect(byHeader.status).toBe(400);
    expect((await byHeader.json()).error.code).toBe("unknown_scenario");
    const byModel = await postChat(server.url, chatBody({ model: "mock-no-such-thing" }));
    expect(byModel.status).toBe(404);
    expect((await byModel.json()).error).toMatchObject({ code: "model_not_found", param: "model" });
  });
});

describe("with an apiKey", () => {
  it("answers 401 with an error body unless Authorization carries the key", async () => {
    const secured = await startMockServer({ apiKey: "sk-mock" });
    try {
      const missing = await postChat(secured.url, chatBody());
      expect(missing.status).toBe(401);
      expect((await missing.json()).error).toMatchObject({
        type: "authentication_error",
        code: "invalid_api_key",
      });
      const wrong = await postChat(secured.url, chatBody(), { authorization: "Bearer nope" });
      expect(wrong.status).toBe(401);
      await wrong.body?.cancel();
      const right = await postChat(secured.url, chatBody(), { authorization: "Bearer sk-mock" });
      expect(right.status).toBe(200);
      await right.body?.cancel();
    } finally {
      await secured.close();
    }
  });
});

describe("counters, log and custom scenarios", () => {
  it("records requests, counts scenarios and resets", async () => {
    await (
      await postChat(server.url, chatBody(), { "x-mock-scenario": "status-429", "x-trace": "t1" })
    ).text();
    await (await postChat(server.url, chatBody({ model: "mock-status-429" }))).text();
    await (await postChat(server.url, chatBody())).text();
    expect(server.stats).toMatchObject({ requests: 3, scenarios: { "status-429": 2, default: 1 } });
    expect(server.requests.map((request) => request.id)).toEqual([
      "req_mock_000001",
      "req_mock_000002",
      "req_mock_000003",
    ]);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      url: "/v1/chat/completions",
      scenario: "status-429",
      headers: { "x-trace": "t1" },
      body: chatBody(),
    });
    server.reset();
    expect(server.stats).toMatchObject({ requests: 0, scenarios: {} });
    expect(server.requests).toEqual([]);
  });

  it("keeps only maxRecordedRequests requests", async () => {
    const small = await startMockServer({ maxRecordedRequests: 2 });
    try {
      for (let index = 0; index < 3; index++) await (await postChat(small.url, chatBody())).text();
      expect(small.requests.map((request) => request.id)).toEqual(["req_mock_000002", "req_mock_000003"]);
    } finally {
      await small.close();
    }
  });

  it("counts open connections and closes them all on close()", async () => {
    const own = await startMockServer();
    const pending = rawRequest(own.url, "/v1/chat/completions", {
      headers: { "x-mock-scenario": "stall" },
      body: JSON.stringify(chatBody({ stream: true })),
    });
    await expect.poll(() => own.stats.scenarios.stall).toBe(1);
    expect(own.stats.openConnections).toBe(1);
    await own.close();
    const result = await pending;
    expect(result.status).toBe(200);
    expect(result.error).toBeDefined();
    expect(own.stats.openConnections).toBe(0);
  });

  it("counts only connections that carried a request in requestConnections", async () => {
    const own = await startMockServer();
    const idle = connect(own.port, "127.0.0.1");
    await once(idle, "connect");
    try {
      await expect.poll(() => own.stats.openConnections).toBe(1);
      expect(own.stats.requestConnections).toBe(0);
      const pending = rawRequest(own.url, "/v1/chat/completions", {
        headers: { "x-mock-scenario": "stall" },
        body: JSON.stringify(chatBody({ stream: true })),
      });
      await expect.poll(() => own.stats.requestConnections).toBe(1);
      expect(own.stats.openConnections).toBe(2);
      await own.close();
      await pending;
      expect(own.stats.requestConnections).toBe(0);
    } finally {
      idle.destroy();
      await own.close();
    }
  });

  it("runs custom handler and transcript scenarios, which win over built-in names", async () => {
    const own = await startMockServer({
      scenarios: {
        teapot: (context) => context.sendError(418, { message: `short and stout (${context.params.size})` }),
        "status-500": { description: "canned", frames: [{ hello: 1 }, "data: [DONE]\n\n"] },
      },
    });
    try {
      const teapot = await postChat(own.url, chatBody({ model: "mock-teapot:size=small" }));
      expect(teapot.status).toBe(418);
      expect((await teapot.json()).error.message).toBe("short and stout (small)");
      const canned = await postChat(own.url, chatBody(), { "x-mock-scenario": "status-500" });
      expect(canned.status).toBe(200);
      expect(await canned.text()).toBe('data: {"hello":1}\n\ndata: [DONE]\n\n');
    } finally {
      await own.close();
    }
  });

  it("aborts a scenario's signal and pending sleeps as soon as the client goes away", async () => {
    let slept: boolean | undefined;
    const own = await startMockServer({
      scenarios: {
        watch: async (context) => {
          context.startStream();
          slept = await context.sleep(60_000);
        },
      },
    });
    try {
      const raw = request(`${own.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "x-mock-scenario": "watch" },
      });
      raw.on("error", () => {});
      raw.end(JSON.stringify(chatBody({ stream: true })));
      await once(raw, "response");
      raw.destroy();
      await expect.poll(() => slept).toBe(false);
    } finally {
      await own.close();
    }
  });

  it("waits latencyMs before answering, and x-mock-latency-ms overrides it", async () => {
    const own = await startMockServer({ latencyMs: 1 });
    try {
      const response = await postChat(own.url, chatBody(), { "x-mock-latency-ms": "5" });
      expect(response.status).toBe(200);
      await response.text();
    } finally {
      await own.close();
    }
  });

  it("waits for drain instead of buffering when the client reads slowly", async () => {
    const piece = "x".repeat(16 * 1024);
    let blocked = false;
    let largestBuffer = 0;
    const own = await startMockServer({
      scenarios: {
        flood: async (context) => {
          const writer = context.startStream();
          for (let index = 0; index < 512; index++) {
            const written = writer.write(piece);
            // Right after a write that filled the buffer, Node says it needs a drain.
            blocked ||= context.response.writableNeedDrain;
            largestBuffer = Math.max(largestBuffer, context.response.writableLength);
            if (!(await written)) return;
          }
          writer.end();
        },
      },
    });
    try {
      const raw = request(`${own.url}/v1/chat/completions`, {
        method: "POST",
        headers: { "x-mock-scenario": "flood" },
      });
      raw.end(JSON.stringify(chatBody({ stream: true })));
      const [response] = (await once(raw, "response")) as [import("node:http").IncomingMessage];
      response.pause();
      await expect.poll(() => blocked).toBe(true);
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      response.resume();
      await once(response, "end");
      expect(received).toBe(512 * piece.length);
      expect(largestBuffer).toBeLessThan(1024 * 1024);
    } finally {
      await own.close();
    }
  });
});
