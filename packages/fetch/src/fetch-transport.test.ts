import { AbortError, ConnectionError, createClient, RateLimitError, type TransportRequest } from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { watchedStall } from "../test-support/watched-stall";
import { type FetchFunction, fetchTransport } from "./fetch-transport";

const messages = [{ role: "user" as const, content: "Hello there" }];
const noRetry = { strategy: "none" as const };

const watched = watchedStall();
let server: MockServer;
let other: MockServer;

beforeAll(async () => {
  server = await startMockServer({ scenarios: { "watched-stall": watched.scenario } });
  other = await startMockServer();
});
afterAll(async () => {
  await Promise.all([server?.close(), other?.close()]);
});
afterEach(() => {
  server.reset();
  other.reset();
});

function chatRequest(
  headers: Record<string, string> = {},
  signal = new AbortController().signal,
): TransportRequest {
  return {
    method: "POST",
    url: `${server.url}/v1/chat/completions`,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "r9s-mock", messages }),
    signal,
  };
}

describe("fetchTransport", () => {
  it("streams a chat through core", async () => {
    const client = createClient({ transport: fetchTransport(), apiKey: "sk-test", baseURL: server.url });
    const stream = await client.chat.create({ model: "r9s-mock", messages, stream: true });
    let text = "";
    for await (const piece of stream.textStream) text += piece;
    expect(text).toBe("You said: Hello there");
    expect(stream.requestId).toMatch(/^req_mock_/);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test");
  });

  it("returns a whole completion through core", async () => {
    const client = createClient({ transport: fetchTransport(), apiKey: null, baseURL: server.url });
    const completion = await client.chat.create({ model: "r9s-mock", messages });
    expect(completion.choices[0]?.message.content).toBe("You said: Hello there");
  });

  it("hands error statuses to core as they are: ky neither throws nor retries", async () => {
    const response = await fetchTransport().request(chatRequest({ "x-mock-scenario": "status-503" }));
    expect(response.status).toBe(503);
    expect(response.headers.get("x-request-id")).toBe("req_mock_000001");
    response.cancel?.();

    const client = createClient({ transport: fetchTransport(), apiKey: null, baseURL: server.url });
    const failure = client.chat.create(
      { model: "r9s-mock", messages },
      { headers: { "x-mock-scenario": "status-429" }, retries: noRetry },
    );
    await expect(failure).rejects.toBeInstanceOf(RateLimitError);
    expect(server.stats.requests).toBe(2);
  });

  it("returns a redirect unfollowed outside browsers, so core follows it", async () => {
    const transport = fetchTransport();
    expect(transport.followsRedirects).toBe(false);
    const response = await transport.request(chatRequest({ "x-mock-scenario": "redirect-307" }));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${server.url}/redirected/v1/chat/completions`);
    response.cancel?.();
    expect(server.stats.requests).toBe(1);
  });

  it("lets core drop Authorization when a redirect changes origin", async () => {
    const client = createClient({ transport: fetchTransport(), apiKey: "sk-secret", baseURL: server.url });
    const completion = await client.chat.create(
      { model: "r9s-mock", messages },
      { headers: { "x-mock-scenario": "redirect-307", "x-mock-redirect-to": other.url } },
    );
    expect(completion.choices[0]?.message.content).toBe("You said: Hello there");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-secret");
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("calls a custom fetch with core's own signal", async () => {
    const signals: Array<AbortSignal | null | undefined> = [];
    const fetch: FetchFunction = (input, init) => {
      signals.push(init?.signal);
      return globalThis.fetch(input, init);
    };
    const signal = new AbortController().signal;
    const response = await fetchTransport({ fetch }).request(chatRequest({}, signal));
    expect(response.status).toBe(200);
    response.cancel?.();
    expect(signals).toEqual([signal]);
  });

  it("passes kyOptions on, with core's headers winning", async () => {
    const transport = fetchTransport({
      kyOptions: {
        headers: { "x-team": "blue", "content-type": "text/plain" },
        hooks: { beforeRequest: [(request) => request.headers.set("x-hooked", "yes")] },
      },
    });
    const response = await transport.request(chatRequest());
    expect(response.status).toBe(200);
    response.cancel?.();
    const headers = server.requests[0]?.headers;
    expect(headers?.["x-team"]).toBe("blue");
    expect(headers?.["x-hooked"]).toBe("yes");
    expect(headers?.["content-type"]).toBe("application/json");
  });

  it("rejects when the connection is refused; core maps it to ConnectionError", async () => {
    const closed = await startMockServer();
    const url = closed.url;
    await closed.close();
    const client = createClient({ transport: fetchTransport(), apiKey: null, baseURL: url });
    const failure = client.chat.create({ model: "r9s-mock", messages }, { retries: noRetry });
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
  });

  describe("releases the connection", () => {
    const open = (signal?: AbortSignal) =>
      createClient({
        transport: fetchTransport(),
        apiKey: null,
        baseURL: server.url,
        retries: noRetry,
      }).chat.create(
        { model: "r9s-mock", messages, stream: true },
        { signal, headers: { "x-mock-scenario": "watched-stall" } },
      );

    it("when the loop breaks", async () => {
      const stream = await open();
      for await (const piece of stream.textStream) {
        expect(piece).toBe("Hello");
        break;
      }
      expect(await watched.clientWentAway(stream.requestId)).toBe(true);
    });

    it("on abort(): the loop ends without an error and keeps the partial text", async () => {
      const stream = await open();
      const pieces: string[] = [];
      for await (const piece of stream.textStream) {
        pieces.push(piece);
        stream.abort();
      }
      expect(pieces).toEqual(["Hello"]);
      expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("Hello");
      expect(await watched.clientWentAway(stream.requestId)).toBe(true);
    });

    it("when the caller's signal fires before the headers: AbortError", async () => {
      const controller = new AbortController();
      const pending = createClient({
        transport: fetchTransport(),
        apiKey: null,
        baseURL: server.url,
      }).chat.create(
        { model: "r9s-mock", messages, stream: true },
        { signal: controller.signal, headers: { "x-mock-scenario": "watched-stall:phase=headers" } },
      );
      for (let attempt = 0; attempt < 100 && server.requests.length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(AbortError);
      expect(await watched.clientWentAway(server.requests[0]?.id)).toBe(true);
    });
  });
});
