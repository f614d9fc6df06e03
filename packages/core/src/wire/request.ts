import type { ChatCompletionAudioParam } from "./audio";
import type { ChatCompletionMessageParam } from "./message";
import type { JSONSchema, Metadata } from "./shared";

/** A function the model may call. */
export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JSONSchema;
  strict?: boolean | null;
}

/** A tool the model may call (function tools). */
export interface ChatCompletionTool {
  type: "function";
  function: FunctionDefinition;
}

/** Which tool the model should call, if any. */
export type ChatCompletionToolChoiceOption =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; function: { name: string } };

/** Plain text output. */
export interface ResponseFormatText {
  type: "text";
}
/** Any valid JSON object. */
export interface ResponseFormatJSONObject {
  type: "json_object";
}
/** JSON that matches a schema. */
export interface ResponseFormatJSONSchema {
  type: "json_schema";
  json_schema: { name: string; description?: string; schema?: JSONSchema; strict?: boolean | null };
}
/** The output format of a completion. */
export type ResponseFormat = ResponseFormatText | ResponseFormatJSONObject | ResponseFormatJSONSchema;

/** Options of a streamed answer. */
export interface ChatCompletionStreamOptions {
  /** Send a last chunk with `usage` and empty `choices` before `[DONE]`. */
  include_usage?: boolean;
}

/** Reasoning effort for reasoning models. */
export type ReasoningEffort = "minimal" | "low" | "medium" | "high" | (string & {});

/**
 * The body of `POST /v1/chat/completions`. Field names are the wire's, so the
 * object goes out as JSON with no mapping. Extra fields a router understands
 * may be added and are sent as they are.
 */
export interface ChatCompletionCreateParamsBase {
  model: string;
  messages: ChatCompletionMessageParam[];
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  n?: number | null;
  modalities?: Array<"text" | "audio"> | null;
  audio?: ChatCompletionAudioParam | null;
  presence_penalty?: number | null;
  response_format?: ResponseFormat;
  seed?: number | null;
  service_tier?: "auto" | "default" | "flex" | "priority" | (string & {}) | null;
  stop?: string | string[] | null;
  stream?: boolean | null;
  stream_options?: ChatCompletionStreamOptions | null;
  temperature?: number | null;
  top_p?: number | null;
  top_k?: number | null;
  tools?: ChatCompletionTool[];
  tool_choice?: ChatCompletionToolChoiceOption;
  parallel_tool_calls?: boolean;
  user?: string;
  reasoning_effort?: ReasoningEffort | null;
  store?: boolean | null;
  metadata?: Metadata | null;
  [extra: string]: unknown;
}

/** A request for a streamed answer (`stream: true`). */
export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  stream: true;
}

/** A request for a whole answer (`stream` absent or `false`). */
export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}

/** Any chat completion request. */
export type ChatCompletionCreateParams =
  | ChatCompletionCreateParamsStreaming
  | ChatCompletionCreateParamsNonStreaming;
