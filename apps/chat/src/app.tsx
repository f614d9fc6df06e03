import { R9S } from "@r9s/fetch";
import type { ChatMessage } from "@r9s/react";
import { useChat } from "@r9s/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ModelOption } from "./app-config";
import { Composer } from "./components/composer";
import { EmptyState, type Suggestion } from "./components/empty-state";
import { ErrorBanner } from "./components/error-banner";
import { Header } from "./components/header";
import { MessageItem } from "./components/message-item";
import { describeError } from "./describe-error";
import { DEMO_TOOLS, runDemoTool } from "./tools/demo-tools";
import { useAppConfig, useModelChoice } from "./use-app-config";

/**
 * The page's client: this app's own relay (`/api` on the same origin), which
 * holds the key. No retries here: the relay retries toward r9s with a short
 * budget, so an error (a rate limit) reaches the person at once.
 */
const client = new R9S({ baseURL: "/api", retries: { strategy: "none" } });

const SUGGESTIONS: Suggestion[] = [
  { title: "Say hello", hint: "and watch the answer stream", text: "Hello! What can you do?" },
  { title: "What time is it?", hint: "the model calls the clock tool", text: "What time is it where I am?" },
  { title: "Calculate", hint: "with the calculator tool", text: "What is (17 * 23) ^ 2 / 7?" },
  { title: "Explain SSE", hint: "a longer answer", text: "Explain server-sent events in one paragraph." },
];

/** Which picker entry a suggestion switches to in offline mode, where only some mock models call tools. */
const MOCK_ENTRY_OF_SUGGESTION: Record<string, string> = { "What time is it?": "tools" };

function paramsOf(option: ModelOption | undefined) {
  return {
    ...(option?.reasoningEffort ? { reasoning_effort: option.reasoningEffort } : {}),
    ...(option?.tools ? { tools: DEMO_TOOLS } : {}),
  };
}

export function App() {
  const { config, failed } = useAppConfig();
  const [modelId, setModelId] = useModelChoice(config);
  const option = config?.models.find((model) => model.id === modelId);
  const params = useMemo(() => paramsOf(option), [option]);

  const chat = useChat({
    client,
    model: option?.model ?? "",
    params,
    onToolCall: ({ toolCall }) => runDemoTool(toolCall.name, toolCall.argumentsText),
  });
  const { messages, streamingMessage, status, error } = chat;
  const busy = status === "submitted" || status === "streaming";
  const errorView = useMemo(() => (error ? describeError(error) : undefined), [error]);

  const endRef = useRef<HTMLDivElement>(null);
  const lastText = streamingMessage?.content.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the conversation grows
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [messages.length, lastText, status]);

  const lastAnswerIndex = lastIndexOfRole(messages, "assistant");
  const lastUserIndex = lastIndexOfRole(messages, "user");
  const canRegenerate = !busy && lastAnswerIndex > lastUserIndex && lastUserIndex >= 0;

  const send = (text: string) => {
    if (busy || text.trim() === "" || !option) return;
    chat.send(text.trim()).catch(() => {});
    chat.setInput("");
  };

  // A suggestion that switches the model is sent after the render that gave the hook the new model.
  const [pending, setPending] = useState<string>();
  useEffect(() => {
    if (pending === undefined) return;
    setPending(undefined);
    chat.send(pending).catch(() => {});
  }, [pending, chat.send]);

  const pickSuggestion = (suggestion: Suggestion) => {
    const entry = MOCK_ENTRY_OF_SUGGESTION[suggestion.title];
    if (
      config?.mode === "mock" &&
      entry &&
      entry !== modelId &&
      config.models.some((model) => model.id === entry)
    ) {
      setModelId(entry);
      setPending(suggestion.text);
      return;
    }
    send(suggestion.text);
  };

  return (
    <div className="app">
      <Header
        mode={config?.mode}
        models={config?.models ?? []}
        modelId={modelId}
        onModelChange={setModelId}
        onNewChat={() => {
          chat.stop();
          chat.setMessages([]);
          chat.clearError();
        }}
        canStartOver={messages.length > 0 || error !== undefined}
      />
      <main className="conversation">
        <div className="column">
          {messages.length === 0 ? (
            <EmptyState suggestions={SUGGESTIONS} onPick={pickSuggestion} offline={config?.mode === "mock"} />
          ) : (
            <ol className="messages" aria-label="Conversation">
              {messages.map((message, index) => (
                <MessageItem
                  key={message.id}
                  message={message}
                  streaming={message === streamingMessage}
                  canRegenerate={canRegenerate && index === lastAnswerIndex}
                  onRegenerate={() => chat.regenerate().catch(() => {})}
                  continued={index > 0 && messages[index - 1]?.role === "assistant"}
                />
              ))}
              {status === "submitted" && !streamingMessage && (
                <li className="message assistant" aria-label="Waiting for the answer">
                  <div className="assistant-row">
                    <span className="avatar" aria-hidden="true">
                      r9s
                    </span>
                    <div className="bubble">
                      <span className="caret" aria-hidden="true" />
                    </div>
                  </div>
                </li>
              )}
            </ol>
          )}
          <div ref={endRef} />
        </div>
      </main>
      <footer className="composer-area">
        <div className="column">
          {failed && (
            <div className="error-banner" role="alert">
              <strong>Cannot reach the app's server</strong>: is it still running?
            </div>
          )}
          {errorView && (
            <ErrorBanner
              error={errorView}
              onRetry={() => chat.regenerate().catch(() => {})}
              onDismiss={() => chat.clearError()}
            />
          )}
          <Composer
            value={chat.input}
            onChange={chat.setInput}
            onSubmit={() => send(chat.input)}
            onStop={chat.stop}
            busy={busy}
            disabled={!option}
          />
          <p className="hint">Enter to send · Shift+Enter for a new line · tools run in your browser</p>
        </div>
      </footer>
    </div>
  );
}

function lastIndexOfRole(messages: readonly ChatMessage[], role: ChatMessage["role"]): number {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index]!.role === role) return index;
  return -1;
}
