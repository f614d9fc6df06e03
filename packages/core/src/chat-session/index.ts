/**
 * The chat session store: a framework-free conversation state with batched
 * token updates, tool calls and reasoning, for `useChat` and other UI bindings.
 *
 * @packageDocumentation
 */

export type {
  AssistantChatMessage,
  ChatMessage,
  ChatMessageInterruption,
  ChatToolCall,
  ChatToolCallState,
  SystemChatMessage,
  ToolChatMessage,
  UserChatMessage,
  UserMessageInput,
} from "./chat-message";
export { createChatSession } from "./chat-session";
export type { ChatSessionThrottle } from "./notify-scheduler";
export type { ChatMessageLike } from "./to-chat-messages";
export { toChatMessages } from "./to-chat-messages";
export type { ToMessageParamsOptions } from "./to-message-params";
export { toMessageParams } from "./to-message-params";
export type {
  ChatFinishInfo,
  ChatSendOptions,
  ChatSession,
  ChatSessionClient,
  ChatSessionMutableOptions,
  ChatSessionOptions,
  ChatSessionParams,
  ChatSessionRequestOptions,
  ChatSessionSnapshot,
  ChatSessionStatus,
  ChatToolCallEvent,
} from "./types";
