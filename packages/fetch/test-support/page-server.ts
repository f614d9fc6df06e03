// Node-only helpers of the browser tests: they live outside src/, where
// @r9s/fetch's lint rule keeps Node built-ins out of the shipped code.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";

/** A file the page server serves as it is. */
export interface PageFile {
  contentType: string;
  body: string;
}

/** A running page server: static files, and `/api/*` relayed to the mock server. */
export interface PageServer {
  /** Origin of the page, such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Paths of relayed requests whose browser side went away before the answer ended. */
  readonly closedEarly: string[];
  close(): Promise<void>;
}

/**
 * Bundles a browser entry (TypeScript, from source: workspace packages resolve
 * through the `@r9s/source` condition) into one ES module.
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@r9s/source"],
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

/**
 * Serves `files` and relays `/api/*` to `upstream` (path kept), as a real
 * app's relay would: the page and the API share one origin, so no CORS. When
 * the browser drops a relayed request, the upstream request is dropped too.
 */
export async function startPageServer(options: {
  upstream: string;
  files: Record<string, PageFile>;
}): Promise<PageServer> {
  const closedEarly: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (path.startsWith("/api/")) return relay(request, response, `${options.upstream}${path}`, closedEarly);
    const file = options.files[path];
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`No ${path} here.`);
      return;
    }
    response.writeHead(200, { "content-type": file.contentType, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    closedEarly,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function relay(
  request: IncomingMessage,
  response: ServerResponse,
  target: string,
  closedEarly: string[],
): void {
  const headers = { ...request.headers };
  delete headers.host;
  // No keep-alive upstream: each relayed request owns its connection, so the
  // mock server sees it close when the browser goes away.
  const upstream = httpRequest(target, { method: request.method, headers, agent: false }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    response.flushHeaders();
    answer.pipe(response);
  });
  upstream.on("error", () => response.destroy());
  response.on("close", () => {
    if (!response.writableFinished) {
      closedEarly.push(request.url ?? "");
      upstream.destroy();
    }
  });
  request.pipe(upstream);
}
