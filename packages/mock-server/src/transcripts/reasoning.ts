import type { MockTranscript } from "../types";
import { choice, chunk, DONE, finish, texts, usage } from "./helpers";

const THOUGHTS = ["Okay", ", the user", " says hi.", " I should", " greet back."];

/** Reasoning quirks (QUIRKS.md 18–20, and usage on the finish chunk, 10). */
export const reasoningTranscripts: Record<string, MockTranscript> = {
  "deepseek-reasoning": {
    description:
      "DeepSeek: `reasoning_content` deltas (content `null`), then content deltas (`reasoning_content: null`), usage on the finish chunk.",
    quirks: [10, 18],
    frames: [
      chunk([choice({ role: "assistant", content: null, reasoning_content: "" })]),
      ...THOUGHTS.map((thought) => chunk([choice({ content: null, reasoning_content: thought })])),
      ...["Hello", "! How can", " I help?"].map((piece) =>
        chunk([choice({ content: piece, reasoning_content: null })]),
      ),
      chunk([choice({ content: "", reasoning_content: null }, 0, { finish_reason: "stop" })], {
        usage: { ...usage(9, 40), completion_tokens_details: { reasoning_tokens: 32 } },
      }),
      DONE,
    ],
    text: "Hello! How can I help?",
  },
  "groq-reasoning": {
    description: "Groq / OpenRouter: reasoning in `reasoning` deltas, then content.",
    quirks: [18],
    frames: [
      chunk([choice({ role: "assistant", content: "" })]),
      ...THOUGHTS.map((thought) => chunk([choice({ reasoning: thought })])),
      ...texts(["Hello", "! How can", " I help?"]),
      finish(),
      DONE,
    ],
    text: "Hello! How can I help?",
  },
  "reasoning-only": {
    description: 'Only reasoning, then `finish_reason: "stop"` with empty content.',
    quirks: [19],
    frames: [
      chunk([choice({ role: "assistant", content: "", reasoning_content: "" })]),
      ...THOUGHTS.map((thought) => chunk([choice({ reasoning_content: thought })])),
      finish(),
      DONE,
    ],
    text: "",
  },
  "think-tags": {
    description: "`<think>…</think>` inline in content, both tags split across chunks (open-weight hosts).",
    quirks: [20],
    frames: [
      chunk([choice({ role: "assistant", content: "" })]),
      ...texts(["<thi", "nk>The user", " says hi.</th", "ink>", "Hello", "! How can", " I help?"]),
      finish(),
      DONE,
    ],
    text: "<think>The user says hi.</think>Hello! How can I help?",
  },
};
