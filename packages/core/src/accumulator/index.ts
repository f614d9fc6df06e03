export type { ChatCompletionAccumulatorOptions } from "./chat-completion-accumulator";
export { ChatCompletionAccumulator } from "./chat-completion-accumulator";
export { inBandErrorOf } from "./in-band-error";
export type {
  ThinkExtractor,
  ThinkExtractorFactory,
  ThinkExtractorOptions,
  ThinkPiece,
} from "./think-extractor";
export { createThinkExtractor } from "./think-extractor";
export type { ParsedToolCall, ToolCallArgumentsResult } from "./tool-call-arguments";
export { parseToolCallArguments, toolCallsOf } from "./tool-call-arguments";
