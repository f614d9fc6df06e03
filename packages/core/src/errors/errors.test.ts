import { describe, expect, it } from "vitest";
import type { ChatCompletion } from "../wire/completion";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  R9SDefaultError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from "./api-error";
import { errorFromInBand, errorFromResponse, RAW_BODY_LIMIT } from "./from-response";
import { R9SError, StreamError } from "./r9s-error";

const partial: ChatCompletion = { id: "c1", object: "chat.completion", created: 1, model: "m", choices: [] };

describe("errorFromResponse", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, ServiceUnavailableError],
    [402, R9SDefaultError],
    [418, R9SDefaultError],
    [502, R9SDefaultError],
  ])("maps %i to %o with its fields", (status, ErrorClass) => {
    const headers = new Headers({ "x-request-id": "req_123", "content-type": "application/json" });
    const body = JSON.stringify({
      error: { message: "nope", type: "invalid_request_error", code: "bad", param: "model" },
    });
    const error = errorFromResponse(status, headers, body);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(R9SError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe("req_123");
    expect(error.error).toEqual({
      message: "nope",
      type: "invalid_request_error",
      code: "bad",
      param: "model",
    });
    expect(error.rawBody).toBe(body);
    expect(error.message).toBe(`${status} nope`);
  });

  it("falls back to request-id", () => {
    const error = errorFromResponse(500, new Headers({ "request-id": "r2" }), "");
    expect(error.requestId).toBe("r2");
    expect(error.message).toBe("500 status code (no body)");
  });

  it("parses JSON sent with a wrong content type", () => {
    const headers = new Headers({ "content-type": "application/octet-stream" });
    const error = errorFromResponse(429, headers, '{"error":{"message":"slow down","type":"rate_limit"}}');
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.error?.message).toBe("slow down");
  });

  it("keeps an HTML proxy page as rawBody and names it in the message", () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const error = errorFromResponse(502, new Headers({ "content-type": "text/html" }), html);
    expect(error).toBeInstanceOf(R9SDefaultError);
    expect(error.error).toBeUndefined();
    expect(error.rawBody).toBe(html);
    expect(error.message).toContain("502 Bad Gateway");
  });

  it("bounds rawBody to 64 KiB", () => {
    const error = errorFromResponse(500, new Headers(), "x".repeat(RAW_BODY_LIMIT + 10));
    expect(error.rawBody).toHaveLength(RAW_BODY_LIMIT);
  });

  it("accepts a bare string error", () => {
    const error = errorFromResponse(400, new Headers(), '{"error":"model is required"}');
    expect(error.error).toEqual({ message: "model is required" });
  });
});

describe("errorFromInBand", () => {
  it("raises the class of a numeric code with the partial", () => {
    const error = errorFromInBand({ error: { message: "Rate limited", code: 429 } }, new Headers(), partial);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect(error.partial).toBe(partial);
  });

  it("reads a status named by a well-known code", () => {
    const error = errorFromInBand(
      { error: { message: "Too many", type: "requests", code: "rate_limit_exceeded" } },
      new Headers(),
      partial,
    );
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it("is a StreamError when no status is named", () => {
    const error = errorFromInBand({ error: { message: "The server had an error" } }, new Headers(), partial);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).kind).toBe("in-band");
    expect(error.message).toBe("The server had an error");
    expect(error.partial).toBe(partial);
  });
});
