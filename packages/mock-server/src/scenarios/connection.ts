import { planAnswer } from "../answer";
import { loremTokens, tokenize } from "../compose";
import { chunksOf, completionOf } from "../render-answer";
import { sendPlan, streamPrefix } from "../send-answer";
import { sendStreamHeaders, untilAborted } from "../sse-writer";
import type { MockScenarioContext, MockStreamWriter } from "../types";
import type { BuiltinScenario } from "./builtin";

/** Text of the `utf8-split` scenario: CJK, emoji and accents, all multi-byte in UTF-8. */
export const UTF8_SPLIT_TEXT = "你好，世界！🌍 Grüße aus Köln — こんにちは 🚀✨";

const plan = (context: MockScenarioContext, tokens?: string[]) =>
  planAnswer(context.request.body, context.request.sequence, tokens);

/** Chunks sent before a stream is broken: the role chunk and two tokens, unless `after-chunks` says. */
const afterChunks = (context: MockScenarioContext) => context.numberParam("after-chunks", 3);

/** Resets the connection once what was written has left Node's buffers, so the client gets it first. */
async function flushThenDestroy(context: MockScenarioContext): Promise<void> {
  const socket = context.response.socket;
  if (socket && socket.writableLength > 0 && !socket.destroyed) {
    // An empty write's callback runs once every earlier write has reached the kernel.
    await new Promise<void>((resolve) => {
      socket.write(Buffer.alloc(0), () => resolve());
      socket.once("close", resolve);
    });
  }
  context.destroy();
}

/** The first half of the non-streamed answer, under headers that promise all of it. */
async function halfCompletion(context: MockScenarioContext, declareLength: boolean): Promise<boolean> {
  const text = JSON.stringify(completionOf(plan(context)));
  context.response.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    ...(declareLength ? { "content-length": String(Buffer.byteLength(text)) } : {}),
  });
  return context.startStream().write(text.slice(0, Math.floor(text.length / 2)));
}

async function keepalives(context: MockScenarioContext, writer: MockStreamWriter): Promise<void> {
  const interval = Math.max(1, context.numberParam("interval-ms", 100));
  while (await writer.comment("keepalive")) {
    if (!(await context.sleep(interval))) return;
  }
}

/** Cuts UTF-8 bytes right after the lead byte of every multi-byte character. */
export function splitInsideCharacters(bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let index = 1; index < bytes.length; index++) {
    const isContinuation = bytes[index]! >= 0x80 && bytes[index]! < 0xc0;
    if (isContinuation && bytes[index - 1]! >= 0xc0) {
      pieces.push(bytes.subarray(start, index));
      start = index;
    }
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

async function writeSplit(
  context: MockScenarioContext,
  writer: MockStreamWriter,
  text: string,
): Promise<boolean> {
  const delay = context.numberParam("delay-ms", 2);
  for (const piece of splitInsideCharacters(Buffer.from(text))) {
    if (!(await writer.write(piece)) || !(await context.sleep(delay))) return false;
  }
  return true;
}

async function utf8Split(context: MockScenarioContext): Promise<void> {
  const answer = plan(context, tokenize(UTF8_SPLIT_TEXT));
  if (!context.request.stream) {
    context.response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    const writer = context.startStream();
    if (await writeSplit(context, writer, JSON.stringify(completionOf(answer)))) writer.end();
    return;
  }
  const writer = context.startStream();
  for (const chunk of chunksOf(answer)) {
    if (!(await writeSplit(context, writer, `data: ${JSON.stringify(chunk)}\n\n`))) return;
  }
  await writer.done();
}

/** Scenarios that break the connection or the stream. */
export const connectionScenarios: Record<string, BuiltinScenario> = {
  "reset-before-headers": {
    description: "Reads the request, then resets the connection before any response byte.",
    handle: (context) => context.destroy(),
  },
  "reset-mid-stream": {
    description:
      "Streams `after-chunks` chunks (default 3), then resets the connection. Not streaming: half the JSON under a full `content-length`, then a reset.",
    async handle(context) {
      const written = context.request.stream
        ? await streamPrefix(context, plan(context), afterChunks(context))
        : await halfCompletion(context, true);
      if (written) await flushThenDestroy(context);
    },
  },
  "eof-no-done": {
    description:
      "Streams every chunk (or `after-chunks`) and ends the response cleanly without `data: [DONE]`. Not streaming: half the JSON, then a clean end.",
    async handle(context) {
      const answer = plan(context);
      const count = context.numberParam("after-chunks", Number.POSITIVE_INFINITY);
      const written = context.request.stream
        ? await streamPrefix(context, answer, count)
        : await halfCompletion(context, false);
      if (written) context.response.end();
    },
  },
  "stall-before-headers": {
    description: "Reads the request and never answers, until the client goes away.",
    handle: (context) => untilAborted(context.signal),
  },
  stall: {
    description: "Sends the response headers (event stream, or JSON when not streaming), then nothing.",
    async handle(context) {
      if (context.request.stream) sendStreamHeaders(context.response);
      else {
        context.response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        context.response.flushHeaders();
      }
      await untilAborted(context.signal);
    },
  },
  "stall-after-content": {
    description: "Streams `after-chunks` chunks (default 3), then nothing, until the client goes away.",
    async handle(context) {
      if (await streamPrefix(context, plan(context), afterChunks(context)))
        await untilAborted(context.signal);
    },
  },
  keepalive: {
    description: "An event stream of `: keepalive` comments every `interval-ms` (default 100) and no data.",
    handle: (context) => keepalives(context, context.startStream()),
  },
  "keepalive-after-content": {
    description:
      "Streams `after-chunks` chunks (default 3), then only `: keepalive` comments every `interval-ms`.",
    async handle(context) {
      const writer = await streamPrefix(context, plan(context), afterChunks(context));
      if (writer) await keepalives(context, writer);
    },
  },
  "slow-drip": {
    description: "The normal answer with `delay-ms` (default 200) between chunks.",
    handle: (context) => context.answer({ tokenDelayMs: context.numberParam("delay-ms", 200) }),
  },
  "utf8-split": {
    description:
      "Answers `" +
      UTF8_SPLIT_TEXT +
      "`, writing the bytes in pieces cut inside multi-byte characters, `delay-ms` (default 2) apart.",
    handle: utf8Split,
  },
  large: {
    description:
      "A long lorem answer of `tokens` tokens (default 20000): about 2 MB of events, or a ~140 KB JSON body; no token delay unless `token-delay-ms` is given.",
    handle(context) {
      const delay = context.params["token-delay-ms"] !== undefined ? context.tokenDelayMs : 0;
      return sendPlan(context, plan(context, loremTokens(context.numberParam("tokens", 20_000))), delay);
    },
  },
};
