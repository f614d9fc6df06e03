import type { ChatToolCall } from "@r9s/react";

const STATE_LABELS: Record<ChatToolCall["state"], string> = {
  streaming: "calling…",
  "awaiting-result": "running…",
  result: "done",
  error: "failed",
};

/** A tool call of the model: which tool, with what, and what it returned. */
export function ToolCallCard({ call }: { call: ChatToolCall }) {
  return (
    <section className="tool-card" aria-label={`Tool call ${call.name}`}>
      <header>
        <svg className="tool-icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
          <path
            d="M14.7 6.3a4 4 0 0 0-5.4 5.1l-6 6a1.4 1.4 0 0 0 2 2l6-6a4 4 0 0 0 5.1-5.4l-2.5 2.5-2-.6-.6-2z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
        </svg>
        <span className="tool-name">{call.name || "tool"}</span>
        <span className={`tool-state ${call.state}`}>{STATE_LABELS[call.state]}</span>
      </header>
      <dl>
        <dt>Arguments</dt>
        <dd>
          <code>{formatJson(call.argumentsText) || "{}"}</code>
        </dd>
        {call.state === "result" && (
          <>
            <dt>Result</dt>
            <dd>
              <code data-testid="tool-result">{formatValue(call.result)}</code>
            </dd>
          </>
        )}
        {call.state === "error" && (
          <>
            <dt>Error</dt>
            <dd>
              <code>{call.errorText}</code>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** JSON text pretty-printed when it parses (it may be a prefix while streaming). */
function formatJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 1).replace(/\n\s*/g, " ");
  } catch {
    return text;
  }
}

function formatValue(value: unknown): string {
  return typeof value === "string" ? formatJson(value) : JSON.stringify(value);
}
