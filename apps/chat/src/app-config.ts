/** One entry of the model picker. */
export interface ModelOption {
  /** Stable key of the entry (several entries may share a model). */
  id: string;
  /** What the picker shows. */
  label: string;
  /** The `model` sent to r9s (or a `mock-<scenario>` model of the mock server). */
  model: string;
  /** Sent as `reasoning_effort`, so the model shows its reasoning. */
  reasoningEffort?: "low" | "medium" | "high";
  /** Whether the demo tools (clock, calculator) are offered to the model. */
  tools?: boolean;
}

/** What `GET /api/config` tells the page. */
export interface AppConfig {
  /** `"mock"`: the relay answers from its embedded mock server (no `R9S_API_KEY`). */
  mode: "r9s" | "mock";
  models: ModelOption[];
}
