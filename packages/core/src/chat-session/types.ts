import type { ChatStream } from "../client/chat-stream";
import type { RequestOptions } from "../client/options";
import type { R9SError } from "../errors/r9s-error";
import type { ChatCompletion } from "../wire/completion";
import type { ChatCompletionCreateParamsBase, ChatCompletionCreateParamsStreaming } from "../wire/request";
import type { AssistantChatMessage, ChatMessage, ChatToolCall, UserMessageInput } from "./chat-message";
import type { ChatSessionThrottle } from "./notify-scheduler";
import type { ChatMessageLike } from "./to-chat-messages";

/**
 * Where a session stands:
 * - `"ready"`: idle, a message can be sent;
 * - `"submitted"`: a request is out, no token yet;
 * - `"streaming"`: tokens are arriving, or the client's tools are running between two steps;
 * - `"error"`: the last request failed (`error` says why); sending again clears it.
 */
export type ChatSessionStatus = "ready" | "submitted" | "streaming" | "error";

/** What a session holds at one moment. A new object (frozen) after every change; equal objects are never re-created. */
export interface ChatSessionSnapshot {
  /**
   * The finished messages. The same array (by identity) for as long as no
   * message is added, removed or changed: tokens only replace `streamingMessage`.
   */
  readonly messages: readonly ChatMessage[];
  readonly status: ChatSessionStatus;
  /** Why the last request failed, while `status` is `"error"`. */
  readonly error: R9SError | undefined;
  /** The answer being streamed; it joins `messages` (same `id`) when it ends. */
  readonly streamingMessage: AssistantChatMessage | undefined;
}

/** Anything with `chat.create` for streams, such as an `R9SClient` or the adapters' `R9S`. */
export interface ChatSessionClient {
  chat: {
    create(params: ChatCompletionCreateParamsStreaming, options?: RequestOptions): Promise<ChatStream>;
  };
}

/** Request parameters besides `model`, `messages` and `stream`: `temperature`, `tools`, … */
export type ChatSessionParams = Omit<ChatCompletionCreateParamsBase, "model" | "messages" | "stream">;

/** Request options of a session's requests (the session sets `signal` itself). */
export type ChatSessionRequestOptions = Omit<RequestOptions, "signal">;

/** What `onToolCall` receives. */
export interface ChatToolCallEvent {
  /** The call, state `"awaiting-result"`; `toolCall.arguments` tells whether its arguments are valid JSON. */
  toolCall: ChatToolCall;
  /** The arguments read as JSON, or `undefined` when they are not valid JSON. */
  parsedArguments: unknown;
}

/** What `onFinish` receives next to the message. */
export interface ChatFinishInfo {
  /** The accumulated completion of the answer (partial when `stopped`). */
  completion: ChatCompletion;
  /** Whether `stop()` cut the answer short. */
  stopped: boolean;
}

/** Options of {@link createChatSession}. */
export interface ChatSessionOptions {
  /** Sends the requests: an `R9SClient`, the adapters' `R9S`, or anything with `chat.create`. */
  client: ChatSessionClient;
  /** The model of every request. */
  model: string;
  /** Further request parameters (`temperature`, `tools`, `reasoning_effort`, …). */
  params?: ChatSessionParams | undefined;
  /** Options of every request (`headers`, `timeoutMs`, `retries`). */
  requestOptions?: ChatSessionRequestOptions | undefined;
  /** The conversation to start from: chat messages, or wire messages (a saved request history). */
  initialMessages?: readonly ChatMessageLike[] | undefined;
  /** Called when an answer ends, also when `stop()` cut it short (not on errors: see `onError`). */
  onFinish?: ((message: AssistantChatMessage, info: ChatFinishInfo) => void) | undefined;
  /** Called when a request fails; the error is also in the snapshot. */
  onError?: ((error: R9SError) => void) | undefined;
  /**
   * Runs a tool call on the client when an answer ends with tool calls.
   * Return (or resolve to) the result to send back; return `undefined` to
   * leave the call for `addToolResult` (a confirmation, a form). A throw or a
   * rejection is sent back to the model as `{"error": message}`. Once every
   * call of the answer has its result, the session asks the model again, up to `maxSteps`.
   */
  onToolCall?: ((event: ChatToolCallEvent) => unknown) | undefined;
  /**
   * The most requests one `send` or `regenerate` makes, counting the first:
   * the bound of automatic continuations after tool results.
   * @default 5
   */
  maxSteps?: number | undefined;
  /** How token updates are batched. @default "animation-frame" */
  throttle?: ChatSessionThrottle | undefined;
  /** Send answers' reasoning back as `reasoning_content`. @default true */
  sendReasoning?: boolean | undefined;
  /** Makes message ids (unique within the page). @default a random part and a counter (`msg-k3j9x0qa-1`) */
  generateId?: (() => string) | undefined;
}

/** Options of one `send`. */
export interface ChatSendOptions {
  /** Parameters for this request only, merged over the session's `params`. */
  params?: ChatSessionParams | undefined;
  /** Request options for this request only, merged over the session's `requestOptions`. */
  requestOptions?: ChatSessionRequestOptions | undefined;
}

/** The options a running session accepts through `setOptions` (applied from the next request on). */
export type ChatSessionMutableOptions = Partial<Omit<ChatSessionOptions, "initialMessages" | "generateId">>;

/** A chat session store: the conversation and its request state, for any UI framework. */
export interface ChatSession {
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current snapshot: the same object until the next change (as `useSyncExternalStore` requires). */
  getSnapshot(): ChatSessionSnapshot;
  /**
   * Adds a user message and streams the answer (and the continuations after
   * tool results). Resolves when the session is idle again; request failures
   * do not reject (they set `status: "error"` and call `onError`). Rejects at
   * once, changing nothing, while another answer is in progress or tool calls await their results.
   */
  send(message: string | UserMessageInput, options?: ChatSendOptions): Promise<void>;
  /** Aborts the request in progress, keeps the partial answer as a message, and returns to `"ready"`. */
  stop(): void;
  /**
   * Removes everything after the last user message (the last answer, its tool
   * calls and results) and asks again. Rejects while an answer is in progress.
   */
  regenerate(options?: ChatSendOptions): Promise<void>;
  /** Replaces the messages (stopping a request in progress first). */
  setMessages(
    messages: readonly ChatMessageLike[] | ((messages: readonly ChatMessage[]) => readonly ChatMessageLike[]),
  ): void;
  /**
   * Sets the result of a tool call awaiting it; when every call of the answer
   * has one, the conversation continues. Throws when no call `toolCallId` awaits a result.
   */
  addToolResult(input: { toolCallId: string; result: unknown }): void;
  /** Clears `error`, back to `"ready"`. */
  clearError(): void;
  /** Changes options for the next requests (`model`, `params`, callbacks, …). */
  setOptions(options: ChatSessionMutableOptions): void;
  /**
   * Aborts any request, drops a pending notification and removes the
   * listeners. The session stays usable (a later `subscribe` or `send`
   * works), as React's StrictMode remounts need.
   */
  destroy(): void;
}
