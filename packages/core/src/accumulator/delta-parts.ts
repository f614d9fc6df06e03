import type { ChatCompletionAudio } from "../wire/audio";
import type { ChatCompletionTokenLogprob } from "../wire/logprobs";
import { nonEmptyString } from "./unknown-fields";

/** The deprecated single `function_call` of a message, being assembled. */
export interface FunctionCallState {
  name: string;
  arguments: string;
}

/**
 * Folds an `audio` delta in place: `data` and `transcript` are concatenated;
 * `id` and `expires_at` take the last non-empty value. Returns the state (created on first use).
 */
export function foldAudio(
  state: ChatCompletionAudio | undefined,
  audio: Record<string, unknown>,
): ChatCompletionAudio {
  const result = state ?? { id: "", data: "", expires_at: 0, transcript: "" };
  const id = nonEmptyString(audio.id);
  if (id !== undefined) result.id = id;
  if (typeof audio.expires_at === "number" && audio.expires_at !== 0) result.expires_at = audio.expires_at;
  if (typeof audio.data === "string") result.data += audio.data;
  if (typeof audio.transcript === "string") result.transcript += audio.transcript;
  return result;
}

/**
 * Folds a deprecated `function_call` delta (older Azure deployments) in place:
 * the name from the first fragment that has one, arguments concatenated.
 */
export function foldFunctionCall(
  state: FunctionCallState | undefined,
  call: Record<string, unknown>,
): FunctionCallState {
  const result = state ?? { name: "", arguments: "" };
  if (result.name === "" && typeof call.name === "string") result.name = call.name;
  if (typeof call.arguments === "string") result.arguments += call.arguments;
  return result;
}

/** Appends logprob entries in place (O(entries)), so what already arrived is never copied again. */
export function appendAll(
  target: ChatCompletionTokenLogprob[] | null,
  items: readonly unknown[],
): ChatCompletionTokenLogprob[] {
  const result = target ?? [];
  for (const item of items) result.push(item as ChatCompletionTokenLogprob);
  return result;
}
