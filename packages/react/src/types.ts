import type {
  AssistantChatMessage,
  ChatMessage,
  ChatSendOptions,
  ChatSession,
  ChatSessionOptions,
  ChatSessionStatus,
  R9SError,
} from "@r9s/core";

/**
 * Options of {@link useChat}: those of `createChatSession`, plus `initialInput`.
 * The session is created once; later renders pass their `model`, `params`,
 * `client`, request options and callbacks to it without re-creating it
 * (`initialMessages` and `generateId` are read once).
 */
export interface UseChatOptions extends ChatSessionOptions {
  /** The text field's first value. @default "" */
  initialInput?: string | undefined;
}

/** A form event, or anything with `preventDefault` (or nothing). */
export type SubmitEventLike = { preventDefault?: () => void } | undefined;

/** What {@link useChat} returns: the session's state and its actions, plus a text field's state. */
export interface UseChatResult {
  /**
   * The conversation, ending with the answer being streamed (when there is
   * one). The array keeps its identity while nothing changes; finished
   * messages keep theirs while tokens stream, so memoized rows do not re-render.
   */
  readonly messages: readonly ChatMessage[];
  /** The answer being streamed (also the last item of `messages`), or `undefined`. */
  readonly streamingMessage: AssistantChatMessage | undefined;
  /** `"ready"`, `"submitted"`, `"streaming"` or `"error"`. */
  readonly status: ChatSessionStatus;
  /** Why the last request failed, while `status` is `"error"`. */
  readonly error: R9SError | undefined;
  /** Sends a user message (text or parts). Rejects while an answer is in progress; request failures go to `error`. */
  readonly send: ChatSession["send"];
  /** Aborts the answer in progress, keeping what arrived. */
  readonly stop: () => void;
  /** Asks again for the last answer, replacing it. */
  readonly regenerate: (options?: ChatSendOptions) => Promise<void>;
  /** Replaces the messages (a list, or an updater of the current list). */
  readonly setMessages: ChatSession["setMessages"];
  /** Answers a tool call left by `onToolCall`; the conversation continues once every call has its result. */
  readonly addToolResult: ChatSession["addToolResult"];
  /** Clears `error`, back to `"ready"`. */
  readonly clearError: () => void;
  /** The text field's value. */
  readonly input: string;
  /** Sets the text field's value. */
  readonly setInput: (input: string) => void;
  /**
   * Sends `input` and clears it: pass it to a form's `onSubmit`. Does nothing
   * for blank input or while an answer is in progress.
   */
  readonly handleSubmit: (event?: SubmitEventLike) => void;
  /** The underlying session store, for anything the hook does not cover. */
  readonly session: ChatSession;
}
