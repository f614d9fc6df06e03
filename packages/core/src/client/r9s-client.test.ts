import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  R9SDefaultError,
  R9SError,
  RateLimitError,
  ServiceUnavailableError,
  StreamError,
  TimeoutError,
  ValidationError,
} from "../index";
import { memoryTransport, type ScriptedResponse, sse, textChunk } from "../test-support/memory-transport";
import type { ChatCompletionCreateParams } from "../wire/request";
import { createClient } from "./r9s-client";

const messages = [{ role: "user" as const, content: "Hi" }];
const completion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "test-model",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello", refusal: null },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: [JSON.stringify(body)],
});
const noRetry = { strategy: "none" as const };

describe("chat.create without streaming", () => {
  it("posts the params as JSON to baseURL + /v1/chat/completions, keeping the path prefix", async () => {
    const transport = memoryTransport(() => json(200, completion));
    const client = createClient({ transport, apiKey: "sk-test", baseURL: "https://host/proxy/" });
    const result = await client.chat.create({ model: "m", messages, temperature: 0 });
    expect(result).toEqual(completion);
    const [request] = transport.requests;
    expect(request?.url).toBe("https://host/proxy/v1/chat/completions");
    expect(request?.method).toBe("POST");
    expect(request?.headers.authorization).toBe("Bearer sk-test");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({ model: "m", messages, temperature: 0 });
  });

  it("merges client and call headers; null removes one", async () => {
    const transport = memoryTransport(() => json(200, completion));
    const client = createClient({ transport, apiKey: "k", headers: { "X-Team": "a", "x-gone": "b" } });
    await client.chat.create(
      { model: "m", messages },
      { headers: { "x-call": "c", "x-gone": null, authorization: null } },
    );
    const headers = transport.requests[0]?.headers;
    expect(headers).toMatchObject({ "x-team": "a", "x-call": "c" });
    expect(headers).not.toHaveProperty("x-gone");
    expect(headers).not.toHaveProperty("authorization");
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [418, R9SDefaultError],
  ])("throws the class of status %i without retrying", async (status, ErrorClass) => {
    const transport = memoryTransport(() =>
      json(status, { error: { message: "bad", type: "t" } }, { "x-request-id": "req_9" }),
    );
    const client = createClient({ transport });
    const error = await client.chat.create({ model: "m", messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, requestId: "req_9", error: { message: "bad", type: "t" } });
    expect(transport.requests).toHaveLength(1);
  });

  it("maps an HTML proxy page by status and keeps its text", async () => {
    const html = "<html><h1>502 Bad Gateway</h1></html>";
    const transport = memoryTransport(() => ({
      status: 502,
      headers: { "content-type": "text/html" },
      body: [html],
    }));
    const error = await createClient({ transport, retries: noRetry })
      .chat.create({ model: "m", messages })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(R9SDefaultError);
    expect(error).toMatchObject({ status: 502, rawBody: html });
  });

  it("wraps a refused connection in ConnectionError", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const transport = memoryTransport(() => ({ fail: refused }));
    const error = await createClient({ transport, retries: noRetry })
      .chat.create({ model: "m", messages })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as Error).cause).toBe(refused);
  });

  it("refuses a non-JSON success body with a clear error", async () => {
    const transport = memoryTransport(() => ({ status: 200, body: ["<html>login</html>"] }));
    await expect(createClient({ transport }).chat.create({ model: "m", messages })).rejects.toThrow(
      /Expected a JSON chat completion, got: <html>login/,
    );
  });
});

describe("validation", () => {
  it.each<[string, Partial<ChatCompletionCreateParams>, string]>([
    ["logprobs with stream", { stream: true, logprobs: true }, "logprobs"],
    ["stream_options without stream", { stream_options: { include_usage: true } }, "stream_options"],
    ["empty model", { model: "" }, "model"],
    [
      "tool message without id",
      { messages: [{ role: "tool", content: "x" } as never] },
      "messages[0].tool_call_id",
    ],
  ])("refuses %s and sends nothing", async (_name, change, field) => {
    const transport = memoryTransport(() => json(200, completion));
    const client = createClient({ transport });
    const error = await client.chat
      .create({ model: "m", messages, ...change } as ChatCompletionCreateParams)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(transport.requests).toHaveLength(0);
  });

  it("refuses a header value with CR/LF and sends nothing", async () => {
    const transport = memoryTransport(() => json(200, completion));
    const error = await createClient({ transport })
      .chat.create({ model: "m", messages }, { headers: { "x-trace": "a\r\nx-evil: 1" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(transport.requests).toHaveLength(0);
  });

  it("refuses a non-positive timeoutMs", () => {
    expect(() => createClient({ transport: memoryTransport(() => ({})), timeoutMs: 0 })).toThrow(
      ValidationError,
    );
  });
});

describe("retries (fake timers)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("retries 503 with backoff, then succeeds", async () => {
    const times: number[] = [];
    const transport = memoryTransport((_request, index) => {
      times.push(Date.now());
      return index < 2 ? json(503, { error: { message: "busy" } }) : json(200, completion);
    });
    const pending = createClient({ transport }).chat.create({ model: "m", messages });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(pending).resolves.toEqual(completion);
    expect(transport.requests).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = times;
    // 500 ms then 1000 ms, each with ±25% jitter.
    expect(second - first).toBeGreaterThanOrEqual(375);
    expect(second - first).toBeLessThanOrEqual(625);
    expect(third - second).toBeGreaterThanOrEqual(750);
    expect(third - second).toBeLessThanOrEqual(1250);
  });

  it("honours retry-after-ms before Retry-After, above maxInterval", async () => {
    const times: number[] = [];
    const transport = memoryTransport((_request, index) => {
      times.push(Date.now());
      return index === 0
        ? json(429, { error: { message: "slow" } }, { "retry-after-ms": "12000", "retry-after": "1" })
        : json(200, completion);
    });
    const pending = createClient({ transport }).chat.create({ model: "m", messages });
    await vi.advanceTimersByTimeAsync(20_000);
    await pending;
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(12_000);
  });

  it("gives up with the last error once maxElapsedTime would pass", async () => {
    const transport = memoryTransport(() => json(500, { error: { message: "down" } }));
    const client = createClient({
      transport,
      retries: {
        strategy: "backoff",
        backoff: { initialInterval: 1000, maxInterval: 1000, exponent: 1, maxElapsedTime: 3500 },
      },
    });
    const pending = client.chat.create({ model: "m", messages }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await pending).toBeInstanceOf(InternalServerError);
    expect(transport.requests.length).toBeGreaterThanOrEqual(3);
    expect(transport.requests.length).toBeLessThanOrEqual(5);
  });

  it("per-call retries override the client's", async () => {
    const transport = memoryTransport(() => json(429, { error: { message: "slow" } }));
    const client = createClient({ transport });
    const error = await client.chat
      .create({ model: "m", messages }, { retries: noRetry })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(transport.requests).toHaveLength(1);
  });

  it("retries connection errors unless retryConnectionErrors is false", async () => {
    const transport = memoryTransport((_request, index) =>
      index === 0 ? { fail: new Error("ECONNRESET") } : json(200, completion),
    );
    const pending = createClient({ transport }).chat.create({ model: "m", messages });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(pending).resolves.toEqual(completion);

    const refusing = memoryTransport(() => ({ fail: new Error("ECONNRESET") }));
    const client = createClient({
      transport: refusing,
      retries: { strategy: "backoff", retryConnectionErrors: false },
    });
    await expect(client.chat.create({ model: "m", messages })).rejects.toBeInstanceOf(ConnectionError);
    expect(refusing.requests).toHaveLength(1);
  });

  it("times out waiting for headers, retries, then throws TimeoutError", async () => {
    const transport = memoryTransport(() => ({ stall: true }));
    const client = createClient({
      transport,
      timeoutMs: 1000,
      retries: {
        strategy: "backoff",
        backoff: { initialInterval: 100, maxInterval: 100, maxElapsedTime: 2500 },
      },
    });
    const pending = client.chat.create({ model: "m", messages }).catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: "headers", timeoutMs: 1000 });
    expect(transport.requests.length).toBeGreaterThan(1);
    // Every attempt's signal was aborted, so no connection is left behind.
    expect(transport.requests.every((request) => request.signal.aborted)).toBe(true);
  });

  it("aborts a pending backoff when the caller's signal fires", async () => {
    const transport = memoryTransport(() => json(503, { error: { message: "busy" } }));
    const controller = new AbortController();
    const pending = createClient({ transport })
      .chat.create({ model: "m", messages }, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(await pending).toBeInstanceOf(AbortError);
    expect(transport.requests).toHaveLength(1);
  });
});

describe("abort", () => {
  it("rejects with AbortError when the signal fires before the headers", async () => {
    const transport = memoryTransport(() => ({ stall: true }));
    const controller = new AbortController();
    const pending = createClient({ transport }).chat.create(
      { model: "m", messages },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(transport.requests[0]?.signal.aborted).toBe(true);
  });

  it("an already-aborted signal sends nothing", async () => {
    const transport = memoryTransport(() => json(200, completion));
    await expect(
      createClient({ transport }).chat.create({ model: "m", messages }, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe("redirects", () => {
  it("follows 307 keeping method and body, and drops Authorization across origins", async () => {
    const transport = memoryTransport((request) => {
      if (request.url.startsWith("https://a.test/v1"))
        return { status: 307, headers: { location: "/moved/v1/chat/completions" } };
      if (request.url.startsWith("https://a.test/moved"))
        return { status: 308, headers: { location: "https://b.test/v1/chat" } };
      return json(200, completion);
    });
    await createClient({ transport, apiKey: "sk-secret", baseURL: "https://a.test" }).chat.create({
      model: "m",
      messages,
    });
    const [first, second, third] = transport.requests;
    expect(second?.url).toBe("https://a.test/moved/v1/chat/completions");
    expect(second?.headers.authorization).toBe("Bearer sk-secret");
    expect(second?.method).toBe("POST");
    expect(third?.url).toBe("https://b.test/v1/chat");
    expect(third?.headers.authorization).toBeUndefined();
    expect(third?.method).toBe("POST");
    expect(third?.body).toBe(first?.body);
  });

  it("turns a 303 into a GET without body", async () => {
    const transport = memoryTransport((_request, index) =>
      index === 0 ? { status: 303, headers: { location: "https://a.test/result" } } : json(200, completion),
    );
    await createClient({ transport, baseURL: "https://a.test" }).chat.create({ model: "m", messages });
    expect(transport.requests[1]).toMatchObject({ method: "GET", body: undefined });
  });

  it("stops after 5 redirects", async () => {
    const transport = memoryTransport((_request, index) => ({
      status: 302,
      headers: { location: `/hop${index}` },
    }));
    await expect(
      createClient({ transport, baseURL: "https://a.test" }).chat.create({ model: "m", messages }),
    ).rejects.toThrow(/Too many redirects/);
    expect(transport.requests).toHaveLength(6);
  });

  it("leaves redirects to a transport that follows them itself", async () => {
    const transport = memoryTransport(
      () => ({ status: 302, headers: { location: "/elsewhere" }, body: [""] }),
      {
        followsRedirects: true,
      },
    );
    await expect(
      createClient({ transport, baseURL: "https://a.test", retries: noRetry }).chat.create({
        model: "m",
        messages,
      }),
    ).rejects.toBeInstanceOf(R9SDefaultError);
    expect(transport.requests).toHaveLength(1);
  });
});

describe("security", () => {
  it("never logs the API key", async () => {
    const lines: string[] = [];
    const record = (message: string, details?: unknown) =>
      lines.push(message + JSON.stringify(details ?? {}));
    const logger = { debug: record, info: record, warn: record, error: record };
    const transport = memoryTransport((_request, index) =>
      index === 0 ? json(503, {}) : json(200, completion),
    );
    const client = createClient({
      transport,
      apiKey: "sk-very-secret",
      logger,
      headers: { "x-copy": "sk-very-secret" },
    });
    await client.chat.create(
      { model: "m", messages },
      { retries: { strategy: "backoff", backoff: { initialInterval: 1 } } },
    );
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join("\n")).not.toContain("sk-very-secret");
    expect(lines.join("\n")).toContain("Bearer ***");
  });

  it("refuses an apiKey in a browser page unless dangerouslyAllowBrowser", () => {
    const global = globalThis as { window?: unknown };
    global.window = { document: {} };
    try {
      const transport = memoryTransport(() => json(200, completion));
      expect(() => createClient({ transport, apiKey: "sk" })).toThrow(/dangerouslyAllowBrowser/);
      expect(() => createClient({ transport, apiKey: "sk", dangerouslyAllowBrowser: true })).not.toThrow();
      expect(() => createClient({ transport, baseURL: "/api" })).not.toThrow();
    } finally {
      delete global.window;
    }
  });

  it("refuses a relative baseURL outside a browser, naming the fix", async () => {
    const client = createClient({ transport: memoryTransport(() => json(200, completion)), baseURL: "/api" });
    await expect(client.chat.create({ model: "m", messages })).rejects.toThrow(/absolute URL/);
  });
});

describe("errors are R9SError", () => {
  it("every class above extends R9SError", () => {
    for (const ErrorClass of [
      ServiceUnavailableError,
      StreamError,
      TimeoutError,
      AbortError,
      ValidationError,
    ]) {
      expect(ErrorClass.prototype).toBeInstanceOf(R9SError);
    }
  });

  it("streams answer with text", async () => {
    const transport = memoryTransport(() => ({ body: [sse([textChunk("a")])] }));
    const stream = await createClient({ transport }).chat.create({ model: "m", messages, stream: true });
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("a");
  });
});
