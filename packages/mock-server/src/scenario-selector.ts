import type { IncomingHttpHeaders } from "node:http";

/** Which scenario a request asked for, and its parameters. */
export interface ScenarioSelection {
  /** Scenario name; `"default"` when the request named none. */
  name: string;
  params: Record<string, string>;
  /** Where the name came from; `undefined` for the default answer. */
  source?: "header" | "model";
}

/** Header that names a scenario: `x-mock-scenario: status-429`. */
export const SCENARIO_HEADER = "x-mock-scenario";
/** Prefix of a model name that names a scenario: `mock-status-429`. */
export const SCENARIO_MODEL_PREFIX = "mock-";
const PARAM_HEADER_PREFIX = "x-mock-";

/**
 * Parses a selector `name` or `name:key=value,key=value`. A bare value
 * (`fail-then-succeed:3`) is kept under the key `value`.
 */
export function parseSelector(selector: string): { name: string; params: Record<string, string> } {
  const colon = selector.indexOf(":");
  if (colon === -1) return { name: selector.trim().toLowerCase(), params: {} };
  const params: Record<string, string> = {};
  for (const pair of selector.slice(colon + 1).split(",")) {
    if (pair.trim() === "") continue;
    const equals = pair.indexOf("=");
    if (equals === -1) params.value = pair.trim();
    else params[pair.slice(0, equals).trim().toLowerCase()] = pair.slice(equals + 1).trim();
  }
  return { name: selector.slice(0, colon).trim().toLowerCase(), params };
}

/**
 * The scenario of a request: the `x-mock-scenario` header, else a model named
 * `mock-<scenario>`. Parameters come from `x-mock-<key>` headers, overridden by
 * those written in the selector itself.
 */
export function selectScenario(headers: IncomingHttpHeaders, model: unknown): ScenarioSelection {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!key.startsWith(PARAM_HEADER_PREFIX) || key === SCENARIO_HEADER || value === undefined) continue;
    params[key.slice(PARAM_HEADER_PREFIX.length)] = Array.isArray(value) ? value.join(",") : value;
  }
  const header = headers[SCENARIO_HEADER];
  const fromHeader = typeof header === "string" && header.trim() !== "" ? header : undefined;
  const fromModel =
    typeof model === "string" && model.startsWith(SCENARIO_MODEL_PREFIX)
      ? model.slice(SCENARIO_MODEL_PREFIX.length)
      : undefined;
  const selector = fromHeader ?? fromModel;
  if (selector === undefined) return { name: "default", params };
  const parsed = parseSelector(selector);
  return {
    name: parsed.name,
    params: { ...params, ...parsed.params },
    source: fromHeader !== undefined ? "header" : "model",
  };
}
