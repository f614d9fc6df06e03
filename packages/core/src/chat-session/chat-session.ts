import type { ChatStream } from "../client/chat-stream";
import { R9SError, ValidationError } from "../errors/r9s-error";
import type { ChatCompletion } from "../wire/completion";
import { assistantMessageOf, hasAnswerContent } from "./assistant-message";
import type { AssistantChatMessage, ChatMessage } from "./chat-message";
import { createMessageId } from "./create-message-id";
import { createNotifyScheduler } from "./notify-scheduler";
import { runToolCalls } from "./run-tool-calls";
import {
  awaitingError,
  busyError,
  lastUserIndex,
  report,
  sameProgress,
  toR9SError,
  userMessageOf,
} from "./session-helpers";
import { toChatMessages } from "./to-chat-messages";
import { toMessageParams } from "./to-message-params";
import { allToolCallsSettled, indexOfAwaitingCall, type ToolOutcome, withToolOutcome } from "./tool-outcome";
import { createTurn, type Turn } from "./turn";
import type {
  ChatSendOptions,
  ChatSession,
  ChatSessionOptions,
  ChatSessionSnapshot,
  ChatSessionStatus,
} from "./types";

const DEFAULT_MAX_STEPS = 5;
const STOPPED_TOOL = "Stopped before the tool returned a result.";

/**
 * Creates a chat session store: the conversation, the request status and the
 * answer being streamed, behind `subscribe`/`getSnapshot` for any UI.
 *
 * Tokens cost O(1) each: the stream's own accumulator folds them and the
 * session only marks itself dirty; once per frame (see `throttle`) it reads
 * the stream's snapshot into a new `streamingMessage` and a new snapshot
 * object that reuses the `messages` array. The history is copied only when a
 * message is added or changed.
 *
 * @example
 * const session = createChatSession({ client: new R9S({ baseURL: "/api", apiKey: null }), model: "gpt-4o-mini" });
 * session.subscribe(() => render(session.getSnapshot()));
 * await session.send("Hello!");
 */
export function createChatSession(options: ChatSessionOptions): ChatSession {
  if (typeof options?.client?.chat?.create !== "function") {
    throw new ValidationError(
      "client",
      "createChatSession needs a client with chat.create: pass an R9SClient or R9S.",
    );
  }
  const settings: ChatSessionOptions = { ...options };
  const generateId = options.generateId ?? createMessageId;
  const listeners = new Set<() => void>();
  let messages: readonly ChatMessage[] = Object.freeze(
    toChatMessages(options.initialMessages ?? [], generateId),
  );
  let status: ChatSessionStatus = "ready";
  let error: R9SError | undefined;
  let streamingMessage: AssistantChatMessage | undefined;
  let snapshot: ChatSessionSnapshot = freezeSnapshot();
  let active: Turn | undefined;
  let steps = 0;
  let tokensPending = false;
  const scheduler = createNotifyScheduler(flushTokens);

  function freezeSnapshot(): ChatSessionSnapshot {
    return Object.freeze({ messages, status, error, streamingMessage });
  }

  /** Makes a new snapshot (with the latest tokens, if any wait) and tells the listeners. */
  function publish(): void {
    scheduler.cancel();
    if (tokensPending && active?.stream !== undefined) {
      streamingMessage = assistantMessageOf(active.stream.snapshot(), active.messageId, "streaming");
    }
    tokensPending = false;
    snapshot = freezeSnapshot();
    for (const listener of listeners) listener();
  }

  /** The batched token update: one stream snapshot per frame, skipped when no text grew (a finish chunk). */
  function flushTokens(): void {
    if (!tokensPending || active?.stream === undefined) return;
    tokensPending = false;
    const next = assistantMessageOf(active.stream.snapshot(), active.messageId, "streaming");
    if (status === snapshot.status && streamingMessage !== undefined && sameProgress(streamingMessage, next))
      return;
    streamingMessage = next;
    publish();
  }

  function setMessageList(next: readonly ChatMessage[]): void {
    messages = Object.freeze(next);
  }

  function onChunk(): void {
    if (status === "submitted") status = "streaming";
    // The hot path: one flag check per chunk; the scheduler coalesces the rest.
    if (tokensPending) return;
    tokensPending = true;
    scheduler.schedule(settings.throttle ?? "animation-frame");
  }

  function startTurn(sendOptions: ChatSendOptions | undefined): Promise<void> {
    const { turn, ended } = createTurn(sendOptions);
    active = turn;
    startStep(turn);
    return ended;
  }

  function startStep(turn: Turn): void {
    steps++;
    turn.messageId = generateId();
    turn.stream = undefined;
    status = "submitted";
    error = undefined;
    streamingMessage = undefined;
    publish();
    void runStep(turn);
  }

  async function runStep(turn: Turn): Promise<void> {
    const sendOptions = turn.sendOptions;
    let stream: ChatStream | undefined;
    try {
      const params = {
        ...settings.params,
        ...sendOptions?.params,
        model: settings.model,
        messages: toMessageParams(messages, { reasoning: settings.sendReasoning ?? true }),
        stream: true as const,
      };
      const requestOptions = {
        ...settings.requestOptions,
        ...sendOptions?.requestOptions,
        signal: turn.controller.signal,
      };
      stream = await settings.client.chat.create(params, requestOptions);
      if (turn !== active) {
        stream.abort();
        return;
      }
      turn.stream = stream;
      for await (const _ of stream) {
        if (turn !== active) return;
        onChunk();
      }
      if (turn !== active) return;
      finishAnswer(turn, await stream.finalCompletion());
    } catch (caught) {
      if (turn === active) fail(turn, caught, stream);
    }
  }

  function finishAnswer(turn: Turn, completion: ChatCompletion): void {
    const message = assistantMessageOf(completion, turn.messageId, "complete");
    turn.stream = undefined;
    tokensPending = false;
    streamingMessage = undefined;
    setMessageList([...messages, message]);
    const finished = () => settings.onFinish?.(message, { completion, stopped: false });
    if (message.toolCalls === undefined) {
      endTurn(turn, "ready");
      report(finished);
      return;
    }
    publish();
    report(finished);
    if (turn !== active) return;
    turn.dispatching = true;
    const immediate = runToolCalls(message.toolCalls, settings.onToolCall, {
      started: (toolCallId) => turn.running.add(toolCallId),
      settled: (toolCallId, outcome) => {
        if (turn !== active || !turn.running.delete(toolCallId)) return;
        if (outcome !== undefined) settleToolCall(toolCallId, outcome);
        advance(turn);
      },
    });
    turn.dispatching = false;
    for (const { toolCallId, outcome } of immediate) settleToolCall(toolCallId, outcome);
    advance(turn);
  }

  /** After a tool call settled: wait for the others, continue, or end. */
  function advance(turn: Turn): void {
    if (turn !== active || turn.dispatching) return;
    if (turn.running.size > 0) {
      status = "streaming";
      publish();
      return;
    }
    if (canContinue()) startStep(turn);
    else endTurn(turn, "ready");
  }

  function canContinue(): boolean {
    const last = messages[messages.length - 1];
    if (last?.role !== "assistant" || last.toolCalls === undefined || !allToolCallsSettled(last))
      return false;
    return steps < Math.max(1, settings.maxSteps ?? DEFAULT_MAX_STEPS);
  }

  function settleToolCall(toolCallId: string, outcome: ToolOutcome): boolean {
    const index = indexOfAwaitingCall(messages, toolCallId);
    if (index === -1) return false;
    const next = messages.slice();
    next[index] = withToolOutcome(messages[index] as AssistantChatMessage, toolCallId, outcome)!;
    setMessageList(next);
    return true;
  }

  function endTurn(turn: Turn, next: ChatSessionStatus): void {
    if (active === turn) active = undefined;
    status = next;
    streamingMessage = undefined;
    publish();
    turn.end();
  }

  function fail(turn: Turn, caught: unknown, stream: ChatStream | undefined): void {
    const failure = toR9SError(caught);
    const partial = failure.partial ?? stream?.snapshot();
    if (partial !== undefined) {
      const message = assistantMessageOf(partial, turn.messageId, "error");
      if (hasAnswerContent(message)) setMessageList([...messages, message]);
    }
    error = failure;
    endTurn(turn, "error");
    report(() => settings.onError?.(failure));
  }

  const session: ChatSession = {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    send(input, sendOptions) {
      const refusal = busyError("send", active && status) ?? awaitingError(messages);
      if (refusal) return Promise.reject(refusal);
      setMessageList([...messages, userMessageOf(input, generateId)]);
      steps = 0;
      return startTurn(sendOptions);
    },
    stop() {
      const turn = active;
      if (turn === undefined) return;
      active = undefined;
      const stream = turn.stream;
      stream?.abort();
      turn.controller.abort();
      let stopped: { message: AssistantChatMessage; completion: ChatCompletion } | undefined;
      if (stream !== undefined) {
        const completion = stream.snapshot();
        const message = assistantMessageOf(completion, turn.messageId, "stopped");
        if (hasAnswerContent(message)) {
          setMessageList([...messages, message]);
          stopped = { message, completion };
        }
      }
      for (const toolCallId of turn.running) settleToolCall(toolCallId, { error: STOPPED_TOOL });
      turn.running.clear();
      tokensPending = false;
      endTurn(turn, "ready");
      if (stopped)
        report(() => settings.onFinish?.(stopped.message, { completion: stopped.completion, stopped: true }));
    },
    regenerate(sendOptions) {
      const refusal = busyError("regenerate", active && status);
      if (refusal) return Promise.reject(refusal);
      const index = lastUserIndex(messages);
      if (index === -1) {
        return Promise.reject(
          new R9SError("Nothing to regenerate: the conversation has no user message yet. Call send() first."),
        );
      }
      if (index < messages.length - 1) setMessageList(messages.slice(0, index + 1));
      steps = 0;
      return startTurn(sendOptions);
    },
    setMessages(input) {
      session.stop();
      setMessageList(toChatMessages(typeof input === "function" ? input(messages) : input, generateId));
      publish();
    },
    addToolResult({ toolCallId, result }) {
      if (!settleToolCall(toolCallId, { result })) {
        throw new R9SError(
          `No tool call "${toolCallId}" awaits a result: pass the id of a call in state "awaiting-result" (toolCall.id).`,
        );
      }
      if (active !== undefined) {
        active.running.delete(toolCallId);
        advance(active);
        return;
      }
      if (canContinue()) void startTurn(undefined);
      else publish();
    },
    clearError() {
      if (error === undefined && status !== "error") return;
      error = undefined;
      if (status === "error") status = "ready";
      publish();
    },
    setOptions(next) {
      Object.assign(settings, next);
    },
    destroy() {
      session.stop();
      scheduler.cancel();
      listeners.clear();
    },
  };

  return session;
}
