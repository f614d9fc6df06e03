import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

/** One event of an event stream, as the tests split it. */
export interface TestEvent {
  event?: string;
  data: string;
}

/** A small event-stream splitter for the tests: any line ending, comments skipped, BOM dropped. */
export function splitEvents(text: string): TestEvent[] {
  const events: TestEvent[] = [];
  const blocks = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n|\r/g, "\n")
    .split("\n\n");
  for (const block of blocks) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      else if (line.startsWith("event:")) event = line.slice(6).trim();
    }
    if (data.length > 0) events.push({ ...(event ? { event } : {}), data: data.join("\n") });
  }
  return events;
}

/** The JSON payloads of the events, `[DONE]` and non-JSON lines left out. */
export function payloadsOf(events: TestEvent[]): Array<Record<string, unknown>> {
  const payloads: Array<Record<string, unknown>> = [];
  for (const { data } of events) {
    if (data === "[DONE]") continue;
    try {
      payloads.push(JSON.parse(data));
    } catch {
      // Non-JSON data lines are part of some quirk transcripts.
    }
  }
  return payloads;
}

/** Choice `index`'s content text, concatenated from chunk payloads. */
export function contentOf(payloads: Array<Record<string, unknown>>, index = 0): string {
  let text = "";
  for (const payload of payloads) {
    const choices = Array.isArray(payload.choices) ? payload.choices : [];
    for (const choice of choices as Array<{ index: number; delta?: { content?: string | null } }>) {
      if (choice.index === index && typeof choice.delta?.content === "string") text += choice.delta.content;
    }
  }
  return text;
}

/** A minimal chat body. */
export function chatBody(extra: Record<string, unknown> = {}, content = "Hello there") {
  return { model: "r9s-mock", messages: [{ role: "user", content }], ...extra };
}

/** POSTs a chat completion request with global fetch. */
export function postChat(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

/** What a raw `node:http` request saw: status, headers, the body pieces as read, and how it ended. */
export interface RawResult {
  status?: number;
  headers?: IncomingHttpHeaders;
  pieces: Buffer[];
  body: Buffer;
  /** The error that ended the request or the response, if any. */
  error?: Error;
}

/** Sends a request over `node:http` and reports every piece and the error, without ever throwing. */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: false } = {},
): Promise<RawResult> {
  return new Promise((resolve) => {
    const result: RawResult = { pieces: [], body: Buffer.alloc(0) };
    const finish = (error?: Error) => {
      if (error && !result.error) result.error = error;
      result.body = Buffer.concat(result.pieces);
      resolve(result);
    };
    const request = httpRequest(
      `${baseUrl}${path}`,
      { method: options.method ?? "POST", headers: options.headers, agent: false },
      (response) => {
        result.status = response.statusCode;
        result.headers = response.headers;
        response.on("data", (piece: Buffer) => result.pieces.push(piece));
        response.on("error", (error) => finish(error));
        response.on("aborted", () => finish(new Error("aborted")));
        response.on("end", () => finish());
      },
    );
    request.on("error", (error) => finish(error));
    request.end(options.body);
  });
}
