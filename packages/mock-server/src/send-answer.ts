import type { ChatCompletionChunk } from "@r9s/core";
import type { AnswerPlan } from "./answer";
import { sendJson } from "./error-body";
import { chunksOf, completionOf } from "./render-answer";
import { createStreamWriter, sendStreamHeaders, sleep } from "./sse-writer";
import type { MockScenarioContext, MockStreamWriter, MockTranscript } from "./types";

/**
 * Writes chunks one `data:` event each, with `delayMs` between them. Returns
 * `false` as soon as the client is gone, so no timer or write outlives it.
 */
export async function writeChunks(
  writer: MockStreamWriter,
  chunks: readonly ChatCompletionChunk[],
  delayMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && delayMs > 0 && !(await sleep(delayMs, signal))) return false;
    if (!(await writer.data(chunk))) return false;
  }
  return true;
}

/** Sends a plan as the request asks: a `chat.completion` JSON, or a stream ended by `[DONE]`. */
export async function sendPlan(
  context: MockScenarioContext,
  plan: AnswerPlan,
  delayMs: number,
): Promise<void> {
  if (!context.request.stream) {
    sendJson(context.response, 200, completionOf(plan));
    return;
  }
  const writer = context.startStream();
  if (await writeChunks(writer, chunksOf(plan), delayMs, context.signal)) await writer.done();
}

/**
 * Starts a stream and writes the first `count` chunks of the plan; the
 * scenario then breaks the stream its own way. Resolves `undefined` when the
 * client left meanwhile.
 */
export async function streamPrefix(
  context: MockScenarioContext,
  plan: AnswerPlan,
  count: number,
): Promise<MockStreamWriter | undefined> {
  const writer = context.startStream();
  const chunks = chunksOf(plan).slice(0, Math.max(0, count));
  if (!(await writeChunks(writer, chunks, context.tokenDelayMs, context.signal))) return undefined;
  if (chunks.length > 0 && context.tokenDelayMs > 0 && !(await context.sleep(context.tokenDelayMs)))
    return undefined;
  return writer;
}

/** Sends a canned transcript frame by frame, with the token delay between frames. */
export async function sendTranscript(
  context: MockScenarioContext,
  transcript: MockTranscript,
): Promise<void> {
  const { response, signal } = context;
  const headers = { "content-type": "text/event-stream; charset=utf-8", ...transcript.headers };
  if (headers["content-type"].startsWith("text/event-stream")) {
    sendStreamHeaders(response, transcript.status ?? 200, headers);
  } else {
    response.writeHead(transcript.status ?? 200, headers);
  }
  const writer = createStreamWriter(response, signal);
  for (const [index, frame] of transcript.frames.entries()) {
    if (index > 0 && context.tokenDelayMs > 0 && !(await sleep(context.tokenDelayMs, signal))) return;
    const written = typeof frame === "string" ? await writer.write(frame) : await writer.data(frame);
    if (!written) return;
  }
  writer.end();
}
