import * as core from "@r9s/core";
import { describe, expect, test } from "vitest";
import * as node from "./index";

describe("@r9s/node exports", () => {
  test("re-exports every error class of core, the very same classes", () => {
    const errorClasses = Object.entries(core).filter(
      ([, value]) => typeof value === "function" && (value === Error || value.prototype instanceof Error),
    );
    expect(errorClasses.length).toBeGreaterThanOrEqual(17);
    const exported = new Map<string, unknown>(Object.entries(node));
    for (const [name, value] of errorClasses) {
      expect(exported.get(name), name).toBe(value);
    }
  });

  test("re-exports the client, ChatStream and the main names of core", () => {
    expect(node.R9SClient).toBe(core.R9SClient);
    expect(node.createClient).toBe(core.createClient);
    expect(node.ChatStream).toBe(core.ChatStream);
    expect(node.ChatCompletionAccumulator).toBe(core.ChatCompletionAccumulator);
    expect(node.DEFAULT_BASE_URL).toBe(core.DEFAULT_BASE_URL);
    expect(new node.R9S({ apiKey: "sk-test" })).toBeInstanceOf(core.R9SClient);
  });
});
