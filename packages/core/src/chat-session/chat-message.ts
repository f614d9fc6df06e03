import type { ToolCallArgumentsResult } from "../accumulator/index";
import type { ChatCompletionAudio } from "../wire/audio";
import type { FinishReason } from "../wire/completion";
import type {
  ChatCompletionContentPart,
  ChatCompletionContentPartText,
  ChatCompletionMessageToolCall,
} from "../wire/message";

/**
 * Where a tool call stands.
 * - `"streaming"`: its arguments are still arriving (only on the streaming message).
 * - `"awaiting-result"`: the answer ended; `onToolCall` is running or `addToolResult` is awaited.
 * - `"result"`: `result` holds what the tool returned.
 * - `"error"`: the tool failed (`onToolCall` threw or rejected, or `stop()` came first); `errorText` says why.
 */
export type ChatToolCallState = "streaming" | "awaiting-result" | "result" | "error";

/** A tool call of an assistant message, with its arguments read and its result once known. */
export interface ChatToolCall {
  /** The call's id; a result answers it with the same id (`tool_call_id`). */
  readonly id: string;
  /** The function's name. */
  readonly name: string;
  /** The arguments text as received (grows while streaming). */
  readonly argumentsText: string;
  /**
   * The arguments read as JSON once the answer has ended (never a prefix that
   * happens to parse); `undefined` while streaming. `valid: false` keeps the text and the reason.
   */
  readonly arguments: ToolCallArgumentsResult | undefined;
  readonly state: ChatToolCallState;
  /** What the tool returned, when `state` is `"result"`; sent back as a `tool` message (text as is, else JSON). */
  readonly result?: unknown;
  /** Why the tool failed, when `state` is `"error"`; sent back as `{"error": errorText}`. */
  readonly errorText?: string;
  /** The call as the server sent it (with provider fields), to send back in the next request. */
  readonly toolCall: ChatCompletionMessageToolCall;
}

/** A system prompt or developer instructions. */
export interface SystemChatMessage {
  /** A stable id (React key), generated unless given. */
  readonly id: string;
  readonly role: "system" | "developer";
  readonly content: string | ChatCompletionContentPartText[];
  readonly name?: string;
}

/** A user turn: text, or parts (text, image, audio, file). */
export interface UserChatMessage {
  /** A stable id (React key), generated unless given. */
  readonly id: string;
  readonly role: "user";
  readonly content: string | ChatCompletionContentPart[];
  readonly name?: string;
}

/** Why an assistant message ended early. */
export type ChatMessageInterruption = "stopped" | "error";

/**
 * An answer of the model, streaming or finished. Converted back to the wire it
 * becomes an `assistant` message with `reasoning_content` and `tool_calls`,
 * followed by one `tool` message per tool call that has a result.
 */
export interface AssistantChatMessage {
  /** A stable id: the streaming message keeps it when it joins `messages`. */
  readonly id: string;
  readonly role: "assistant";
  /** The answer's text; `""` when there is none (a tool call, a refusal, a reasoning-only answer). */
  readonly content: string;
  /** The model's reasoning (`reasoning_content` or `reasoning` on the wire), sent back as `reasoning_content`. */
  readonly reasoning?: string;
  /** The model's refusal text, if it refused. */
  readonly refusal?: string;
  /** The tool calls of the answer, in order. */
  readonly toolCalls?: readonly ChatToolCall[];
  /** Why the answer ended; `null` while streaming or when it was cut short. */
  readonly finishReason: FinishReason | null;
  /** Set when the answer was cut short by `stop()` or an error (tool calls of a cut answer are dropped). */
  readonly interrupted?: ChatMessageInterruption;
  /** Audio output of the answer (only `id` when loaded from the wire); its `id` is sent back. */
  readonly audio?: Pick<ChatCompletionAudio, "id"> & Partial<ChatCompletionAudio>;
  readonly name?: string;
  /** Provider fields of the wire message (such as `reasoning_details`), sent back as they are. */
  readonly providerFields?: Readonly<Record<string, unknown>>;
}

/**
 * A tool result kept as its own message (histories loaded from the wire).
 * Results of the session's own tool calls live on the call instead (`ChatToolCall.result`).
 */
export interface ToolChatMessage {
  /** A stable id (React key), generated unless given. */
  readonly id: string;
  readonly role: "tool";
  /** The id of the tool call this answers (`tool_call_id` on the wire). */
  readonly toolCallId: string;
  readonly content: string | ChatCompletionContentPartText[];
}

/**
 * One message of a chat session, shaped for a UI: an `id` for keys, the role,
 * the text, and for answers the reasoning and tool calls with their results.
 * `toMessageParams` turns a list of them into the wire messages of a request
 * with nothing lost.
 */
export type ChatMessage = SystemChatMessage | UserChatMessage | AssistantChatMessage | ToolChatMessage;

/** A user message to send: text, or parts. `role` and `id` are optional. */
export interface UserMessageInput {
  readonly id?: string;
  readonly role?: "user";
  readonly content: string | ChatCompletionContentPart[];
  readonly name?: string;
}
