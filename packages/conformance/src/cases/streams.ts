import {
  AbortError,
  type ChatStream,
  R9SDefaultError,
  type R9SError,
  RateLimitError,
  StreamError,
  TimeoutError,
} from "@r9s/core";
import { expect } from "vitest";
import { caught, contentOf, waitFor } from "../helpers";
import { NO_RETRIES, params, type SuiteContext } from "../suite-context";

const FULL_ANSWER = "You said: Hi";

/** Reads a stream until it fails; returns the error and the text that reached the caller. */
async function readUntilFailure(stream: ChatStream): Promise<{ error: R9SError; received: string }> {
  let received = "";
  const error = await caught(async () => {
    for await (const chunk of stream) received += chunk.choices?.[0]?.delta?.content ?? "";
  });
  return { error: error as R9SError, received };
}

/** What reached the caller is a proper, non-empty start of the full answer. */
function expectPrefix(received: string): void {
  expect(received.length).toBeGreaterThan(0);
  expect(received.length).toBeLessThan(FULL_ANSWER.length);
  expect(FULL_ANSWER.startsWith(received)).toBe(true);
}

async function openStream(suite: SuiteContext, scenario: string, timeoutMs = 10_000): Promise<ChatStream> {
  return suite
    .client({ retries: NO_RETRIES, timeoutMs })
    .chat.create({ ...params(), stream: true }, { headers: { "x-mock-scenario": scenario } });
}

/** Broken, truncated and failing streams; timeouts; aborts that must free the server's socket. */
export function streamCases(suite: SuiteContext): void {
  suite.test("keeps the partial completion when a stream ends before [DONE]", async () => {
    const { error, received } = await readUntilFailure(await openStream(suite, "eof-no-done:after-chunks=3"));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).kind).toBe("incomplete");
    expectPrefix(received);
    expect(contentOf(error.partial)).toBe(received);
  });

  suite.test("raises an in-band error as StreamError with the partial", async () => {
    const { error, received } = await readUntilFailure(await openStream(suite, "stream-error"));
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).kind).toBe("in-band");
    expect(received.length).toBeGreaterThan(0);
    expect(contentOf(error.partial)).toBe(received);
  });

  suite.test("raises an in-band error that names 429 as RateLimitError with the partial", async () => {
    const before = suite.mock.stats.requests;
    const { error, received } = await readUntilFailure(await openStream(suite, "stream-error-429"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect(received.length).toBeGreaterThan(0);
    expect(contentOf(error.partial)).toBe(received);
    expect(suite.mock.stats.requests).toBe(before + 1);
  });

  suite.test("raises an `event: error` frame and a finish_reason error chunk with the partial", async () => {
    const event = await readUntilFailure(await openStream(suite, "stream-error-event:status=429"));
    expect(event.error).toBeInstanceOf(RateLimitError);
    expect(contentOf(event.error.partial)).toBe(event.received);
    const finish = await readUntilFailure(await openStream(suite, "stream-error-finish-reason:status=502"));
    expect(finish.error).toBeInstanceOf(R9SDefaultError);
    expect(contentOf(finish.error.partial)).toBe(finish.received);
  });

  suite.test("times out waiting for the headers (phase headers)", async () => {
    const started = Date.now();
    const error = await caught(() => openStream(suite, "stall-before-headers", 300));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("headers");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  suite.test("times out when a stream stalls after its headers (phase idle)", async () => {
    const stream = await openStream(suite, "stall", 300);
    const { error } = await readUntilFailure(stream);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe("idle");
  });

  suite.test(
    "times out between data events even while keepalive comments arrive, keeping the partial",
    async () => {
      const started = Date.now();
      const stream = await openStream(suite, "keepalive-after-content:after-chunks=3,interval-ms=50", 400);
      const { error, received } = await readUntilFailure(stream);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).phase).toBe("idle");
      expectPrefix(received);
      expect(contentOf(error.partial)).toBe(received);
      expect(Date.now() - started).toBeLessThan(3000);
    },
  );

  suite.test("abort() mid-stream ends the loop and closes the server's socket within a second", async () => {
    const mock = await suite.startMock();
    const stream = await suite
      .client({ baseURL: mock.url })
      .chat.create(
        { ...params(), stream: true },
        { headers: { "x-mock-scenario": "slow-drip:delay-ms=200" } },
      );
    let chunks = 0;
    for await (const _ of stream) {
      chunks++;
      stream.abort();
    }
    expect(chunks).toBe(1);
    expect(await waitFor(() => mock.stats.requestConnections === 0, 1000)).toBe(true);
  });

  suite.test(
    "the caller's signal mid-stream raises AbortError and closes the server's socket within a second",
    async () => {
      const mock = await suite.startMock();
      const controller = new AbortController();
      const stream = await suite
        .client({ baseURL: mock.url })
        .chat.create(
          { ...params(), stream: true },
          { signal: controller.signal, headers: { "x-mock-scenario": "stall-after-content" } },
        );
      const error = await caught(async () => {
        for await (const _ of stream) controller.abort();
      });
      expect(error).toBeInstanceOf(AbortError);
      expect(await waitFor(() => mock.stats.requestConnections === 0, 1000)).toBe(true);
    },
  );

  suite.test("break out of a stream closes the server's socket within a second", async () => {
    const mock = await suite.startMock();
    const stream = await suite
      .client({ baseURL: mock.url })
      .chat.create({ ...params(), stream: true }, { headers: { "x-mock-scenario": "stall-after-content" } });
    for await (const _ of stream) break;
    expect(await waitFor(() => mock.stats.requestConnections === 0, 1000)).toBe(true);
  });
}
