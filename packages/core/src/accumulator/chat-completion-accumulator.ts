import type { ChatCompletionChunk } from "../wire/chunk";
import type { ChatCompletion, ChatCompletionChoice } from "../wire/completion";
import type { CompletionUsage } from "../wire/usage";
import { ChoiceAccumulator } from "./choice-accumulator";
import type { ThinkExtractorFactory } from "./think-extractor";
import { assignFields, type FieldBag, isRecord, nonEmptyString, rememberField } from "./unknown-fields";

/** Options of a {@link ChatCompletionAccumulator}. */
export interface ChatCompletionAccumulatorOptions {
  /**
   * Move `<think>…</think>` blocks inlined in content (open-weight models) into
   * `message.reasoning_content`: pass `createThinkExtractor`, or a function that
   * calls it with other tags. A factory (not a flag) keeps the extractor out of
   * bundles that never use it.
   * @default undefined (content is kept as sent)
   * @example new ChatCompletionAccumulator({ extractThinkTags: createThinkExtractor })
   * @see createThinkExtractor
   */
  extractThinkTags?: ThinkExtractorFactory | undefined;
}

/**
 * Folds the chunks of a streamed chat completion into the `ChatCompletion` a
 * non-streamed request would have returned.
 *
 * - Choices by `index` (`n > 1`, interleaved), dense and sorted by index.
 * - Per choice: `content`, `refusal`, reasoning (`reasoning_content` and
 *   `reasoning` into one `message.reasoning_content`), tool calls (merged by
 *   index, else by id, else into the latest call; id, type and name from the
 *   first fragment that has them; arguments concatenated, never parsed),
 *   logprobs (concatenated), audio (data and transcript concatenated), the last
 *   non-null `finish_reason` (`null` while none arrived, also after `[DONE]`) and `role`.
 * - `content` is the concatenation of the string content deltas (a first `""`
 *   makes it `""`). When none arrived it is `""` if the choice finished with
 *   `"stop"` or `"length"` and has no tool calls and no refusal (an empty or
 *   reasoning-only answer), else `null` (tool calls, a refusal, or mid-stream).
 *   `refusal` is `null` until refusal text arrives.
 * - `id`, `model` and `created`: an empty string or `0` never replaces a value
 *   (Azure's first chunk); a later non-empty value wins.
 * - `usage`: the last non-null `usage` of any chunk (a usage-only last chunk
 *   with no choices, DeepSeek's finish chunk), else Groq's `x_groq.usage`.
 * - Unknown fields of the chunk, of a choice and of a delta are kept on the
 *   completion, the choice and the message: the last value wins, `null` does
 *   not replace a value, padding (`obfuscation`) is dropped, and an
 *   accumulated field is never replaced by one.
 *
 * `add` never throws and costs O(chunk size). `snapshot` can be called at any
 * point and returns fresh objects that later chunks do not change; values of
 * unknown fields and `usage` are the chunks' own objects (treat them as read-only).
 *
 * @example
 * ```ts
 * const accumulator = new ChatCompletionAccumulator();
 * for await (const chunk of stream) accumulator.add(chunk);
 * const completion = accumulator.snapshot();
 * ```
 * @see https://platform.openai.com/docs/api-reference/chat/streaming
 */
export class ChatCompletionAccumulator {
  private id = "";
  private model = "";
  private created = 0;
  /** `undefined` until a chunk has a `usage` key; `null` while only `null` arrived. */
  private usage: CompletionUsage | null | undefined = undefined;
  private fields: FieldBag | undefined = undefined;
  private readonly choices = new Map<number, ChoiceAccumulator>();
  /** Most streams have one choice: skip the map lookup when the index repeats. */
  private lastChoice: ChoiceAccumulator | undefined = undefined;
  private readonly think: ThinkExtractorFactory | undefined;

  constructor(options: ChatCompletionAccumulatorOptions = {}) {
    this.think = options.extractThinkTags;
    // Fail at construction, not at the first chunk, when the tag options are invalid.
    this.think?.();
  }

  /** Folds one chunk. Chunks with no, empty or `null` `choices` are fine. */
  add(chunk: ChatCompletionChunk): void {
    if (!isRecord(chunk)) return;
    let groqUsage: Record<string, unknown> | undefined;
    for (const key in chunk) {
      const value = chunk[key];
      switch (key) {
        case "id":
          this.id = nonEmptyString(value) ?? this.id;
          break;
        case "model":
          this.model = nonEmptyString(value) ?? this.model;
          break;
        case "created":
          if (typeof value === "number" && value !== 0) this.created = value;
          break;
        case "object":
          break;
        case "choices":
          if (Array.isArray(value)) this.addChoices(value);
          break;
        case "usage":
          if (isRecord(value)) this.usage = value as CompletionUsage;
          else if (value === null && this.usage === undefined) this.usage = null;
          break;
        default:
          if (key === "x_groq" && isRecord(value) && isRecord(value.usage)) groqUsage = value.usage;
          this.fields = rememberField(this.fields, key, value);
      }
    }
    if (groqUsage !== undefined && !isRecord(chunk.usage)) this.usage = groqUsage as CompletionUsage;
  }

  /** The completion as accumulated so far: a fresh object, valid mid-stream too. */
  snapshot(): ChatCompletion {
    const choices: ChatCompletionChoice[] = [];
    for (const choice of this.choices.values()) choices.push(choice.build());
    if (choices.length > 1) choices.sort((first, second) => first.index - second.index);
    const completion: ChatCompletion = {
      id: this.id,
      object: "chat.completion",
      created: this.created,
      model: this.model,
      choices,
    };
    if (this.usage !== undefined) completion.usage = this.usage;
    return assignFields(completion, this.fields);
  }

  private addChoices(choices: readonly unknown[]): void {
    for (const choice of choices) {
      if (isRecord(choice)) this.choiceAt(choice.index).add(choice);
    }
  }

  private choiceAt(rawIndex: unknown): ChoiceAccumulator {
    const index = typeof rawIndex === "number" && Number.isInteger(rawIndex) && rawIndex >= 0 ? rawIndex : 0;
    const last = this.lastChoice;
    if (last !== undefined && last.index === index) return last;
    let choice = this.choices.get(index);
    if (choice === undefined) {
      const think = this.think?.();
      choice = new ChoiceAccumulator(index, think);
      this.choices.set(index, choice);
    }
    this.lastChoice = choice;
    return choice;
  }
}
