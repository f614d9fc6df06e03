/** Turns the measurements of a run into `RESULTS.md`: machine, versions, method, one table per figure, targets. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { BUNDLE_ENTRIES } from "./shared/bundle-size";
import { CLIENTS, DECODE_CONTENDERS, MEMORY_CONTENDERS, REACT_CONTENDERS } from "./shared/contenders";
import { type Summary, summarize } from "./shared/stats";

export const FIGURES = [
  "decode",
  "loopback",
  "requests",
  "first-chunk",
  "bundle",
  "react",
  "memory",
] as const;
export type FigureId = (typeof FIGURES)[number];

/** What one measurement process reported: numbers, or `{ error }` ("missing" for a package not written yet). */
export type Measurement = Record<string, unknown>;
export type Results = Partial<Record<FigureId, Record<string, Measurement[]>>>;

export interface BenchConfig {
  quick: boolean;
  runs: number;
  decode: { chunks: number; warmupChunks: number; repetitions: number };
  loopback: { chunks: number; warmupChunks: number; repetitions: number };
  requests: { requests: number; concurrency: number; warmupRequests: number; repetitions: number };
  firstChunk: { samples: number; warmupSamples: number };
  react: { tokens: number[]; warmupTokens: number };
  memory: { chunks: number; sampleEvery: number };
}

interface RenderInput {
  config: BenchConfig;
  results: Results;
  benchDir: string;
  elapsedSeconds: number;
  /** When the measurements started (ISO 8601). */
  date: string;
  /** The work tree measured (commit, and whether packages/ had uncommitted changes), taken at the start. */
  workTree?: string;
  figures: FigureId[];
}

const KB = 1000;

/** A figure's measurements as statistics. */
class Figure {
  constructor(private readonly runs: Record<string, Measurement[]> | undefined) {}

  summary(key: string, field: string): Summary | undefined {
    const values = (this.runs?.[key] ?? [])
      .map((measurement) => measurement[field])
      .filter((value): value is number => typeof value === "number" && Number.isFinite(value));
    return values.length === 0 ? undefined : summarize(values);
  }

  median(key: string, field: string): number | undefined {
    return this.summary(key, field)?.median;
  }

  /** Why a row has no numbers: "missing" (package not written yet) or the first error. */
  problem(key: string): string {
    const errors = (this.runs?.[key] ?? []).map((measurement) => measurement.error).filter(Boolean);
    if (errors.length === 0) return "not run";
    if (errors.every((error) => error === "missing")) return "package not available";
    return `error: ${String(errors.find((error) => error !== "missing"))
      .split("\n")[0]
      ?.slice(0, 120)}`;
  }
}

function number(value: number, digits: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "median (min–max)", or why there is none. */
function cell(figure: Figure, key: string, field: string, digits: number): string {
  const summary = figure.summary(key, field);
  if (summary === undefined) return `n/a (${figure.problem(key)})`;
  if (summary.count === 1) return number(summary.median, digits);
  return `${number(summary.median, digits)} (${number(summary.min, digits)}–${number(summary.max, digits)})`;
}

function ratio(numerator: number | undefined, denominator: number | undefined): string {
  if (numerator === undefined || denominator === undefined || denominator === 0) return "n/a";
  return `${number(numerator / denominator, 2)}×`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function versionOf(directory: string): string {
  try {
    return (JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** The commit of the work tree, and whether packages/ has uncommitted changes. */
export function gitDescription(benchDir: string): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: benchDir,
      encoding: "utf8",
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "../packages"], {
      cwd: benchDir,
      encoding: "utf8",
    }).trim();
    return dirty ? `${commit} + uncommitted changes in packages/` : commit;
  } catch {
    return "unknown";
  }
}

function machineSection({ config, benchDir, elapsedSeconds, date, workTree }: RenderInput): string {
  const cpus = os.cpus();
  const modules = join(benchDir, "node_modules");
  const packages = join(benchDir, "..", "packages");
  const ours = ["core", "node", "fetch", "react"].map(
    (name) => `@r9s/${name} ${versionOf(join(packages, name))}`,
  );
  const peers = [
    "openai",
    "ai",
    "@ai-sdk/openai",
    "@ai-sdk/react",
    "@ai-sdk/provider-utils",
    "eventsource-parser",
    "zod",
    "react",
    "react-dom",
    "jsdom",
    "esbuild",
  ].map((name) => `${name} ${versionOf(join(modules, name))}`);
  const ky = versionOf(join(packages, "fetch", "node_modules", "ky"));
  return [
    "## Machine and versions",
    "",
    `- Date: ${date}; mode: ${config.quick ? "`--quick` (small sizes, harness check only: do not read these numbers)" : "full"}; ${config.runs} run(s) per figure; took ${Math.round(elapsedSeconds)} s`,
    `- CPU: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores; memory ${number(os.totalmem() / 2 ** 30, 1)} GiB; ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node ${process.version} (V8 ${process.versions.v8})`,
    `- Work tree: ${workTree ?? gitDescription(benchDir)}; ours (bundled from TypeScript source): ${ours.join(", ")}; ky ${ky} (a dependency of @r9s/fetch)`,
    `- Peers: ${peers.join(", ")}`,
  ].join("\n");
}

function methodSection({ config }: RenderInput): string {
  const { decode, loopback, requests, firstChunk, react, memory } = config;
  return [
    "## Method",
    "",
    "- `pnpm bench` compiles `bench/src` with esbuild (our packages bundled from their TypeScript source through the `@r9s/source` condition; the peers loaded from `node_modules` as their users load them), then runs every measurement in a **fresh Node process**, " +
      `${config.runs} run(s) per contender, the contenders' order rotated from one run to the next. Tables give the **median (min–max)** over the runs; ratios are computed from medians. Where a process times several repetitions it reports its fastest, the one least disturbed by whatever else the machine runs.`,
    "- The loopback server (`src/server.ts`) is a separate process on 127.0.0.1:0 that writes pre-serialized bodies, so it costs the client's core nothing and the figures measure the clients. Each client process warms up (JIT) before it is measured.",
    `- 1, decode: a realistic chat stream of ${number(decode.chunks, 0)} \`chat.completion.chunk\` events (role chunk, one multi-byte token per content chunk, OpenAI's \`obfuscation\` padding and \`usage: null\`, a finish chunk, a usage-only chunk, \`[DONE]\`), in memory, cut into pieces of 0.5–16 KB ("network") or 1–64 B ("tiny"), decoded to chunk objects. Warm-up: 3 passes over ${number(decode.warmupChunks, 0)} events; then ${decode.repetitions} timed pass(es), the fastest reported. Stream-based contenders read a ReadableStream that hands out one piece per read. Higher MB/s is better; "× X" = MB/s ÷ X's MB/s.`,
    `- 2, loopback streaming: ${number(loopback.chunks, 0)} chunks (same stream shape) over HTTP/1.1 keep-alive from the loopback server, each client decoding to chunk objects (the raw clients with FLOOR); after 3 warm-up streams of ${number(loopback.warmupChunks, 0)} chunks; ${loopback.repetitions} timed stream(s) per process, the fastest reported. Peak RSS is the process's \`maxRSS\` (start-up included). Lower time is better; "× X" = time ÷ X's time.`,
    `- 3, requests: ${number(requests.requests, 0)} non-streamed chat completions, ${requests.concurrency} in flight, after ${requests.warmupRequests} warm-up requests; ${requests.repetitions} timed batch(es) per process, the fastest reported. "× X" = req/s ÷ X's req/s.`,
    `- 4, first chunk: time from calling the client to holding the first chunk object (the server sends headers and the first chunks at once, the rest 2 ms later); the median of ${firstChunk.samples} sequential streams per process after ${firstChunk.warmupSamples} warm-up streams; the table gives the median (min–max) of those per-process medians.`,
    "- 5, bundle: esbuild 0.27, `minify`, ESM, browser platform (Node for `@r9s/node`), tree-shaken, gzip level 9 (node:zlib); React external for the `useChat` entries. Entries are `bench/src/bundles/*.ts`. KB = 1,000 bytes. Deterministic: one measurement.",
    `- 6, React: jsdom (\`pretendToBeVisual\`: 60 Hz requestAnimationFrame), React 19 production build. One conversation whose answer of ${react.tokens.map((tokens) => number(tokens, 0)).join(" or ")} tokens arrives at 1 kHz (each token written as it is due) from the loopback server: OpenAI SSE chunks for our \`useChat\` (with an @r9s/fetch client), the AI SDK's UI message stream made by its own \`createUIMessageStream\`/\`pipeUIMessageStreamToResponse\` for \`@ai-sdk/react\`. From \`send\` to the commit that shows the whole answer: renders (calls of the component), commits, animation frames elapsed, main-thread time (event-loop utilization \`active\`: time the loop spent running fetch, parsing, the hook, React and jsdom instead of waiting) and process CPU time. A ${react.warmupTokens}-token conversation runs first. The floor row reads the same 1 kHz stream with raw fetch + FLOOR and no React: what receiving the tokens alone costs.`,
    `- 7, memory: ${number(memory.chunks, 0)} chunks generated as they are read (a pull ReadableStream), read with \`for await\` over \`ChatStream.fromReadableStream\`; after a full GC every ${number(memory.sampleEvery, 0)} chunks the heap is sampled. "Flat" = no growth beyond noise once the answer itself is accounted for: with \`content: ""\` deltas there is nothing to keep, so heap and RSS must not grow; with \`content: "x"\` deltas \`ChatStream\` keeps the answer (for \`finalCompletion()\`), so growth must stay a small constant per character.`,
    "- Targets are read here, never asserted by tests (`src/harness.test.ts` only checks that every table has numbers).",
  ].join("\n");
}

function decodeSection(input: RenderInput): string {
  const figure = new Figure(input.results.decode);
  const parts = ["## 1. Decode throughput", ""];
  for (const pieces of ["network", "tiny"] as const) {
    const key = (id: string) => `${id}|${pieces}`;
    const rate = (id: string) => figure.median(key(id), "mbPerSecond");
    parts.push(
      `### ${pieces === "network" ? "Network-sized pieces (0.5–16 KB)" : "Tiny pieces (1–64 B)"}`,
      "",
    );
    parts.push(
      table(
        ["decoder", "MB/s", "ms", "× FLOOR", "× eventsource-parser", "× openai-node", "× AI SDK"],
        DECODE_CONTENDERS.map(({ id, label }) => [
          label,
          cell(figure, key(id), "mbPerSecond", 1),
          cell(figure, key(id), "ms", 1),
          ratio(rate(id), rate("floor")),
          ratio(rate(id), rate("eventsource-parser")),
          ratio(rate(id), rate("openai-node")),
          ratio(rate(id), rate("ai-sdk")),
        ]),
      ),
      "",
    );
  }
  return parts.join("\n");
}

function loopbackSection(input: RenderInput): string {
  const figure = new Figure(input.results.loopback);
  const time = (id: string) => figure.median(id, "ms");
  return [
    `## 2. Loopback streaming (${number(input.config.loopback.chunks, 0)} chunks from 127.0.0.1)`,
    "",
    table(
      ["client", "time ms", "× raw node:http", "× raw fetch", "× openai-node", "peak RSS MB"],
      CLIENTS.map(({ id, label }) => [
        label,
        cell(figure, id, "ms", 1),
        ratio(time(id), time("raw-http")),
        ratio(time(id), time("raw-fetch")),
        ratio(time(id), time("openai-node")),
        cell(figure, id, "peakRssMB", 1),
      ]),
    ),
    "",
    "Time ratios: lower is better.",
  ].join("\n");
}

function requestsSection(input: RenderInput): string {
  const figure = new Figure(input.results.requests);
  const rate = (id: string) => figure.median(id, "requestsPerSecond");
  const { requests, concurrency } = input.config.requests;
  return [
    `## 3. Non-streaming requests (${number(requests, 0)} at concurrency ${concurrency})`,
    "",
    table(
      ["client", "requests/s", "× raw node:http", "× raw fetch", "× openai-node"],
      CLIENTS.map(({ id, label }) => [
        label,
        cell(figure, id, "requestsPerSecond", 0),
        ratio(rate(id), rate("raw-http")),
        ratio(rate(id), rate("raw-fetch")),
        ratio(rate(id), rate("openai-node")),
      ]),
    ),
  ].join("\n");
}

function firstChunkSection(input: RenderInput): string {
  const figure = new Figure(input.results["first-chunk"]);
  const micros = (id: string) => figure.median(id, "medianMicros");
  const added = (id: string) => {
    const own = micros(id);
    const raw = micros("raw-http");
    return own === undefined || raw === undefined ? "n/a" : `${own >= raw ? "+" : ""}${number(own - raw, 0)}`;
  };
  return [
    "## 4. Time to first chunk (loopback, node:http server)",
    "",
    table(
      ["client", "first chunk µs", "added over raw node:http, µs", "× raw node:http"],
      CLIENTS.map(({ id, label }) => [
        label,
        cell(figure, id, "medianMicros", 0),
        added(id),
        ratio(micros(id), micros("raw-http")),
      ]),
    ),
  ].join("\n");
}

function bundleSection(input: RenderInput): string {
  const figure = new Figure(input.results.bundle);
  const size = (id: string) => figure.median(id, "gzippedBytes");
  const comparedTo: Record<string, string> = {
    "openai-chat": "r9s-fetch-chat",
    "ai-sdk-chat": "r9s-fetch-chat",
    "r9s-fetch-chat": "r9s-fetch-chat",
    "r9s-core-chat": "r9s-fetch-chat",
    "ai-sdk-react-use-chat": "r9s-react-use-chat",
    "r9s-react-use-chat": "r9s-react-use-chat",
    "eventsource-parser": "r9s-sse",
    "r9s-sse": "r9s-sse",
  };
  const rows = BUNDLE_ENTRIES.map(({ id, label }) => {
    const base = comparedTo[id];
    const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / KB);
    return [
      label,
      figure.summary(id, "gzippedBytes")
        ? number((size(id) as number) / KB, 2)
        : `n/a (${figure.problem(id)})`,
      figure.summary(id, "minifiedBytes")
        ? number((figure.median(id, "minifiedBytes") as number) / KB, 2)
        : "n/a",
      base === undefined ? "" : `${ratio(kb(size(id)), kb(size(base)))} (of ${base})`,
    ];
  });
  const breakdown = ["r9s-core-chat", "r9s-fetch-chat", "r9s-react-use-chat", "openai-chat", "ai-sdk-chat"]
    .map((id) => {
      const measurement = input.results.bundle?.[id]?.[0];
      const byPackage = measurement?.bytesByPackage as Record<string, number> | undefined;
      if (byPackage === undefined) return undefined;
      const top = Object.entries(byPackage)
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${number(bytes / KB, 1)}`)
        .join(", ");
      return `- \`${id}\`: ${top}`;
    })
    .filter(Boolean);
  return [
    "## 5. Browser bundle (min + gzip)",
    "",
    table(["bundle", "min+gz KB", "min KB", "size ÷ ours for the same job"], rows),
    "",
    "Minified KB (before gzip) by package, largest first:",
    "",
    ...breakdown,
  ].join("\n");
}

function reactSection(input: RenderInput): string {
  const figure = new Figure(input.results.react);
  const parts = ["## 6. React: `useChat` with an answer arriving at 1 kHz", ""];
  for (const tokens of input.config.react.tokens) {
    const key = (id: string) => `${id}|${tokens}`;
    const busy = (id: string) => figure.median(key(id), "mainThreadMs");
    parts.push(`### ${number(tokens, 0)} tokens`, "");
    parts.push(
      table(
        [
          "hook",
          "renders",
          "commits",
          "animation frames",
          "main-thread ms",
          "CPU ms",
          "stream ms",
          "main-thread × @ai-sdk/react",
        ],
        REACT_CONTENDERS.map(({ id, label }) => [
          label,
          cell(figure, key(id), "renders", 0),
          cell(figure, key(id), "commits", 0),
          cell(figure, key(id), "frames", 0),
          cell(figure, key(id), "mainThreadMs", 0),
          cell(figure, key(id), "cpuMs", 0),
          cell(figure, key(id), "ms", 0),
          ratio(busy(id), busy("ai-sdk-react")),
        ]),
      ),
      "",
    );
  }
  return parts.join("\n");
}

function memorySection(input: RenderInput): string {
  const figure = new Figure(input.results.memory);
  const { chunks, sampleEvery } = input.config.memory;
  return [
    `## 7. Memory: ${number(chunks, 0)} chunks through \`for await\``,
    "",
    table(
      [
        "stream",
        `heap MB after ${number(sampleEvery, 0)}`,
        `heap MB after ${number(chunks, 0)}`,
        "heap max MB",
        "heap growth MB",
        "growth bytes/chunk",
        "RSS first → last MB",
        "time ms",
      ],
      MEMORY_CONTENDERS.map(({ id, label }) => [
        label,
        cell(figure, id, "heapFirstMB", 2),
        cell(figure, id, "heapLastMB", 2),
        cell(figure, id, "heapMaxMB", 2),
        cell(figure, id, "heapGrowthMB", 2),
        cell(figure, id, "bytesPerChunk", 1),
        figure.summary(id, "rssFirstMB")
          ? `${number(figure.median(id, "rssFirstMB") as number, 0)} → ${number(figure.median(id, "rssLastMB") as number, 0)}`
          : `n/a (${figure.problem(id)})`,
        cell(figure, id, "ms", 0),
      ]),
    ),
  ].join("\n");
}

type Verdict = { target: string; measured: string; status: "met" | "missed" | "n/a" };

function verdict(
  target: string,
  value: number | undefined,
  met: (value: number) => boolean,
  show: (value: number) => string,
): Verdict {
  if (value === undefined) return { target, measured: "n/a", status: "n/a" };
  return { target, measured: show(value), status: met(value) ? "met" : "missed" };
}

function targetsSection(input: RenderInput): string {
  const { results } = input;
  const decode = new Figure(results.decode);
  const loopback = new Figure(results.loopback);
  const requests = new Figure(results.requests);
  const first = new Figure(results["first-chunk"]);
  const bundle = new Figure(results.bundle);
  const react = new Figure(results.react);
  const memory = new Figure(results.memory);
  const over = (numerator: number | undefined, denominator: number | undefined) =>
    numerator === undefined || denominator === undefined ? undefined : numerator / denominator;
  const times = (value: number) => `${number(value, 2)}×`;
  const rate = (id: string, pieces: string) => decode.median(`${id}|${pieces}`, "mbPerSecond");
  const verdicts: Verdict[] = [];
  for (const [id, name] of [
    ["r9s-parser", "parser"],
    ["r9s-parser-accumulator", "parser + accumulator"],
  ] as const) {
    verdicts.push(
      verdict(
        `decode, network pieces, ${name}: ≥ 0.9× FLOOR`,
        over(rate(id, "network"), rate("floor", "network")),
        (value) => value >= 0.9,
        times,
      ),
      verdict(
        `decode, tiny pieces, ${name}: ≥ 1.1× FLOOR`,
        over(rate(id, "tiny"), rate("floor", "tiny")),
        (value) => value >= 1.1,
        times,
      ),
    );
  }
  verdicts.push(
    verdict(
      "loopback: @r9s/node ≤ 1.2× raw node:http time",
      over(loopback.median("r9s-node", "ms"), loopback.median("raw-http", "ms")),
      (value) => value <= 1.2,
      times,
    ),
    verdict(
      "loopback: @r9s/fetch ≤ 1.2× raw fetch time",
      over(loopback.median("r9s-fetch", "ms"), loopback.median("raw-fetch", "ms")),
      (value) => value <= 1.2,
      times,
    ),
    verdict(
      "requests: @r9s/node ≥ 0.85× raw node:http req/s",
      over(
        requests.median("r9s-node", "requestsPerSecond"),
        requests.median("raw-http", "requestsPerSecond"),
      ),
      (value) => value >= 0.85,
      times,
    ),
  );
  const firstAdded = (() => {
    const own = first.median("r9s-node", "medianMicros");
    const raw = first.median("raw-http", "medianMicros");
    return own === undefined || raw === undefined ? undefined : own - raw;
  })();
  verdicts.push(
    verdict(
      "first chunk: @r9s/node adds ≤ 100 µs over raw node:http",
      firstAdded,
      (value) => value <= 100,
      (value) => `${value >= 0 ? "+" : ""}${number(value, 0)} µs`,
    ),
  );
  const kilobytes = (value: number) => `${number(value / KB, 2)} KB`;
  verdicts.push(
    verdict(
      'bundle: core part of "stream a chat, read the text" ≤ 5 KB',
      bundle.median("r9s-core-chat", "gzippedBytes"),
      (value) => value <= 5 * KB,
      kilobytes,
    ),
    verdict(
      "bundle: with @r9s/fetch and ky ≤ 15 KB",
      bundle.median("r9s-fetch-chat", "gzippedBytes"),
      (value) => value <= 15 * KB,
      kilobytes,
    ),
    verdict(
      "bundle: useChat with @r9s/react + core + fetch ≤ 17 KB",
      bundle.median("r9s-react-use-chat", "gzippedBytes"),
      (value) => value <= 17 * KB,
      kilobytes,
    ),
  );
  for (const tokens of input.config.react.tokens) {
    const key = `r9s-react|${tokens}`;
    const renders = react.median(key, "renders");
    const frames = react.median(key, "frames");
    verdicts.push(
      verdict(
        `React, ${number(tokens, 0)} tokens: renders ≤ animation frames`,
        over(renders, frames),
        (value) => value <= 1,
        (value) =>
          `${number(renders ?? 0, 0)} renders / ${number(frames ?? 0, 0)} frames = ${number(value, 2)}`,
      ),
      verdict(
        `React, ${number(tokens, 0)} tokens: main-thread time ≤ 1/3 of @ai-sdk/react`,
        over(react.median(key, "mainThreadMs"), react.median(`ai-sdk-react|${tokens}`, "mainThreadMs")),
        (value) => value <= 1 / 3,
        times,
      ),
    );
  }
  const growth = memory.median("empty", "heapGrowthMB");
  verdicts.push(
    verdict(
      'memory: flat heap over the stream (`content: ""`, growth < 1 MB)',
      growth,
      (value) => value < 1,
      (value) => `${number(value, 2)} MB`,
    ),
  );
  const mark = { met: "✔ met", missed: "✖ missed", "n/a": "– n/a" } as const;
  return [
    "## Targets (same run)",
    "",
    table(
      ["target", "measured", "status"],
      verdicts.map(({ target, measured, status }) => [target, measured, mark[status]]),
    ),
  ].join("\n");
}

const SECTIONS: Record<FigureId, (input: RenderInput) => string> = {
  decode: decodeSection,
  loopback: loopbackSection,
  requests: requestsSection,
  "first-chunk": firstChunkSection,
  bundle: bundleSection,
  react: reactSection,
  memory: memorySection,
};

/** The whole results file. */
export function renderResults(input: RenderInput): string {
  const analysis = join(input.benchDir, "ANALYSIS.md");
  const parts = [
    "# r9s SDK benchmarks",
    "",
    "Generated by `pnpm bench` (`bench/src/run.ts`); do not edit by hand. Faster and smaller claims, measured side by side with openai-node, the Vercel AI SDK and eventsource-parser in the same run.",
    "",
    machineSection(input),
    "",
    targetsSection(input),
    "",
    ...input.figures.map((figure) => `${SECTIONS[figure](input)}\n`),
    methodSection(input),
    "",
  ];
  if (!input.config.quick && existsSync(analysis)) {
    parts.push(readFileSync(analysis, "utf8").trim(), "");
  }
  return parts.join("\n");
}
