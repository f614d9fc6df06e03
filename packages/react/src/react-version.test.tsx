import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, it } from "vitest";

// The same files run on React 19 (project "react") and React 18 (project
// "react18"); this fails if a project silently resolves the other version.
it("runs on the React version its project targets", () => {
  const expected = process.env.R9S_EXPECTED_REACT_MAJOR;
  expect(expected).toBeDefined();
  expect(version.split(".")[0]).toBe(expected);
  expect(domVersion.split(".")[0]).toBe(expected);
});
