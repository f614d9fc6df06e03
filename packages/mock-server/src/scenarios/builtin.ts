import type { MockScenarioContext, MockScenarioHandler } from "../types";

/** A built-in scenario: what it does and its handler. */
export interface BuiltinScenario {
  description: string;
  handle: MockScenarioHandler;
}

/** A family of built-in scenarios whose name carries a number (`status-429`). */
export interface BuiltinPattern extends BuiltinScenario {
  /** Name as documented (`status-<code>`). */
  name: string;
  pattern: RegExp;
}

/** The number captured by a pattern scenario's name (`status-429` → 429). */
export function numberInName(context: MockScenarioContext): number {
  const match = /(\d+)$/.exec(context.name);
  return match ? Number(match[1]) : Number.NaN;
}

/** `Retry-After` and `retry-after-ms` headers from the `retry-after` and `retry-after-ms` params. */
export function retryHeaders(
  params: Readonly<Record<string, string>>,
  fallback: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...fallback };
  if (params["retry-after"] !== undefined) headers["retry-after"] = params["retry-after"];
  if (params["retry-after-ms"] !== undefined) headers["retry-after-ms"] = params["retry-after-ms"];
  return headers;
}
