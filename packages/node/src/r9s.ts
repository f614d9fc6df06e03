import { type ClientOptions, environmentClientOptions, R9SClient, type Transport } from "@r9s/core";
import { type NodeTransportOptions, nodeTransport } from "./node-transport";

/** Options of `new R9S()`: the client options, with the transport and its agents optional. */
export interface R9SOptions extends Omit<ClientOptions, "transport">, NodeTransportOptions {
  /**
   * Moves the bytes. When given, `agent` and `httpsAgent` are ignored.
   * @default nodeTransport({ agent, httpsAgent })
   */
  transport?: Transport | undefined;
  /**
   * Sent as `Authorization: Bearer <apiKey>`; `null` sends none (a local mock
   * server, or a relay that adds the key).
   * @default process.env.R9S_API_KEY
   */
  apiKey?: string | null | undefined;
  /**
   * Where the API lives; a path prefix is kept and a trailing slash ignored.
   * @default process.env.R9S_BASE_URL, else "https://api.r9s.ai"
   */
  baseURL?: string | undefined;
}

/**
 * The r9s client for Node.js: `R9SClient` over {@link nodeTransport}, reading
 * `R9S_API_KEY` and `R9S_BASE_URL` from the environment.
 * @example
 * import { R9S } from "@r9s/node";
 * const r9s = new R9S(); // R9S_API_KEY from the environment
 * const stream = await r9s.chat.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], stream: true });
 * for await (const text of stream.textStream) process.stdout.write(text);
 */
export class R9S extends R9SClient {
  /** @throws {R9SError} when no API key is given, none is in `R9S_API_KEY`, and `apiKey` is not `null`. */
  constructor(options: R9SOptions = {}) {
    const { agent, httpsAgent, transport, ...clientOptions } = options;
    super(
      environmentClientOptions({
        ...clientOptions,
        transport: transport ?? nodeTransport({ agent, httpsAgent }),
      }),
    );
  }
}
