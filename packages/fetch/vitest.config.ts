import { defineProject } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { conditions: sourceConditions.client },
  ssr: { resolve: { conditions: sourceConditions.server } },
  test: {
    name: "fetch",
    include: ["src/**/*.test.ts"],
    // The garbage-collection tests force collections with `globalThis.gc()`.
    execArgv: ["--expose-gc"],
    // The browser test launches Chromium and bundles a page once per file.
    hookTimeout: 30_000,
  },
});
