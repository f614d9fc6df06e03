/**
 * Figure 4, one process: the time from calling the client to holding the
 * first chunk object, for `samples` sequential streams after a warm-up (the
 * server sends the first chunk with the headers and the rest 2 ms later).
 * Reports the median of the samples.
 */
import { childArguments, runChild } from "../shared/child";
import { type ClientName, createBenchClient } from "../shared/clients";
import { median } from "../shared/stats";

export interface FirstChunkArguments {
  client: ClientName;
  baseURL: string;
  samples: number;
  warmupSamples: number;
}

runChild(async () => {
  const options = childArguments<FirstChunkArguments>();
  const client = createBenchClient(options.client, options.baseURL);
  const samples: number[] = [];
  for (let index = 0; index < options.warmupSamples + options.samples; index++) {
    let firstAt = 0;
    const started = performance.now();
    await client.stream("first-20", () => {
      firstAt = performance.now();
    });
    if (index >= options.warmupSamples) samples.push((firstAt - started) * 1000);
  }
  return { medianMicros: median(samples), minMicros: Math.min(...samples) };
});
