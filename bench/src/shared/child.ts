/**
 * The protocol between the driver (`run.ts`) and a measurement process: the
 * driver passes one JSON argument, the child prints one `RESULT {json}` line.
 */

/** The JSON argument the driver passed. */
export function childArguments<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("Expected one JSON argument (this file is started by run.ts).");
  return JSON.parse(raw) as T;
}

/** Reports the measurement and ends the process (open sockets and timers do not keep it alive). */
export function report(result: Record<string, unknown>): never {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
  // The write callback exits; this keeps the type `never` without racing it.
  return undefined as never;
}

/** Reports a failure: a contender whose package is not written yet is "missing", anything else an error. */
export function reportFailure(error: unknown): never {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const missing = message.includes("MISSING_PACKAGE");
  process.stdout.write(
    `RESULT ${JSON.stringify({ error: missing ? "missing" : message.split("\n").slice(0, 6).join("\n") })}\n`,
    () => process.exit(missing ? 0 : 1),
  );
  return undefined as never;
}

/** Runs `main`, reporting its result or its failure. */
export function runChild(main: () => Promise<Record<string, unknown>>): void {
  main().then(report, reportFailure);
}

/** Waits for the garbage collector when the process runs with `--expose-gc`. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
