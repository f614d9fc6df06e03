import type { ChatCompletionAssistantMessageParam, ChatCompletionMessageParam } from "../wire/message";
import { chatToolCallOf, providerFieldsOf } from "./assistant-message";
import type { AssistantChatMessage, ChatMessage } from "./chat-message";
import { createMessageId } from "./create-message-id";
import { withToolOutcome } from "./tool-outcome";

/** A message as `initialMessages` and `setMessages` take it: a chat message, or a wire message. */
export type ChatMessageLike = ChatMessage | ChatCompletionMessageParam;

/**
 * Chat messages from chat messages or wire messages (a saved request
 * history). Chat messages (those with an `id`) are kept as they are; a wire
 * `tool` message is folded into the call it answers on the answer just before
 * it, so that call shows its result.
 * @example
 * session.setMessages(toChatMessages([{ role: "system", content: "Be brief." }]));
 */
export function toChatMessages(
  messages: readonly ChatMessageLike[],
  generateId: () => string = createMessageId,
): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const message of messages) {
    if (isChatMessage(message)) {
      result.push(message);
      continue;
    }
    switch (message.role) {
      case "assistant":
        result.push(assistantOf(message, generateId()));
        break;
      case "tool":
        if (!foldToolResult(result, message.tool_call_id, textOf(message.content))) {
          result.push({
            id: generateId(),
            role: "tool",
            toolCallId: message.tool_call_id,
            content: message.content,
          });
        }
        break;
      default:
        result.push({ ...message, id: generateId() } as ChatMessage);
    }
  }
  return result;
}

function isChatMessage(message: ChatMessageLike): message is ChatMessage {
  const candidate = message as Partial<Record<string, unknown>>;
  if (typeof candidate.id !== "string") return false;
  if (message.role === "tool") return typeof candidate.toolCallId === "string";
  if (message.role === "assistant") {
    return (
      typeof message.content === "string" && !("tool_calls" in message) && !("reasoning_content" in message)
    );
  }
  return true;
}

function assistantOf(wire: ChatCompletionAssistantMessageParam, id: string): AssistantChatMessage {
  const parts = Array.isArray(wire.content) ? wire.content : [];
  let content = typeof wire.content === "string" ? wire.content : "";
  let refusal = typeof wire.refusal === "string" && wire.refusal !== "" ? wire.refusal : undefined;
  for (const part of parts) {
    if (part.type === "text") content += part.text;
    else if (part.type === "refusal") refusal = (refusal ?? "") + part.refusal;
  }
  const reasoning = [wire.reasoning_content, wire.reasoning].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
  const providerFields = providerFieldsOf(wire);
  return {
    id,
    role: "assistant",
    content,
    finishReason: null,
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(refusal === undefined ? {} : { refusal }),
    ...(wire.tool_calls?.length
      ? { toolCalls: wire.tool_calls.map((call) => chatToolCallOf(call, false)) }
      : {}),
    ...(wire.audio ? { audio: { id: wire.audio.id } } : {}),
    ...(wire.name === undefined ? {} : { name: wire.name }),
    ...(providerFields ? { providerFields } : {}),
  };
}

/** Sets a `tool` message's content as the result of its call on the answer before it; `false` when there is none. */
function foldToolResult(result: ChatMessage[], toolCallId: string, content: string): boolean {
  for (let index = result.length - 1; index >= 0; index--) {
    const message = result[index] as ChatMessage;
    if (message.role === "tool") continue;
    if (message.role !== "assistant") return false;
    const settled = withToolOutcome(message, toolCallId, { result: content });
    if (settled === undefined) return false;
    result[index] = settled;
    return true;
  }
  return false;
}

function textOf(content: string | ReadonlyArray<{ text: string }>): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}
