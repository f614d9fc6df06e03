import type { ChatCompletionCreateParams } from "../wire/request";
import { checkName, checkOneOf, type Fields, fail, isObject, isSet, requires } from "./checks";
import { validateMessages } from "./validate-messages";

// [field, min, max, integer]: OpenAI's documented ranges. `top_k` (not an OpenAI
// field) follows vLLM/Anthropic, where 0 means "off", so 0 is allowed.
const RANGES: ReadonlyArray<readonly [string, number, number, boolean?]> = [
  ["temperature", 0, 2],
  ["top_p", 0, 1],
  ["frequency_penalty", -2, 2],
  ["presence_penalty", -2, 2],
  ["n", 1, 128, true],
  ["max_tokens", 1, Infinity, true],
  ["max_completion_tokens", 1, Infinity, true],
  ["top_logprobs", 0, 20, true],
  ["top_k", 0, Infinity, true],
  ["seed", -Infinity, Infinity, true],
];

/** Checks that `value` is a finite number (an integer when asked) within [min, max]. */
function checkNumber(field: string, value: unknown, min: number, max: number, integer?: boolean): void {
  if (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value))
  ) {
    return;
  }
  const range = min === -Infinity ? "" : max === Infinity ? ` ≥ ${min}` : ` from ${min} to ${max}`;
  fail(
    field,
    `\`${field}\` must be ${integer ? "an integer" : "a finite number"}${range}, got ${
      typeof value === "number" ? value : typeof value
    }: pass a value in range or remove it`,
  );
}

/**
 * Checks a chat completion request before it is sent, so a request the API
 * would refuse never leaves the machine. `null` counts as "not set"; unknown
 * extra fields are allowed (routers accept more than OpenAI).
 *
 * @throws {ValidationError} on the first problem found: `field` is the path
 *   (`"messages[2].tool_call_id"`), the message names the problem and the fix.
 * @see SPEC.md, "Validation before sending"
 * @example
 * ```ts
 * validateChatCompletionParams({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export function validateChatCompletionParams(params: unknown): asserts params is ChatCompletionCreateParams {
  if (!isObject(params)) fail("params", "The request must be an object: pass `{ model, messages }`");
  const { model, stream, logprobs, tools } = params;
  if (typeof model !== "string" || model.trim() === "") {
    fail("model", "`model` must be a non-empty string: pass a model id");
  }
  validateMessages(params.messages);

  const streaming = stream === true;
  if (logprobs === true && streaming) {
    fail(
      "logprobs",
      "`logprobs: true` is not supported with `stream: true`: remove logprobs or set stream: false",
    );
  }
  if (isSet(params.stream_options)) requires("stream_options", streaming, "stream: true", "set stream: true");
  if (isSet(params.top_logprobs)) {
    requires("top_logprobs", logprobs === true, "logprobs: true", "set logprobs: true");
  }
  for (const [field, min, max, integer] of RANGES) {
    const value = params[field];
    if (isSet(value)) checkNumber(field, value, min, max, integer);
  }
  const logitBias = params.logit_bias;
  if (isSet(logitBias)) {
    if (!isObject(logitBias)) fail("logit_bias", "`logit_bias` must be an object: map token ids to numbers");
    for (const token in logitBias) checkNumber(`logit_bias.${token}`, logitBias[token], -100, 100);
  }
  const stop = params.stop;
  if (
    isSet(stop) &&
    typeof stop !== "string" &&
    (!Array.isArray(stop) || stop.length > 4 || stop.some((item) => typeof item !== "string"))
  ) {
    fail("stop", "`stop` must be a string or an array of at most 4 strings: shorten or fix it");
  }

  const toolNames = validateTools(tools);
  if (isSet(params.parallel_tool_calls)) {
    requires("parallel_tool_calls", !!toolNames?.length, "tools", "add tools");
  }
  validateToolChoice(params.tool_choice, toolNames);
  const format = params.response_format;
  if (isSet(format)) {
    const type = isObject(format) ? format.type : format;
    checkOneOf("response_format.type", type, ["text", "json_object", "json_schema"]);
    if (type === "json_schema") {
      const schema = (format as Fields).json_schema;
      checkName("response_format.json_schema.name", isObject(schema) ? schema.name : undefined);
    }
  }
}

/** Returns the declared function names, or `undefined` when `tools` is not set. */
function validateTools(tools: unknown): string[] | undefined {
  if (!isSet(tools)) return undefined;
  if (!Array.isArray(tools)) {
    fail("tools", '`tools` must be an array: pass `[{ type: "function", function }]`');
  }
  return tools.map((tool: unknown, index) => {
    const field = `tools[${index}]`;
    if (!isObject(tool) || tool.type !== "function") {
      fail(
        `${field}.type`,
        `\`${field}\` must be \`{ type: "function", function: { name } }\`: set type "function"`,
      );
    }
    const name = isObject(tool.function) ? tool.function.name : undefined;
    checkName(`${field}.function.name`, name);
    return name;
  });
}

/** `"required"` needs tools; a named function must be one of them. */
function validateToolChoice(choice: unknown, toolNames: string[] | undefined): void {
  if (choice === "required") requires("tool_choice", !!toolNames?.length, "tools", "add tools");
  if (isObject(choice) && choice.type === "function") {
    const name = isObject(choice.function) ? choice.function.name : undefined;
    if (typeof name !== "string" || !toolNames?.includes(name)) {
      fail(
        "tool_choice.function.name",
        `\`tool_choice\` names function ${JSON.stringify(name)}, which is not in \`tools\`: add it to tools`,
      );
    }
  }
}
