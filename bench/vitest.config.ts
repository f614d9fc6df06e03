import { defineProject } from "vitest/config";
import { sourceConditions } from "../vitest.shared.ts";

export default defineProject({
  resolve: { conditions: sourceConditions.client },
  ssr: { resolve: { conditions: sourceConditions.server } },
  test: {
    name: "bench",
    include: ["src/**/*.test.ts"],
  },
});
