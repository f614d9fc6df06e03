/**
 * The benchmark's chat stream: what an OpenAI-compatible server sends for a
 * long answer, made deterministically from a seed. Each content chunk carries
 * one token, as real servers send them, drawn from a vocabulary that mixes
 * ASCII with 2-, 3- and 4-byte UTF-8 characters, so reads split characters.
 */

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same stream everywhere. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  " the",
  " router",
  " sends",
  " each",
  " request",
  " to",
  " a",
  " model",
  ",",
  ".",
  " and",
  " streams",
  " über",
  " café",
  " naïve",
  " résumé",
  " Straße",
  " 東京",
  "では",
  " 数据",
  "流",
  " Привет",
  " 🙂",
  " 🚀",
  "—",
  " ∑",
  "\n",
  " «ok»",
];

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ID = "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG";
const MODEL = "gpt-4o-mini-2024-07-18";
const CREATED = 1_741_570_283;
const FINGERPRINT = "fp_eb9dce56a8";

/** One `chat.completion.chunk` of the stream, with OpenAI's current field order. */
function contentChunk(content: string, random: () => number): Record<string, unknown> {
  // OpenAI pads chunks with `obfuscation` (random letters) to hide token lengths.
  let padding = "";
  const paddingLength = 1 + Math.floor(random() * 14);
  for (let index = 0; index < paddingLength; index++) {
    padding += LETTERS[Math.floor(random() * LETTERS.length)];
  }
  return {
    id: ID,
    object: "chat.completion.chunk",
    created: CREATED,
    model: MODEL,
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    usage: null,
    obfuscation: padding,
  };
}

/** What a stream of `chunks` chunk events holds: its SSE text, its answer and its chunk count. */
export interface ChatStreamText {
  /** The whole body: `data: {chunk}\n\n` events, then `data: [DONE]\n\n`. */
  sse: string;
  /** The concatenated content of choice 0. */
  answer: string;
  /** Chunk events before `[DONE]` (role chunk, content chunks, finish chunk, usage-only chunk). */
  chunks: number;
}

/**
 * A realistic streamed answer of `chunks` chunk events: a role chunk, content
 * chunks of one token each, a finish chunk, a usage-only chunk (empty
 * `choices`), then `[DONE]`. At least 4 chunks.
 */
export function chatStreamText(chunks: number, seed = 42): ChatStreamText {
  const random = createRandom(seed);
  const events: string[] = [];
  const first = contentChunk("", random);
  (first.choices as Array<{ delta: Record<string, unknown> }>)[0]!.delta = {
    role: "assistant",
    content: "",
    refusal: null,
  };
  events.push(`data: ${JSON.stringify(first)}\n\n`);
  let answer = "";
  for (let index = 0; index < chunks - 3; index++) {
    const token = TOKENS[Math.floor(random() * TOKENS.length)] as string;
    answer += token;
    events.push(`data: ${JSON.stringify(contentChunk(token, random))}\n\n`);
  }
  const finish = contentChunk("", random);
  (finish.choices as Array<Record<string, unknown>>)[0] = {
    index: 0,
    delta: {},
    logprobs: null,
    finish_reason: "stop",
  };
  events.push(`data: ${JSON.stringify(finish)}\n\n`);
  const usage = {
    id: ID,
    object: "chat.completion.chunk",
    created: CREATED,
    model: MODEL,
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
    choices: [],
    usage: {
      prompt_tokens: 19,
      completion_tokens: chunks - 3,
      total_tokens: chunks + 16,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    obfuscation: "Qx",
  };
  events.push(`data: ${JSON.stringify(usage)}\n\n`);
  events.push("data: [DONE]\n\n");
  return { sse: events.join(""), answer, chunks };
}

/**
 * Cuts `bytes` into consecutive pieces of `minSize`…`maxSize` bytes (views,
 * no copies), as a socket delivers them.
 */
export function splitBytes(bytes: Uint8Array, minSize: number, maxSize: number, seed = 7): Uint8Array[] {
  const random = createRandom(seed);
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = minSize + Math.floor(random() * (maxSize - minSize + 1));
    pieces.push(bytes.subarray(offset, Math.min(bytes.length, offset + size)));
    offset += size;
  }
  return pieces;
}

/** The non-streamed answer the request figure serves: a typical short `ChatCompletion`. */
export function completionJSON(): string {
  return JSON.stringify({
    id: ID,
    object: "chat.completion",
    created: CREATED,
    model: MODEL,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: "The router picked a model, sent the request and returned this answer. Ça marche 🙂",
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: 19,
      completion_tokens: 21,
      total_tokens: 40,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
  });
}

/** A content chunk of exactly `content`, as the 1 kHz token stream sends them. */
export function tokenChunkEvent(content: string): string {
  return `data: {"id":"${ID}","object":"chat.completion.chunk","created":${CREATED},"model":"${MODEL}","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}\n\n`;
}

/** The chunks that open and close a token stream. */
export const TOKEN_STREAM_START = `data: {"id":"${ID}","object":"chat.completion.chunk","created":${CREATED},"model":"${MODEL}","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
export const TOKEN_STREAM_END = `data: {"id":"${ID}","object":"chat.completion.chunk","created":${CREATED},"model":"${MODEL}","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`;

/** The `index`-th token of the React figure's answers (the same for both hooks). */
export function answerToken(index: number): string {
  return TOKENS[index % TOKENS.length] as string;
}
