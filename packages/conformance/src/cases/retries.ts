import { ConnectionError, RateLimitError, type RetryConfig, StreamError } from "@r9s/core";
import { expect } from "vitest";
import { caught, collect, contentOf } from "../helpers";
import { FAST_RETRIES, params, type SuiteContext } from "../suite-context";

let keys = 0;
/** A fail-then-succeed selector with a key of its own, so no other test shares its failure count. */
function failThenSucceed(settings: string): Record<string, string> {
  keys++;
  return { "x-mock-scenario": `fail-then-succeed:key=conformance-${keys}-${Date.now()},${settings}` };
}

/** Retries over real responses: server-given delays, giving up, recovering, and never after the first byte. */
export function retryCases(suite: SuiteContext): void {
  suite.test("honours retry-after-ms before retrying", async () => {
    const before = suite.mock.stats.requests;
    const started = Date.now();
    const completion = await suite
      .client()
      .chat.create(params(), { headers: failThenSucceed("fail-times=1,fail-status=429,retry-after-ms=300") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(contentOf(completion)).toBe("You said: Hi");
    expect(suite.mock.stats.requests).toBe(before + 2);
  });

  suite.test("honours Retry-After in seconds before retrying", async () => {
    const before = suite.mock.stats.requests;
    const started = Date.now();
    const stream = await suite
      .client()
      .chat.create(
        { ...params(), stream: true },
        { headers: failThenSucceed("fail-times=1,fail-status=503,retry-after=1") },
      );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await collect(stream)).text).toBe("You said: Hi");
    expect(suite.mock.stats.requests).toBe(before + 2);
  });

  suite.test("gives up when the next retry would start after maxElapsedTime", async () => {
    const retries: RetryConfig = { strategy: "backoff", backoff: { maxElapsedTime: 500 } };
    const before = suite.mock.stats.requests;
    const started = Date.now();
    const error = await caught(() =>
      suite
        .client({ retries })
        .chat.create(params(), { headers: { "x-mock-scenario": "rate-limit-ms:retry-after-ms=300" } }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers.get("retry-after-ms")).toBe("300");
    // One wait of 300 ms fits in 500 ms; a second does not.
    expect(suite.mock.stats.requests).toBe(before + 2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  suite.test("does not retry when the strategy is none", async () => {
    const before = suite.mock.stats.requests;
    const error = await caught(() =>
      suite
        .client({ retries: { strategy: "none" } })
        .chat.create(params(), { headers: failThenSucceed("fail-times=1,fail-status=503") }),
    );
    expect(error).toMatchObject({ status: 503 });
    expect(suite.mock.stats.requests).toBe(before + 1);
  });

  suite.test("succeeds after N failures (503, then connection resets)", async () => {
    const client = suite.client({ retries: FAST_RETRIES });
    let before = suite.mock.stats.requests;
    const completion = await client.chat.create(params(), { headers: failThenSucceed("fail-times=2") });
    expect(contentOf(completion)).toBe("You said: Hi");
    expect(suite.mock.stats.requests).toBe(before + 3);

    before = suite.mock.stats.requests;
    const stream = await client.chat.create(
      { ...params(), stream: true },
      { headers: failThenSucceed("fail-times=2,fail-status=reset") },
    );
    expect((await collect(stream)).text).toBe("You said: Hi");
    expect(suite.mock.stats.requests).toBe(before + 3);
  });

  suite.test(
    "never retries a stream after its first byte: a mid-stream reset is a StreamError with the partial",
    async () => {
      const before = suite.mock.stats.requests;
      const stream = await suite
        .client({ retries: FAST_RETRIES })
        .chat.create({ ...params(), stream: true }, { headers: { "x-mock-scenario": "reset-mid-stream" } });
      let received = "";
      const error = await caught(async () => {
        for await (const chunk of stream) received += chunk.choices?.[0]?.delta?.content ?? "";
      });
      expect(error).toBeInstanceOf(StreamError);
      expect((error as StreamError).kind).toBe("broken");
      expect((error as StreamError).cause).toBeInstanceOf(ConnectionError);
      expect(received.length).toBeGreaterThan(0);
      expect(contentOf((error as StreamError).partial)).toBe(received);
      expect(suite.mock.stats.requests).toBe(before + 1);
    },
  );
}
