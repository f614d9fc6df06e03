import * as core from "@r9s/core";
import { type MockServer, startMockServer } from "@r9s/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as fetchPackage from "./index";
import { R9S } from "./r9s";

const messages = [{ role: "user" as const, content: "Hi" }];

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  server.reset();
});

/** Makes `isBrowser()` true and relative URLs resolve against `href`, as in a page. */
function pretendBrowserPage(href: string): void {
  vi.stubGlobal("window", { document: {} });
  vi.stubGlobal("location", { href });
}

describe("R9S outside a browser", () => {
  it("reads R9S_API_KEY and R9S_BASE_URL from the environment", async () => {
    vi.stubEnv("R9S_API_KEY", "sk-from-env");
    vi.stubEnv("R9S_BASE_URL", `${server.url}/proxy/`);
    const r9s = new R9S();
    expect(r9s.baseURL).toBe(`${server.url}/proxy/`);
    const completion = await r9s.chat.create({ model: "r9s-mock", messages });
    expect(completion.choices[0]?.message.content).toBe("You said: Hi");
    expect(server.requests[0]?.url).toBe("/proxy/v1/chat/completions");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-from-env");
  });

  it("prefers the options to the environment", () => {
    vi.stubEnv("R9S_API_KEY", "sk-from-env");
    vi.stubEnv("R9S_BASE_URL", "https://env.example");
    const r9s = new R9S({ apiKey: "sk-option", baseURL: "https://option.example" });
    expect(r9s.baseURL).toBe("https://option.example");
  });

  it("refuses a missing key and names the fix", () => {
    vi.stubEnv("R9S_API_KEY", "");
    expect(() => new R9S()).toThrow(core.R9SError);
    expect(() => new R9S()).toThrow(/pass \{ apiKey \} or set R9S_API_KEY .*apiKey: null/);
    expect(() => new R9S({ apiKey: "" })).toThrow(core.R9SError);
  });

  it("sends no Authorization with apiKey: null (a relay adds it)", async () => {
    vi.stubEnv("R9S_API_KEY", "");
    const r9s = new R9S({ apiKey: null, baseURL: server.url });
    const stream = await r9s.chat.create({ model: "r9s-mock", messages, stream: true });
    let text = "";
    for await (const piece of stream.textStream) text += piece;
    expect(text).toBe("You said: Hi");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("uses a custom fetch", async () => {
    const fetch = vi.fn((input: Request | URL | string, init?: RequestInit) => globalThis.fetch(input, init));
    const r9s = new R9S({ apiKey: null, baseURL: server.url, fetch });
    await r9s.chat.create({ model: "r9s-mock", messages });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("R9S in a browser page", () => {
  it("refuses an apiKey without dangerouslyAllowBrowser", () => {
    pretendBrowserPage(`${server.url}/`);
    expect(() => new R9S({ apiKey: "sk-secret" })).toThrow(/dangerouslyAllowBrowser/);
    expect(() => new R9S({ apiKey: "sk-secret", dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it("refuses a key that comes from a process.env there too", () => {
    pretendBrowserPage(`${server.url}/`);
    vi.stubEnv("R9S_API_KEY", "sk-leaked");
    expect(() => new R9S()).toThrow(/dangerouslyAllowBrowser/);
  });

  it("needs no key and takes a relative baseURL: the page's own relay", async () => {
    pretendBrowserPage(`${server.url}/chat/`);
    vi.stubEnv("R9S_API_KEY", "");
    const r9s = new R9S({ baseURL: "/api" });
    const completion = await r9s.chat.create({ model: "r9s-mock", messages });
    expect(completion.choices[0]?.message.content).toBe("You said: Hi");
    expect(server.requests[0]?.url).toBe("/api/v1/chat/completions");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("lets fetch follow redirects there, since a page cannot see them", async () => {
    pretendBrowserPage(`${server.url}/`);
    const transport = fetchPackage.fetchTransport();
    expect(transport.followsRedirects).toBe(true);
    const r9s = new R9S({ baseURL: "/api", transport });
    const completion = await r9s.chat.create(
      { model: "r9s-mock", messages },
      { headers: { "x-mock-scenario": "redirect-307" } },
    );
    expect(completion.choices[0]?.message.content).toBe("You said: Hi");
    expect(server.requests.map((request) => request.url)).toEqual([
      "/api/v1/chat/completions",
      "/redirected/api/v1/chat/completions",
    ]);
  });
});

describe("the package surface", () => {
  it("re-exports core's very classes and functions, so instanceof works across packages", () => {
    const shared: Array<[string, unknown, unknown]> = [
      ["R9SError", fetchPackage.R9SError, core.R9SError],
      ["APIError", fetchPackage.APIError, core.APIError],
      ["AbortError", fetchPackage.AbortError, core.AbortError],
      ["AuthenticationError", fetchPackage.AuthenticationError, core.AuthenticationError],
      ["BadRequestError", fetchPackage.BadRequestError, core.BadRequestError],
      ["ConflictError", fetchPackage.ConflictError, core.ConflictError],
      ["ConnectionError", fetchPackage.ConnectionError, core.ConnectionError],
      ["InternalServerError", fetchPackage.InternalServerError, core.InternalServerError],
      ["NotFoundError", fetchPackage.NotFoundError, core.NotFoundError],
      ["PermissionDeniedError", fetchPackage.PermissionDeniedError, core.PermissionDeniedError],
      ["R9SDefaultError", fetchPackage.R9SDefaultError, core.R9SDefaultError],
      ["RateLimitError", fetchPackage.RateLimitError, core.RateLimitError],
      ["ServiceUnavailableError", fetchPackage.ServiceUnavailableError, core.ServiceUnavailableError],
      ["StreamError", fetchPackage.StreamError, core.StreamError],
      ["TimeoutError", fetchPackage.TimeoutError, core.TimeoutError],
      ["UnprocessableEntityError", fetchPackage.UnprocessableEntityError, core.UnprocessableEntityError],
      ["ValidationError", fetchPackage.ValidationError, core.ValidationError],
      ["ChatStream", fetchPackage.ChatStream, core.ChatStream],
      ["ChatCompletionAccumulator", fetchPackage.ChatCompletionAccumulator, core.ChatCompletionAccumulator],
      ["R9SClient", fetchPackage.R9SClient, core.R9SClient],
      ["createClient", fetchPackage.createClient, core.createClient],
    ];
    for (const [name, fromFetch, fromCore] of shared) expect(fromFetch, name).toBe(fromCore);
    expect(new fetchPackage.R9S({ apiKey: null })).toBeInstanceOf(core.R9SClient);
  });
});
