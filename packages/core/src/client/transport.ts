/**
 * One HTTP request, as core hands it to a transport. Core owns every policy
 * (retries, timeouts, redirects, error mapping); a transport only moves bytes.
 */
export interface TransportRequest {
  method: "GET" | "POST";
  /** Absolute URL. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The JSON body, already serialized. */
  body?: string | undefined;
  /**
   * Fires when the caller aborts or a timeout strikes. The transport must then
   * stop the request, release the socket, and make a pending `request()` or
   * body read reject. Pass this very signal down (do not combine it into a new one).
   */
  signal: AbortSignal;
}

/** The response head and a body that streams as it arrives. */
export interface TransportResponse {
  status: number;
  headers: Headers;
  /**
   * The response body, read once. `null` for bodiless responses. Reading it must
   * reject (not hang) when `signal` fires or the connection breaks.
   */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
  /** Frees the connection without reading the rest of the body. */
  cancel?(): void;
}

/**
 * What an adapter implements: send one request, resolve with the response head
 * once it arrives. Redirects are **not** followed by the transport: it returns
 * 3xx responses as they are and core follows them (dropping `Authorization`
 * across origins). A transport that cannot see redirects (a browser's fetch)
 * follows them itself and sets `followsRedirects`.
 * Network failures reject with any error; core wraps them in `ConnectionError`.
 */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  /** `true` when the underlying client follows redirects itself (core then does not). */
  readonly followsRedirects?: boolean;
}
