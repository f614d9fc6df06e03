import type { MockTranscript } from "../types";
import { chunkTranscripts } from "./chunks";
import { framingTranscripts } from "./framing";
import { reasoningTranscripts } from "./reasoning";
import { toolTranscripts } from "./tools";

/**
 * Canned streams for the real-world quirks of QUIRKS.md, by name. Each is
 * served as the scenario `quirk-<name>`; the data is also handy to feed an
 * SSE parser directly (join the frames, objects as `data: <JSON>\n\n`).
 */
export const quirkTranscripts: Readonly<Record<string, MockTranscript>> = {
  ...framingTranscripts,
  ...chunkTranscripts,
  ...reasoningTranscripts,
  ...toolTranscripts,
};

/** The raw body of a transcript: its frames joined, objects written as `data: <JSON>\n\n`. */
export function transcriptBody(transcript: MockTranscript): string {
  return transcript.frames
    .map((frame) => (typeof frame === "string" ? frame : `data: ${JSON.stringify(frame)}\n\n`))
    .join("");
}
