import { describe, expect, it, vi } from "vitest";
import { parseSSE } from "./parse-sse";
import type { SSEEvent } from "./types";

const encoder = new TextEncoder();

/** A stream that serves the given pieces, then closes. */
function streamOf(pieces: string[], onCancel?: (reason: unknown) => void): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece === undefined) controller.close();
      else controller.enqueue(encoder.encode(piece));
    },
    cancel: onCancel,
  });
}

async function* iterableOf(pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield encoder.encode(piece);
}

async function collect(events: AsyncIterable<SSEEvent>): Promise<SSEEvent[]> {
  const collected: SSEEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

const pieces = [
  'data: {"a":',
  "1}\n\nevent: e\nid: 7\nda",
  "ta: 日本\r",
  "\n\r\n: note\nretry: 250\ndata: [DONE]\n\n",
];
const expected: SSEEvent[] = [
  { data: '{"a":1}' },
  { event: "e", data: "日本", id: "7" },
  { data: "[DONE]", id: "7" },
];

describe("parseSSE", () => {
  it("yields the events of a ReadableStream and releases its lock", async () => {
    const stream = streamOf(pieces);
    expect(await collect(parseSSE(stream))).toStrictEqual(expected);
    expect(stream.locked).toBe(false);
  });

  it("yields the events of an async iterable", async () => {
    expect(await collect(parseSSE(iterableOf(pieces)))).toStrictEqual(expected);
  });

  it("completes characters split across reads", async () => {
    const bytes = encoder.encode("data: 你好 👋\n\n");
    const oneByteReads = (async function* () {
      for (const byte of bytes) yield Uint8Array.of(byte);
    })();
    expect(await collect(parseSSE(oneByteReads))).toStrictEqual([{ data: "你好 👋" }]);
  });

  it("passes comments and retry values to the callbacks", async () => {
    const onComment = vi.fn();
    const onRetry = vi.fn();
    await collect(parseSSE(streamOf(pieces), { onComment, onRetry }));
    expect(onComment.mock.calls).toStrictEqual([["note"]]);
    expect(onRetry.mock.calls).toStrictEqual([[250]]);
  });

  it("runs the callbacks in stream order between the events", async () => {
    const log: string[] = [];
    const events = parseSSE(streamOf(["data: 1\n\n: first\ndata: 2\n\nretry: 9\n: second\n\n"]), {
      onComment: (comment) => log.push(`comment ${comment}`),
      onRetry: (ms) => log.push(`retry ${ms}`),
    });
    for await (const event of events) log.push(`event ${event.data}`);
    expect(log).toStrictEqual(["event 1", "comment first", "event 2", "retry 9", "comment second"]);
  });

  it("stops at a callback that throws, and cancels the stream", async () => {
    const onCancel = vi.fn();
    const events = parseSSE(
      streamOf(["data: 1\n\n: boom\ndata: 2\n\n", "data: 3\n\n", "data: 4\n\n"], onCancel),
      {
        onComment: () => {
          throw new Error("callback failed");
        },
      },
    );
    const seen: SSEEvent[] = [];
    const reading = (async () => {
      for await (const event of events) seen.push(event);
    })();
    await expect(reading).rejects.toThrow("callback failed");
    expect(seen).toStrictEqual([{ data: "1" }]);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("does not yield an event that the end of the body cut short", async () => {
    expect(await collect(parseSSE(streamOf(["data: a\n\ndata: b\n"])))).toStrictEqual([{ data: "a" }]);
  });

  it("cancels the stream when the loop is left early", async () => {
    const onCancel = vi.fn();
    const stream = streamOf(["data: 1\n\ndata: 2\n\n", "data: 3\n\n"], onCancel);
    const seen: SSEEvent[] = [];
    for await (const event of parseSSE(stream)) {
      seen.push(event);
      break;
    }
    expect(seen).toStrictEqual([{ data: "1" }]);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(stream.locked).toBe(false);
  });

  it("cancels the stream when the loop body throws", async () => {
    const onCancel = vi.fn();
    const failing = async (): Promise<void> => {
      for await (const _event of parseSSE(streamOf(["data: 1\n\n", "data: 2\n\n"], onCancel))) {
        throw new Error("consumer failed");
      }
    };
    await expect(failing()).rejects.toThrow("consumer failed");
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("closes an async iterable when the loop is left early", async () => {
    let closed = false;
    const source = (async function* () {
      try {
        yield encoder.encode("data: 1\n\n");
        yield encoder.encode("data: 2\n\n");
      } finally {
        closed = true;
      }
    })();
    for await (const _event of parseSSE(source)) break;
    expect(closed).toBe(true);
  });

  it("does not cancel a stream read to its end", async () => {
    const onCancel = vi.fn();
    await collect(parseSSE(streamOf(["data: 1\n\n"], onCancel)));
    expect(onCancel).not.toHaveBeenCalled();
  });

  it("rejects with the error of a failing stream", async () => {
    let reads = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (reads++ === 0) controller.enqueue(encoder.encode("data: 1\n\n"));
        else controller.error(new Error("connection reset"));
      },
    });
    const seen: SSEEvent[] = [];
    const reading = (async () => {
      for await (const event of parseSSE(stream)) seen.push(event);
    })();
    await expect(reading).rejects.toThrow("connection reset");
    expect(seen).toStrictEqual([{ data: "1" }]);
  });

  it("throws at once for an already aborted signal", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    const onCancel = vi.fn();
    await expect(
      collect(parseSSE(streamOf(pieces, onCancel), { signal: controller.signal })),
    ).rejects.toThrow("stopped");
  });

  it("aborting during a stalled read throws the reason and cancels the stream", async () => {
    const onCancel = vi.fn();
    // Serves one event, then never more: the second read stays pending.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode("data: 1\n\n"));
      },
      cancel: onCancel,
    });
    const controller = new AbortController();
    const seen: SSEEvent[] = [];
    const reason = new Error("user stopped");
    const reading = (async () => {
      for await (const event of parseSSE(stream, { signal: controller.signal })) {
        seen.push(event);
        queueMicrotask(() => controller.abort(reason));
      }
    })();
    await expect(reading).rejects.toBe(reason);
    expect(seen).toStrictEqual([{ data: "1" }]);
    expect(onCancel).toHaveBeenCalledWith(reason);
  });

  it("aborting while handling an event stops before the next event of the same read", async () => {
    const controller = new AbortController();
    const seen: SSEEvent[] = [];
    const reading = (async () => {
      for await (const event of parseSSE(streamOf(["data: 1\n\ndata: 2\n\n"]), {
        signal: controller.signal,
      })) {
        seen.push(event);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toStrictEqual([{ data: "1" }]);
  });

  it("aborting an async iterable body that stalls still ends the loop", async () => {
    const controller = new AbortController();
    const stalled: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<Uint8Array>>(() => {}) }),
    };
    const reading = collect(parseSSE(stalled, { signal: controller.signal }));
    controller.abort(new Error("timed out"));
    await expect(reading).rejects.toThrow("timed out");
  });

  it("removes its abort listener when done", async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    await collect(parseSSE(streamOf(pieces), { signal: controller.signal }));
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
  });
});
