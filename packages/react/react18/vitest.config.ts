import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { sourceConditions } from "../../../vitest.shared.ts";

// The same tests as @r9s/react's own project, on React 18: `dedupe` resolves
// react, react-dom and Testing Library from this folder (React 18) even for
// files that live in ../src.
export default defineProject({
  resolve: {
    conditions: sourceConditions.client,
    dedupe: ["react", "react-dom", "@testing-library/react"],
  },
  ssr: { resolve: { conditions: sourceConditions.server } },
  test: {
    name: "react18",
    // Vite's root stays here (dedupe resolves from the root); tests are found in ../src.
    dir: fileURLToPath(new URL("../src", import.meta.url)),
    environment: "jsdom",
    environmentOptions: { jsdom: { pretendToBeVisual: true } },
    include: ["**/*.test.{ts,tsx}"],
    env: { R9S_EXPECTED_REACT_MAJOR: "18" },
  },
});
