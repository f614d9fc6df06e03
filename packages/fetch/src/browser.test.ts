import { launchChromium } from "@r9s/conformance/chromium";
/**
 * @r9s/fetch in headless Chromium: a page bundled from source calls the
 * page's own relay (`/api`, relayed to the mock server), as a real app does.
 */
import { type MockServer, startMockServer } from "@r9s/mock-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BrowserApi } from "../test-support/browser-entry";
import { bundleForBrowser, type PageServer, startPageServer } from "../test-support/page-server";

const support = new URL("../test-support/", import.meta.url).pathname;

let mock: MockServer;
let site: PageServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const [app, worker] = await Promise.all([
    bundleForBrowser(`${support}browser-entry.ts`),
    bundleForBrowser(`${support}worker-entry.ts`),
  ]);
  mock = await startMockServer();
  site = await startPageServer({
    upstream: mock.url,
    files: {
      "/": {
        contentType: "text/html; charset=utf-8",
        body: '<!doctype html><html><head><title>loading</title><script type="module" src="/app.js"></script></head><body></body></html>',
      },
      "/app.js": { contentType: "text/javascript; charset=utf-8", body: app },
      "/worker.js": { contentType: "text/javascript; charset=utf-8", body: worker },
    },
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${site.url}/`);
  await page.waitForFunction(() => document.title === "ready", undefined, { timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), mock?.close()]);
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
  mock.reset();
});

/** Calls a function of the page's `window.r9sTest`. */
function inPage<Name extends keyof BrowserApi>(
  name: Name,
  ...args: Parameters<BrowserApi[Name]>
): Promise<Awaited<ReturnType<BrowserApi[Name]>>> {
  return page.evaluate(
    ([name, args]) => {
      const api = (globalThis as unknown as { r9sTest: Record<string, (...values: unknown[]) => unknown> })
        .r9sTest;
      return api[name]?.(...args);
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<BrowserApi[Name]>>>;
}

/** Waits (bounded: two seconds) until `condition` holds; whether it does. */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/** Whether the relay saw the browser drop one more request, and the mock server saw its connection close. */
async function socketClosed(closedBefore: number): Promise<{ relay: string[]; mockConnections: number }> {
  await eventually(() => site.closedEarly.length > closedBefore);
  await eventually(() => mock.stats.openConnections === 0);
  return { relay: site.closedEarly.slice(closedBefore), mockConnections: mock.stats.openConnections };
}

describe("@r9s/fetch in Chromium", () => {
  it("streams a chat through the relay and reads it with textStream", async () => {
    const result = await inPage("streamText", "Hello from the browser", {
      "x-mock-scenario": "slow-drip:delay-ms=5",
    });
    expect(result.pieces.join("")).toBe("You said: Hello from the browser");
    expect(result.pieces.length).toBeGreaterThan(3);
    expect(result.final).toBe("You said: Hello from the browser");
    expect(result.status).toBe(200);
    expect(result.requestId).toMatch(/^req_mock_/);
    expect(mock.requests[0]?.url).toBe("/api/v1/chat/completions");
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("abort() mid-stream ends the loop without an error, keeps the partial text and closes the socket", async () => {
    const closedBefore = site.closedEarly.length;
    const result = await inPage("stopMidStream", "abort");
    // Two pieces arrived while the response was still open: the body streams.
    expect(result.pieces).toHaveLength(2);
    expect(result.outcome).toBe("ended");
    expect(result.partial).toBe(result.pieces.join(""));
    expect(await socketClosed(closedBefore)).toEqual({
      relay: ["/api/v1/chat/completions"],
      mockConnections: 0,
    });
  });

  it("the caller's signal mid-stream rejects with AbortError and closes the socket", async () => {
    const closedBefore = site.closedEarly.length;
    const result = await inPage("stopMidStream", "signal");
    expect(result.pieces).toHaveLength(2);
    expect(result.outcome).toBe("rejected");
    expect(result.errorName).toBe("AbortError");
    expect(result.isAbortError).toBe(true);
    expect(result.isR9SError).toBe(true);
    expect(await socketClosed(closedBefore)).toEqual({
      relay: ["/api/v1/chat/completions"],
      mockConnections: 0,
    });
  });

  it("lets the page's fetch follow redirects, and refuses an apiKey", async () => {
    expect(await inPage("followsRedirects")).toBe(true);
    expect(await inPage("apiKeyRefusal")).toMatch(/dangerouslyAllowBrowser: true/);
    const result = await inPage("streamText", "Redirected", {
      "x-mock-scenario": "redirect-307",
      "x-mock-redirect-to": `${site.url}/api`,
    });
    expect(result.pieces.join("")).toBe("You said: Redirected");
    expect(mock.requests.map((request) => request.url)).toEqual([
      "/api/v1/chat/completions",
      "/api/redirected/api/v1/chat/completions",
    ]);
  });

  it("in a web worker, where manual redirects are opaque, lets fetch follow them", async () => {
    const result = await inPage("inWorker", {
      "x-mock-scenario": "redirect-308",
      "x-mock-redirect-to": `${site.url}/api`,
    });
    expect(result).toEqual({ text: "You said: From a worker", followsRedirects: true });
    expect(mock.requests.map((request) => request.url)).toEqual([
      "/api/v1/chat/completions",
      "/api/v1/chat/completions",
      "/api/redirected/api/v1/chat/completions",
    ]);
  });
});
