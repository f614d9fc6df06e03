import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors/r9s-error";
import { DEFAULT_RETRY_CONFIG, resolveRetryConfig } from "./retry-config";

describe("resolveRetryConfig", () => {
  it("fills the SPEC defaults", () => {
    const expected = {
      strategy: "backoff",
      backoff: { initialInterval: 500, maxInterval: 8000, exponent: 2, maxElapsedTime: 30000 },
      retryConnectionErrors: true,
    };
    expect(DEFAULT_RETRY_CONFIG).toEqual(expected);
    expect(resolveRetryConfig()).toEqual(expected);
    expect(resolveRetryConfig(undefined, undefined)).toEqual(expected);
  });

  it("returns a fresh object that does not share the defaults", () => {
    const resolved = resolveRetryConfig();
    resolved.backoff.initialInterval = 1;
    expect(DEFAULT_RETRY_CONFIG.backoff.initialInterval).toBe(500);
    expect(Object.isFrozen(DEFAULT_RETRY_CONFIG.backoff)).toBe(true);
  });

  it("merges a partial backoff field by field", () => {
    expect(resolveRetryConfig({ strategy: "backoff", backoff: { maxInterval: 2000 } }).backoff).toEqual({
      initialInterval: 500,
      maxInterval: 2000,
      exponent: 2,
      maxElapsedTime: 30000,
    });
  });

  it("lets later configs win (client, then call)", () => {
    const client = {
      strategy: "backoff" as const,
      backoff: { initialInterval: 100, exponent: 3 },
      retryConnectionErrors: false,
    };
    const call = { strategy: "backoff" as const, backoff: { initialInterval: 200, maxElapsedTime: 1000 } };
    expect(resolveRetryConfig(client, undefined, call)).toEqual({
      strategy: "backoff",
      backoff: { initialInterval: 200, maxInterval: 8000, exponent: 3, maxElapsedTime: 1000 },
      retryConnectionErrors: false,
    });
    expect(resolveRetryConfig(client, { strategy: "none" })).toMatchObject({
      strategy: "none",
      retryConnectionErrors: false,
      backoff: { initialInterval: 100 },
    });
  });

  it("allows maxElapsedTime: Infinity (no limit)", () => {
    expect(
      resolveRetryConfig({ strategy: "backoff", backoff: { maxElapsedTime: Infinity } }).backoff
        .maxElapsedTime,
    ).toBe(Infinity);
  });

  it.each([
    ["initialInterval", -1],
    ["maxInterval", Number.NaN],
    ["exponent", Infinity],
    ["initialInterval", "500"],
    ["maxElapsedTime", -Infinity],
  ])("refuses backoff.%s = %s", (key, value) => {
    const run = () => resolveRetryConfig({ strategy: "backoff", backoff: { [key]: value } });
    expect(run).toThrow(ValidationError);
    try {
      run();
    } catch (error) {
      expect((error as ValidationError).field).toBe(`retries.backoff.${key}`);
      expect((error as ValidationError).message).toContain("leave it out for the default");
    }
  });
});
