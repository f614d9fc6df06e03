import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer } from "@r9s/mock-server";
import { ChatStream } from "@r9s/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatServer, createChatServer } from "./chat-server";

let server: ChatServer;
let folder: string;

beforeAll(async () => {
  // folder/public is served; folder/secret.txt must stay out of reach.
  folder = await mkdtemp(join(tmpdir(), "r9s-chat-server-"));
  const publicDir = join(folder, "public");
  await mkdir(publicDir);
  await writeFile(join(publicDir, "index.html"), "<!doctype html><title>chat</title>");
  await writeFile(join(folder, "secret.txt"), "secret");
  server = await createChatServer({ port: 0, publicDir });
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

const hello = { model: "r9s-mock", messages: [{ role: "user", content: "hello there" }] };

describe("createChatServer", () => {
  it("runs offline on its embedded mock server and says so", async () => {
    expect(server.mode).toBe("mock");
    const config = await (await fetch(`${server.url}/api/config`)).json();
    expect(config.mode).toBe("mock");
    expect(config.models.map((model: { label: string }) => model.label)).toContain("Mock: rate limit (429)");
  });

  it("relays a stream as server-sent events", async () => {
    const response = await post(JSON.stringify({ ...hello, stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = ChatStream.fromReadableStream(response.body!);
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe("You said: hello there");
  });

  it("relays a completion as JSON", async () => {
    const response = await post(JSON.stringify(hello));
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].message.content).toBe("You said: hello there");
  });

  it("forwards an upstream 429 with its error body and Retry-After", async () => {
    const response = await post(
      JSON.stringify({ ...hello, model: "mock-rate-limit:retry-after=9", stream: true }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("9");
    expect(response.headers.get("x-request-id")).toMatch(/^req_mock_/);
    const body = await response.json();
    expect(body.error.type).toBe("rate_limit_error");
  });

  it("refuses bodies that are not JSON objects, or too large", async () => {
    expect((await post("{nope")).status).toBe(400);
    expect((await post("[1, 2]")).status).toBe(400);
    expect((await post("")).status).toBe(400);
    const large = await post(JSON.stringify({ ...hello, padding: "x".repeat(1024 * 1024) }));
    expect(large.status).toBe(413);
    expect((await large.json()).error.message).toMatch(/larger than/);
  });

  it("turns a request the SDK refuses into a 400 naming the parameter", async () => {
    const response = await post(JSON.stringify({ ...hello, stream: true, logprobs: true }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.param).toBe("logprobs");
  });

  it("serves the page, falls back to it for app routes, and never leaves its folder", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await page.text()).toContain("<title>chat</title>");
    expect((await fetch(`${server.url}/some/route`)).status).toBe(200);
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(200); // the page, not the file
    expect(await (await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).text()).toContain(
      "<title>chat</title>",
    );
    expect((await fetch(`${server.url}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/chat/completions`)).status).toBe(405);
  });
});

describe("createChatServer with a key", () => {
  it("sends the key upstream, never to the page or the log", async () => {
    const apiKey = "sk-test-relay-key";
    const upstream = await startMockServer({ apiKey });
    const lines: string[] = [];
    const relay = await createChatServer({
      port: 0,
      publicDir: join(folder, "public"),
      upstream: { apiKey, baseURL: upstream.url, models: ["gpt-4o-mini"] },
      log: (line) => lines.push(line),
    });
    try {
      expect(relay.mode).toBe("r9s");
      const config = await (await fetch(`${relay.url}/api/config`)).json();
      expect(config).toEqual({
        mode: "r9s",
        models: [{ id: "gpt-4o-mini", label: "gpt-4o-mini", model: "gpt-4o-mini", tools: true }],
      });
      const response = await fetch(`${relay.url}/api/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ ...hello, model: "gpt-4o-mini", stream: true }),
      });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(text).toContain('"content":" there"');
      expect(text).not.toContain(apiKey);
      expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(lines.join("\n")).not.toContain(apiKey);
      expect(lines).toHaveLength(1);
    } finally {
      await relay.close();
      await upstream.close();
    }
  });

  it("forwards a refused key as a 401 the page's client raises as AuthenticationError", async () => {
    const upstream = await startMockServer({ apiKey: "sk-right" });
    const relay = await createChatServer({
      port: 0,
      publicDir: join(folder, "public"),
      upstream: { apiKey: "sk-wrong", baseURL: upstream.url },
    });
    try {
      const response = await fetch(`${relay.url}/api/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ ...hello, stream: true }),
      });
      expect(response.status).toBe(401);
      expect((await response.json()).error.message).toMatch(/API key/);
    } finally {
      await relay.close();
      await upstream.close();
    }
  });
});

describe("the body limit", () => {
  it("answers 413 to a chunked upload over 1 MB, without reading all of it", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${server.url}/api/v1/chat/completions`, { method: "POST" }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on("error", reject);
      const piece = Buffer.alloc(64 * 1024, "x");
      // Chunked (no content-length): the server learns the size while reading.
      for (let index = 0; index < 20; index++) outgoing.write(piece);
      outgoing.end();
    });
    expect(status).toBe(413);
  });
});
