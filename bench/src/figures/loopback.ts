/**
 * Figure 2, one process: stream `chunks` chunks from the loopback server with
 * one client, after a warm-up; report the time and the process's peak RSS.
 */
import { childArguments, collectGarbage, runChild } from "../shared/child";
import { type ClientName, createBenchClient } from "../shared/clients";

export interface LoopbackArguments {
  client: ClientName;
  baseURL: string;
  chunks: number;
  warmupChunks: number;
  /** Timed streams; the fastest (least disturbed by the machine) is reported. */
  repetitions: number;
}

runChild(async () => {
  const options = childArguments<LoopbackArguments>();
  const client = createBenchClient(options.client, options.baseURL);
  for (let round = 0; round < 3; round++) await client.stream(`stream-${options.warmupChunks}`);
  collectGarbage();
  const rssBeforeMB = process.memoryUsage.rss() / 2 ** 20;
  let ms = Number.POSITIVE_INFINITY;
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const started = performance.now();
    const count = await client.stream(`stream-${options.chunks}`);
    ms = Math.min(ms, performance.now() - started);
    if (count !== options.chunks) throw new Error(`received ${count} chunks, expected ${options.chunks}`);
  }
  // maxRSS is in KiB: the high-water mark of the whole process, start-up included.
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return { ms, peakRssMB, rssBeforeMB };
});
