import { expect } from "vitest";
import { bodyChunks, caught, contentOf, waitFor } from "../helpers";
import type { DescribeTransportOptions } from "../options";
import { API_KEY, params, type SuiteContext } from "../suite-context";

/** Redirects, connection reuse, and the `Transport` contract seen directly (no client in between). */
export function connectionCases(suite: SuiteContext, options: DescribeTransportOptions): void {
  suite.test("drops Authorization on a redirect to another origin", async () => {
    const target = await suite.startMock();
    const before = suite.mock.requests.length;
    const completion = await suite.client().chat.create(params(), {
      headers: { "x-mock-scenario": "redirect-307", "x-mock-redirect-to": target.url },
    });
    expect(contentOf(completion)).toBe("You said: Hi");
    expect(suite.mock.requests.slice(before)).toHaveLength(1);
    expect(suite.mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const redirected = target.requests;
    expect(redirected).toHaveLength(1);
    expect(redirected[0]?.url).toBe("/redirected/v1/chat/completions");
    expect(redirected[0]?.method).toBe("POST");
    expect(redirected[0]?.body).toEqual(params());
    expect(redirected[0]?.headers.authorization).toBeUndefined();
  });

  suite.test("keeps Authorization on a same-origin redirect", async () => {
    const before = suite.mock.requests.length;
    const stream = await suite
      .client()
      .chat.create({ ...params(), stream: true }, { headers: { "x-mock-scenario": "redirect-308" } });
    for await (const _ of stream) {
      // Read to the end.
    }
    const [first, second] = suite.mock.requests.slice(before);
    expect(first?.url).toBe("/v1/chat/completions");
    expect(second?.url).toBe("/redirected/v1/chat/completions");
    expect(second?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  if (options.supportsSocketCount) {
    suite.test(
      "reuses at most 2 sockets for 100 sequential requests",
      async () => {
        const mock = await suite.startMock();
        const client = suite.client({ baseURL: mock.url });
        for (let index = 0; index < 100; index++) {
          expect(contentOf(await client.chat.create(params(`request ${index}`)))).toBe(
            `You said: request ${index}`,
          );
        }
        expect(mock.stats.requests).toBe(100);
        expect(mock.stats.connections).toBeLessThanOrEqual(2);
      },
      15_000,
    );
  }

  suite.test("transport: returns a 3xx response as it is, without following it", async () => {
    const transport = suite.transport();
    if (transport.followsRedirects) return;
    const controller = new AbortController();
    const response = await transport.request({
      method: "POST",
      url: `${suite.mock.url}/v1/chat/completions`,
      headers: { "content-type": "application/json", "x-mock-scenario": "redirect-302" },
      body: JSON.stringify(params()),
      signal: controller.signal,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${suite.mock.url}/redirected/v1/chat/completions`);
    response.cancel?.();
  });

  suite.test("transport: keeps repeated response headers", async () => {
    const local = await suite.startServer((_request, response) => {
      response.writeHead(200, [
        ["content-type", "application/json"],
        ["x-multi", "a"],
        ["x-multi", "b"],
        ["set-cookie", "one=1"],
        ["set-cookie", "two=2"],
      ]);
      response.end("{}");
    });
    const response = await suite.transport().request({
      method: "GET",
      url: `${local.url}/`,
      headers: {},
      signal: new AbortController().signal,
    });
    expect(response.headers.get("x-multi")).toBe("a, b");
    expect(response.headers.getSetCookie()).toEqual(["one=1", "two=2"]);
    let text = "";
    for await (const bytes of bodyChunks(response.body)) text += Buffer.from(bytes).toString();
    expect(text).toBe("{}");
  });

  suite.test("transport: the signal rejects a pending request and a pending body read", async () => {
    const transport = suite.transport();
    const mock = await suite.startMock();
    const request = (scenario: string, signal: AbortSignal) =>
      transport.request({
        method: "POST",
        url: `${mock.url}/v1/chat/completions`,
        headers: { "content-type": "application/json", "x-mock-scenario": scenario },
        body: JSON.stringify({ ...params(), stream: true }),
        signal,
      });
    const beforeHeaders = new AbortController();
    const pending = request("stall-before-headers", beforeHeaders.signal);
    expect(await waitFor(() => mock.stats.requests === 1, 2000)).toBe(true);
    beforeHeaders.abort(new Error("stop before headers"));
    expect(await caught(() => pending)).toBeInstanceOf(Error);

    const midBody = new AbortController();
    const response = await request("stall", midBody.signal);
    expect(response.status).toBe(200);
    const read = caught(async () => {
      for await (const _ of bodyChunks(response.body)) {
        // Nothing comes: the scenario stalls after the headers.
      }
    });
    midBody.abort(new Error("stop mid-body"));
    expect(await read).toBeInstanceOf(Error);
    expect(await waitFor(() => mock.stats.requestConnections === 0, 1000)).toBe(true);
  });
}
