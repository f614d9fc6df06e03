import { describe, expect, it } from "vitest";
import { nextRetryDelay } from "./next-retry-delay";
import { resolveRetryConfig } from "./retry-config";

const config = resolveRetryConfig();
const noJitter = () => 0;
const maxJitter = () => 1;

describe("nextRetryDelay: backoff", () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [6, 8000],
    [60, 8000],
  ])("attempt %i waits %i ms before jitter (capped at maxInterval)", (attempt, base) => {
    expect(nextRetryDelay({ attempt, config, elapsedMs: 0, random: noJitter })).toBe(base);
    expect(nextRetryDelay({ attempt, config, elapsedMs: 0, random: maxJitter })).toBe(base * 0.75);
  });

  it("keeps jittered delays within (0.75 × base, base]", () => {
    for (const random of [0, 0.1, 0.5, 0.999]) {
      const delay = nextRetryDelay({ attempt: 3, config, elapsedMs: 0, random: () => random })!;
      expect(delay).toBeGreaterThan(1500);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });

  it("uses Math.random by default, never below 0 or above maxInterval", () => {
    for (let attempt = 1; attempt < 20; attempt++) {
      const delay = nextRetryDelay({ attempt, config, elapsedMs: 0 })!;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });

  it("honours a custom exponent", () => {
    const custom = resolveRetryConfig({
      strategy: "backoff",
      backoff: { initialInterval: 100, exponent: 3 },
    });
    expect(nextRetryDelay({ attempt: 3, config: custom, elapsedMs: 0, random: noJitter })).toBe(900);
  });

  it("gives up when the next attempt would start past maxElapsedTime", () => {
    expect(nextRetryDelay({ attempt: 5, config, elapsedMs: 22_000, random: noJitter })).toBe(8000);
    expect(nextRetryDelay({ attempt: 5, config, elapsedMs: 22_001, random: noJitter })).toBeUndefined();
    // Jitter can make the last retry fit.
    expect(nextRetryDelay({ attempt: 5, config, elapsedMs: 24_000, random: maxJitter })).toBe(6000);
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 31_000, random: noJitter })).toBeUndefined();
  });

  it("never gives up on time with maxElapsedTime: Infinity", () => {
    const forever = resolveRetryConfig({ strategy: "backoff", backoff: { maxElapsedTime: Infinity } });
    expect(nextRetryDelay({ attempt: 100, config: forever, elapsedMs: 1e12, random: noJitter })).toBe(8000);
  });

  it('gives up at once with strategy "none"', () => {
    const none = resolveRetryConfig({ strategy: "none" });
    expect(nextRetryDelay({ attempt: 1, config: none, elapsedMs: 0, random: noJitter })).toBeUndefined();
    const headers = new Headers({ "retry-after": "1" });
    expect(nextRetryDelay({ attempt: 1, config: none, elapsedMs: 0, headers })).toBeUndefined();
  });
});

describe("nextRetryDelay: server-given delay", () => {
  it("uses retry-after-ms before Retry-After, instead of the backoff", () => {
    const headers = new Headers({ "retry-after-ms": "1234", "retry-after": "5" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers, random: noJitter })).toBe(1234);
  });

  it("uses a server delay above maxInterval", () => {
    const headers = new Headers({ "retry-after": "20" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers, random: noJitter })).toBe(20_000);
  });

  it("adds up to 10% jitter, never shortening the server's delay", () => {
    const headers = new Headers({ "retry-after": "2" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers, random: noJitter })).toBe(2000);
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers, random: maxJitter })).toBe(2200);
  });

  it("never goes past maxElapsedTime", () => {
    const headers = new Headers({ "retry-after": "10" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 20_000, headers, random: noJitter })).toBe(10_000);
    // The jitter is trimmed to the remaining budget.
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 20_000, headers, random: maxJitter })).toBe(
      10_000,
    );
    expect(
      nextRetryDelay({ attempt: 1, config, elapsedMs: 20_001, headers, random: noJitter }),
    ).toBeUndefined();
  });

  it("gives up when a capped 60 s delay exceeds the default 30 s budget", () => {
    const headers = new Headers({ "retry-after": "120" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers })).toBeUndefined();
    const patient = resolveRetryConfig({ strategy: "backoff", backoff: { maxElapsedTime: 120_000 } });
    expect(nextRetryDelay({ attempt: 1, config: patient, elapsedMs: 0, headers, random: noJitter })).toBe(
      60_000,
    );
  });

  it("reads an HTTP date against the given now", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    const headers = new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" });
    expect(nextRetryDelay({ attempt: 1, config, elapsedMs: 0, headers, now, random: noJitter })).toBe(3000);
  });

  it("falls back to the backoff when the headers hold no usable delay", () => {
    const headers = new Headers({ "retry-after": "soon" });
    expect(nextRetryDelay({ attempt: 2, config, elapsedMs: 0, headers, random: noJitter })).toBe(1000);
  });
});
