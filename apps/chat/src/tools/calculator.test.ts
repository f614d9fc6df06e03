import { describe, expect, it } from "vitest";
import { calculate } from "./calculator";

describe("calculate", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", 4],
    ["10 % 4", 2],
    ["sqrt(16) + abs(-3)", 7],
    [".5 * 4", 2],
    ["1e3 / 8", 125],
    ["6 × 7", 42],
    ["round(pi * 100) / 100", 3.14],
  ])("%s = %d", (expression, expected) => {
    expect(calculate(expression)).toBeCloseTo(expected);
  });

  it.each([
    ["", "ends too early"],
    ["1 +", "ends too early"],
    ["2 * (3", 'Expected ")"'],
    ["alert(1)", 'Unknown name "alert"'],
    ["1 / 0", "not a finite number"],
    ["1 2", 'Unexpected "2"'],
    ["(".repeat(60) + "1" + ")".repeat(60), "nested too deeply"],
  ])("refuses %j", (expression, message) => {
    expect(() => calculate(expression)).toThrow(message);
  });
});
