import type { ThinkPiece } from "./think-extractor";
import { isRecord } from "./unknown-fields";

/**
 * Reads a `content` delta sent as an array of parts instead of a string
 * (Mistral's reasoning models stream `[{ type: "thinking", thinking: [{ type:
 * "text", text }] }]`, then `[{ type: "text", text }]`). Text parts are answer
 * text; thinking parts are reasoning; other parts carry no text and are skipped.
 */
export function contentPartsText(parts: readonly unknown[]): ThinkPiece {
  const piece: ThinkPiece = { content: "", reasoning: "" };
  for (const part of parts) {
    if (typeof part === "string") piece.content += part;
    else if (!isRecord(part)) continue;
    else if (part.type === "text" && typeof part.text === "string") piece.content += part.text;
    else if (part.type === "thinking") piece.reasoning += thinkingText(part.thinking);
  }
  return piece;
}

function thinkingText(thinking: unknown): string {
  if (typeof thinking === "string") return thinking;
  if (!Array.isArray(thinking)) return "";
  let text = "";
  for (const part of thinking) {
    if (typeof part === "string") text += part;
    else if (isRecord(part) && typeof part.text === "string") text += part.text;
  }
  return text;
}
