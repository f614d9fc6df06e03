/** The contenders of each figure, in table order, with their labels. */

export const DECODE_CONTENDERS = [
  { id: "floor", label: "FLOOR: TextDecoder + indexOf + JSON.parse" },
  { id: "eventsource-parser", label: "eventsource-parser + JSON.parse" },
  { id: "openai-node", label: "openai-node `Stream.fromSSEResponse`" },
  { id: "ai-sdk", label: "AI SDK `parseJsonEventStream` (schema `z.any()`)" },
  { id: "ai-sdk-schema", label: "AI SDK `parseJsonEventStream` + @ai-sdk/openai's chunk schema" },
  { id: "r9s-parser", label: "**@r9s/core** `createSSEParser` + JSON.parse" },
  { id: "r9s-parser-accumulator", label: "**@r9s/core** parser + JSON.parse + `ChatCompletionAccumulator`" },
  { id: "r9s-parse-sse", label: "**@r9s/core** `parseSSE` (ReadableStream) + JSON.parse" },
  { id: "r9s-chat-stream", label: "**@r9s/core** `ChatStream.fromReadableStream` (for await)" },
] as const;

export const CLIENTS = [
  { id: "raw-http", label: "raw node:http (keep-alive) + FLOOR" },
  { id: "raw-fetch", label: "raw fetch + FLOOR" },
  { id: "openai-node", label: "openai-node" },
  { id: "r9s-node", label: "**@r9s/node**" },
  { id: "r9s-fetch", label: "**@r9s/fetch**" },
] as const;

export const REACT_CONTENDERS = [
  { id: "r9s-react", label: "**@r9s/react** `useChat` (+ @r9s/fetch)" },
  { id: "ai-sdk-react", label: "@ai-sdk/react `useChat`" },
  { id: "ai-sdk-react-throttle", label: "@ai-sdk/react `useChat`, `experimental_throttle: 16`" },
  { id: "fetch-floor", label: "floor: raw fetch + FLOOR, no React (receiving the tokens)" },
] as const;

export const MEMORY_CONTENDERS = [
  { id: "empty", label: 'deltas `content: ""` (nothing to accumulate)' },
  { id: "x", label: 'deltas `content: "x"` (the answer grows by 1 char per chunk)' },
] as const;
