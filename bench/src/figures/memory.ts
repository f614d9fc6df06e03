/**
 * Figure 7, one process (run with --expose-gc): read a stream of `chunks`
 * chunks with `for await` over `ChatStream.fromReadableStream`, sampling the
 * heap after a full garbage collection every `sampleEvery` chunks. The body
 * is generated as it is read (a pull stream re-sending one pre-encoded batch
 * of events), so the only memory that can grow is the SDK's.
 *
 * `ChatStream` accumulates the completion as it goes (for `finalCompletion()`),
 * so an answer of N characters must cost O(N): with `content: "x"` deltas the
 * heap grows by what the accumulated answer takes. With `content: ""` deltas
 * (same events, same parsing, nothing to keep) it must stay flat.
 */
import { ChatStream } from "@r9s/core";
import { childArguments, collectGarbage, runChild } from "../shared/child";
import { tokenChunkEvent } from "../shared/fixture";

export interface MemoryArguments {
  chunks: number;
  sampleEvery: number;
  /** `"empty"`: deltas with `content: ""`; `"x"`: deltas with `content: "x"`. */
  contender: "empty" | "x";
}

const BATCH = 100;

runChild(async () => {
  const options = childArguments<MemoryArguments>();
  if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error("run with --expose-gc");
  const encoder = new TextEncoder();
  const batch = encoder.encode(tokenChunkEvent(options.contender === "x" ? "x" : "").repeat(BATCH));
  let enqueued = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (enqueued < options.chunks) {
        controller.enqueue(batch);
        enqueued += BATCH;
      } else {
        controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        controller.close();
      }
    },
  });
  const heapMB: number[] = [];
  const rssMB: number[] = [];
  let count = 0;
  const started = performance.now();
  for await (const chunk of ChatStream.fromReadableStream(body)) {
    if (chunk.choices?.length !== 1) throw new Error("unexpected chunk");
    if (++count % options.sampleEvery === 0) {
      collectGarbage();
      const usage = process.memoryUsage();
      heapMB.push(usage.heapUsed / 2 ** 20);
      rssMB.push(usage.rss / 2 ** 20);
    }
  }
  const ms = performance.now() - started;
  if (count < options.chunks) throw new Error(`read ${count} chunks, expected ${options.chunks}`);
  const first = heapMB[0] as number;
  const last = heapMB[heapMB.length - 1] as number;
  const chunksBetween = options.sampleEvery * (heapMB.length - 1);
  return {
    ms,
    heapFirstMB: first,
    heapLastMB: last,
    heapMaxMB: Math.max(...heapMB),
    heapGrowthMB: last - first,
    bytesPerChunk: chunksBetween > 0 ? ((last - first) * 2 ** 20) / chunksBetween : 0,
    rssFirstMB: rssMB[0] as number,
    rssLastMB: rssMB[rssMB.length - 1] as number,
    rssMaxMB: Math.max(...rssMB),
    heapSamplesMB: heapMB,
  };
});
