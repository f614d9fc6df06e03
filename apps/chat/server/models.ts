import type { ModelOption } from "../src/app-config";

/**
 * The picker in offline mode: models of the embedded mock server. A
 * `mock-<scenario>` model selects a scripted scenario, with parameters after
 * a colon; any other model gets the normal echo answer.
 */
export const MOCK_MODELS: ModelOption[] = [
  { id: "echo", label: "Mock: echo", model: "r9s-mock" },
  { id: "slow", label: "Mock: slow drip", model: "mock-default:token-delay-ms=250" },
  { id: "reasoning", label: "Mock: reasoning", model: "r9s-mock", reasoningEffort: "high" },
  { id: "tools", label: "Mock: clock tool", model: "r9s-mock", tools: true },
  { id: "rate-limit", label: "Mock: rate limit (429)", model: "mock-rate-limit:retry-after=5" },
];

/** Models shown with a real key, unless `R9S_CHAT_MODELS` names others. */
export const DEFAULT_R9S_MODELS = ["gpt-4o-mini", "gpt-4o"];

/** Picker entries for real r9s models: every one may call the demo tools. */
export function r9sModels(ids: readonly string[]): ModelOption[] {
  return ids.map((id) => ({ id, label: id, model: id, tools: true }));
}

/** Model ids from a comma-separated list (`R9S_CHAT_MODELS`), or the defaults. */
export function parseModelList(value: string | undefined): string[] {
  const ids = (value ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return ids.length > 0 ? ids : DEFAULT_R9S_MODELS;
}
