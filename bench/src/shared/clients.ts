/**
 * The HTTP clients of figures 2, 3 and 4, behind one shape. Each does what its
 * users would write: the raw ones decode with FLOOR (see `floor.ts`), the
 * SDKs are used through their documented API with their default settings.
 */
import http from "node:http";
import { R9S as R9SFetch } from "@r9s/fetch";
import { R9S as R9SNode } from "@r9s/node";
import OpenAI from "openai";
import { createFloorDecoder } from "./floor";

export const CLIENT_NAMES = ["raw-http", "raw-fetch", "openai-node", "r9s-node", "r9s-fetch"] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];

export interface BenchClient {
  /**
   * Streams the answer of bench model `model` to its end; `onFirstChunk` runs
   * when the first chunk object is available. Resolves with the chunk count.
   */
  stream(model: string, onFirstChunk?: () => void): Promise<number>;
  /** One non-streamed request; resolves with the parsed completion. */
  complete(): Promise<{ choices: unknown[] }>;
}

const MESSAGES = [{ role: "user" as const, content: "Benchmark" }];

export function createBenchClient(name: ClientName, baseURL: string): BenchClient {
  switch (name) {
    case "raw-http":
      return rawHttpClient(baseURL);
    case "raw-fetch":
      return rawFetchClient(baseURL);
    case "openai-node":
      return openAIClient(baseURL);
    case "r9s-node":
      return r9sClient(new R9SNode({ apiKey: "bench", baseURL }));
    case "r9s-fetch":
      return r9sClient(new R9SFetch({ apiKey: "bench", baseURL }));
  }
}

/** Counts chunk objects and fires `onFirstChunk` once. */
function chunkCounter(onFirstChunk: (() => void) | undefined): {
  add(chunk: unknown): void;
  readonly count: number;
} {
  let count = 0;
  return {
    add(chunk) {
      if ((chunk as { choices?: unknown }).choices === undefined) throw new Error("not a chunk");
      if (count++ === 0) onFirstChunk?.();
    },
    get count() {
      return count;
    },
  };
}

function rawHttpClient(baseURL: string): BenchClient {
  const url = new URL(`${baseURL}/v1/chat/completions`);
  const agent = new http.Agent({ keepAlive: true });
  const post = (body: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            authorization: "Bearer bench",
          },
        },
        resolve,
      );
      request.on("error", reject);
      request.end(body);
    });
  return {
    async stream(model, onFirstChunk) {
      const response = await post(JSON.stringify({ model, messages: MESSAGES, stream: true }));
      const counter = chunkCounter(onFirstChunk);
      const decoder = createFloorDecoder(counter.add);
      for await (const piece of response) decoder.feed(piece as Buffer);
      return counter.count;
    },
    async complete() {
      const response = await post(JSON.stringify({ model: "complete", messages: MESSAGES }));
      let text = "";
      response.setEncoding("utf8");
      for await (const piece of response) text += piece;
      return JSON.parse(text);
    },
  };
}

function rawFetchClient(baseURL: string): BenchClient {
  const url = `${baseURL}/v1/chat/completions`;
  const post = (body: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer bench" },
      body,
    });
  return {
    async stream(model, onFirstChunk) {
      const response = await post(JSON.stringify({ model, messages: MESSAGES, stream: true }));
      const counter = chunkCounter(onFirstChunk);
      const decoder = createFloorDecoder(counter.add);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        decoder.feed(value);
      }
      return counter.count;
    },
    async complete() {
      const response = await post(JSON.stringify({ model: "complete", messages: MESSAGES }));
      return (await response.json()) as { choices: unknown[] };
    },
  };
}

function openAIClient(baseURL: string): BenchClient {
  const client = new OpenAI({ apiKey: "bench", baseURL: `${baseURL}/v1` });
  return {
    async stream(model, onFirstChunk) {
      const stream = await client.chat.completions.create({ model, messages: MESSAGES, stream: true });
      const counter = chunkCounter(onFirstChunk);
      for await (const chunk of stream) counter.add(chunk);
      return counter.count;
    },
    complete: () => client.chat.completions.create({ model: "complete", messages: MESSAGES }),
  };
}

function r9sClient(client: R9SNode | R9SFetch): BenchClient {
  return {
    async stream(model, onFirstChunk) {
      const stream = await client.chat.create({ model, messages: MESSAGES, stream: true });
      const counter = chunkCounter(onFirstChunk);
      for await (const chunk of stream) counter.add(chunk);
      return counter.count;
    },
    complete: () => client.chat.create({ model: "complete", messages: MESSAGES }),
  };
}
