import type { ChatMessage } from "@r9s/core";
import type { UseChatOptions, UseChatResult } from "../types";
import { useChat } from "../use-chat";

/** A message's text as the test page shows it. */
export function textOf(message: ChatMessage): string {
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => ("text" in part ? part.text : "")).join("");
}

/** Props of {@link ChatView}: the hook's options, and hooks into each render for counting and inspection. */
export interface ChatViewProps extends UseChatOptions {
  onRender?: (chat: UseChatResult) => void;
}

/** A minimal chat page: the messages, the status, the error, a form, stop and regenerate buttons. */
export function ChatView({ onRender, ...options }: ChatViewProps) {
  const chat = useChat(options);
  onRender?.(chat);
  return (
    <main>
      <ul aria-label="messages">
        {chat.messages.map((message) => (
          <li key={message.id} data-role={message.role}>
            {textOf(message)}
          </li>
        ))}
      </ul>
      <p data-testid="status">{chat.status}</p>
      <p data-testid="error">{chat.error ? `${chat.error.name}: ${chat.error.message}` : ""}</p>
      <form onSubmit={chat.handleSubmit}>
        <input
          aria-label="message"
          value={chat.input}
          onChange={(event) => chat.setInput(event.target.value)}
        />
        <button type="submit">Send</button>
      </form>
      <button type="button" onClick={chat.stop}>
        Stop
      </button>
      <button type="button" onClick={() => void chat.regenerate()}>
        Regenerate
      </button>
    </main>
  );
}
