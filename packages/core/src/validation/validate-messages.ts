import { checkOneOf, fail, isObject, isSet } from "./checks";

const ROLES = ["system", "developer", "user", "assistant", "tool"];
const PART_TYPES = ["text", "image_url", "input_audio", "file"];

/**
 * Checks the `messages` of a chat request: a non-empty array of objects with a
 * known role, each carrying what its role needs.
 *
 * @throws {ValidationError} with `field` such as `"messages[2].tool_call_id"`.
 */
export function validateMessages(messages: unknown): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    fail("messages", "`messages` must be a non-empty array: pass at least one message");
  }
  for (let index = 0; index < messages.length; index++) {
    const field = `messages[${index}]`;
    const message: unknown = messages[index];
    if (!isObject(message)) fail(field, `\`${field}\` must be an object: pass \`{ role, content }\``);
    const { role, content } = message;
    checkOneOf(`${field}.role`, role, ROLES);
    if (role === "assistant") {
      // OpenAI: content may be left out (or null) when tool_calls, a refusal or earlier audio stands in.
      if (
        !isSet(content) &&
        !(Array.isArray(message.tool_calls) && message.tool_calls.length) &&
        !isSet(message.refusal) &&
        !isSet(message.audio)
      ) {
        fail(`${field}.content`, `\`${field}\` (assistant) is empty: add content or tool_calls`);
      }
      continue;
    }
    if (role === "tool" && (typeof message.tool_call_id !== "string" || !message.tool_call_id)) {
      fail(
        `${field}.tool_call_id`,
        `\`${field}\` (tool) needs a \`tool_call_id\`: set it to the id of the tool call it answers`,
      );
    }
    if (typeof content === "string") continue;
    if (!Array.isArray(content)) {
      fail(`${field}.content`, `\`${field}.content\` must be a string or an array of parts: set the content`);
    }
    if (role === "user") {
      for (let part = 0; part < content.length; part++) {
        const item: unknown = content[part];
        checkOneOf(`${field}.content[${part}].type`, isObject(item) ? item.type : item, PART_TYPES);
      }
    }
  }
}
