/**
 * The loopback server of figures 2, 3, 4 and 6, started by the driver as its
 * own process on 127.0.0.1:0 so it never shares a core with the client being
 * measured. Bodies are serialized once and cached, so serving costs one
 * write: the figures measure the clients, not this server. (The mock server
 * of `@r9s/mock-server` is built for realism and scripted scenarios; its own
 * per-chunk work would blur these figures.)
 *
 * `POST /v1/chat/completions`, by `model`:
 * - `stream-N`: N chunks as fast as the socket takes them (figure 2);
 * - `first-N`: headers and the first chunk at once, the other chunks 2 ms later (figure 4);
 * - `complete`: a non-streamed `ChatCompletion` (figure 3);
 * - `tokens-N`: N one-token chunks at 1 kHz (figure 6, our `useChat`).
 *
 * `POST /api/chat?tokens=N`: the same N tokens at 1 kHz in the AI SDK's UI
 * message stream protocol, made with its own `createUIMessageStream` and
 * `pipeUIMessageStreamToResponse` (figure 6, `@ai-sdk/react`'s `useChat`).
 *
 * Prints `PORT <n>` once listening; exits on SIGTERM or when its parent goes away.
 */
import http from "node:http";
import { createUIMessageStream, pipeUIMessageStreamToResponse } from "ai";
import {
  answerToken,
  chatStreamText,
  completionJSON,
  TOKEN_STREAM_END,
  TOKEN_STREAM_START,
  tokenChunkEvent,
} from "./shared/fixture";

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-request-id": "req_bench",
};
const JSON_HEADERS = { "content-type": "application/json", "x-request-id": "req_bench" };

const streamBodies = new Map<number, Buffer>();
const firstChunkBodies = new Map<number, { first: Buffer; rest: Buffer }>();
const completionBody = Buffer.from(completionJSON());

function streamBody(chunks: number): Buffer {
  let body = streamBodies.get(chunks);
  if (body === undefined) {
    body = Buffer.from(chatStreamText(chunks).sse);
    streamBodies.set(chunks, body);
  }
  return body;
}

function firstChunkBody(chunks: number): { first: Buffer; rest: Buffer } {
  let parts = firstChunkBodies.get(chunks);
  if (parts === undefined) {
    const body = streamBody(chunks);
    // The role chunk is the first event; the first content chunk is the one clients report.
    const firstEnd = body.indexOf("\n\n", body.indexOf("\n\n") + 2) + 2;
    parts = { first: body.subarray(0, firstEnd), rest: body.subarray(firstEnd) };
    firstChunkBodies.set(chunks, parts);
  }
  return parts;
}

/** Calls `emit(i)` for i = 0…total-1 at `perMillisecond` per ms on average, then `end()`. */
function emitAtRate(total: number, emit: (index: number) => void, end: () => void): void {
  const started = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(performance.now() - started) + 1);
    while (sent < due) emit(sent++);
    if (sent < total) setTimeout(tick, 1);
    else end();
  };
  tick();
}

function serveChat(model: string, response: http.ServerResponse): void {
  const [kind, count] = model.split("-");
  const size = Number(count);
  if (kind === "stream") {
    response.writeHead(200, SSE_HEADERS);
    response.end(streamBody(size));
  } else if (kind === "first") {
    const { first, rest } = firstChunkBody(size);
    response.writeHead(200, SSE_HEADERS);
    response.write(first);
    setTimeout(() => response.end(rest), 2);
  } else if (kind === "complete") {
    response.writeHead(200, JSON_HEADERS);
    response.end(completionBody);
  } else if (kind === "tokens") {
    response.writeHead(200, SSE_HEADERS);
    response.write(TOKEN_STREAM_START);
    emitAtRate(
      size,
      (index) => response.write(tokenChunkEvent(answerToken(index))),
      () => response.end(TOKEN_STREAM_END),
    );
  } else {
    response.writeHead(404, JSON_HEADERS);
    response.end(JSON.stringify({ error: { message: `unknown bench model ${model}`, type: "not_found" } }));
  }
}

function serveUIMessageStream(tokens: number, response: http.ServerResponse): void {
  const stream = createUIMessageStream({
    execute: ({ writer }) =>
      new Promise<void>((resolve) => {
        writer.write({ type: "start-step" });
        writer.write({ type: "text-start", id: "text-1" });
        emitAtRate(
          tokens,
          (index) => writer.write({ type: "text-delta", id: "text-1", delta: answerToken(index) }),
          () => {
            writer.write({ type: "text-end", id: "text-1" });
            writer.write({ type: "finish-step" });
            resolve();
          },
        );
      }),
  });
  pipeUIMessageStreamToResponse({ response, stream });
}

const server = http.createServer((request, response) => {
  const parts: Buffer[] = [];
  request.on("data", (part: Buffer) => parts.push(part));
  request.on("end", () => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/api/chat") {
      serveUIMessageStream(Number(url.searchParams.get("tokens") ?? "100"), response);
      return;
    }
    let model = "";
    try {
      model = String((JSON.parse(Buffer.concat(parts).toString()) as { model?: unknown }).model ?? "");
    } catch {
      // An unparsable body gets the 404 below.
    }
    serveChat(model, response);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  // Serialize the common bodies now, so no measured request pays for it.
  for (const chunks of (process.argv[2] ?? "").split(",").filter(Boolean)) streamBody(Number(chunks));
  process.stdout.write(`PORT ${address.port}\n`);
});
process.on("SIGTERM", () => process.exit(0));
// Never outlive the driver, even if it dies without stopping us.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
