import type { ChatCompletionAudio } from "../wire/audio";
import type { ChatCompletionChoice, FinishReason } from "../wire/completion";
import type { ChatCompletionLogprobs, ChatCompletionTokenLogprob } from "../wire/logprobs";
import type { ChatCompletionMessage, ChatCompletionMessageToolCall } from "../wire/message";
import { contentPartsText } from "./content-parts";
import { appendAll, type FunctionCallState, foldAudio, foldFunctionCall } from "./delta-parts";
import { TextBuffer } from "./text-buffer";
import type { ThinkExtractor, ThinkPiece } from "./think-extractor";
import { ToolCallMerger } from "./tool-call-merger";
import { assignFields, type FieldBag, isRecord, rememberField } from "./unknown-fields";

/**
 * The state of one choice (one `index`) of a stream. Text is kept as string
 * concatenation (cheap ropes in V8) and logprobs as arrays appended in place, so
 * `add` costs O(delta size); `build` makes fresh objects that later deltas never
 * touch. A class for a stable object shape on the hot path; internal to the accumulator.
 */
export class ChoiceAccumulator {
  private role: string | undefined = undefined;
  private readonly content = new TextBuffer();
  /** Whether any string `content` delta arrived, even `""`. */
  private hasContent = false;
  private readonly refusal = new TextBuffer();
  private readonly reasoning = new TextBuffer();
  private finishReason: FinishReason | null = null;
  private hasLogprobs = false;
  private contentLogprobs: ChatCompletionTokenLogprob[] | null = null;
  private refusalLogprobs: ChatCompletionTokenLogprob[] | null = null;
  private audio: ChatCompletionAudio | undefined = undefined;
  private toolCalls: ToolCallMerger | undefined = undefined;
  private functionCall: FunctionCallState | undefined = undefined;
  private messageFields: FieldBag | undefined = undefined;
  private choiceFields: FieldBag | undefined = undefined;

  constructor(
    readonly index: number,
    private readonly think: ThinkExtractor | undefined,
  ) {}

  /** Folds one chunk choice with this index. */
  add(choice: Record<string, unknown>): void {
    let finished = false;
    for (const key in choice) {
      const value = choice[key];
      switch (key) {
        case "index":
          break;
        case "delta":
          if (isRecord(value)) this.addDelta(value);
          break;
        case "finish_reason":
          if (typeof value === "string" && value !== "") {
            this.finishReason = value;
            finished = true;
          }
          break;
        case "logprobs":
          if (isRecord(value)) this.addLogprobs(value);
          break;
        default:
          this.choiceFields = rememberField(this.choiceFields, key, value);
      }
    }
    // A finished choice gets no more content: release a tail held back as a possible tag.
    if (finished && this.think !== undefined) this.addPiece(this.think.flush());
  }

  /**
   * Builds the choice as it stands. `content` is the concatenation of the
   * string content deltas; when none arrived it is `""` if the choice finished
   * with `"stop"` or `"length"` with no tool calls and no refusal (a
   * reasoning-only or empty answer, Q19), else `null`. `refusal` is `null`
   * until refusal text arrives; `reasoning_content` is set once reasoning text arrives.
   */
  build(): ChatCompletionChoice {
    let content = this.content.text();
    let reasoning = this.reasoning.text();
    if (this.think !== undefined) {
      const held = this.think.peek();
      content += held.content;
      reasoning += held.reasoning;
    }
    const toolCalls =
      this.toolCalls !== undefined && this.toolCalls.size > 0 ? this.toolCalls.build() : undefined;
    const refusal = this.refusal.empty ? null : this.refusal.text();
    const message: ChatCompletionMessage = {
      role: (this.role ?? "assistant") as "assistant",
      content: this.hasContent ? content : this.emptyContent(toolCalls, refusal),
      refusal,
    };
    if (reasoning !== "") message.reasoning_content = reasoning;
    if (toolCalls !== undefined) message.tool_calls = toolCalls;
    if (this.functionCall !== undefined) message.function_call = { ...this.functionCall };
    if (this.audio !== undefined) message.audio = { ...this.audio };
    assignFields(message, this.messageFields);
    const choice: ChatCompletionChoice = {
      index: this.index,
      message,
      finish_reason: this.finishReason,
      logprobs: this.buildLogprobs(),
    };
    return assignFields(choice, this.choiceFields);
  }

  private emptyContent(
    toolCalls: ChatCompletionMessageToolCall[] | undefined,
    refusal: string | null,
  ): "" | null {
    const answered = this.finishReason === "stop" || this.finishReason === "length";
    return answered && toolCalls === undefined && refusal === null ? "" : null;
  }

  private addDelta(delta: Record<string, unknown>): void {
    let reasoningContent: unknown;
    let reasoning: unknown;
    for (const key in delta) {
      const value = delta[key];
      switch (key) {
        case "role":
          if (typeof value === "string" && value !== "") this.role = value;
          break;
        case "content":
          this.addContent(value);
          break;
        case "refusal":
          if (typeof value === "string") this.refusal.push(value);
          break;
        case "reasoning_content":
          reasoningContent = value;
          break;
        case "reasoning":
          reasoning = value;
          break;
        case "tool_calls":
          if (Array.isArray(value)) {
            if (this.toolCalls === undefined) this.toolCalls = new ToolCallMerger();
            this.toolCalls.add(value);
          }
          break;
        case "audio":
          if (isRecord(value)) this.audio = foldAudio(this.audio, value);
          break;
        case "function_call":
          if (isRecord(value)) this.functionCall = foldFunctionCall(this.functionCall, value);
          break;
        default:
          this.messageFields = rememberField(this.messageFields, key, value);
      }
    }
    // One reasoning channel (Q18). Some servers send the same text under both names: take it once.
    if (typeof reasoningContent === "string" && reasoningContent !== "")
      this.reasoning.push(reasoningContent);
    else if (typeof reasoning === "string") this.reasoning.push(reasoning);
    // A structured `reasoning` value is not text: keep it as an unknown field.
    if (reasoning != null && typeof reasoning !== "string") {
      this.messageFields = rememberField(this.messageFields, "reasoning", reasoning);
    }
  }

  private addContent(value: unknown): void {
    if (typeof value === "string") {
      this.hasContent = true;
      if (this.think === undefined) this.content.push(value);
      else this.addPiece(this.think.push(value));
    } else if (Array.isArray(value)) {
      const piece = contentPartsText(value);
      if (piece.content !== "") this.hasContent = true;
      this.addPiece(piece);
    }
  }

  private addPiece(piece: ThinkPiece): void {
    this.content.push(piece.content);
    this.reasoning.push(piece.reasoning);
  }

  private addLogprobs(logprobs: Record<string, unknown>): void {
    this.hasLogprobs = true;
    if (Array.isArray(logprobs.content))
      this.contentLogprobs = appendAll(this.contentLogprobs, logprobs.content);
    if (Array.isArray(logprobs.refusal))
      this.refusalLogprobs = appendAll(this.refusalLogprobs, logprobs.refusal);
  }

  private buildLogprobs(): ChatCompletionLogprobs | null {
    if (!this.hasLogprobs) return null;
    return {
      content: this.contentLogprobs === null ? null : this.contentLogprobs.slice(),
      refusal: this.refusalLogprobs === null ? null : this.refusalLogprobs.slice(),
    };
  }
}
