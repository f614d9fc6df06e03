/**
 * On Node 20, a signal derived from the caller's (ky combines it with its own
 * controller through `AbortSignal.any` and builds a `Request` that follows the
 * result) is held only weakly once the response headers are in. A garbage
 * collection while the body streams then cut the chain: an abort or a timeout
 * never reached fetch and the read hung forever. These tests stall a real
 * request, force collections, and check that the abort or timeout still lands.
 */
import { AbortError, type ChatStream, createClient, type R9SClient, TimeoutError } from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { watchedStall } from "../test-support/watched-stall";
import { fetchTransport } from "./fetch-transport";

const messages = [{ role: "user" as const, content: "Hello there" }];
const noRetry = { strategy: "none" as const };
// Generous: a working abort lands in milliseconds, a lost one never does.
const HANG_LIMIT_MS = 5_000;

let server: MockServer;
let client: R9SClient;
const watched = watchedStall();

beforeAll(async () => {
  server = await startMockServer({ scenarios: { "watched-stall": watched.scenario } });
  client = createClient({ transport: fetchTransport(), apiKey: null, baseURL: server.url, retries: noRetry });
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.reset();
});

/** Allocates garbage and forces full collections; weak references are cleared only between tasks, hence the waits. */
async function collectGarbage(rounds = 6): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc)
    throw new Error("globalThis.gc is missing: run with --expose-gc (vitest.config.ts sets execArgv).");
  for (let round = 0; round < rounds; round++) {
    const garbage = Array.from({ length: 20_000 }, (_, index) => ({ index, text: `garbage ${index}` }));
    expect(garbage).toHaveLength(20_000);
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Tracks a promise's outcome without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; error?: unknown } = { settled: false };
  const done = promise.then(
    () => {
      state.settled = true;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return {
    state,
    /** The rejection reason, or a failure when the promise is still pending after the hang limit. */
    async outcome(): Promise<unknown> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hung = new Promise<"hung">((resolve) => {
        timer = setTimeout(() => resolve("hung"), HANG_LIMIT_MS);
      });
      const result = await Promise.race([done, hung]);
      clearTimeout(timer);
      if (result === "hung")
        throw new Error(`Still pending ${HANG_LIMIT_MS} ms later: the abort never reached fetch.`);
      return state.error;
    },
  };
}

async function readAll(stream: ChatStream, pieces: string[]): Promise<void> {
  for await (const piece of stream.textStream) pieces.push(piece);
}

/** Whether the server saw the client of the last request go away (a bounded wait). */
function serverSawClose(): Promise<boolean> {
  return watched.clientWentAway(server.requests.at(-1)?.id);
}

describe("abort and timeout survive garbage collection", { timeout: 15_000 }, () => {
  it("an abort mid-stream rejects the pending read with AbortError", async () => {
    const controller = new AbortController();
    const stream = await client.chat.create(
      { model: "r9s-mock", messages, stream: true },
      { signal: controller.signal, headers: { "x-mock-scenario": "watched-stall" } },
    );
    const pieces: string[] = [];
    const reading = track(readAll(stream, pieces));
    await collectGarbage();
    expect(pieces).toEqual(["Hello"]);
    expect(reading.state.settled).toBe(false);

    controller.abort();
    const error = await reading.outcome();
    expect(error).toBeInstanceOf(AbortError);
    expect(await serverSawClose()).toBe(true);
  });

  it("a timeout mid-stream rejects the pending read with TimeoutError", async () => {
    const stream = await client.chat.create(
      { model: "r9s-mock", messages, stream: true },
      { timeoutMs: 2_500, headers: { "x-mock-scenario": "watched-stall" } },
    );
    const pieces: string[] = [];
    const reading = track(readAll(stream, pieces));
    await collectGarbage();
    // The collections ran while the request was still waiting on the stalled body.
    expect(reading.state.settled).toBe(false);

    const error = await reading.outcome();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("idle");
    expect(await serverSawClose()).toBe(true);
  });

  it("an abort while the whole completion body stalls rejects with AbortError", async () => {
    const controller = new AbortController();
    const request = track(
      client.chat.create(
        { model: "r9s-mock", messages },
        { signal: controller.signal, headers: { "x-mock-scenario": "watched-stall" } },
      ),
    );
    await collectGarbage();
    expect(request.state.settled).toBe(false);

    controller.abort();
    expect(await request.outcome()).toBeInstanceOf(AbortError);
    expect(await serverSawClose()).toBe(true);
  });

  it("an abort while waiting for the headers rejects with AbortError", async () => {
    const controller = new AbortController();
    const request = track(
      client.chat.create(
        { model: "r9s-mock", messages, stream: true },
        { signal: controller.signal, headers: { "x-mock-scenario": "watched-stall:phase=headers" } },
      ),
    );
    await collectGarbage();
    expect(request.state.settled).toBe(false);

    controller.abort();
    expect(await request.outcome()).toBeInstanceOf(AbortError);
    expect(await serverSawClose()).toBe(true);
  });

  it("a timeout while waiting for the headers rejects with TimeoutError", async () => {
    const request = track(
      client.chat.create(
        { model: "r9s-mock", messages, stream: true },
        { timeoutMs: 2_500, headers: { "x-mock-scenario": "watched-stall:phase=headers" } },
      ),
    );
    await collectGarbage();
    expect(request.state.settled).toBe(false);

    const error = await request.outcome();
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("headers");
    expect(await serverSawClose()).toBe(true);
  });

  it("the transport alone: a body read rejects when the signal fires after a collection", async () => {
    const controller = new AbortController();
    const response = await fetchTransport().request({
      method: "POST",
      url: `${server.url}/v1/chat/completions`,
      headers: { "content-type": "application/json", "x-mock-scenario": "watched-stall" },
      body: JSON.stringify({ model: "r9s-mock", messages, stream: true }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"Hello"');
    const read = track(reader.read());
    await collectGarbage();
    expect(read.state.settled).toBe(false);

    const reason = new Error("stop");
    controller.abort(reason);
    expect(await read.outcome()).toBe(reason);
    expect(await serverSawClose()).toBe(true);
  });
});
