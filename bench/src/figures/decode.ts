/**
 * Figure 1, one process: decode a chat stream, already in memory as byte
 * pieces, into chunk objects with one contender, and time it.
 */
import { parseJsonEventStream, zodSchema } from "@ai-sdk/provider-utils";
import { ChatCompletionAccumulator, ChatStream } from "@r9s/core";
import { createSSEParser, parseSSE } from "@r9s/core/sse";
import { createParser } from "eventsource-parser";
import { Stream } from "openai/core/streaming";
import { z } from "zod";
import { childArguments, collectGarbage, runChild } from "../shared/child";
import { chatStreamText, splitBytes } from "../shared/fixture";
import { createFloorDecoder } from "../shared/floor";

export interface DecodeArguments {
  contender: string;
  chunks: number;
  warmupChunks: number;
  /** Timed passes over the stream; the fastest (least disturbed by the machine) is reported. */
  repetitions: number;
  pieces: "network" | "tiny";
}

/** Each decoder, from byte pieces to chunk objects; resolves with the number of chunks. */
const decoders = {
  floor: (pieces: Uint8Array[]) => {
    let count = 0;
    const decoder = createFloorDecoder((chunk) => {
      count += (chunk as { choices: unknown[] }).choices.length >= 0 ? 1 : 0;
    });
    for (const piece of pieces) decoder.feed(piece);
    return count;
  },
  "eventsource-parser": (pieces: Uint8Array[]) => {
    let count = 0;
    const decoder = new TextDecoder();
    const parser = createParser({
      onEvent(event) {
        if (event.data === "[DONE]") return;
        const chunk = JSON.parse(event.data) as { choices: unknown[] };
        count += chunk.choices.length >= 0 ? 1 : 0;
      },
    });
    for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
    return count;
  },
  "openai-node": async (pieces: Uint8Array[]) => {
    let count = 0;
    const stream = Stream.fromSSEResponse(new Response(readableOf(pieces)), new AbortController());
    for await (const chunk of stream) count += (chunk as { choices: unknown[] }).choices.length >= 0 ? 1 : 0;
    return count;
  },
  "ai-sdk": (pieces: Uint8Array[]) => readAiSdk(pieces, permissiveSchema),
  "ai-sdk-schema": (pieces: Uint8Array[]) => readAiSdk(pieces, chunkSchema),
  "r9s-parser": (pieces: Uint8Array[]) => {
    let count = 0;
    const parser = createSSEParser({
      onEvent(event) {
        if (event.data === "[DONE]") return;
        const chunk = JSON.parse(event.data) as { choices: unknown[] };
        count += chunk.choices.length >= 0 ? 1 : 0;
      },
    });
    for (const piece of pieces) parser.feed(piece);
    parser.end();
    return count;
  },
  "r9s-parser-accumulator": (pieces: Uint8Array[]) => {
    let count = 0;
    const accumulator = new ChatCompletionAccumulator();
    const parser = createSSEParser({
      onEvent(event) {
        if (event.data === "[DONE]") return;
        accumulator.add(JSON.parse(event.data));
        count++;
      },
    });
    for (const piece of pieces) parser.feed(piece);
    parser.end();
    const completion = accumulator.snapshot();
    if (completion.choices[0]?.finish_reason !== "stop") throw new Error("accumulator lost the finish chunk");
    return count;
  },
  "r9s-parse-sse": async (pieces: Uint8Array[]) => {
    let count = 0;
    for await (const event of parseSSE(readableOf(pieces))) {
      if (event.data === "[DONE]") continue;
      const chunk = JSON.parse(event.data) as { choices: unknown[] };
      count += chunk.choices.length >= 0 ? 1 : 0;
    }
    return count;
  },
  "r9s-chat-stream": async (pieces: Uint8Array[]) => {
    let count = 0;
    for await (const chunk of ChatStream.fromReadableStream(readableOf(pieces))) {
      count += chunk.choices ? 1 : 0;
    }
    return count;
  },
} satisfies Record<string, (pieces: Uint8Array[]) => number | Promise<number>>;

// What the AI SDK's own providers pass: a zod schema. `z.any()` validates
// nothing, so this row is the AI SDK's parsing pipeline alone.
const permissiveSchema = zodSchema(z.any());
// The chat chunk schema @ai-sdk/openai validates each chunk with (its
// `openaiChatChunkSchema`, not exported; the fields this stream uses, copied).
const nullishNumber = z.number().nullish();
const chunkSchema = zodSchema(
  z.union([
    z.object({
      id: z.string().nullish(),
      created: z.number().nullish(),
      model: z.string().nullish(),
      choices: z.array(
        z.object({
          delta: z
            .object({
              role: z.enum(["assistant"]).nullish(),
              content: z.string().nullish(),
              refusal: z.string().nullish(),
              tool_calls: z
                .array(
                  z.object({
                    index: z.number(),
                    id: z.string().nullish(),
                    type: z.literal("function").nullish(),
                    function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }),
                  }),
                )
                .nullish(),
            })
            .nullish(),
          logprobs: z
            .object({
              content: z
                .array(
                  z.object({
                    token: z.string(),
                    logprob: z.number(),
                    top_logprobs: z.array(z.object({ token: z.string(), logprob: z.number() })),
                  }),
                )
                .nullish(),
            })
            .nullish(),
          finish_reason: z.string().nullish(),
          index: z.number(),
        }),
      ),
      usage: z
        .object({
          prompt_tokens: nullishNumber,
          completion_tokens: nullishNumber,
          total_tokens: nullishNumber,
          prompt_tokens_details: z.object({ cached_tokens: nullishNumber }).nullish(),
          completion_tokens_details: z
            .object({
              reasoning_tokens: nullishNumber,
              accepted_prediction_tokens: nullishNumber,
              rejected_prediction_tokens: nullishNumber,
            })
            .nullish(),
        })
        .nullish(),
    }),
    z.object({
      error: z.object({
        message: z.string(),
        type: z.string().nullish(),
        param: z.any().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
      }),
    }),
  ]),
);

async function readAiSdk(pieces: Uint8Array[], schema: typeof permissiveSchema): Promise<number> {
  let count = 0;
  const reader = parseJsonEventStream({ stream: readableOf(pieces), schema }).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return count;
    if (!value.success) throw value.error;
    count += (value.value as { choices: unknown[] }).choices.length >= 0 ? 1 : 0;
  }
}

/** The pieces as a body stream that hands out one piece per read, as a socket does. */
function readableOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < pieces.length) controller.enqueue(pieces[index++] as Uint8Array);
      else controller.close();
    },
  });
}

const PIECE_SIZES = { network: [512, 16 * 1024], tiny: [1, 64] } as const;

function piecesOf(chunks: number, kind: DecodeArguments["pieces"]): { pieces: Uint8Array[]; bytes: number } {
  const bytes = new TextEncoder().encode(chatStreamText(chunks).sse);
  const [min, max] = PIECE_SIZES[kind];
  return { pieces: splitBytes(bytes, min, max), bytes: bytes.length };
}

runChild(async () => {
  const options = childArguments<DecodeArguments>();
  const decode = decoders[options.contender as keyof typeof decoders];
  if (decode === undefined) throw new Error(`unknown decode contender ${options.contender}`);
  // Warm up (JIT) on a smaller stream cut the same way, then time one full pass.
  const warmup = piecesOf(options.warmupChunks, options.pieces);
  for (let round = 0; round < 3; round++) await decode(warmup.pieces);
  const { pieces, bytes } = piecesOf(options.chunks, options.pieces);
  let ms = Number.POSITIVE_INFINITY;
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    collectGarbage();
    const started = performance.now();
    const count = await decode(pieces);
    ms = Math.min(ms, performance.now() - started);
    if (count !== options.chunks) throw new Error(`decoded ${count} chunks, expected ${options.chunks}`);
  }
  return { ms, bytes, pieces: pieces.length, mbPerSecond: bytes / 1e6 / (ms / 1000) };
});
