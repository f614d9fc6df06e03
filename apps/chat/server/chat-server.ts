import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type MockServer, type MockServerOptions, startMockServer } from "@r9s/mock-server";
import { R9S } from "@r9s/node";
import type { AppConfig } from "../src/app-config";
import { sendError, sendJson } from "./http-helpers";
import { DEFAULT_R9S_MODELS, MOCK_MODELS, r9sModels } from "./models";
import { relayChatCompletion } from "./relay";
import { serveStatic } from "./static-files";

/** Where the relay sends requests: r9s with a key. */
export interface Upstream {
  apiKey: string;
  /** @default "https://api.r9s.ai" */
  baseURL?: string | undefined;
  /** Model ids of the picker. @default ["gpt-4o-mini", "gpt-4o"] */
  models?: readonly string[] | undefined;
}

/** Options of {@link createChatServer}. */
export interface ChatServerOptions {
  /** `0` picks a free port. @default 3000 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** r9s and its key; without it the relay starts an embedded mock server on 127.0.0.1. */
  upstream?: Upstream | undefined;
  /** Options of the embedded mock server. @default { tokenDelayMs: 30 } */
  mock?: Omit<MockServerOptions, "port" | "host"> | undefined;
  /** The built page. @default the `public` folder beside the built server (`dist/public`) */
  publicDir?: string | undefined;
  /** Receives one line per relayed request (never the key). @default no logging */
  log?: ((line: string) => void) | undefined;
}

/** A running chat app server. */
export interface ChatServer {
  /** Where the page is, such as `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  /** `"mock"` when the relay answers from its embedded mock server. */
  readonly mode: AppConfig["mode"];
  /** The embedded mock server, in `"mock"` mode. */
  readonly mockServer: MockServer | undefined;
  /** Stops the server (open streams included) and the mock server. */
  close(): Promise<void>;
}

/**
 * Starts the example app's server: the built page at `/`, `GET /api/config`
 * for the model picker, and `POST /api/v1/chat/completions` relayed to r9s
 * through `@r9s/node` (or to an embedded mock server when no key is given), so
 * the page's `@r9s/fetch` client uses `baseURL: "/api"` and holds no key.
 */
export async function createChatServer(options: ChatServerOptions = {}): Promise<ChatServer> {
  const publicDir = options.publicDir ?? defaultPublicDir();
  const log = options.log ?? (() => {});
  const mockServer = options.upstream
    ? undefined
    : await startMockServer({ tokenDelayMs: 30, ...options.mock, host: "127.0.0.1", port: 0 });
  const client = options.upstream
    ? new R9S({ apiKey: options.upstream.apiKey, baseURL: options.upstream.baseURL })
    : new R9S({ apiKey: null, baseURL: mockServer!.url });
  const config: AppConfig = options.upstream
    ? { mode: "r9s", models: r9sModels(options.upstream.models ?? DEFAULT_R9S_MODELS) }
    : { mode: "mock", models: MOCK_MODELS };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const pathname = (request.url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
    if (pathname === "/api/v1/chat/completions") {
      if (request.method !== "POST") {
        return sendError(
          response,
          405,
          { message: "Use POST.", type: "invalid_request_error" },
          { allow: "POST" },
        );
      }
      const started = Date.now();
      response.once("finish", () =>
        log(`POST ${pathname} → ${response.statusCode} in ${Date.now() - started} ms`),
      );
      return relayChatCompletion(request, response, client);
    }
    if (pathname === "/api/config") return sendJson(response, 200, config);
    if (pathname === "/api" || pathname.startsWith("/api/")) {
      return sendError(response, 404, { message: `Unknown path \`${pathname}\`.`, type: "not_found" });
    }
    return serveStatic(request, response, publicDir);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendError(response, 500, { message: "Server error.", type: "server_error" });
      else response.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 3000, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await mockServer?.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost === "0.0.0.0" || shownHost === "[::]" ? "localhost" : shownHost}:${address.port}`,
    port: address.port,
    mode: config.mode,
    mockServer,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await mockServer?.close();
    },
  };
}

/** `dist/public` beside the bundled server (`dist/server.js`), or from the source tree (`server/`). */
function defaultPublicDir(): string {
  const besideBuild = fileURLToPath(new URL("./public", import.meta.url));
  return existsSync(besideBuild) ? besideBuild : fileURLToPath(new URL("../dist/public", import.meta.url));
}
