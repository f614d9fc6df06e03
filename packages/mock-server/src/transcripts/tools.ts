import type { MockTranscript } from "../types";
import { choice, chunk, DONE, finish, tools } from "./helpers";

const fn = (name: string | null, argumentsText: string) => ({ name, arguments: argumentsText });
const first = (index: number | undefined, id: string, name: string) => ({
  ...(index === undefined ? {} : { index }),
  id,
  type: "function",
  function: fn(name, ""),
});
const more = (index: number | undefined, argumentsText: string, extra: Record<string, unknown> = {}) => ({
  ...(index === undefined ? {} : { index }),
  ...extra,
  function: { arguments: argumentsText },
});
const start = chunk([choice({ role: "assistant", content: null })]);

/** Tool call quirks (QUIRKS.md 21–26); the calls ask for `get_weather({"location": "Paris"})`. */
export const toolTranscripts: Record<string, MockTranscript> = {
  "tool-fragments": {
    description:
      'id, type and name only in the first fragment; later fragments carry `index` and argument text, some with `id: null` or `name: ""`.',
    quirks: [21, 26],
    frames: [
      start,
      tools([first(0, "call_mock_1", "get_weather")]),
      tools([more(0, '{"loc')]),
      tools([{ index: 0, id: null, type: null, function: fn(null, 'ation": ') }]),
      tools([{ index: 0, id: "", function: fn("", '"Paris"}') }]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
  "tool-one-fragment": {
    description: "Groq: each whole tool call in one fragment, two calls in one chunk.",
    quirks: [22],
    frames: [
      start,
      tools([
        {
          index: 0,
          id: "call_mock_1",
          type: "function",
          function: fn("get_weather", '{"location":"Paris"}'),
        },
        { index: 1, id: "call_mock_2", type: "function", function: fn("get_weather", '{"location":"Rome"}') },
      ]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
  "tool-no-index": {
    description: "Gemini / Ollama: no `index` on tool call fragments; a second call starts with a new id.",
    quirks: [23],
    frames: [
      start,
      tools([first(undefined, "call_mock_1", "get_weather")]),
      tools([more(undefined, '{"location":')]),
      tools([more(undefined, '"Paris"}')]),
      tools([first(undefined, "call_mock_2", "get_time")]),
      tools([more(undefined, '{"zone":"CET"}')]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
  "tool-index-reused": {
    description: "The same `index` 0 reused with a new non-empty id: a second call.",
    quirks: [24],
    frames: [
      start,
      tools([first(0, "call_mock_1", "get_weather")]),
      tools([more(0, '{"location":"Paris"}')]),
      tools([first(0, "call_mock_2", "get_time")]),
      tools([more(0, '{"zone":"CET"}')]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
  "tool-sparse-index": {
    description: "Indexes 1 and 3 (starting at 1, sparse), with the same id repeated on every fragment.",
    quirks: [25],
    frames: [
      start,
      tools([first(1, "call_mock_1", "get_weather")]),
      tools([more(1, '{"location":', { id: "call_mock_1" })]),
      tools([first(3, "call_mock_3", "get_time")]),
      tools([more(1, '"Paris"}', { id: "call_mock_1" })]),
      tools([more(3, '{"zone":"CET"}', { id: "call_mock_3" })]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
  "tool-truncated-args": {
    description: 'Arguments cut off (`{"location": "Pa`) with `finish_reason: "length"`.',
    quirks: [26],
    frames: [
      start,
      tools([first(0, "call_mock_1", "get_weather")]),
      tools([more(0, '{"location": "Pa')]),
      finish("length"),
      DONE,
    ],
    text: "",
  },
  "tool-invalid-args": {
    description: 'Arguments that never become valid JSON, yet `finish_reason: "tool_calls"`.',
    quirks: [26],
    frames: [
      start,
      tools([first(0, "call_mock_1", "get_weather")]),
      tools([more(0, '{"location": "Pa')]),
      finish("tool_calls"),
      DONE,
    ],
    text: "",
  },
};
