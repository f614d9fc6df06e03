import { once } from "node:events";
import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { UTF8_SPLIT_TEXT } from "./scenarios/connection";
import { startMockServer } from "./server";
import { chatBody, contentOf, payloadsOf, postChat, rawRequest, splitEvents } from "./test-support/client";
import { quirkTranscripts, transcriptBody } from "./transcripts/index";
import type { MockServer } from "./types";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const streamBody = (extra: Record<string, unknown> = {}) => chatBody({ stream: true, ...extra });
const scenario = (name: string, extra: Record<string, string> = {}) => ({
  "x-mock-scenario": name,
  ...extra,
});

/** Reads a fetch body until `enough(text)` holds, then aborts the request. */
async function readUntil(response: Response, controller: AbortController, enough: (text: string) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  // Bounded: the server keeps sending (or stalls), and the test aborts as soon as it has seen enough.
  for (let reads = 0; reads < 1000 && !enough(text); reads++) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  await reader.cancel().catch(() => {});
  return text;
}

describe("HTTP errors", () => {
  it.each([400, 401, 402, 403, 404, 405, 408, 409, 413, 418, 422, 429, 500, 502, 503, 504])(
    "status-%i answers that status with a JSON error body",
    async (status) => {
      const response = await postChat(server.url, chatBody(), scenario(`status-${status}`));
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("x-request-id")).toBe("req_mock_000001");
      const body = await response.json();
      expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String) });
      expect(body.error.message.length).toBeGreaterThan(0);
    },
  );

  it("maps well-known statuses to the usual error types", async () => {
    const types: Record<number, string> = {
      401: "authentication_error",
      429: "rate_limit_error",
      500: "server_error",
    };
    for (const [status, type] of Object.entries(types)) {
      const response = await postChat(server.url, chatBody({ model: `mock-status-${status}` }));
      expect((await response.json()).error.type).toBe(type);
    }
  });

  it("rate-limit sends Retry-After in seconds; rate-limit-ms sends retry-after-ms", async () => {
    const seconds = await postChat(server.url, chatBody(), scenario("rate-limit"));
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get("retry-after")).toBe("1");
    expect((await seconds.json()).error.code).toBe("rate_limit_exceeded");
    const custom = await postChat(
      server.url,
      chatBody(),
      scenario("rate-limit", { "x-mock-retry-after": "3" }),
    );
    expect(custom.headers.get("retry-after")).toBe("3");
    await custom.body?.cancel();
    const millis = await postChat(server.url, chatBody({ model: "mock-rate-limit-ms:retry-after-ms=250" }));
    expect(millis.status).toBe(429);
    expect(millis.headers.get("retry-after-ms")).toBe("250");
    expect(millis.headers.get("retry-after")).toBeNull();
    await millis.body?.cancel();
  });

  it("status-<code> takes retry headers from the selector", async () => {
    const response = await postChat(
      server.url,
      chatBody(),
      scenario("status-503:retry-after=2,retry-after-ms=20"),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(response.headers.get("retry-after-ms")).toBe("20");
    await response.body?.cancel();
  });

  it("html-502 answers an HTML proxy page", async () => {
    const response = await postChat(server.url, chatBody(), scenario("html-502"));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toContain("<title>502 Bad Gateway</title>");
  });

  it("octet-stream-<code> sends a JSON error body as application/octet-stream", async () => {
    const response = await postChat(server.url, chatBody(), scenario("octet-stream-500"));
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(JSON.parse(await response.text()).error.type).toBe("server_error");
  });
});

describe("fail-then-succeed", () => {
  it("fails fail-times times per key, then answers; keys are independent; reset starts over", async () => {
    const attempt = async (key: string) => {
      const response = await postChat(
        server.url,
        chatBody(),
        scenario("fail-then-succeed", { "x-mock-key": key }),
      );
      await response.text();
      return response.status;
    };
    expect([await attempt("a"), await attempt("b"), await attempt("a"), await attempt("a")]).toEqual([
      503, 503, 503, 200,
    ]);
    expect(await attempt("b")).toBe(503);
    expect(await attempt("b")).toBe(200);
    server.reset();
    expect(await attempt("a")).toBe(503);
  });

  it("takes the count and status from the model name, and can reset the connection instead", async () => {
    const model = "mock-fail-then-succeed:fail-times=1,fail-status=429,retry-after=1,key=m";
    const first = await postChat(server.url, chatBody({ model }));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    await first.text();
    expect((await postChat(server.url, chatBody({ model }))).status).toBe(200);
    const resetModel = "mock-fail-then-succeed:1,fail-status=reset,key=r";
    await expect(postChat(server.url, chatBody({ model: resetModel }))).rejects.toThrow(TypeError);
    expect((await postChat(server.url, chatBody({ model: resetModel }))).status).toBe(200);
  });
});

describe("broken connections and streams", () => {
  it("reset-before-headers makes fetch reject", async () => {
    await expect(postChat(server.url, streamBody(), scenario("reset-before-headers"))).rejects.toThrow(
      TypeError,
    );
    expect(server.stats.scenarios["reset-before-headers"]).toBe(1);
  });

  it("reset-mid-stream delivers some chunks, then a socket error", async () => {
    const result = await rawRequest(server.url, "/v1/chat/completions", {
      headers: { ...scenario("reset-mid-stream"), "content-type": "application/json" },
      body: JSON.stringify(streamBody()),
    });
    expect(result.status).toBe(200);
    expect(result.error).toBeDefined();
    const payloads = payloadsOf(splitEvents(result.body.toString()));
    expect(payloads.length).toBe(3);
    expect(result.body.toString()).not.toContain("[DONE]");
  });

  it("reset-mid-stream on a non-streamed request cuts the JSON body short", async () => {
    const response = await postChat(server.url, chatBody(), scenario("reset-mid-stream"));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it("eof-no-done ends the stream cleanly without [DONE]", async () => {
    const response = await postChat(server.url, streamBody(), scenario("eof-no-done"));
    const text = await response.text();
    expect(text).not.toContain("[DONE]");
    expect(payloadsOf(splitEvents(text)).at(-1)).toMatchObject({ choices: [{ finish_reason: "stop" }] });
    const short = await postChat(server.url, streamBody(), scenario("eof-no-done:after-chunks=2"));
    expect(splitEvents(await short.text())).toHaveLength(2);
  });

  it("stall sends headers then nothing, until the client aborts", async () => {
    const own = await startMockServer();
    try {
      const controller = new AbortController();
      const response = await postChat(own.url, streamBody(), scenario("stall"), {
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(own.stats.openConnections).toBe(1);
      const reading = response.text();
      controller.abort();
      await expect(reading).rejects.toThrow();
      // A client that closes its socket ends the stall on the server too (fetch may keep it pooled).
      const raw = request(`${own.url}/v1/chat/completions`, { method: "POST", headers: scenario("stall") });
      raw.on("error", () => {});
      raw.end(JSON.stringify(streamBody()));
      const rawResponse = await once(raw, "response");
      expect(rawResponse[0].statusCode).toBe(200);
      await expect.poll(() => own.stats.scenarios.stall).toBe(2);
      const before = own.stats.openConnections;
      raw.destroy();
      await expect.poll(() => own.stats.openConnections).toBe(before - 1);
    } finally {
      await own.close();
    }
  });

  it("stall-before-headers never answers; the client's abort ends it", async () => {
    const controller = new AbortController();
    const pending = postChat(server.url, streamBody(), scenario("stall-before-headers"), {
      signal: controller.signal,
    });
    await expect.poll(() => server.stats.scenarios["stall-before-headers"]).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it("stall-after-content sends content, then stalls", async () => {
    const controller = new AbortController();
    const response = await postChat(server.url, streamBody(), scenario("stall-after-content"), {
      signal: controller.signal,
    });
    const text = await readUntil(response, controller, (seen) => splitEvents(seen).length >= 3);
    expect(contentOf(payloadsOf(splitEvents(text)))).toBe("You said:");
  });

  it("keepalive sends only comments; keepalive-after-content sends content first", async () => {
    const controller = new AbortController();
    const response = await postChat(server.url, streamBody(), scenario("keepalive:interval-ms=5"), {
      signal: controller.signal,
    });
    const text = await readUntil(response, controller, (seen) => seen.split(": keepalive").length > 3);
    expect(splitEvents(text)).toEqual([]);
    const again = new AbortController();
    const after = await postChat(
      server.url,
      streamBody(),
      scenario("keepalive-after-content:interval-ms=5"),
      {
        signal: again.signal,
      },
    );
    const afterText = await readUntil(after, again, (seen) => seen.split(": keepalive").length > 2);
    expect(afterText.indexOf("data:")).toBeLessThan(afterText.indexOf(": keepalive"));
  });

  it("slow-drip writes each chunk separately", async () => {
    const result = await rawRequest(server.url, "/v1/chat/completions", {
      headers: scenario("slow-drip:delay-ms=15"),
      body: JSON.stringify(streamBody()),
    });
    expect(result.pieces.length).toBeGreaterThanOrEqual(6);
    expect(contentOf(payloadsOf(splitEvents(result.body.toString())))).toBe("You said: Hello there");
  });

  it("utf8-split writes multi-byte characters across separate writes", async () => {
    const result = await rawRequest(server.url, "/v1/chat/completions", {
      headers: scenario("utf8-split:delay-ms=1"),
      body: JSON.stringify(streamBody()),
    });
    const strict = new TextDecoder("utf-8", { fatal: true });
    const brokenPieces = result.pieces.filter((piece) => {
      try {
        strict.decode(piece);
        return false;
      } catch {
        return true;
      }
    });
    expect(brokenPieces.length).toBeGreaterThan(0);
    expect(contentOf(payloadsOf(splitEvents(result.body.toString("utf8"))))).toBe(UTF8_SPLIT_TEXT);
    const whole = await (await postChat(server.url, chatBody(), scenario("utf8-split:delay-ms=0"))).json();
    expect(whole.choices[0].message.content).toBe(UTF8_SPLIT_TEXT);
  });

  it("large streams a long answer and sends a big JSON body", async () => {
    const response = await postChat(server.url, streamBody(), scenario("large:tokens=5000"));
    const payloads = payloadsOf(splitEvents(await response.text()));
    expect(payloads).toHaveLength(5002);
    const whole = await (await postChat(server.url, chatBody({ model: "mock-large" }))).json();
    expect(whole.choices[0].message.content.length).toBeGreaterThan(100_000);
  });
});

describe("in-band errors", () => {
  it("stream-error sends content, then an error object without a status, and no [DONE]", async () => {
    const events = splitEvents(
      await (await postChat(server.url, streamBody(), scenario("stream-error"))).text(),
    );
    expect(events).toHaveLength(4);
    expect(JSON.parse(events[3]!.data)).toEqual({
      error: expect.objectContaining({ type: "server_error", code: null, message: expect.any(String) }),
    });
  });

  it("stream-error-429 names the status with a numeric code; after-chunks=0 errs first", async () => {
    const response = await postChat(
      server.url,
      streamBody({ model: "mock-stream-error-429:after-chunks=0" }),
    );
    expect(response.status).toBe(200);
    const events = splitEvents(await response.text());
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data).error).toMatchObject({ code: 429, type: "rate_limit_error" });
  });

  it("stream-error-event sends event: error", async () => {
    const headers = scenario("stream-error-event", { "x-mock-status": "503" });
    const events = splitEvents(await (await postChat(server.url, streamBody(), headers)).text());
    expect(events.at(-1)?.event).toBe("error");
    expect(JSON.parse(events.at(-1)!.data).error.code).toBe(503);
  });

  it('stream-error-finish-reason sends a chunk with finish_reason "error" and an error', async () => {
    const events = splitEvents(
      await (await postChat(server.url, streamBody(), scenario("stream-error-finish-reason"))).text(),
    );
    expect(events.at(-1)?.data).toBe("[DONE]");
    expect(JSON.parse(events.at(-2)!.data)).toMatchObject({
      choices: [{ finish_reason: "error" }],
      error: { code: 502, message: expect.any(String) },
    });
  });
});

describe("redirects", () => {
  it("redirect-307 points to /redirected on the same server, which answers and records the headers", async () => {
    const headers = { ...scenario("redirect-307"), authorization: "Bearer sk-same" };
    const manual = await postChat(server.url, chatBody(), headers, { redirect: "manual" });
    expect(manual.status).toBe(307);
    expect(manual.headers.get("location")).toBe(`${server.url}/redirected/v1/chat/completions`);
    server.reset();
    const followed = await postChat(server.url, chatBody(), headers);
    expect(followed.status).toBe(200);
    await followed.text();
    const [first, second] = server.requests;
    expect(first?.url).toBe("/v1/chat/completions");
    expect(second).toMatchObject({
      url: "/redirected/v1/chat/completions",
      method: "POST",
      body: chatBody(),
    });
    expect(second?.headers.authorization).toBe("Bearer sk-same");
  });

  it("redirect-308 to another origin: the target records what the client forwarded", async () => {
    const target = await startMockServer();
    try {
      const headers = {
        ...scenario("redirect-308"),
        "x-mock-redirect-to": target.url,
        authorization: "Bearer sk-secret",
      };
      const response = await postChat(server.url, chatBody(), headers);
      expect(response.status).toBe(200);
      await response.text();
      expect(target.requests).toHaveLength(1);
      expect(target.requests[0]).toMatchObject({ url: "/redirected/v1/chat/completions", body: chatBody() });
      // fetch drops Authorization on a cross-origin redirect; the target shows it.
      expect(target.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it("redirectTarget sets the default target; redirect-loop redirects hops times", async () => {
    const own = await startMockServer({ redirectTarget: "http://127.0.0.1:9/base/" });
    try {
      const manual = await postChat(own.url, chatBody(), scenario("redirect-307"), { redirect: "manual" });
      expect(manual.headers.get("location")).toBe("http://127.0.0.1:9/base/redirected/v1/chat/completions");
      const looped = await postChat(own.url, chatBody({ model: "mock-redirect-loop:hops=2" }));
      expect(looped.status).toBe(200);
      await looped.text();
      expect(own.requests.slice(1).map((request) => request.url)).toEqual([
        "/v1/chat/completions",
        "/loop/1/v1/chat/completions",
        "/loop/2/v1/chat/completions",
      ]);
    } finally {
      await own.close();
    }
  });
});

describe("quirk transcripts", () => {
  it.each(Object.keys(quirkTranscripts))("quirk-%s is served byte for byte", async (name) => {
    const transcript = quirkTranscripts[name]!;
    const response = await postChat(server.url, streamBody({ model: `mock-quirk-${name}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from(transcriptBody(transcript)))).toBe(true);
    if (transcript.text !== undefined) {
      expect(contentOf(payloadsOf(splitEvents(bytes.toString("utf8"))))).toBe(transcript.text);
    }
  });

  it("writes each frame separately (crlf splits a blank line across writes)", async () => {
    const result = await rawRequest(server.url, "/v1/chat/completions", {
      headers: { ...scenario("quirk-crlf"), "x-mock-token-delay-ms": "2" },
      body: JSON.stringify(streamBody()),
    });
    expect(result.pieces.map(String)).toContain("\n");
  });
});
