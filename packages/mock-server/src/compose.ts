/**
 * Deterministic text: what the mock "model" says. Everything here is a pure
 * function of the request, so tests can assert exact answers and usage counts.
 */

// One token per CJK character or emoji, otherwise per word with its leading
// whitespace (" world"), which is roughly how real tokenizers cut text.
const TOKEN_PATTERN =
  /\s*(?:[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]|\p{Extended_Pictographic}\uFE0F?|[^\s\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef\p{Extended_Pictographic}]+)|\s+$/gu;

/** Splits text into word-ish tokens whose concatenation is the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? [];
}

/** The text of a message's `content`: a string, or the text parts of an array joined by spaces. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) {
    if (isRecord(part) && typeof part.text === "string") texts.push(part.text);
    else if (isRecord(part) && typeof part.refusal === "string") texts.push(part.refusal);
  }
  return texts.join(" ");
}

/** The last message with `role`, if any. */
export function lastMessageWithRole(messages: unknown[], role: string): Record<string, unknown> | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (isRecord(message) && message.role === role) return message;
  }
  return undefined;
}

/** The answer of choice `index` to `userText`: an echo, numbered after the first choice. */
export function echoText(userText: string, index: number): string {
  const said = userText.trim() === "" ? "You said nothing." : `You said: ${userText}`;
  return index === 0 ? said : `Choice ${index + 1}. ${said}`;
}

/** The answer after a tool result, quoting it so a client can check the round trip. */
export function toolResultText(name: string | undefined, result: string): string {
  return `The ${name ?? "tool"} tool returned: ${result}`;
}

/** Reasoning text for `reasoning_effort`: longer for higher efforts. */
export function reasoningText(effort: string, userText: string): string {
  const words = tokenize(userText).length;
  const steps = [`The user wrote ${words} ${words === 1 ? "word" : "words"}.`];
  if (effort !== "minimal" && effort !== "low") steps.push("Repeating them back is the whole task.");
  if (effort === "high") steps.push("No tool is needed, and the answer must stay exact.");
  return steps.join(" ");
}

const LOREM = (
  "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore " +
  "et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris"
).split(" ");

/** `count` deterministic lorem tokens (" lorem", " ipsum", …), the first without its space. */
export function loremTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const word = LOREM[index % LOREM.length]!;
    tokens.push(index === 0 ? word : ` ${word}`);
  }
  return tokens;
}

/** A deterministic prompt token count: tokens of every message's text plus 3 per message, plus 3. */
export function countPromptTokens(messages: unknown[]): number {
  let count = 3;
  for (const message of messages) {
    if (!isRecord(message)) continue;
    count += 3 + tokenize(textOf(message.content)).length;
  }
  return count;
}

/** A plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
