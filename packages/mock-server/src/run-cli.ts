import { parseArgs } from "node:util";
import { listBuiltinScenarios } from "./scenarios/index";
import { startMockServer } from "./server";
import type { MockServer, MockServerOptions } from "./types";

/** Where the CLI writes, how it exits, and whether it listens to SIGINT/SIGTERM (tests turn that off). */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  exit: (code: number) => void;
  handleSignals: boolean;
}

/** The outcome of {@link runCli}: a listening server, or an exit code (help, bad arguments, port taken). */
export type CliOutcome = { status: "listening"; server: MockServer } | { status: "exit"; code: number };

/** Port of the CLI when `--port` is not given. */
export const CLI_DEFAULT_PORT = 8787;
/** Token delay of the CLI, so a person watching a demo sees the stream; `--token-delay-ms 0` for benches. */
export const CLI_DEFAULT_TOKEN_DELAY_MS = 20;

const USAGE = `Usage: r9s-mock-server [options]

An r9s-compatible mock server: POST /v1/chat/completions, GET /v1/models.

Options:
  --port <n>               port to listen on, 0 for a free one (default ${CLI_DEFAULT_PORT})
  --host <host>            interface to listen on (default 127.0.0.1)
  --token-delay-ms <ms>    delay between streamed chunks (default ${CLI_DEFAULT_TOKEN_DELAY_MS})
  --latency-ms <ms>        delay before response headers (default 0)
  --api-key <key>          require Authorization: Bearer <key>
  --redirect-target <url>  base URL that redirect-* scenarios point to
  --list-scenarios         print the built-in scenarios and exit
  -h, --help               print this help and exit

Select a scenario per request with the header "x-mock-scenario: <name>" or the model "mock-<name>".`;

function toNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === "" || !Number.isInteger(number) || number < 0 || number > max) {
    throw new Error(`--${name} must be an integer from 0 to ${max}, not "${value}".`);
  }
  return number;
}

function optionsOf(argv: string[]): { options: MockServerOptions; help: boolean; list: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "token-delay-ms": { type: "string" },
      "latency-ms": { type: "string" },
      "api-key": { type: "string" },
      "redirect-target": { type: "string" },
      "list-scenarios": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const day = 86_400_000;
  const options: MockServerOptions = {
    port: toNumber("port", values.port, CLI_DEFAULT_PORT, 65_535),
    host: values.host ?? "127.0.0.1",
    tokenDelayMs: toNumber("token-delay-ms", values["token-delay-ms"], CLI_DEFAULT_TOKEN_DELAY_MS, day),
    latencyMs: toNumber("latency-ms", values["latency-ms"], 0, day),
  };
  if (values["api-key"] !== undefined) options.apiKey = values["api-key"];
  if (values["redirect-target"] !== undefined) options.redirectTarget = values["redirect-target"];
  return { options, help: values.help === true, list: values["list-scenarios"] === true };
}

/**
 * Runs the `r9s-mock-server` command: parses `argv` (without `node` and the
 * script), starts the server, prints its URL and, unless told otherwise, stops
 * it on SIGINT/SIGTERM and exits 0.
 */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<CliOutcome> {
  const stdout = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const stderr = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = io.exit ?? ((code: number) => process.exit(code));
  let parsed: ReturnType<typeof optionsOf>;
  try {
    parsed = optionsOf(argv);
  } catch (error) {
    stderr(`r9s-mock-server: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return { status: "exit", code: 2 };
  }
  if (parsed.help) {
    stdout(USAGE);
    return { status: "exit", code: 0 };
  }
  if (parsed.list) {
    stdout(
      listBuiltinScenarios()
        .map(({ name, description }) => `${name}\t${description}`)
        .join("\n"),
    );
    return { status: "exit", code: 0 };
  }
  let server: MockServer;
  try {
    server = await startMockServer(parsed.options);
  } catch (error) {
    const where = `${parsed.options.host}:${parsed.options.port}`;
    stderr(
      `r9s-mock-server: could not listen on ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { status: "exit", code: 1 };
  }
  stdout(`r9s mock server listening on ${server.url}`);
  if (io.handleSignals ?? true) {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void server.close().then(() => exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  return { status: "listening", server };
}
