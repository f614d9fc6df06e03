import http from "node:http";
import https from "node:https";
import type { Transport, TransportRequest, TransportResponse } from "@r9s/core";
import { version } from "../package.json";

/** Options of {@link nodeTransport}. */
export interface NodeTransportOptions {
  /**
   * The agent for `http:` URLs. Pass your own to share a pool or tune it.
   * @default a keep-alive agent of this transport (`new http.Agent({ keepAlive: true })`)
   */
  agent?: http.Agent | undefined;
  /**
   * The agent for `https:` URLs (TLS options such as `ca` go here).
   * @default a keep-alive agent of this transport (`new https.Agent({ keepAlive: true })`)
   */
  httpsAgent?: https.Agent | undefined;
}

/** A `Transport` over `node:http` and `node:https`, with its connection pools. */
export interface NodeTransport extends Transport {
  /** The agent used for `http:` URLs. */
  readonly agent: http.Agent;
  /** The agent used for `https:` URLs. */
  readonly httpsAgent: https.Agent;
  /**
   * Closes the idle keep-alive sockets of the agents this transport created
   * (agents passed in options are left to their owner). Requests still work
   * afterwards; they open new sockets.
   */
  destroy(): void;
}

/** The `user-agent` sent unless the request sets one. */
export const USER_AGENT = `r9s-node/${version}`;

// Responses that never carry a body (RFC 9110 §6.4.1).
const BODILESS_STATUS = new Set([204, 205, 304]);

/**
 * Creates a transport on `node:http`/`node:https` with keep-alive connection
 * pools. It only moves bytes, as the `Transport` contract asks: the body
 * streams as it arrives, redirects come back as they are (the client follows
 * them), and the request's `signal` destroys the socket.
 * @example
 * import { createClient } from "@r9s/core";
 * import { nodeTransport } from "@r9s/node";
 * const client = createClient({ transport: nodeTransport(), apiKey: process.env.R9S_API_KEY });
 */
export function nodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const ownAgent = options.agent === undefined;
  const ownHttpsAgent = options.httpsAgent === undefined;
  // Node's own agents default to `noDelay: true`; said here so streamed tokens never wait for Nagle.
  const agent = options.agent ?? new http.Agent({ keepAlive: true, noDelay: true });
  const httpsAgent = options.httpsAgent ?? new https.Agent({ keepAlive: true, noDelay: true });

  return {
    agent,
    httpsAgent,
    request(request) {
      const secure = isHttps(request.url);
      return send(
        request,
        secure ? https.request : http.request,
        secure ? httpsAgent : agent,
        !(secure ? ownHttpsAgent : ownAgent),
      );
    },
    destroy() {
      if (ownAgent) agent.destroy();
      if (ownHttpsAgent) httpsAgent.destroy();
    },
  };
}

function send(
  request: TransportRequest,
  open: typeof http.request,
  agent: http.Agent,
  setNoDelay: boolean,
): Promise<TransportResponse> {
  const { signal, body } = request;
  return new Promise<TransportResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(reasonOf(signal));
      return;
    }
    const headers: Record<string, string | number> = { "user-agent": USER_AGENT, ...request.headers };
    if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
    let client: http.ClientRequest;
    try {
      client = open({ ...targetOf(request.url), method: request.method, headers, agent });
    } catch (error) {
      // An invalid URL or header value: nothing was sent.
      reject(error);
      return;
    }
    let response: http.IncomingMessage | undefined;
    const onAbort = () => {
      const reason = reasonOf(signal);
      // Destroying the request destroys its socket; the response stream then rejects its pending read.
      client.destroy(reason);
      response?.destroy(reason);
      reject(reason);
    };
    const detach = () => signal.removeEventListener("abort", onAbort);
    signal.addEventListener("abort", onAbort, { once: true });

    client.on("error", (error) => {
      detach();
      reject(error);
    });
    if (setNoDelay) client.setNoDelay(true);
    client.once("response", (incoming) => {
      response = incoming;
      // `close` follows `end`, an error and `destroy()` alike: the one place to let go of the signal.
      incoming.once("close", detach);
      const bodiless = BODILESS_STATUS.has(incoming.statusCode ?? 0);
      if (bodiless) incoming.resume();
      resolve({
        status: incoming.statusCode ?? 0,
        headers: headersOf(incoming.rawHeaders),
        // IncomingMessage is an async iterable of Buffers (Uint8Arrays): no wrapper, no copy,
        // and backpressure comes with it. Leaving the loop early destroys it.
        body: bodiless ? null : incoming,
        cancel: () => incoming.destroy(),
      });
    });
    client.end(body);
  });
}

/** Headers from Node's flat `[name, value, name, value, …]` list, repeated headers kept. */
type Target = Pick<http.RequestOptions, "protocol" | "hostname" | "port" | "path" | "auth">;
const targets = new Map<string, Target>();

/**
 * Where a URL points, as request options. A client sends to the same few URLs
 * over and over; parsing each once saves a URL parse per request.
 */
function targetOf(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    target = {
      protocol: parsed.protocol,
      // IPv6 literals come bracketed in URLs, but not in request options.
      hostname: parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname,
      port: parsed.port,
      path: parsed.pathname + parsed.search,
    };
    // Credentials in the URL (https://user:pass@host) become basic auth, as http.request(url) does.
    if (parsed.username || parsed.password) {
      target.auth = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    }
    if (targets.size >= 64) targets.clear();
    targets.set(url, target);
  }
  return target;
}

function headersOf(raw: string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) {
    try {
      headers.append(raw[index] as string, raw[index + 1] as string);
    } catch {
      // A header the Fetch standard refuses (a byte it forbids): drop that one, keep the response.
    }
  }
  return headers;
}

function isHttps(url: string): boolean {
  // URLs reach a transport absolute; the scheme is case-insensitive.
  return /^https:/i.test(url);
}

function reasonOf(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException("This operation was aborted", "AbortError");
}
