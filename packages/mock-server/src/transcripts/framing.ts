import type { MockTranscript } from "../types";
import { DONE, event, finish, role, splitAfter, text, texts } from "./helpers";

const HELLO = ["Hello", ",", " world", "!"];
const helloEvents = () => [role(), ...texts(HELLO), finish()];

/** SSE framing quirks (QUIRKS.md 1–8). */
export const framingTranscripts: Record<string, MockTranscript> = {
  "no-space-after-colon": {
    description: "`data:{…}` with no space after the colon on every line.",
    quirks: [1],
    frames: [...helloEvents().map((payload) => event(payload, "\n", false)), "data:[DONE]\n\n"],
    text: "Hello, world!",
  },
  crlf: {
    description:
      "CRLF line endings, then CR-only and LF-only events (mixed), with one `\\r\\n\\r\\n` split between two writes.",
    quirks: [2],
    frames: [
      event(role(), "\r\n"),
      // The blank line that ends this event arrives in two writes: "…\r\n\r", then "\n".
      event(text("Hello"), "\r\n").slice(0, -1),
      "\n",
      event(text(","), "\r"),
      event(text(" world"), "\n"),
      event(text("!"), "\r\n"),
      event(finish(), "\r\n"),
      "data: [DONE]\r\n\r\n",
    ],
    text: "Hello, world!",
  },
  bom: {
    description: "A UTF-8 BOM before the first event; CJK and emoji content.",
    quirks: [3],
    frames: [`\uFEFF${event(role())}`, ...texts(["你好", "，", "世界", " 🌍"]), finish(), DONE],
    text: "你好，世界 🌍",
  },
  "split-json": {
    description: "Several events in one write, and one JSON payload split mid-key across two writes.",
    quirks: [4],
    frames: [
      event(role()) + event(text("Hello")),
      ...splitAfter(event(text(",")), '"con'),
      event(text(" world")) + event(text("!")) + event(finish()) + DONE,
    ],
    text: "Hello, world!",
  },
  comments: {
    description:
      "Comment lines between events: `: OPENROUTER PROCESSING`, `: R9S PROCESSING`, `: keepalive`, bare `:`.",
    quirks: [5],
    frames: [
      ": OPENROUTER PROCESSING\n\n",
      ": R9S PROCESSING\n\n",
      role(),
      text("Hello"),
      ": keepalive\n\n",
      text(","),
      ":\n\n",
      ...texts([" world", "!"]),
      finish(),
      DONE,
    ],
    text: "Hello, world!",
  },
  "empty-events": {
    description:
      "Blank lines after only an `id:` line or only a comment (no event), and `id:` fields on events.",
    quirks: [6],
    frames: [
      "id: 0\n\n",
      ": ping\n\n",
      role(),
      `id: 1\n${event(text("Hello"))}`,
      "id: 2\n\n",
      "\n\n",
      ...texts([", world", "!"]),
      finish(),
      DONE,
    ],
    text: "Hello, world!",
  },
  "non-json-data-line": {
    description:
      "A `data:` line that is neither JSON nor `[DONE]` (a gateway rewrapped a comment) mid-stream.",
    quirks: [7],
    frames: [
      role(),
      text("Hello"),
      "data: OPENROUTER PROCESSING\n\n",
      ...texts([", world", "!"]),
      finish(),
      DONE,
    ],
    text: "Hello, world!",
  },
  "one-blob": {
    description: "The whole stream in one write (proxy buffering).",
    quirks: [8],
    frames: [
      helloEvents()
        .map((payload) => event(payload))
        .join("") + DONE,
    ],
    text: "Hello, world!",
  },
};
