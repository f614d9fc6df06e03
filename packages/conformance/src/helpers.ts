import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import type { ChatCompletion, ChatStream, TransportResponse } from "@r9s/core";

/**
 * Waits until `condition` holds, checking every few milliseconds, for at most
 * `timeoutMs`; returns whether it held. A bounded poll, not a sleep: it ends as
 * soon as the condition is true.
 */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** A port on 127.0.0.1 that nothing listens on: bound, read, then closed. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a stream to its end: its chunks' count and choice 0's text. */
export async function collect(stream: ChatStream): Promise<{ chunks: number; text: string }> {
  let chunks = 0;
  let text = "";
  for await (const chunk of stream) {
    chunks++;
    text += chunk.choices?.[0]?.delta?.content ?? "";
  }
  return { chunks, text };
}

/** Runs `body` and returns what it threw; fails when it does not throw. */
export async function caught(body: () => Promise<unknown>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  throw new Error("Expected a rejection, but the call succeeded.");
}

/** Iterates a transport body, whichever of its two shapes it has. */
export async function* bodyChunks(body: TransportResponse["body"]): AsyncGenerator<Uint8Array> {
  if (!body) return;
  if (Symbol.asyncIterator in body) {
    yield* body as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Content text of a completion's first choice. */
export function contentOf(completion: ChatCompletion | undefined): string {
  const content: unknown = completion?.choices[0]?.message.content;
  return typeof content === "string" ? content : "";
}
