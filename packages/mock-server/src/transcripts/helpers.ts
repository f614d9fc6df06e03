/**
 * Small builders that keep the canned transcripts short and readable. A
 * transcript frame is an object (sent as `data: <JSON>\n\n`) or raw text.
 */

type Json = Record<string, unknown>;

/** `created` of every canned chunk. */
export const CREATED = 1_730_000_000;

/** The last frame of a normal stream. */
export const DONE = "data: [DONE]\n\n";

/** A chunk with the given `choices` (pass `undefined` to leave the key out) and extra top-level fields. */
export function chunk(choices: unknown, extra: Json = {}, id = "chatcmpl-quirk"): Json {
  const base: Json = { id, object: "chat.completion.chunk", created: CREATED, model: "mock-quirk" };
  return choices === undefined ? { ...base, ...extra } : { ...base, choices, ...extra };
}

/** A choice of a chunk with `delta` at `index`. */
export function choice(delta: Json | undefined, index = 0, extra: Json = {}): Json {
  const base: Json = {
    index,
    ...(delta === undefined ? {} : { delta }),
    logprobs: null,
    finish_reason: null,
  };
  return { ...base, ...extra };
}

/** The first chunk: `role: "assistant"` with empty content. */
export function role(index = 0, extra: Json = {}): Json {
  return chunk([choice({ role: "assistant", content: "" }, index)], extra);
}

/** One content delta. */
export function text(content: string, index = 0, extra: Json = {}): Json {
  return chunk([choice({ content }, index)], extra);
}

/** Content deltas for each token. */
export function texts(tokens: string[], index = 0): Json[] {
  return tokens.map((token) => text(token, index));
}

/** The finish chunk: an empty delta and `finish_reason`. */
export function finish(reason = "stop", index = 0, extra: Json = {}): Json {
  return chunk([choice({}, index, { finish_reason: reason })], extra);
}

/** A tool-call delta with `calls` fragments. */
export function tools(calls: Json[], index = 0): Json {
  return chunk([choice({ tool_calls: calls }, index)]);
}

/** Usage of the canned answers. */
export function usage(prompt = 9, completion = 4): Json {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** An event's text with `data:` and the payload, no space after the colon when `space` is false. */
export function event(payload: Json | string, lineEnd = "\n", space = true): string {
  const data = typeof payload === "string" ? payload : JSON.stringify(payload);
  return `data:${space ? " " : ""}${data}${lineEnd}${lineEnd}`;
}

/** Cuts `text` right after the first `marker`, to split one payload across two writes. */
export function splitAfter(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker) + marker.length;
  return [text.slice(0, at), text.slice(at)];
}
