import type { ChatCompletionTool } from "@r9s/core";
import { calculate } from "./calculator";

/**
 * The demo tools, run in the browser: the model asks, the page answers. The
 * clock comes first, so the mock server (which calls the first tool) shows a
 * round trip offline.
 */
export const DEMO_TOOLS: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_time",
      description: "The current date and time in the user's browser, with its time zone.",
      parameters: { type: "object", properties: {}, additionalProperties: false },
    },
  },
  {
    type: "function",
    function: {
      name: "calculate",
      description:
        "Evaluates an arithmetic expression exactly: + - * / % ^, parentheses, pi, e, sqrt, abs, round, floor, ceil, sin, cos, tan, ln, log.",
      parameters: {
        type: "object",
        properties: { expression: { type: "string", description: "For example `2 * (3 + 4) ^ 2`." } },
        required: ["expression"],
        additionalProperties: false,
      },
    },
  },
];

/** Runs a demo tool; the result (or the reason it failed) is the JSON text the model reads. */
export function runDemoTool(name: string, argumentsText: string): string {
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = argumentsText.trim() === "" ? {} : JSON.parse(argumentsText);
    if (typeof parsed === "object" && parsed !== null) args = parsed as Record<string, unknown>;
  } catch {
    return JSON.stringify({ error: "The arguments are not valid JSON." });
  }
  try {
    switch (name) {
      case "get_time":
        return JSON.stringify(currentTime());
      case "calculate":
        return JSON.stringify({ result: calculate(String(args.expression ?? "")) });
      default:
        return JSON.stringify({ error: `Unknown tool "${name}".` });
    }
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
}

function currentTime(now = new Date()) {
  return {
    time: now.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
    date: now.toLocaleDateString(undefined, {
      weekday: "long",
      year: "numeric",
      month: "long",
      day: "numeric",
    }),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
