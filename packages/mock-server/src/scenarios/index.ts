import { quirkTranscripts } from "../transcripts/index";
import type { MockScenario, MockScenarioHandler } from "../types";
import type { BuiltinPattern, BuiltinScenario } from "./builtin";
import { connectionScenarios } from "./connection";
import { httpErrorPatterns, httpErrorScenarios } from "./http-errors";
import { inBandErrorPatterns, inBandErrorScenarios } from "./in-band-errors";
import { redirectPatterns, redirectScenarios } from "./redirects";

const quirkScenarios: Record<string, BuiltinScenario> = Object.fromEntries(
  Object.entries(quirkTranscripts).map(([name, transcript]) => [
    `quirk-${name}`,
    { description: transcript.description, handle: (context) => context.sendTranscript(transcript) },
  ]),
);

const exactScenarios: Record<string, BuiltinScenario> = {
  default: {
    description:
      "The normal deterministic answer (echo, tool call, reasoning, `n`, usage, logprobs, `max_tokens`), streamed or not.",
    handle: (context) => context.answer(),
  },
  ...httpErrorScenarios,
  ...connectionScenarios,
  ...inBandErrorScenarios,
  ...redirectScenarios,
  ...quirkScenarios,
};

const patternScenarios: BuiltinPattern[] = [
  ...httpErrorPatterns,
  ...inBandErrorPatterns,
  ...redirectPatterns,
];

/** The handler of scenario `name`: one of `custom` first, then a built-in one, else `undefined`. */
export function findScenario(
  name: string,
  custom: Readonly<Record<string, MockScenario>> = {},
): MockScenarioHandler | undefined {
  if (Object.hasOwn(custom, name)) {
    const scenario = custom[name]!;
    return typeof scenario === "function" ? scenario : (context) => context.sendTranscript(scenario);
  }
  if (Object.hasOwn(exactScenarios, name)) return exactScenarios[name]!.handle;
  return patternScenarios.find((candidate) => candidate.pattern.test(name))?.handle;
}

/** A built-in scenario's documented name (`status-<code>` for a family) and what it does. */
export interface ScenarioInfo {
  name: string;
  description: string;
}

/**
 * Every built-in scenario, families written with a placeholder
 * (`status-<code>`). Select one with the `x-mock-scenario` header or the model
 * `mock-<name>`.
 */
export function listBuiltinScenarios(): ScenarioInfo[] {
  return [
    ...Object.entries(exactScenarios).map(([name, { description }]) => ({ name, description })),
    ...patternScenarios.map(({ name, description }) => ({ name, description })),
  ];
}
