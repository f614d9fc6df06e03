import { isBrowser, type Transport, type TransportRequest, type TransportResponse } from "@r9s/core";
import ky, { type Input, type Options as KyOptions } from "ky";

/** A `fetch` implementation: the global one, a worker's, a proxying wrapper, a test server's. */
export type FetchFunction = (input: Input, init?: RequestInit) => Promise<Response>;

/**
 * ky options the transport passes on (hooks, credentials, mode, cache,
 * referrer, a Node `dispatcher`…). The options that would take a policy away
 * from core (retries, timeouts, redirects, error mapping) or that shape the
 * request core builds are left out.
 */
export type FetchTransportKyOptions = Omit<
  KyOptions,
  | "method"
  | "body"
  | "json"
  | "signal"
  | "fetch"
  | "retry"
  | "timeout"
  | "throwHttpErrors"
  | "redirect"
  | "prefixUrl"
  | "searchParams"
  | "onDownloadProgress"
  | "onUploadProgress"
  | "parseJson"
  | "stringifyJson"
  | "duplex"
>;

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The `fetch` to call: a worker's, a proxying wrapper, one bound to a test
   * server. It receives a `Request` and an init whose `signal` is core's.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: FetchFunction | undefined;
  /** Extra ky options (hooks, credentials, headers…); see {@link FetchTransportKyOptions}. */
  kyOptions?: FetchTransportKyOptions | undefined;
}

/** The transport `fetchTransport()` returns. */
export interface FetchTransport extends Transport {
  /**
   * `true` where fetch hides redirects (a browser page or worker): fetch then
   * follows them, and drops `Authorization` across origins as the Fetch
   * standard requires. Elsewhere `false`: core sees every 3xx and follows it.
   */
  readonly followsRedirects: boolean;
}

/**
 * A transport over `fetch`, through ky: browsers, Node 18+, Deno, Bun and edge
 * workers, with no Node built-ins. ky's own retries, timeout and HTTP errors
 * are off: `@r9s/core` owns those policies, the transport only moves bytes.
 * @example
 * import { createClient } from "@r9s/core";
 * import { fetchTransport } from "@r9s/fetch";
 * const client = createClient({ transport: fetchTransport(), apiKey: "sk-…" });
 * @example
 * // A worker's or a proxy's fetch:
 * const transport = fetchTransport({ fetch: (input, init) => env.UPSTREAM.fetch(input, init) });
 */
export function fetchTransport(options: FetchTransportOptions = {}): FetchTransport {
  const baseFetch: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const client = ky.create({
    ...options.kyOptions,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
  });
  // In a page, `redirect: "manual"` yields an opaque response with no status or
  // location, so core could not follow it: there fetch follows redirects itself.
  let follows = isBrowser();

  const send = (request: TransportRequest, redirect: RequestRedirect): Promise<Response> =>
    client(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect,
      // ky combines our signal with its own controller (`AbortSignal.any`) and
      // hands fetch a Request that follows the combined signal. Nothing holds
      // that chain once the headers are in, so on Node 20 a garbage collection
      // while the body streams breaks it: an abort or a timeout would never
      // reach fetch and the read would hang. Core's very signal goes straight
      // to fetch instead; core keeps it alive for the whole request.
      signal: request.signal,
      fetch: (input, init) => baseFetch(input, { ...init, signal: request.signal }),
    });

  return {
    get followsRedirects() {
      return follows;
    },
    async request(request: TransportRequest): Promise<TransportResponse> {
      let response = await send(request, follows ? "follow" : "manual");
      if (response.type === "opaqueredirect") {
        // A browser-like runtime without a page (a web worker) hides manual
        // redirects too: let fetch follow this one and the ones after it.
        follows = true;
        response = await send(request, "follow");
      }
      const body = response.body;
      return {
        status: response.status,
        headers: response.headers,
        body,
        cancel() {
          if (body && !body.locked) body.cancel().catch(() => {});
        },
      };
    },
  };
}
