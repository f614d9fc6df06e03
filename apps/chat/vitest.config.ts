import { defineProject } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { conditions: sourceConditions.client },
  ssr: { resolve: { conditions: sourceConditions.server } },
  test: {
    name: "chat-e2e",
    include: ["e2e/**/*.test.ts", "src/**/*.test.ts", "server/**/*.test.ts"],
    // Builds the page once (from source, no package build needed) for the browser tests.
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
