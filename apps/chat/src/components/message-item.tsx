import type { AssistantChatMessage, ChatMessage } from "@r9s/react";
import { ToolCallCard } from "./tool-call-card";

interface MessageItemProps {
  message: ChatMessage;
  /** This answer is the one arriving right now. */
  streaming: boolean;
  /** Whether to show "Regenerate" (the last answer, when nothing is running). */
  canRegenerate: boolean;
  onRegenerate: () => void;
  /** The previous message is an answer too (a tool round trip): no second avatar. */
  continued: boolean;
}

/** One message of the conversation. */
export function MessageItem({
  message,
  streaming,
  canRegenerate,
  onRegenerate,
  continued,
}: MessageItemProps) {
  if (message.role === "user") {
    return (
      <li className="message user" aria-label="Your message">
        <div className="bubble">{textOf(message.content)}</div>
      </li>
    );
  }
  if (message.role !== "assistant") return null;
  return (
    <li className="message assistant" aria-label="Answer" aria-busy={streaming} data-message-id={message.id}>
      <div className="assistant-row">
        <span className={continued ? "avatar invisible" : "avatar"} aria-hidden="true">
          r9s
        </span>
        <div className="assistant-body">
          <AssistantContent message={message} streaming={streaming} />
          {canRegenerate && (
            <div className="message-actions">
              <button type="button" className="button ghost" aria-label="Regenerate" onClick={onRegenerate}>
                ↻ Regenerate
              </button>
            </div>
          )}
        </div>
      </div>
    </li>
  );
}

function AssistantContent({ message, streaming }: { message: AssistantChatMessage; streaming: boolean }) {
  return (
    <>
      {message.reasoning && (
        <details className="reasoning">
          <summary>{streaming && message.content === "" ? "Thinking…" : "Reasoning"}</summary>
          <p>{message.reasoning}</p>
        </details>
      )}
      {message.toolCalls?.map((call) => (
        <ToolCallCard key={call.id} call={call} />
      ))}
      {(message.content !== "" || (streaming && !message.toolCalls)) && (
        <div className="bubble" data-testid="answer-text">
          {message.content}
          {streaming && <span className="caret" aria-hidden="true" />}
        </div>
      )}
      {message.refusal && <div className="bubble note">Refused: {message.refusal}</div>}
      {message.interrupted === "stopped" && <div className="note">Stopped</div>}
    </>
  );
}

function textOf(content: string | readonly { type: string; text?: string }[]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? (part.text ?? "") : `[${part.type}]`)).join(" ");
}
