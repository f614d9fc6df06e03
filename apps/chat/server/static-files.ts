import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** What every page response carries: no sniffing, no framing, and a script policy of this origin only. */
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};

/**
 * Serves the built page from `publicDir`: hashed `/assets/*` are cached for
 * good, `index.html` never, and any other path without a file extension gets
 * `index.html` (a single-page app). Paths cannot leave `publicDir`.
 */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  publicDir: string,
): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
    response.end("Method not allowed\n");
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? "/", "http://app.invalid").pathname);
  } catch {
    return notFound(response);
  }
  const relative = normalize(pathname).replace(/^([/\\])+/, "");
  const root = normalize(publicDir + sep);
  let file = join(root, relative);
  if (!file.startsWith(root) || pathname.includes("\0")) return notFound(response);
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, "index.html");
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    if (extname(relative) !== "") return notFound(response);
    file = join(root, "index.html");
    info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      response.end("The page is not built yet: run `pnpm --filter @r9s/chat-app build`.\n");
      return;
    }
  }
  const immutable = relative.startsWith(`assets${sep}`) || relative.startsWith("assets/");
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file)
    .on("error", () => response.destroy())
    .pipe(response);
}

function notFound(response: ServerResponse): void {
  response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  response.end("Not found\n");
}
