/** What one piece of content text holds once inline reasoning is taken out. */
export interface ThinkPiece {
  /** Answer text (outside the tags). */
  content: string;
  /** Reasoning text (between the tags), without the tags. */
  reasoning: string;
}

/** Options of {@link createThinkExtractor}. */
export interface ThinkExtractorOptions {
  /** @default "<think>" */
  openTag?: string;
  /** @default "</think>" */
  closeTag?: string;
  /**
   * Treat the text as reasoning from its first character, for hosts whose chat
   * template already opened the tag and stream only the closing one.
   * @default false
   */
  startInReasoning?: boolean;
}

/** Splits streamed content text into answer and reasoning; see {@link createThinkExtractor}. */
/** Makes a fresh extractor per choice or stream: `createThinkExtractor`, or a function calling it with options. */
export type ThinkExtractorFactory = () => ThinkExtractor;

export interface ThinkExtractor {
  /** Takes the next content delta; returns what can be emitted now (a possibly partial tag is held back). */
  push(text: string): ThinkPiece;
  /** Ends the text: emits what was held back (a partial tag that never completed is plain text). */
  flush(): ThinkPiece;
  /** What `flush()` would emit now, without ending anything; for mid-stream snapshots. */
  peek(): ThinkPiece;
  /** Whether the text is inside a reasoning block now. */
  readonly inReasoning: boolean;
}

/**
 * Creates an opt-in extractor for models that inline their reasoning in the
 * content as `<think>…</think>` (open-weight models on many hosts, QUIRKS 20).
 *
 * Text before the opening tag is content; text between the tags is reasoning;
 * a tag split across deltas (`"<thi"` + `"nk>"`) is recognised, because a tail
 * that could start a tag is held back until the next delta decides it. Several
 * blocks are allowed. Whitespace right after a closing tag (the separator
 * before the answer) is dropped. A block still open at the end stays reasoning.
 * Each `push` costs O(delta length).
 *
 * @example
 * ```ts
 * const think = createThinkExtractor();
 * think.push("<thi"); // { content: "", reasoning: "" }
 * think.push("nk>Hmm</think>\n\nHi"); // { content: "Hi", reasoning: "Hmm" }
 * think.flush(); // { content: "", reasoning: "" }
 * ```
 */
export function createThinkExtractor(options: ThinkExtractorOptions = {}): ThinkExtractor {
  const openTag = options.openTag ?? "<think>";
  const closeTag = options.closeTag ?? "</think>";
  if (openTag === "" || closeTag === "") {
    throw new TypeError(
      "`openTag` and `closeTag` must not be empty: pass the tags the model writes, e.g. `<think>`.",
    );
  }
  let inReasoning = options.startInReasoning ?? false;
  // A tail of the text so far that may be the start of the next tag.
  let held = "";
  // Set after a closing tag until content that is not whitespace arrives.
  let trimContent = false;

  function emit(piece: ThinkPiece, text: string): void {
    if (text === "") return;
    if (inReasoning) {
      piece.reasoning += text;
      return;
    }
    if (trimContent) {
      text = text.trimStart();
      if (text === "") return;
      trimContent = false;
    }
    piece.content += text;
  }

  return {
    get inReasoning() {
      return inReasoning;
    },
    push(text) {
      const piece: ThinkPiece = { content: "", reasoning: "" };
      let rest = held === "" ? text : held + text;
      held = "";
      for (;;) {
        const tag = inReasoning ? closeTag : openTag;
        const at = rest.indexOf(tag);
        if (at === -1) {
          const partial = partialTagLength(rest, tag);
          emit(piece, partial === 0 ? rest : rest.slice(0, rest.length - partial));
          held = partial === 0 ? "" : rest.slice(rest.length - partial);
          return piece;
        }
        emit(piece, rest.slice(0, at));
        rest = rest.slice(at + tag.length);
        inReasoning = !inReasoning;
        if (!inReasoning) trimContent = true;
      }
    },
    flush() {
      const piece: ThinkPiece = { content: "", reasoning: "" };
      emit(piece, held);
      held = "";
      return piece;
    },
    peek() {
      if (inReasoning) return { content: "", reasoning: held };
      return { content: trimContent ? held.trimStart() : held, reasoning: "" };
    },
  };
}

/** Length of the longest end of `text` that is a proper start of `tag` (0 when none). */
function partialTagLength(text: string, tag: string): number {
  const longest = Math.min(text.length, tag.length - 1);
  const first = tag.charCodeAt(0);
  for (let start = text.length - longest; start < text.length; start++) {
    // Only positions holding the tag's first character can start it; this keeps the scan short.
    if (text.charCodeAt(start) === first && tag.startsWith(text.slice(start))) return text.length - start;
  }
  return 0;
}
