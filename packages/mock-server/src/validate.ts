import { isRecord } from "./compose";

/** Why a request body is refused, as a 400 `invalid_request_error`. */
export interface BodyProblem {
  message: string;
  param: string | null;
}

const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

const INTEGER_RANGES: Array<[field: string, min: number, max: number]> = [
  ["n", 1, 128],
  ["max_tokens", 1, Number.MAX_SAFE_INTEGER],
  ["max_completion_tokens", 1, Number.MAX_SAFE_INTEGER],
  ["top_logprobs", 0, 20],
];

/** The first problem of a chat completion body, as r9s reports it, or `undefined` when it is valid. */
export function validateChatBody(body: unknown): BodyProblem | undefined {
  if (!isRecord(body)) return { message: "The request body must be a JSON object.", param: null };
  if (typeof body.model !== "string" || body.model === "") {
    return { message: "`model` is required: pass a model name, such as `r9s-mock`.", param: "model" };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return { message: "`messages` is required: pass a non-empty array of messages.", param: "messages" };
  }
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== "string" || !ROLES.has(message.role)) {
      return {
        message: `\`messages[${index}].role\` must be one of ${[...ROLES].join(", ")}.`,
        param: `messages[${index}].role`,
      };
    }
    if (message.role === "tool" && typeof message.tool_call_id !== "string") {
      return {
        message: `\`messages[${index}]\` is a tool message: give it the \`tool_call_id\` it answers.`,
        param: `messages[${index}].tool_call_id`,
      };
    }
  }
  if (body.stream != null && typeof body.stream !== "boolean") {
    return { message: "`stream` must be a boolean.", param: "stream" };
  }
  for (const [field, min, max] of INTEGER_RANGES) {
    const value = body[field];
    if (value == null) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      return { message: `\`${field}\` must be an integer from ${min} to ${max}.`, param: field };
    }
  }
  return undefined;
}
