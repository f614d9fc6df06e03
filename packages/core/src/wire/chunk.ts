import type { FinishReason } from "./completion";
import type { ChatCompletionLogprobs } from "./logprobs";
import type { UnknownFields } from "./shared";
import type { CompletionUsage } from "./usage";

/** A fragment of a tool call in a streamed delta; only the first fragment usually has `id` and `name`. */
export interface ChatCompletionChunkToolCall extends UnknownFields {
  /** Position of the call; missing on some providers (the accumulator falls back to `id`). */
  index?: number;
  id?: string | null;
  type?: "function" | null;
  function?: ({ name?: string | null; arguments?: string | null } & UnknownFields) | null;
}

/** What one chunk adds to a choice. */
export interface ChatCompletionChunkDelta extends UnknownFields {
  role?: "assistant" | "developer" | "system" | "user" | "tool" | null;
  /** Text; some providers (Mistral) stream an array of typed parts instead. */
  content?: string | unknown[] | null;
  refusal?: string | null;
  reasoning_content?: string | null;
  /** Reasoning text as Groq and OpenRouter name it. */
  reasoning?: string | null;
  tool_calls?: ChatCompletionChunkToolCall[] | null;
  audio?: { id?: string; data?: string; expires_at?: number; transcript?: string } | null;
}

/** One choice of a chunk. */
export interface ChatCompletionChunkChoice extends UnknownFields {
  index: number;
  /** Missing on some finish chunks. */
  delta?: ChatCompletionChunkDelta;
  finish_reason?: FinishReason | null;
  logprobs?: ChatCompletionLogprobs | null;
}

/** One `data:` event of a streamed answer. */
export interface ChatCompletionChunk extends UnknownFields {
  id: string;
  /** `"chat.completion.chunk"`; Azure's first chunk sends `""`. */
  object: "chat.completion.chunk" | (string & {});
  created: number;
  model: string;
  /** Empty, missing or `null` on usage-only and filter-result chunks. */
  choices?: ChatCompletionChunkChoice[] | null;
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}
