import type { MockTranscript } from "../types";
import { choice, chunk, DONE, finish, role, text, texts, usage } from "./helpers";

const HELLO = ["Hello", ",", " world", "!"];
const hello = () => [role(), ...texts(HELLO)];
const FILTERS = {
  hate: { filtered: false, severity: "safe" },
  self_harm: { filtered: false, severity: "safe" },
  sexual: { filtered: false, severity: "safe" },
  violence: { filtered: false, severity: "safe" },
};

function logprob(token: string, value: number) {
  return { token, logprob: value, bytes: Array.from(Buffer.from(token)), top_logprobs: [] };
}

/** Chunk-shape quirks (QUIRKS.md 9–17 and 27). */
export const chunkTranscripts: Record<string, MockTranscript> = {
  "usage-only-chunk": {
    description: "A last usage-only chunk with `choices: []` before `[DONE]`.",
    quirks: [9],
    frames: [...hello(), finish(), chunk([], { usage: usage() }), DONE],
    text: "Hello, world!",
  },
  "usage-choices-missing": {
    description: "A last usage-only chunk with no `choices` key.",
    quirks: [9],
    frames: [...hello(), finish(), chunk(undefined, { usage: usage() }), DONE],
    text: "Hello, world!",
  },
  "usage-choices-null": {
    description: "A last usage-only chunk with `choices: null`.",
    quirks: [9],
    frames: [...hello(), finish(), chunk(null, { usage: usage() }), DONE],
    text: "Hello, world!",
  },
  "groq-usage": {
    description: "Groq: usage under `x_groq.usage` on the finish chunk, no top-level `usage`.",
    quirks: [10, 14],
    frames: [
      role(0, { x_groq: { id: "req_mock_groq" } }),
      ...texts(HELLO),
      finish("stop", 0, {
        x_groq: { id: "req_mock_groq", usage: { ...usage(), queue_time: 0.01, total_time: 0.02 } },
      }),
      DONE,
    ],
    text: "Hello, world!",
  },
  "azure-first-chunk": {
    description:
      'Azure: a first chunk with `choices: []`, `id: ""`, `model: ""`, `created: 0` and `prompt_filter_results`; `content_filter_results` on choices.',
    quirks: [11, 14],
    frames: [
      {
        choices: [],
        created: 0,
        id: "",
        model: "",
        object: "",
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: FILTERS }],
      },
      chunk([choice({ role: "assistant", content: "" }, 0, { content_filter_results: {} })]),
      ...HELLO.map((token) => chunk([choice({ content: token }, 0, { content_filter_results: FILTERS })])),
      finish("stop", 0),
      DONE,
    ],
    text: "Hello, world!",
  },
  "empty-choices-mid-stream": {
    description: "Chunks with `choices: []` between content chunks.",
    quirks: [12],
    frames: [
      role(),
      text("Hello"),
      chunk([]),
      text(","),
      chunk([]),
      ...texts([" world", "!"]),
      finish(),
      DONE,
    ],
    text: "Hello, world!",
  },
  "finish-without-delta": {
    description: "A finish chunk whose choice has `finish_reason` but no `delta` key.",
    quirks: [13],
    frames: [...hello(), chunk([choice(undefined, 0, { finish_reason: "stop" })]), DONE],
    text: "Hello, world!",
  },
  "unknown-fields": {
    description:
      "Unknown fields on chunks and choices: `obfuscation` padding, `x_groq`, `system_fingerprint`, `native_finish_reason`, `content_filter_results`, `service_tier`.",
    quirks: [14],
    frames: [
      role(0, { system_fingerprint: "fp_mock", service_tier: "default", x_groq: { id: "req_mock" } }),
      ...HELLO.map((token, index) => text(token, 0, { obfuscation: "x".repeat(index + 3) })),
      chunk([
        choice({}, 0, {
          finish_reason: "stop",
          native_finish_reason: "end_turn",
          content_filter_results: {},
        }),
      ]),
      DONE,
    ],
    text: "Hello, world!",
  },
  "n2-interleaved": {
    description: "`n: 2`: the chunks of choices 0 and 1 interleaved.",
    quirks: [15],
    frames: [
      role(0),
      role(1),
      text("Hello", 0),
      text("Bonjour", 1),
      text(", world!", 0),
      text(", le monde !", 1),
      finish("stop", 1),
      finish("stop", 0),
      DONE,
    ],
    text: "Hello, world!",
  },
  "logprobs-stream": {
    description: "Content logprobs on each streamed chunk.",
    quirks: [16],
    frames: [
      role(),
      ...HELLO.map((token, index) =>
        chunk([
          choice({ content: token }, 0, {
            logprobs: { content: [logprob(token, -0.1 * (index + 1))], refusal: null },
          }),
        ]),
      ),
      finish(),
      DONE,
    ],
    text: "Hello, world!",
  },
  refusal: {
    description: "A refusal in `refusal` deltas (with refusal logprobs), content left empty.",
    quirks: [16, 17],
    frames: [
      chunk([choice({ role: "assistant", content: null, refusal: "" })]),
      ...["I'm sorry", ", I can't", " help with that."].map((piece) =>
        chunk([
          choice({ refusal: piece }, 0, { logprobs: { content: null, refusal: [logprob(piece, -0.5)] } }),
        ]),
      ),
      finish(),
      DONE,
    ],
    text: "",
  },
  "no-finish-reason": {
    description: "`[DONE]` with no chunk ever carrying a `finish_reason`.",
    quirks: [27],
    frames: [...hello(), DONE],
    text: "Hello, world!",
  },
};
