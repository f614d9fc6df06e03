import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  createThinkExtractor,
  R9SError,
  RateLimitError,
  StreamError,
  TimeoutError,
} from "../index";
import { memoryTransport, sse, textChunk } from "../test-support/memory-transport";
import { ChatStream } from "./chat-stream";
import { createClient } from "./r9s-client";

const messages = [{ role: "user" as const, content: "Hi" }];
const params = { model: "m", messages, stream: true as const };
const finish = { ...textChunk(""), choices: [{ index: 0, delta: {}, finish_reason: "stop" }] };
const words = ["Hel", "lo", ", ", "wor", "ld"];

function bytesStream(pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const piece = pieces[index++];
      if (piece === undefined) controller.close();
      else controller.enqueue(typeof piece === "string" ? encoder.encode(piece) : piece);
    },
  });
}

describe("ChatStream over a client", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("yields chunks as they arrive and exposes response metadata", async () => {
    const transport = memoryTransport(() => ({
      headers: { "content-type": "text/event-stream", "x-request-id": "req_s1" },
      body: [sse(words.map((word) => textChunk(word)).concat(finish))],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    expect(stream).toBeInstanceOf(ChatStream);
    expect(stream.status).toBe(200);
    expect(stream.requestId).toBe("req_s1");
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(words);
    const completion = await stream.finalCompletion();
    expect(completion.choices[0]?.message.content).toBe("Hello, world");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(transport.requests[0]?.headers.accept).toBe("text/event-stream");
  });

  it("finalCompletion() reads the stream when nobody iterates", async () => {
    const transport = memoryTransport(() => ({
      body: words.map((word) => sse([textChunk(word)], { done: false })).concat("data: [DONE]\n\n"),
    }));
    const stream = await createClient({ transport }).chat.create(params);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("Hello, world");
  });

  it("refuses a second reader with a clear error", async () => {
    const transport = memoryTransport(() => ({ body: [sse([textChunk("a")])] }));
    const stream = await createClient({ transport }).chat.create(params);
    for await (const _ of stream) {
      // consume
    }
    await expect(async () => {
      for await (const _ of stream) {
        // second read
      }
    }).rejects.toThrow(/already being read/);
  });

  it("EOF before [DONE] is a StreamError that keeps what arrived", async () => {
    const transport = memoryTransport(() => ({
      body: [sse([textChunk("Part"), textChunk("ial")], { done: false })],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    const received: string[] = [];
    const error = await (async () => {
      for await (const text of stream.textStream) received.push(text);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamError);
    expect((error as StreamError).kind).toBe("incomplete");
    expect((error as StreamError).partial?.choices[0]?.message.content).toBe("Partial");
    expect(received).toEqual(["Part", "ial"]);
    await expect(stream.finalCompletion()).rejects.toBe(error);
  });

  it("a connection reset mid-stream is a StreamError (broken) with the partial, never retried", async () => {
    const transport = memoryTransport(() => ({
      body: [sse([textChunk("Half")], { done: false }), { fail: new Error("socket hang up") }],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    const error = await stream.finalCompletion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toMatchObject({ kind: "broken" });
    expect((error as StreamError).partial?.choices[0]?.message.content).toBe("Half");
    expect(transport.requests).toHaveLength(1);
  });

  it("an in-band error naming 429 is a RateLimitError with the partial", async () => {
    const transport = memoryTransport(() => ({
      body: [
        sse([textChunk("So far")], { done: false }),
        `data: ${JSON.stringify({ error: { message: "Rate limited", code: 429 } })}\n\n`,
      ],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    const error = await stream.finalCompletion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).partial?.choices[0]?.message.content).toBe("So far");
    expect(transport.requests).toHaveLength(1);
  });

  it("event: error without a status is a StreamError (in-band)", async () => {
    const transport = memoryTransport(() => ({
      body: [
        sse([textChunk("x")], { done: false }),
        'event: error\ndata: {"error":{"message":"overloaded upstream"}}\n\n',
      ],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    await expect(stream.finalCompletion()).rejects.toMatchObject({
      kind: "in-band",
      message: "overloaded upstream",
    });
  });

  it("retries an in-band 429 that arrives before any output", async () => {
    vi.useFakeTimers();
    const transport = memoryTransport((_request, index) =>
      index === 0
        ? { body: [`data: ${JSON.stringify({ error: { message: "busy", code: 429 } })}\n\n`] }
        : { body: [sse([textChunk("ok")])] },
    );
    const stream = await createClient({ transport }).chat.create(params);
    const result = stream.finalCompletion();
    await vi.advanceTimersByTimeAsync(2000);
    expect((await result).choices[0]?.message.content).toBe("ok");
    expect(transport.requests).toHaveLength(2);
  });

  it("times out between data events; keepalive comments do not count", async () => {
    vi.useFakeTimers();
    const keepalives = Array.from({ length: 20 }, () => [{ waitMs: 400 }, ": keepalive\n\n"]).flat();
    const transport = memoryTransport(() => ({
      body: [sse([textChunk("before stall")], { done: false }), ...keepalives],
    }));
    const client = createClient({ transport, timeoutMs: 1000 });
    const stream = await client.chat.create(params);
    const result = stream.finalCompletion().catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(5000);
    const error = await result;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: "idle", timeoutMs: 1000 });
    expect((error as TimeoutError).partial?.choices[0]?.message.content).toBe("before stall");
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0]?.signal.aborted).toBe(true);
  });

  it("ends the loop at [DONE] even when the body stays open, under fake timers too", async () => {
    vi.useFakeTimers();
    const transport = memoryTransport(() => ({ body: [sse([textChunk("done")]), "stall"] }));
    const stream = await createClient({ transport }).chat.create(params);
    const texts: string[] = [];
    for await (const text of stream.textStream) texts.push(text);
    expect(texts).toEqual(["done"]);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("done");
    // The rest of the body is drained in the background, then the connection is closed.
    await vi.advanceTimersByTimeAsync(1500);
    expect(transport.requests[0]?.signal.aborted).toBe(true);
  });

  it("a slow consumer is not a stalled server", async () => {
    vi.useFakeTimers();
    const transport = memoryTransport(() => ({ body: [sse([textChunk("a"), textChunk("b")])] }));
    const stream = await createClient({ transport, timeoutMs: 1000 }).chat.create(params);
    const texts: string[] = [];
    const reading = (async () => {
      for await (const text of stream.textStream) {
        texts.push(text);
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    })();
    await vi.advanceTimersByTimeAsync(20_000);
    await reading;
    expect(texts).toEqual(["a", "b"]);
  });

  it("the caller's signal mid-stream rejects with AbortError and the partial", async () => {
    const controller = new AbortController();
    const transport = memoryTransport(() => ({
      body: [sse([textChunk("first")], { done: false }), "stall"],
    }));
    const stream = await createClient({ transport }).chat.create(params, { signal: controller.signal });
    const error = await (async () => {
      for await (const _ of stream) controller.abort();
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).partial?.choices[0]?.message.content).toBe("first");
  });

  it("abort() ends the loop without an error and releases the connection", async () => {
    const transport = memoryTransport(() => ({
      body: [sse([textChunk("first")], { done: false }), "stall"],
    }));
    const stream = await createClient({ transport }).chat.create(params);
    const seen: string[] = [];
    for await (const text of stream.textStream) {
      seen.push(text);
      stream.abort();
    }
    expect(seen).toEqual(["first"]);
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("first");
  });

  it("break releases the connection", async () => {
    const transport = memoryTransport(() => ({ body: [sse([textChunk("a")], { done: false }), "stall"] }));
    const stream = await createClient({ transport }).chat.create(params);
    for await (const _ of stream) break;
    expect(transport.requests[0]?.signal.aborted).toBe(true);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("a");
  });

  it("extractThinkTags moves inline <think> reasoning out of the text and into reasoning_content", async () => {
    const pieces = ["<thi", "nk>Let me ", "think.</th", "ink>The answer", " is 42."];
    const transport = memoryTransport(() => ({
      body: [sse(pieces.map((piece) => textChunk(piece)).concat(finish))],
    }));
    const client = createClient({ transport });
    const stream = await client.chat.create(params, { extractThinkTags: createThinkExtractor });
    let text = "";
    for await (const piece of stream.textStream) text += piece;
    expect(text).toBe("The answer is 42.");
    const message = (await stream.finalCompletion()).choices[0]?.message;
    expect(message?.content).toBe("The answer is 42.");
    expect(message?.reasoning_content).toBe("Let me think.");

    const plain = await client.chat.create(params);
    let raw = "";
    for await (const piece of plain.textStream) raw += piece;
    expect(raw).toBe(pieces.join(""));
  });

  it("skips and reports a data line that is not JSON", async () => {
    const warnings: string[] = [];
    const transport = memoryTransport(() => ({
      body: ["data: OPENROUTER PROCESSING\n\n", sse([textChunk("ok")])],
    }));
    const client = createClient({ transport, logger: { warn: (message) => warnings.push(message) } });
    const stream = await client.chat.create(params);
    expect((await stream.finalCompletion()).choices[0]?.message.content).toBe("ok");
    expect(stream.skippedEvents).toEqual([{ data: "OPENROUTER PROCESSING" }]);
    expect(warnings[0]).toMatch(/not JSON/);
  });
});

describe("toReadableStream / fromReadableStream", () => {
  it("relays chunks and [DONE] byte for byte", async () => {
    const body = sse(words.map((word) => textChunk(word)).concat(finish));
    const relayed = ChatStream.fromReadableStream(bytesStream([body])).toReadableStream();
    const text = await new Response(relayed).text();
    expect(text).toBe(body);
  });

  it("relays a failure as an event: error frame that maps back to the same class", async () => {
    const transport = memoryTransport(() => ({
      status: 200,
      body: [
        sse([textChunk("so far")], { done: false }),
        `data: {"error":{"message":"slow","code":429}}\n\n`,
      ],
    }));
    const upstream = await createClient({ transport }).chat.create(params);
    const downstream = ChatStream.fromReadableStream(upstream.toReadableStream());
    const error = await downstream.finalCompletion().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as R9SError).partial?.choices[0]?.message.content).toBe("so far");
  });

  it("cancelling the relayed stream releases a stalled upstream", async () => {
    const transport = memoryTransport(() => ({ body: [sse([textChunk("a")], { done: false }), "stall"] }));
    const upstream = await createClient({ transport }).chat.create(params);
    const reader = upstream.toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(transport.requests[0]?.signal.aborted).toBe(true);
  });

  it("an aborted stream is relayed without [DONE], so the receiver sees it incomplete", async () => {
    const transport = memoryTransport(() => ({ body: [sse([textChunk("cut")], { done: false }), "stall"] }));
    const upstream = await createClient({ transport }).chat.create(params);
    const relayed = upstream.toReadableStream();
    const reader = relayed.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    upstream.abort();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      text += decoder.decode(next.value);
    expect(text).toBe(sse([textChunk("cut")], { done: false }));
    const downstream = ChatStream.fromReadableStream(bytesStream([text]));
    await expect(downstream.finalCompletion()).rejects.toMatchObject({ kind: "incomplete" });
  });

  it("fromReadableStream honours a signal", async () => {
    const controller = new AbortController();
    const stream = ChatStream.fromReadableStream(
      new ReadableStream<Uint8Array>({
        start(source) {
          source.enqueue(new TextEncoder().encode(sse([textChunk("x")], { done: false })));
        },
      }),
      { signal: controller.signal },
    );
    const pending = stream.finalCompletion().catch((caught: unknown) => caught);
    setTimeout(() => controller.abort(), 5);
    expect(await pending).toBeInstanceOf(AbortError);
  });
});

describe("chat fixtures end to end (parser + accumulator + errors)", () => {
  const directory = new URL("../../fixtures/chat/", import.meta.url);
  const fixtures = readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(new URL(name, directory), "utf8")));

  for (const fixture of fixtures) {
    const bytes = new TextEncoder().encode(fixture.sse as string);
    const splits: [string, (string | Uint8Array)[]][] = [
      ["whole", [bytes]],
      ["byte by byte", Array.from(bytes, (byte) => Uint8Array.of(byte))],
      [
        "7-byte pieces",
        Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) =>
          bytes.slice(index * 7, index * 7 + 7),
        ),
      ],
    ];
    for (const [how, pieces] of splits) {
      it(`${fixture.name} (${how})`, async () => {
        const stream = ChatStream.fromReadableStream(bytesStream(pieces));
        let text = "";
        let count = 0;
        const outcome = await (async () => {
          for await (const chunk of stream) {
            count++;
            const content = chunk.choices?.find((choice) => choice.index === 0)?.delta?.content;
            if (content) text += content;
          }
          return stream.finalCompletion();
        })().catch((caught: unknown) => caught);
        expect(text).toBe(fixture.text);
        if (fixture.expected_error) {
          expect(outcome).toBeInstanceOf(R9SError);
          expect((outcome as Error).name).toBe(fixture.expected_error.class);
          expect((outcome as Error).message).toContain(fixture.expected_error.message);
          expect((outcome as R9SError).partial).toMatchObject(fixture.expected);
        } else {
          expect(count).toBe(fixture.chunk_count);
          expect(outcome).toMatchObject(fixture.expected);
        }
      });
    }
  }
});
