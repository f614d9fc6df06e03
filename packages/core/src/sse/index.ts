/**
 * `@r9s/core/sse`: a fast, WHATWG-exact parser for `text/event-stream` bodies,
 * usable on its own by other SDKs.
 *
 * @packageDocumentation
 */
export type { ParseSSEOptions } from "./parse-sse";
export { parseSSE } from "./parse-sse";
export { createSSEParser } from "./sse-parser";
export type { SSEEvent, SSEParser, SSEParserOptions } from "./types";
