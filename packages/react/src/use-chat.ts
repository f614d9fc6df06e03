import { type ChatSession, createChatSession, type R9SError } from "@r9s/core";
import {
  useCallback,
  useEffect,
  useInsertionEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { SubmitEventLike, UseChatOptions, UseChatResult } from "./types";

/**
 * A chat in a React component: the conversation, the request status, and
 * `send`/`stop`/`regenerate`/`addToolResult`, over a `@r9s/core` chat session
 * store. Token updates are batched in the store (one render per animation
 * frame by default, see `throttle`), so a fast stream costs the page little.
 *
 * The session is created once per component (StrictMode's double render and
 * double effects neither create two nor send twice); it is destroyed on
 * unmount, aborting a request in progress. Callbacks and options may change
 * on every render.
 *
 * @example
 * ```tsx
 * const client = new R9S({ baseURL: "/api", apiKey: null });
 * function Chat() {
 *   const chat = useChat({ client, model: "gpt-4o-mini" });
 *   return (
 *     <form onSubmit={chat.handleSubmit}>
 *       {chat.messages.map((message) => <p key={message.id}>{String(message.content)}</p>)}
 *       <input value={chat.input} onChange={(event) => chat.setInput(event.target.value)} />
 *       {chat.status === "streaming" ? <button type="button" onClick={chat.stop}>Stop</button> : <button>Send</button>}
 *     </form>
 *   );
 * }
 * ```
 */
export function useChat(options: UseChatOptions): UseChatResult {
  const latest = useRef(options);
  const [session] = useState(() => createSessionFor(options, latest));
  // Before any effect of this render runs (and never on a server): later sends and callbacks see this render's options.
  useInsertionEffect(() => {
    latest.current = options;
    session.setOptions({
      client: options.client,
      model: options.model,
      params: options.params,
      requestOptions: options.requestOptions,
      maxSteps: options.maxSteps,
      throttle: options.throttle,
      sendReasoning: options.sendReasoning,
    });
  });
  // The session outlives StrictMode's unmount-remount: destroy only aborts and drops listeners.
  useEffect(() => () => session.destroy(), [session]);

  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot);
  const { messages: history, streamingMessage, status, error } = snapshot;
  const messages = useMemo(
    () => (streamingMessage === undefined ? history : [...history, streamingMessage]),
    [history, streamingMessage],
  );

  const [input, setInput] = useState(options.initialInput ?? "");
  const handleSubmit = useCallback(
    (event?: SubmitEventLike) => {
      event?.preventDefault?.();
      const state = session.getSnapshot().status;
      if (input.trim() === "" || state === "submitted" || state === "streaming") return;
      setInput("");
      session.send(input).catch((refusal: R9SError) => {
        // Refused before sending (a tool call awaits its result): give the text back.
        setInput(input);
        latest.current.onError?.(refusal);
      });
    },
    [session, input],
  );

  return {
    messages,
    streamingMessage,
    status,
    error,
    send: session.send,
    stop: session.stop,
    regenerate: session.regenerate,
    setMessages: session.setMessages,
    addToolResult: session.addToolResult,
    clearError: session.clearError,
    input,
    setInput,
    handleSubmit,
    session,
  };
}

/** The session of a component; its callbacks read the latest render's options. */
function createSessionFor(
  options: UseChatOptions,
  latest: { readonly current: UseChatOptions },
): ChatSession {
  return createChatSession({
    ...options,
    onFinish: (message, info) => latest.current.onFinish?.(message, info),
    onError: (error) => latest.current.onError?.(error),
    onToolCall: (event) => latest.current.onToolCall?.(event),
  });
}
