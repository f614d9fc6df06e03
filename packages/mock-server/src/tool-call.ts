import { isRecord } from "./compose";
import { exampleOf, fragments } from "./tool-arguments";

/** A tool call the mock model makes: its id, function name and argument fragments. */
export interface ToolCallPlan {
  id: string;
  name: string;
  fragments: string[];
}

/**
 * The tool call of choice `index`, or `undefined` when the model answers with
 * text: no `tools`, `tool_choice: "none"`, or the last message is a tool
 * result (the round trip is over). The tool is the one `tool_choice` names,
 * else the first; its arguments are an example of its parameter schema.
 */
export function planToolCall(
  body: Record<string, unknown>,
  sequence: number,
  index: number,
): ToolCallPlan | undefined {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isRecord) : [];
  const messages = body.messages as unknown[];
  const last = messages[messages.length - 1];
  if (tools.length === 0 || body.tool_choice === "none" || (isRecord(last) && last.role === "tool"))
    return undefined;
  const wanted =
    isRecord(body.tool_choice) && isRecord(body.tool_choice.function)
      ? body.tool_choice.function.name
      : undefined;
  const tool = tools.find((candidate) => functionOf(candidate).name === wanted) ?? tools[0]!;
  const definition = functionOf(tool);
  const name = typeof definition.name === "string" ? definition.name : "tool";
  const argumentsText = JSON.stringify(exampleOf(definition.parameters ?? { type: "object" }));
  return {
    id: `call_mock_${String(sequence).padStart(6, "0")}_${index}`,
    name,
    // Real servers send the arguments in small pieces that only parse as JSON at the end.
    fragments: fragments(argumentsText, 8),
  };
}

function functionOf(tool: Record<string, unknown>): Record<string, unknown> {
  return isRecord(tool.function) ? tool.function : {};
}
