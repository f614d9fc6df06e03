import type { UnknownFields } from "./shared";

/** Token counts of a completion. Providers add fields (kept as unknown fields). */
export interface CompletionUsage extends UnknownFields {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: PromptTokensDetails | null;
  completion_tokens_details?: CompletionTokensDetails | null;
}

/** Breakdown of prompt tokens. */
export interface PromptTokensDetails extends UnknownFields {
  cached_tokens?: number;
  audio_tokens?: number;
}

/** Breakdown of completion tokens. */
export interface CompletionTokensDetails extends UnknownFields {
  reasoning_tokens?: number;
  audio_tokens?: number;
  accepted_prediction_tokens?: number;
  rejected_prediction_tokens?: number;
}

/** Alias matching the SPEC's name for usage. */
export type Usage = CompletionUsage;
