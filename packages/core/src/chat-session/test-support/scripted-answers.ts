import type { BodyStep, ScriptedResponse } from "../../test-support/memory-transport";
import { sse } from "../../test-support/memory-transport";

const base = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "test-model" };

/** A chunk of choice 0 with `delta` and `finish_reason`. */
export function chunk(
  delta: Record<string, unknown>,
  finishReason: string | null = null,
): Record<string, unknown> {
  return { ...base, choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

/** A streamed text answer: one chunk per token, `waitMs` apart when given, then `stop` and `[DONE]`. */
export function textAnswer(
  tokens: string[],
  options: { waitMs?: number; reasoning?: string[] } = {},
): ScriptedResponse {
  const chunks = [
    chunk({ role: "assistant", content: "" }),
    ...(options.reasoning ?? []).map((token) => chunk({ reasoning_content: token })),
    ...tokens.map((token) => chunk({ content: token })),
    chunk({}, "stop"),
  ];
  return { headers: { "content-type": "text/event-stream" }, body: spaced(chunks, options.waitMs) };
}

/** Tokens, then a stream that never ends (until aborted). */
export function stallingAnswer(tokens: string[]): ScriptedResponse {
  const chunks = [
    chunk({ role: "assistant", content: "" }),
    ...tokens.map((token) => chunk({ content: token })),
  ];
  return {
    headers: { "content-type": "text/event-stream" },
    body: [sse(chunks, { done: false }), "stall"],
  };
}

/** Tokens, then the connection fails. */
export function failingAnswer(tokens: string[]): ScriptedResponse {
  const chunks = tokens.map((token) => chunk({ content: token }));
  return {
    headers: { "content-type": "text/event-stream" },
    body: [sse(chunks, { done: false }), { fail: new TypeError("socket hang up") }],
  };
}

/** An answer that calls one tool, its arguments in pieces. */
export function toolCallAnswer(id: string, name: string, argumentsText: string): ScriptedResponse {
  const half = Math.floor(argumentsText.length / 2);
  const chunks = [
    chunk({
      role: "assistant",
      content: null,
      tool_calls: [{ index: 0, id, type: "function", function: { name, arguments: "" } }],
    }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(0, half) } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: argumentsText.slice(half) } }] }),
    chunk({}, "tool_calls"),
  ];
  return { headers: { "content-type": "text/event-stream" }, body: [sse(chunks)] };
}

/** A JSON error response. */
export function errorResponse(status: number, message: string): ScriptedResponse {
  return {
    status,
    headers: { "content-type": "application/json" },
    body: [JSON.stringify({ error: { message, type: "error" } })],
  };
}

function spaced(chunks: unknown[], waitMs: number | undefined): BodyStep[] {
  if (waitMs === undefined) return [sse(chunks)];
  const steps: BodyStep[] = [];
  for (const item of chunks) steps.push(sse([item], { done: false }), { waitMs });
  steps.push("data: [DONE]\n\n");
  return steps;
}
