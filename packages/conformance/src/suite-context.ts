import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  type ChatCompletionCreateParamsNonStreaming,
  type ClientOptions,
  createClient,
  type R9SClient,
  type RetryConfig,
  type Transport,
} from "@r9s/core";
import { type MockServer, type MockServerOptions, startMockServer } from "@r9s/mock-server";
import { test } from "vitest";
import type { DescribeTransportOptions } from "./options";

/** The API key every suite client sends. */
export const API_KEY = "sk-test";

/** No retries: an error surfaces on the first failure. */
export const NO_RETRIES: RetryConfig = { strategy: "none" };

/** Retries with short waits, so retry tests stay fast. */
export const FAST_RETRIES: RetryConfig = {
  strategy: "backoff",
  backoff: { initialInterval: 10, maxInterval: 50, exponent: 2, maxElapsedTime: 3000 },
};

/** A minimal valid request; the mock answers `You said: <text>`. */
export function params(text = "Hi"): ChatCompletionCreateParamsNonStreaming {
  return { model: "r9s-mock", messages: [{ role: "user", content: text }] };
}

/** A purpose-built server, for what the mock server does not script. */
export interface LocalServer {
  readonly url: string;
  readonly server: Server;
  /** Sockets accepted so far (open or closed). */
  readonly sockets: readonly Socket[];
}

/** What each group of conformance tests gets: the servers, a client factory, and helpers. */
export interface SuiteContext {
  /** The shared mock server (started in `beforeAll`). */
  readonly mock: MockServer;
  /** A fresh transport from the adapter, freed in `afterAll`. */
  transport(): Transport;
  /** A client on a fresh transport, talking to `mock` unless `baseURL` says otherwise. */
  client(options?: Partial<ClientOptions>): R9SClient;
  /** A mock server of its own (socket counts that no other test disturbs), closed in `afterAll`. */
  startMock(options?: MockServerOptions): Promise<MockServer>;
  /** A `node:http` server on 127.0.0.1, closed in `afterAll`. */
  startServer(listener: RequestListener): Promise<LocalServer>;
  /** Registers a test unless the adapter skipped it by name. */
  test(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/** Creates the context; `setUp` and `tearDown` go to `beforeAll` and `afterAll`. */
export function createSuiteContext(
  makeTransport: () => Transport,
  options: DescribeTransportOptions,
): SuiteContext & { setUp(): Promise<void>; tearDown(): Promise<void> } {
  let shared: MockServer | undefined;
  const transports: Transport[] = [];
  const mocks: MockServer[] = [];
  const servers: Server[] = [];
  const skipped = new Set(options.skip ?? []);
  const dispose =
    options.dispose ?? ((transport: Transport) => (transport as { destroy?: () => void }).destroy?.());

  const context = {
    get mock(): MockServer {
      if (!shared) throw new Error("The mock server starts in beforeAll.");
      return shared;
    },
    transport() {
      const transport = makeTransport();
      transports.push(transport);
      return transport;
    },
    client(clientOptions: Partial<ClientOptions> = {}) {
      return createClient({
        transport: context.transport(),
        baseURL: context.mock.url,
        apiKey: API_KEY,
        retries: FAST_RETRIES,
        timeoutMs: 10_000,
        ...clientOptions,
      });
    },
    async startMock(mockOptions?: MockServerOptions) {
      const mock = await startMockServer({ host: "127.0.0.1", ...mockOptions });
      mocks.push(mock);
      return mock;
    },
    async startServer(listener: RequestListener): Promise<LocalServer> {
      const server = createServer(listener);
      const sockets: Socket[] = [];
      server.on("connection", (socket) => sockets.push(socket));
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return { url: `http://127.0.0.1:${port}`, server, sockets };
    },
    test(name: string, body: () => Promise<void>, timeoutMs?: number) {
      test.skipIf(skipped.has(name))(name, body, timeoutMs);
    },
    async setUp() {
      shared = await context.startMock();
    },
    async tearDown() {
      for (const transport of transports) await dispose(transport);
      await Promise.all(mocks.map((mock) => mock.close()));
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
  return context;
}
