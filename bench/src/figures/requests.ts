/**
 * Figure 3, one process: `requests` non-streamed requests, `concurrency` at a
 * time, with one client, after a warm-up; report requests per second.
 */
import { childArguments, runChild } from "../shared/child";
import { type BenchClient, type ClientName, createBenchClient } from "../shared/clients";

export interface RequestsArguments {
  client: ClientName;
  baseURL: string;
  requests: number;
  concurrency: number;
  warmupRequests: number;
  /** Timed batches; the fastest (least disturbed by the machine) is reported. */
  repetitions: number;
}

/** Runs `total` requests over `concurrency` loops that each take the next request when one ends. */
async function runRequests(client: BenchClient, total: number, concurrency: number): Promise<void> {
  let started = 0;
  const loop = async () => {
    while (started < total) {
      started++;
      const completion = await client.complete();
      if (completion.choices.length !== 1) throw new Error("unexpected completion");
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, loop));
}

runChild(async () => {
  const options = childArguments<RequestsArguments>();
  const client = createBenchClient(options.client, options.baseURL);
  await runRequests(client, options.warmupRequests, options.concurrency);
  let ms = Number.POSITIVE_INFINITY;
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    const started = performance.now();
    await runRequests(client, options.requests, options.concurrency);
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, requestsPerSecond: options.requests / (ms / 1000) };
});
