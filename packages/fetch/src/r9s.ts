import { type ClientOptions, environmentClientOptions, R9SClient, type Transport } from "@r9s/core";
import { type FetchTransportOptions, fetchTransport } from "./fetch-transport";

/** Options of `new R9S()`: the client options, with the transport optional and fetch's own settings. */
export interface R9SOptions extends Omit<ClientOptions, "transport">, FetchTransportOptions {
  /**
   * Moves the bytes. When given, `fetch` and `kyOptions` are ignored.
   * @default fetchTransport({ fetch, kyOptions })
   */
  transport?: Transport | undefined;
  /**
   * Sent as `Authorization: Bearer <apiKey>`; `null` sends none (a relay that
   * adds the key, a local mock server). In a browser page a key needs
   * `dangerouslyAllowBrowser: true`; leave it out to call your own relay.
   * @default process.env.R9S_API_KEY where a `process.env` exists
   */
  apiKey?: string | null | undefined;
  /**
   * Where the API lives; a path prefix is kept and a trailing slash ignored. In
   * a browser page a relative URL such as `"/api"` targets your own relay.
   * @default process.env.R9S_BASE_URL where a `process.env` exists, else "https://api.r9s.ai"
   */
  baseURL?: string | undefined;
}

/**
 * The r9s client over {@link fetchTransport}, for browsers, Node 18+, Deno, Bun
 * and edge workers. Reads `R9S_API_KEY` and `R9S_BASE_URL` where a
 * `process.env` exists.
 * @example
 * import { R9S } from "@r9s/fetch";
 * const r9s = new R9S(); // R9S_API_KEY from the environment
 * const stream = await r9s.chat.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
 * for await (const text of stream.textStream) console.log(text);
 * @example
 * // In a browser page, through your own relay that holds the key:
 * const r9s = new R9S({ baseURL: "/api" });
 */
export class R9S extends R9SClient {
  /**
   * @throws {R9SError} outside a browser page, when no API key is given, none
   * is in `R9S_API_KEY`, and `apiKey` is not `null`; in a browser page, when an
   * `apiKey` comes without `dangerouslyAllowBrowser: true`.
   */
  constructor(options: R9SOptions = {}) {
    const { fetch, kyOptions, transport, ...clientOptions } = options;
    super(
      environmentClientOptions({
        ...clientOptions,
        transport: transport ?? fetchTransport({ fetch, kyOptions }),
      }),
    );
  }
}
