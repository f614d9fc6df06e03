import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { handleRequest } from "./handle-request";
import { createState, resetState, statsOf } from "./state";
import type { MockServer, MockServerOptions } from "./types";

/**
 * Starts an r9s-compatible server (`POST /v1/chat/completions`, `GET /v1/models`)
 * with deterministic answers and scripted scenarios, on 127.0.0.1 and a free
 * port by default.
 *
 * @example
 * ```ts
 * const server = await startMockServer();
 * const response = await fetch(`${server.url}/v1/chat/completions`, {
 *   method: "POST",
 *   headers: { "content-type": "application/json", "x-mock-scenario": "rate-limit" },
 *   body: JSON.stringify({ model: "r9s-mock", messages: [{ role: "user", content: "Hi" }] }),
 * });
 * response.status; // 429, with Retry-After: 1
 * await server.close();
 * ```
 * @see The package README for every scenario and how to select it.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const state = createState({ ...options });
  const server = createServer((request, response) => {
    // A client that vanished mid-write must not crash the server (or the test runner hosting it).
    response.on("error", () => {});
    state.requestSockets.add(request.socket);
    handleRequest(request, response, state).catch(() => response.destroy());
  });
  server.on("connection", (socket) => {
    // Each streamed token should leave at once, not wait for Nagle's algorithm to batch it.
    socket.setNoDelay(true);
    state.connections += 1;
    state.sockets.add(socket);
    socket.once("close", () => state.sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: state.url,
    port,
    host,
    get requests() {
      return [...state.log];
    },
    get stats() {
      return statsOf(state);
    },
    reset: () => resetState(state),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled streams and keep-alive sockets would hold `close` open forever.
        server.closeAllConnections();
        for (const socket of state.sockets) socket.destroy();
      });
      return closing;
    },
  };
}
