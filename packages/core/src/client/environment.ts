/**
 * Reads an environment variable where a `process.env` exists (Node, Bun, Deno's
 * Node compatibility, bundlers that define it); `undefined` elsewhere.
 */
export function readEnv(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = process?.env?.[name];
  return value === undefined || value === "" ? undefined : value.trim();
}

/** Whether the code runs in a web page (a `window` with a `document`), where a secret must not be shipped. */
export function isBrowser(): boolean {
  const global = globalThis as { window?: { document?: unknown } };
  return typeof global.window === "object" && typeof global.window?.document === "object";
}
