import type { ChatCompletionLogprobs } from "./logprobs";
import type { ChatCompletionMessage } from "./message";
import type { UnknownFields } from "./shared";
import type { CompletionUsage } from "./usage";

/** Why a choice stopped. Providers send more values (kept as strings). */
export type FinishReason =
  | "stop"
  | "length"
  | "tool_calls"
  | "content_filter"
  | "function_call"
  | "error"
  | (string & {});

/** One choice of a completed answer. */
export interface ChatCompletionChoice extends UnknownFields {
  index: number;
  message: ChatCompletionMessage;
  /** `null` when a stream ended with `[DONE]` but no finish reason was sent. */
  finish_reason: FinishReason | null;
  logprobs: ChatCompletionLogprobs | null;
}

/** A whole (non-streamed, or accumulated) chat completion. */
export interface ChatCompletion extends UnknownFields {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}
