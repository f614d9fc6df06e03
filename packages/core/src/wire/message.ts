import type { ChatCompletionAudio } from "./audio";
import type { UnknownFields } from "./shared";

/** A text part of a user, system or developer message. */
export interface ChatCompletionContentPartText {
  type: "text";
  text: string;
}

/** An image part, by URL or `data:` URL. */
export interface ChatCompletionContentPartImage {
  type: "image_url";
  image_url: { url: string; detail?: "auto" | "low" | "high" };
}

/** An audio part, base64-encoded. */
export interface ChatCompletionContentPartInputAudio {
  type: "input_audio";
  input_audio: { data: string; format: "wav" | "mp3" | (string & {}) };
}

/** A file part: an uploaded file's id, or inline base64 data with a file name. */
export interface ChatCompletionContentPartFile {
  type: "file";
  file: { file_data?: string; file_id?: string; filename?: string };
}

/** A refusal part (assistant messages only). */
export interface ChatCompletionContentPartRefusal {
  type: "refusal";
  refusal: string;
}

/** Any part of a user message's content array. */
export type ChatCompletionContentPart =
  | ChatCompletionContentPartText
  | ChatCompletionContentPartImage
  | ChatCompletionContentPartInputAudio
  | ChatCompletionContentPartFile;

/** A system prompt. */
export interface ChatCompletionSystemMessageParam {
  role: "system";
  content: string | ChatCompletionContentPartText[];
  name?: string;
}

/** Developer instructions (the successor of `system` on newer models). */
export interface ChatCompletionDeveloperMessageParam {
  role: "developer";
  content: string | ChatCompletionContentPartText[];
  name?: string;
}

/** A user turn: text, or parts (text, image, audio, file). */
export interface ChatCompletionUserMessageParam {
  role: "user";
  content: string | ChatCompletionContentPart[];
  name?: string;
}

/** A function call made by the model. Provider fields (such as Gemini's `extra_content`) are kept, to be sent back. */
export interface ChatCompletionMessageToolCall extends UnknownFields {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/**
 * An assistant turn, as sent back in the next request. `reasoning_content` is
 * kept so that providers which expect their reasoning back receive it.
 */
export interface ChatCompletionAssistantMessageParam extends UnknownFields {
  role: "assistant";
  content?: string | Array<ChatCompletionContentPartText | ChatCompletionContentPartRefusal> | null;
  refusal?: string | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  reasoning_content?: string | null;
  audio?: { id: string } | null;
  name?: string;
}

/** The result of a tool call, answering the call with the same `tool_call_id`. */
export interface ChatCompletionToolMessageParam {
  role: "tool";
  content: string | ChatCompletionContentPartText[];
  tool_call_id: string;
}

/** Any message of a chat request. */
export type ChatCompletionMessageParam =
  | ChatCompletionSystemMessageParam
  | ChatCompletionDeveloperMessageParam
  | ChatCompletionUserMessageParam
  | ChatCompletionAssistantMessageParam
  | ChatCompletionToolMessageParam;

/** A message role. */
export type ChatCompletionRole = ChatCompletionMessageParam["role"];

/** The assistant message of a completed choice. */
export interface ChatCompletionMessage extends UnknownFields {
  role: "assistant";
  content: string | null;
  refusal: string | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  /** Reasoning text (DeepSeek `reasoning_content`, Groq/OpenRouter `reasoning`), folded into one channel. */
  reasoning_content?: string | null;
  audio?: ChatCompletionAudio | null;
  annotations?: unknown[];
  /** The legacy single function call of older models. */
  function_call?: { name: string; arguments: string };
}
