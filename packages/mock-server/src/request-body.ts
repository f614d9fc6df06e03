import type { IncomingMessage } from "node:http";

/** Largest request body read, in bytes; more gets a 413. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads the request body, or returns `undefined` once it passes `limit` bytes. */
export async function readBody(
  request: IncomingMessage,
  limit = MAX_BODY_BYTES,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The outcome of parsing a body as JSON. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses a JSON body, with a message that says how to fix it when it is not JSON. */
export function parseJsonBody(bytes: Buffer): ParsedBody {
  const text = bytes.toString("utf8");
  if (text.trim() === "") {
    return {
      ok: false,
      message: "The request body is empty: send a JSON object with `model` and `messages`.",
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `We could not parse the JSON body of your request (${reason}): send valid JSON with \`content-type: application/json\`.`,
    };
  }
}
