import { describe, expect, it } from "vitest";
import { isRetryableStatus } from "./is-retryable-status";

describe("isRetryableStatus", () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 599])("retries %i", (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([200, 301, 400, 401, 403, 404, 410, 422, 499, 600])("does not retry %i", (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
