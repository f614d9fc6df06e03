import { R9SError } from "../errors/r9s-error";
import type { ClientOptions } from "./options";

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

const MISSING_API_KEY =
  "Missing API key: pass { apiKey } or set R9S_API_KEY (use apiKey: null to send none, e.g. to a local mock server or a relay)";

/**
 * What the adapters' `R9S` presets do with their options: an `apiKey` or
 * `baseURL` left out comes from `R9S_API_KEY` / `R9S_BASE_URL` where a
 * `process.env` exists. `apiKey: null` means "send none". Outside a browser a
 * missing key is an error naming the fix; in a page, calling your own relay
 * without a key is the normal case.
 * @throws {R9SError} when no key is given or found outside a browser page.
 */
export function environmentClientOptions(options: ClientOptions): ClientOptions {
  const apiKey = options.apiKey === undefined ? readEnv("R9S_API_KEY") : options.apiKey;
  if ((apiKey === undefined || apiKey === "") && !isBrowser()) throw new R9SError(MISSING_API_KEY);
  return { ...options, apiKey, baseURL: options.baseURL ?? readEnv("R9S_BASE_URL") };
}
