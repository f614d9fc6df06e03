import { getEventListeners } from "node:events";
import http from "node:http";
import https from "node:https";
import { connect } from "node:net";
import { createClient, type TransportRequest, type TransportResponse } from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type NodeTransport, nodeTransport, USER_AGENT } from "./node-transport";

const body = JSON.stringify({ model: "r9s-mock", messages: [{ role: "user", content: "Hi" }] });
const streamBody = JSON.stringify({ ...JSON.parse(body), stream: true });

let mock: MockServer;
const transports: NodeTransport[] = [];
const fresh = (options?: Parameters<typeof nodeTransport>[0]) => {
  const transport = nodeTransport(options);
  transports.push(transport);
  return transport;
};

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  for (const transport of transports) transport.destroy();
  await mock.close();
});

function chat(signal: AbortSignal, scenario?: string, stream = false): TransportRequest {
  return {
    method: "POST",
    url: `${mock.url}/v1/chat/completions`,
    headers: { "content-type": "application/json", ...(scenario ? { "x-mock-scenario": scenario } : {}) },
    body: stream ? streamBody : body,
    signal,
  };
}

async function readAll(response: TransportResponse): Promise<string> {
  let text = "";
  for await (const bytes of response.body as AsyncIterable<Uint8Array>) text += Buffer.from(bytes).toString();
  return text;
}

const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

describe("nodeTransport", () => {
  test("sends a user-agent r9s-node/<version> unless the request sets one", async () => {
    const transport = fresh();
    await readAll(await transport.request(chat(new AbortController().signal)));
    expect(mock.requests.at(-1)?.headers["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^r9s-node\/\d+\.\d+\.\d+/);
    const own = chat(new AbortController().signal);
    own.headers["user-agent"] = "my-app/1.0";
    await readAll(await transport.request(own));
    expect(mock.requests.at(-1)?.headers["user-agent"]).toBe("my-app/1.0");
  });

  test("leaves no abort listener on the signal once a response is read, fails or is aborted", async () => {
    const transport = fresh();
    const completed = new AbortController().signal;
    await readAll(await transport.request(chat(completed)));
    expect(abortListeners(completed)).toBe(0);

    const streamed = new AbortController().signal;
    await readAll(await transport.request(chat(streamed, undefined, true)));
    expect(abortListeners(streamed)).toBe(0);

    const failed = new AbortController().signal;
    await readAll(await transport.request(chat(failed, "status-500")));
    expect(abortListeners(failed)).toBe(0);

    const reset = new AbortController().signal;
    await expect(transport.request(chat(reset, "reset-before-headers"))).rejects.toThrow();
    expect(abortListeners(reset)).toBe(0);

    const broken = new AbortController().signal;
    const response = await transport.request(chat(broken, "reset-mid-stream", true));
    await expect(readAll(response)).rejects.toThrow();
    expect(abortListeners(broken)).toBe(0);

    const controller = new AbortController();
    const stalled = await transport.request(chat(controller.signal, "stall", true));
    const read = readAll(stalled);
    controller.abort(new Error("stop"));
    await expect(read).rejects.toThrow("stop");
    expect(abortListeners(controller.signal)).toBe(0);
  });

  test("leaves no listener on the client's signals after streamed and plain calls", async () => {
    const signals: AbortSignal[] = [];
    const transport = fresh();
    const client = createClient({
      transport: {
        request: (request) => {
          signals.push(request.signal);
          return transport.request(request);
        },
      },
      baseURL: mock.url,
      apiKey: null,
    });
    const caller = new AbortController();
    const messages = [{ role: "user" as const, content: "Hi" }];
    await client.chat.create({ model: "r9s-mock", messages }, { signal: caller.signal });
    const stream = await client.chat.create(
      { model: "r9s-mock", messages, stream: true },
      { signal: caller.signal },
    );
    for await (const _ of stream) {
      // Read to the end.
    }
    expect(signals).toHaveLength(2);
    expect(await waitFor(() => signals.every((signal) => abortListeners(signal) === 0))).toBe(true);
    expect(await waitFor(() => abortListeners(caller.signal) === 0)).toBe(true);
  });

  test("returns the body as the IncomingMessage itself, null for a bodiless status", async () => {
    const transport = fresh();
    const response = await transport.request(chat(new AbortController().signal));
    expect(response.body).toBeInstanceOf(http.IncomingMessage);
    await readAll(response);
    const server = http.createServer((_request, reply) => {
      reply.writeHead(204);
      reply.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const empty = await transport.request({
      method: "GET",
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      signal: new AbortController().signal,
    });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  test("cancel() destroys the response and frees the server's socket", async () => {
    const own = await startMockServer();
    const transport = fresh();
    const response = await transport.request({
      ...chat(new AbortController().signal, "stall", true),
      url: `${own.url}/v1/chat/completions`,
    });
    expect(own.stats.openConnections).toBe(1);
    response.cancel?.();
    expect(await waitFor(() => own.stats.openConnections === 0)).toBe(true);
    await own.close();
  });

  test("reuses keep-alive sockets across sequential streams, and destroy() closes them", async () => {
    const own = await startMockServer();
    const transport = fresh();
    const client = createClient({ transport, baseURL: own.url, apiKey: null });
    const messages = [{ role: "user" as const, content: "Hi" }];
    for (let index = 0; index < 20; index++) {
      const stream = await client.chat.create({ model: "r9s-mock", messages, stream: true });
      for await (const _ of stream) {
        // Read to the end: the socket goes back to the pool.
      }
    }
    expect(own.stats.requests).toBe(20);
    expect(own.stats.connections).toBeLessThanOrEqual(2);
    transport.destroy();
    expect(await waitFor(() => own.stats.openConnections === 0)).toBe(true);
    await own.close();
  });

  test("uses the agents passed in options", async () => {
    const agent = new http.Agent({ keepAlive: true });
    const transport = fresh({ agent });
    expect(transport.agent).toBe(agent);
    await readAll(await transport.request(chat(new AbortController().signal)));
    expect(Object.keys(agent.freeSockets)).toHaveLength(1);
    // destroy() leaves an agent it did not create to its owner.
    transport.destroy();
    expect(Object.keys(agent.freeSockets)).toHaveLength(1);
    agent.destroy();
  });

  test("sends https: URLs through the https agent", async () => {
    // An https agent whose connections are plain TCP to the mock server: shows the routing without a certificate.
    class PlainAgent extends https.Agent {
      override createConnection(): ReturnType<typeof connect> {
        return connect(mock.port, "127.0.0.1");
      }
    }
    const httpsAgent = new PlainAgent({ keepAlive: false });
    const transport = fresh({ httpsAgent });
    const response = await transport.request({
      ...chat(new AbortController().signal),
      url: `${mock.url.replace("http:", "HTTPS:")}/v1/chat/completions`,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await readAll(response)).object).toBe("chat.completion");
    httpsAgent.destroy();
  });

  test("rejects with the original error for an unsupported URL, before sending", async () => {
    const transport = fresh();
    await expect(
      transport.request({ ...chat(new AbortController().signal), url: "ftp://127.0.0.1/" }),
    ).rejects.toMatchObject({ code: "ERR_INVALID_PROTOCOL" });
  });

  test("rejects at once when the signal has already fired", async () => {
    const before = mock.stats.requests;
    const reason = new Error("already aborted");
    await expect(fresh().request(chat(AbortSignal.abort(reason)))).rejects.toBe(reason);
    expect(mock.stats.requests).toBe(before);
  });
});
