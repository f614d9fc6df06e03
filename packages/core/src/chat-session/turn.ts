import type { ChatStream } from "../client/chat-stream";
import type { ChatSendOptions } from "./types";

/** One `send` or `regenerate` (or a continuation after `addToolResult`): its steps share one abort signal. */
export interface Turn {
  readonly controller: AbortController;
  readonly sendOptions: ChatSendOptions | undefined;
  /** The stream of the step in progress. */
  stream: ChatStream | undefined;
  /** The id the answer of the step in progress gets, streaming and finished. */
  messageId: string;
  /** Tool calls whose `onToolCall` promise is pending. */
  readonly running: Set<string>;
  /** While `onToolCall` runs synchronously: an `addToolResult` from inside it must not advance the turn yet. */
  dispatching: boolean;
  /** Resolves the promise that `send` or `regenerate` returned. */
  readonly end: () => void;
}

/** A new turn, and the promise its `end()` resolves. */
export function createTurn(sendOptions: ChatSendOptions | undefined): { turn: Turn; ended: Promise<void> } {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => {
    end = resolve;
  });
  const turn: Turn = {
    controller: new AbortController(),
    sendOptions,
    stream: undefined,
    messageId: "",
    running: new Set(),
    dispatching: false,
    end,
  };
  return { turn, ended };
}
