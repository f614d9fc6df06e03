import {
  AbortError,
  type APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  R9SDefaultError,
  R9SError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
  ValidationError,
} from "@r9s/core";
import { expect } from "vitest";
import { caught, unusedPort, waitFor } from "../helpers";
import { NO_RETRIES, params, type SuiteContext } from "../suite-context";

/** Every HTTP error class of SPEC.md, by the status that raises it. */
const ERROR_CLASSES: Array<[number, typeof APIError]> = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [503, ServiceUnavailableError],
  [418, R9SDefaultError],
  [502, R9SDefaultError],
];

/** Error mapping over real responses: every class with its fields, odd bodies, refusals, aborts. */
export function errorCases(suite: SuiteContext): void {
  for (const [status, ErrorClass] of ERROR_CLASSES) {
    suite.test(
      `raises ${ErrorClass.name} for ${status} with status, headers, requestId, error and rawBody`,
      async () => {
        const error = await caught(() =>
          suite
            .client({ retries: NO_RETRIES })
            .chat.create(params(), { headers: { "x-mock-scenario": `status-${status}` } }),
        );
        expect(error).toBeInstanceOf(ErrorClass);
        expect(error).toBeInstanceOf(R9SError);
        const apiError = error as APIError;
        expect(apiError.status).toBe(status);
        expect(apiError.headers.get("content-type")).toMatch(/^application\/json/);
        expect(apiError.requestId).toBe(suite.mock.requests.at(-1)?.id);
        expect(apiError.requestId).toMatch(/^req_mock_/);
        expect(apiError.error?.message).toEqual(expect.any(String));
        expect(JSON.parse(apiError.rawBody ?? "")).toEqual({ error: apiError.error });
      },
    );
  }

  suite.test("maps an HTML 502 page from a proxy by its status, keeping the page as rawBody", async () => {
    const error = await caught(() =>
      suite
        .client({ retries: NO_RETRIES })
        .chat.create({ ...params(), stream: true }, { headers: { "x-mock-scenario": "html-502" } }),
    );
    expect(error).toBeInstanceOf(R9SDefaultError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(502);
    expect(apiError.headers.get("content-type")).toBe("text/html");
    expect(apiError.error).toBeUndefined();
    expect(apiError.rawBody).toContain("<title>502 Bad Gateway</title>");
    expect(apiError.requestId).toBe(suite.mock.requests.at(-1)?.id);
  });

  suite.test("reads a JSON error body sent with a wrong content type", async () => {
    const error = await caught(() =>
      suite
        .client({ retries: NO_RETRIES })
        .chat.create(params(), { headers: { "x-mock-scenario": "octet-stream-400" } }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    const apiError = error as APIError;
    expect(apiError.headers.get("content-type")).toBe("application/octet-stream");
    expect(apiError.error?.message).toEqual(expect.any(String));
    expect(JSON.parse(apiError.rawBody ?? "")).toEqual({ error: apiError.error });
  });

  suite.test("refuses an invalid request with ValidationError before sending anything", async () => {
    const client = suite.client();
    const before = suite.mock.stats.requests;
    const streamed = await caught(() => client.chat.create({ ...params(), stream: true, logprobs: true }));
    expect(streamed).toBeInstanceOf(ValidationError);
    const header = await caught(() => client.chat.create(params(), { headers: { "x-bad": "a\r\nb" } }));
    expect(header).toBeInstanceOf(ValidationError);
    expect((header as ValidationError).field).toMatch(/x-bad/);
    expect(suite.mock.stats.requests).toBe(before);
  });

  suite.test("raises ConnectionError when the connection is refused", async () => {
    const port = await unusedPort();
    const error = await caught(() =>
      suite.client({ baseURL: `http://127.0.0.1:${port}`, retries: NO_RETRIES }).chat.create(params()),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(R9SError);
  });

  suite.test("raises ConnectionError when the server resets the connection before the headers", async () => {
    const before = suite.mock.stats.requests;
    const error = await caught(() =>
      suite
        .client({ retries: NO_RETRIES })
        .chat.create(params(), { headers: { "x-mock-scenario": "reset-before-headers" } }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(suite.mock.stats.requests).toBe(before + 1);
  });

  suite.test(
    "raises AbortError when the caller aborts before the headers, and closes the socket",
    async () => {
      const mock = await suite.startMock();
      const controller = new AbortController();
      const request = suite.client({ baseURL: mock.url, retries: NO_RETRIES }).chat.create(params(), {
        signal: controller.signal,
        headers: { "x-mock-scenario": "stall-before-headers" },
      });
      expect(await waitFor(() => mock.stats.requests === 1, 2000)).toBe(true);
      controller.abort();
      expect(await caught(() => request)).toBeInstanceOf(AbortError);
      expect(await waitFor(() => mock.stats.requestConnections === 0, 1000)).toBe(true);
    },
  );
}
