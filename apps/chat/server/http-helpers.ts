import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** The largest request body the relay reads: a chat with a long history fits; a flood does not. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The inner object of an error body, as r9s sends it, so the page's client raises the same typed error. */
export interface ErrorObject {
  message: string;
  type: string;
  code?: string | number | null;
  param?: string | null;
}

/** Sends a JSON body (unless the response already started or the client left). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  response.end(text);
}

/** Sends `{"error": {...}}`. */
export function sendError(
  response: ServerResponse,
  status: number,
  error: ErrorObject,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(response, status, { error }, headers);
}

/** What {@link readJsonBody} found. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string };

/**
 * Reads and parses a JSON request body of at most `limit` bytes. A body over
 * the limit is refused as soon as it is known (from `content-length`, else
 * while reading) without buffering the rest; answer it with `connection: close`.
 */
export function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const tooLarge = {
    ok: false,
    status: 413,
    message: `The request body is larger than ${limit} bytes.`,
  } as const;
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: JsonBody) => {
      settled = true;
      request.off("end", onEnd).off("error", onFailure).off("close", onFailure);
      resolve(result);
    };
    const onData = (piece: Buffer) => {
      size += piece.length;
      if (!settled && size <= limit) return void pieces.push(piece);
      if (!settled) {
        pieces.length = 0;
        finish(tooLarge);
      }
      // The rest is read and dropped, so the 413 reaches the client before the
      // connection closes (closing on unread data would reset it); a flood is cut.
      if (size > DISCARD_LIMIT_FACTOR * limit) request.destroy();
    };
    const onEnd = () => finish(parseJson(Buffer.concat(pieces).toString("utf8")));
    const onFailure = () =>
      finish({ ok: false, status: 400, message: "The request body could not be read." });
    request.on("data", onData).on("end", onEnd).on("error", onFailure).on("close", onFailure);
  });
}

/** How much of an oversized body is read (and dropped) before the connection is cut: this many times the limit. */
const DISCARD_LIMIT_FACTOR = 8;

function parseJson(text: string): JsonBody {
  if (text.trim() === "") return { ok: false, status: 400, message: "The request body is empty: send JSON." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: "The request body is not valid JSON." };
  }
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
