import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "packages/react/react18/vitest.config.ts",
      "apps/*/vitest.config.ts",
      "bench/vitest.config.{ts,mts}",
    ],
  },
});
