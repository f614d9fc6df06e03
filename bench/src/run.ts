/**
 * `pnpm bench`: runs every figure, each measurement in a fresh Node process,
 * the contenders' order rotated from one run to the next, and writes the
 * medians, min–max and ratios to `bench/RESULTS.md`.
 *
 *   node dist/run.js                 full run (5 runs per figure), writes RESULTS.md
 *   node dist/run.js --quick         small sizes, 1 run, writes results/RESULTS.quick.md
 *   node dist/run.js --runs 7        more runs
 *   node dist/run.js --only decode,bundle   some figures: writes results/RESULTS.partial.md
 *   node dist/run.js --out path.md   write the results elsewhere
 *   node dist/run.js --from results/raw.json   re-render RESULTS.md from a run's raw results (no measuring)
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BenchConfig,
  FIGURES,
  type FigureId,
  gitDescription,
  type Measurement,
  type Results,
  renderResults,
} from "./report";
import { BUNDLE_ENTRIES, type BundleSize, measureBundle } from "./shared/bundle-size";
import { CLIENTS, DECODE_CONTENDERS, MEMORY_CONTENDERS, REACT_CONTENDERS } from "./shared/contenders";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const distDir = join(benchDir, "dist");

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const quick = process.argv.includes("--quick");
const config: BenchConfig = quick
  ? {
      quick,
      runs: Number(option("runs") ?? 1),
      decode: { chunks: 2_000, warmupChunks: 500, repetitions: 1 },
      loopback: { chunks: 2_000, warmupChunks: 500, repetitions: 1 },
      requests: { requests: 200, concurrency: 32, warmupRequests: 50, repetitions: 1 },
      firstChunk: { samples: 10, warmupSamples: 5 },
      react: { tokens: [100, 300], warmupTokens: 30 },
      memory: { chunks: 20_000, sampleEvery: 2_000 },
    }
  : {
      quick,
      runs: Number(option("runs") ?? 5),
      decode: { chunks: 100_000, warmupChunks: 10_000, repetitions: 2 },
      loopback: { chunks: 50_000, warmupChunks: 5_000, repetitions: 3 },
      requests: { requests: 2_000, concurrency: 32, warmupRequests: 200, repetitions: 2 },
      firstChunk: { samples: 50, warmupSamples: 200 },
      react: { tokens: [1_000, 10_000], warmupTokens: 100 },
      memory: { chunks: 1_000_000, sampleEvery: 100_000 },
    };
const only = option("only")?.split(",") as FigureId[] | undefined;
const selected = (figure: FigureId) => only === undefined || only.includes(figure);
// A run of some figures never replaces the full results.
const partial = only !== undefined;
const kind = quick ? "quick" : partial ? "partial" : "full";
const outFile =
  option("out") ?? join(benchDir, kind === "full" ? "RESULTS.md" : `results/RESULTS.${kind}.md`);

interface Job {
  figure: FigureId;
  /** Row key in the figure's table (contender, plus a variant such as the piece size). */
  key: string;
  script: string;
  args: Record<string, unknown>;
  nodeArgs?: string[];
  env?: Record<string, string>;
  timeoutMs: number;
}

/** Runs one measurement process; resolves with its result, or `{ error }`. */
function runJob(job: Job): Promise<Measurement> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...(job.nodeArgs ?? []), join(distDir, job.script), JSON.stringify(job.args)],
      { env: { ...process.env, ...job.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), job.timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("RESULT "));
      if (line !== undefined) {
        resolve(JSON.parse(line.slice("RESULT ".length)) as Measurement);
        return;
      }
      const reason = signal === "SIGKILL" ? `timed out after ${job.timeoutMs} ms` : `exit ${code ?? signal}`;
      resolve({ error: `${reason}: ${stderr.trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}

/** Starts the loopback server process; resolves with its base URL. */
function startServer(prepare: number[]): Promise<{ baseURL: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, "server.js"), prepare.join(",")], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      output += text;
      const match = /PORT (\d+)/.exec(output);
      if (match) resolve({ baseURL: `http://127.0.0.1:${match[1]}`, process: child });
    });
    child.on("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

function describe(result: Measurement): string {
  if ("error" in result) return `✖ ${String(result.error).split("\n")[0]}`;
  const shown = Object.entries(result)
    .filter(([, value]) => typeof value === "number")
    .slice(0, 3)
    .map(([name, value]) => `${name}=${(value as number).toFixed(name.endsWith("MB") ? 1 : 0)}`);
  return shown.join(" ");
}

/** Runs the jobs of one figure: `runs` rounds, each with the jobs in a rotated order. */
async function runFigure(jobs: Job[], results: Results): Promise<void> {
  for (let run = 0; run < config.runs; run++) {
    for (const job of rotate(jobs, run)) {
      const started = Date.now();
      const result = await runJob(job);
      const figureResults = results[job.figure] ?? {};
      results[job.figure] = figureResults;
      figureResults[job.key] = [...(figureResults[job.key] ?? []), result];
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `[${job.figure}] run ${run + 1}/${config.runs} ${job.key}: ${describe(result)} (${seconds} s)`,
      );
    }
  }
}

/** Writes the results file (formatted) and the raw measurements. */
function writeResults(run: RawRun, rawFile: string | undefined): void {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderResults({ ...run, benchDir, figures: FIGURES.filter(selected) }));
  formatMarkdown(outFile);
  if (rawFile !== undefined) {
    mkdirSync(dirname(rawFile), { recursive: true });
    writeFileSync(rawFile, `${JSON.stringify(run, null, 1)}\n`);
  }
  console.log(`\nWrote ${outFile} (measured in ${run.elapsedSeconds.toFixed(0)} s).`);
}

interface RawRun {
  config: BenchConfig;
  results: Results;
  elapsedSeconds: number;
  date: string;
  workTree?: string;
}

async function main(): Promise<void> {
  const from = option("from");
  if (from !== undefined) {
    writeResults(JSON.parse(readFileSync(from, "utf8")) as RawRun, undefined);
    return;
  }
  const startedAt = Date.now();
  const date = new Date().toISOString();
  const workTree = gitDescription(benchDir);
  const results: Results = {};
  const { loopback, decode, requests, firstChunk, react, memory } = config;
  const server = await startServer([loopback.chunks, loopback.warmupChunks, 20]);
  const { baseURL } = server;
  try {
    if (selected("decode")) {
      const jobs: Job[] = [];
      for (const pieces of ["network", "tiny"] as const) {
        for (const { id } of DECODE_CONTENDERS) {
          jobs.push({
            figure: "decode",
            key: `${id}|${pieces}`,
            script: "figures/decode.js",
            args: { contender: id, pieces, ...decode },
            nodeArgs: ["--expose-gc"],
            timeoutMs: 180_000,
          });
        }
      }
      await runFigure(jobs, results);
    }
    if (selected("loopback")) {
      await runFigure(
        CLIENTS.map(({ id }) => ({
          figure: "loopback",
          key: id,
          script: "figures/loopback.js",
          args: { client: id, baseURL, ...loopback },
          nodeArgs: ["--expose-gc"],
          timeoutMs: 120_000,
        })),
        results,
      );
    }
    if (selected("requests")) {
      await runFigure(
        CLIENTS.map(({ id }) => ({
          figure: "requests",
          key: id,
          script: "figures/requests.js",
          args: { client: id, baseURL, ...requests },
          timeoutMs: 120_000,
        })),
        results,
      );
    }
    if (selected("first-chunk")) {
      await runFigure(
        CLIENTS.map(({ id }) => ({
          figure: "first-chunk",
          key: id,
          script: "figures/first-chunk.js",
          args: { client: id, baseURL, ...firstChunk },
          timeoutMs: 120_000,
        })),
        results,
      );
    }
    if (selected("bundle")) {
      const sizes: Record<string, BundleSize | { error: string }> = {};
      for (const entry of BUNDLE_ENTRIES) {
        try {
          sizes[entry.id] = await measureBundle(entry, { benchDir, source: true });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          sizes[entry.id] = { error: message.includes("Could not resolve") ? "missing" : message };
        }
        console.log(`[bundle] ${entry.id}: ${describe(sizes[entry.id] as Measurement)}`);
      }
      results.bundle = Object.fromEntries(
        Object.entries(sizes).map(([id, size]) => [id, [size as unknown as Measurement]]),
      );
    }
    if (selected("react")) {
      const jobs: Job[] = [];
      for (const tokens of react.tokens) {
        for (const { id } of REACT_CONTENDERS) {
          jobs.push({
            figure: "react",
            key: `${id}|${tokens}`,
            script: "figures/react-chat.js",
            args: { contender: id, baseURL, tokens, warmupTokens: react.warmupTokens },
            nodeArgs: ["--expose-gc"],
            env: { NODE_ENV: "production" },
            timeoutMs: 60_000 + tokens * 3,
          });
        }
      }
      await runFigure(jobs, results);
    }
    if (selected("memory")) {
      await runFigure(
        MEMORY_CONTENDERS.map(({ id }) => ({
          figure: "memory",
          key: id,
          script: "figures/memory.js",
          args: { contender: id, ...memory },
          nodeArgs: ["--expose-gc"],
          timeoutMs: 300_000,
        })),
        results,
      );
    }
  } finally {
    server.process.kill("SIGTERM");
  }
  const elapsedSeconds = (Date.now() - startedAt) / 1000;
  writeResults(
    { config, results, elapsedSeconds, date, workTree },
    join(benchDir, "results", kind === "full" ? "raw.json" : `raw.${kind}.json`),
  );
}

/** Aligns the tables as the repository's formatter (biome) wants them, so `biome ci` accepts the file. */
function formatMarkdown(file: string): void {
  const biome = join(benchDir, "..", "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["format", "--write", "--no-errors-on-unmatched", file], {
    cwd: join(benchDir, ".."),
    encoding: "utf8",
  });
  if (result.status !== 0 && file.startsWith(join(benchDir, ".."))) {
    console.warn(`Could not format ${file} with biome: ${result.stderr || result.error?.message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
