import { describe, expect, it } from "vitest";
import { MAX_RETRY_AFTER_MS, retryAfterMs } from "./retry-after";

const now = Date.parse("2025-01-01T00:00:00.000Z");
const at = (headers: Record<string, string>) => retryAfterMs(new Headers(headers), now);

describe("retryAfterMs", () => {
  it("returns undefined without either header", () => {
    expect(at({})).toBeUndefined();
  });

  it("reads retry-after-ms as (fractional) milliseconds", () => {
    expect(at({ "retry-after-ms": "1500" })).toBe(1500);
    expect(at({ "retry-after-ms": "12.5" })).toBe(12.5);
    expect(at({ "retry-after-ms": "0" })).toBe(0);
  });

  it("reads Retry-After as (fractional) seconds", () => {
    expect(at({ "retry-after": "2" })).toBe(2000);
    expect(at({ "retry-after": "0.25" })).toBe(250);
    expect(at({ "retry-after": " 3 " })).toBe(3000);
  });

  it("prefers retry-after-ms over Retry-After", () => {
    expect(at({ "retry-after-ms": "100", "retry-after": "5" })).toBe(100);
  });

  it("falls back to Retry-After when retry-after-ms is garbage", () => {
    expect(at({ "retry-after-ms": "soon", "retry-after": "5" })).toBe(5000);
    expect(at({ "retry-after-ms": "-1", "retry-after": "5" })).toBe(5000);
  });

  it("reads Retry-After as an HTTP date relative to now", () => {
    expect(at({ "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" })).toBe(10_000);
    expect(at({ "retry-after": "Wed, 01 Jan 2025 00:00:00 GMT" })).toBe(0);
  });

  it("uses Date.now() when no now is given", () => {
    const delay = retryAfterMs(new Headers({ "retry-after": new Date(Date.now() + 30_000).toUTCString() }));
    expect(delay).toBeGreaterThan(28_000);
    expect(delay).toBeLessThanOrEqual(30_000);
  });

  it.each([
    ["a negative number", { "retry-after": "-5" }],
    ["a negative ms value", { "retry-after-ms": "-5" }],
    ["garbage", { "retry-after": "soon" }],
    ["an empty value", { "retry-after": "" }],
    ["hex", { "retry-after": "0x10" }],
    ["an exponent", { "retry-after-ms": "1e3" }],
    ["a date in the past", { "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }],
    ["an invalid date", { "retry-after": "Wed, 99 Foo 2025 00:00:00 GMT" }],
  ])("returns undefined for %s", (_name, headers) => {
    expect(at(headers)).toBeUndefined();
  });

  it("caps delays at 60 s", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
    expect(at({ "retry-after": "120" })).toBe(60_000);
    expect(at({ "retry-after-ms": "90000" })).toBe(60_000);
    expect(at({ "retry-after": "Wed, 01 Jan 2025 01:00:00 GMT" })).toBe(60_000);
    expect(at({ "retry-after": "60" })).toBe(60_000);
  });
});
