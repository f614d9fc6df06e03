/**
 * `@r9s/react`: `useChat`, a thin React binding of the `@r9s/core` chat
 * session store (React 18 and 19).
 *
 * @packageDocumentation
 */

export type {
  AssistantChatMessage,
  ChatFinishInfo,
  ChatMessage,
  ChatSendOptions,
  ChatSession,
  ChatSessionStatus,
  ChatSessionThrottle,
  ChatToolCall,
  ChatToolCallEvent,
  ChatToolCallState,
  ToolChatMessage,
  UserChatMessage,
  UserMessageInput,
} from "@r9s/core";
export type { SubmitEventLike, UseChatOptions, UseChatResult } from "./types";
export { useChat } from "./use-chat";
