import http, { type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { type ChatCompletionCreateParamsStreaming, ChatStream, RateLimitError } from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { pipeToResponse } from "./pipe-to-response";
import { R9S } from "./r9s";
import { sendErrorResponse } from "./send-error-response";

let mock: MockServer;
const servers: http.Server[] = [];

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function listen(listener: RequestListener): Promise<string> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(baseURL: string): R9S {
  return new R9S({ apiKey: null, baseURL, retries: { strategy: "none" } });
}

async function readJson(request: http.IncomingMessage): Promise<ChatCompletionCreateParamsStreaming> {
  let text = "";
  for await (const bytes of request) text += bytes;
  return JSON.parse(text);
}

/**
 * A relay in front of `upstream`: forwards the body (and the scenario header)
 * and pipes the stream back; `done` receives each pipeToResponse promise.
 */
async function relay(upstream: string, done: Array<Promise<void>> = []): Promise<string> {
  const r9s = client(upstream);
  return listen(async (request, response) => {
    const scenario = request.headers["x-mock-scenario"];
    try {
      const stream = await r9s.chat.create(await readJson(request), {
        headers: typeof scenario === "string" ? { "x-mock-scenario": scenario } : {},
      });
      const piping = pipeToResponse(stream, response);
      done.push(piping);
      await piping;
    } catch (error) {
      sendErrorResponse(response, error);
    }
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

const request = (text: string): ChatCompletionCreateParamsStreaming => ({
  model: "r9s-mock",
  messages: [{ role: "user", content: text }],
  stream: true,
});

async function textOf(stream: ChatStream): Promise<string> {
  let text = "";
  for await (const piece of stream.textStream) text += piece;
  return text;
}

describe("pipeToResponse", () => {
  test("relays a ChatStream as server-sent events: the client reads the same text", async () => {
    const relayURL = await relay(mock.url);
    const stream = await client(relayURL).chat.create(request("through the relay"));
    expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(stream.headers.get("x-accel-buffering")).toBe("no");
    expect(stream.headers.get("content-encoding")).toBeNull();
    expect(await textOf(stream)).toBe("You said: through the relay");
    const direct = await client(mock.url).chat.create(request("through the relay"));
    expect((await stream.finalCompletion()).choices).toEqual((await direct.finalCompletion()).choices);
  });

  test("stops the upstream when the client disconnects mid-stream", async () => {
    const upstream = await startMockServer();
    const done: Array<Promise<void>> = [];
    const relayURL = await relay(upstream.url, done);
    const stream = await client(relayURL).chat.create(request("Hi"), {
      headers: { "x-mock-scenario": "stall-after-content" },
    });
    for await (const _ of stream) break;
    // The upstream stalls without end: only the relay's abort frees its socket.
    expect(await waitFor(() => upstream.stats.openConnections === 0)).toBe(true);
    expect(done).toHaveLength(1);
    await expect(done[0]).resolves.toBeUndefined();
    await upstream.close();
  });

  test("relays an upstream failure as an error frame the client raises as the same class", async () => {
    const relayURL = await relay(mock.url);
    const stream = await client(relayURL).chat.create(request("Hi"), {
      headers: { "x-mock-scenario": "stream-error-429" },
    });
    let received = "";
    const error = await (async () => {
      try {
        for await (const piece of stream.textStream) received += piece;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitError);
    expect(received.length).toBeGreaterThan(0);
    expect((error as RateLimitError).partial?.choices[0]?.message.content).toBe(received);
  });

  test("relays a plain ReadableStream byte for byte, honouring backpressure", async () => {
    const pieceSize = 64 * 1024;
    const pieces = 1024; // 64 MiB
    let pulled = 0;
    const piece = new Uint8Array(pieceSize).fill(97);
    const url = await listen((_request, response) => {
      const source = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === pieces) return controller.close();
          pulled++;
          controller.enqueue(piece);
        },
      });
      void pipeToResponse(source, response, { headers: { "x-relay": "yes" } });
    });
    const response = await new Promise<http.IncomingMessage>((resolve) => http.get(url, resolve));
    expect(response.headers["x-relay"]).toBe("yes");
    expect(response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    response.pause();
    // With the client not reading, the relay stops pulling once the socket buffers are full.
    let last = -1;
    for (let check = 0; check < 100 && pulled !== last; check++) {
      last = pulled;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(pulled).toBeLessThan(pieces / 4);
    let received = 0;
    for await (const bytes of response) received += (bytes as Buffer).length;
    expect(received).toBe(pieceSize * pieces);
  }, 15_000);

  test("sends an error frame when a plain ReadableStream fails", async () => {
    const url = await listen((_request, response) => {
      const encoder = new TextEncoder();
      let step = 0;
      const source = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (step++ === 0) controller.enqueue(encoder.encode('data: {"choices":[]}\n\n'));
          else controller.error(new Error("upstream gone"));
        },
      });
      void pipeToResponse(source, response);
    });
    const response = await fetch(url);
    const error = await (async () => {
      try {
        for await (const _ of ChatStream.fromReadableStream(response.body!)) {
          // Read to the end.
        }
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe("upstream gone");
  });
});

describe("sendErrorResponse: a relay answers with what its client should raise", () => {
  const params = { model: "m", messages: [{ role: "user" as const, content: "Hi" }], stream: true as const };

  test("an upstream 429 reaches the client as RateLimitError with its retry advice and request id", async () => {
    const relayURL = await relay(mock.url);
    const error = await client(relayURL)
      .chat.create(params, { headers: { "x-mock-scenario": "rate-limit:retry-after=7" } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get("retry-after")).toBe("7");
    expect((error as RateLimitError).requestId).toMatch(/^req_mock_/);
    expect((error as RateLimitError).error?.type).toBe("rate_limit_error");
  });

  test("a request the relay's SDK refuses is a 400 naming the parameter", async () => {
    const relayURL = await relay(mock.url);
    const before = mock.stats.requests;
    const response = await fetch(`${relayURL}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ ...params, messages: [] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string; type: string } };
    expect(body.error).toMatchObject({ param: "messages", type: "invalid_request_error" });
    expect(mock.stats.requests).toBe(before);
  });

  test("an unreachable upstream is a 502", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const relayURL = await relay(`http://127.0.0.1:${port}`);
    const response = await fetch(`${relayURL}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify(params),
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("upstream_unreachable");
  });
});
