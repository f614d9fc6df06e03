import { defineProject } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { conditions: sourceConditions.client },
  ssr: { resolve: { conditions: sourceConditions.server } },
  test: {
    name: "react",
    environment: "jsdom",
    // requestAnimationFrame at 60 Hz, as in a browser tab, so batching runs on real frames.
    environmentOptions: { jsdom: { pretendToBeVisual: true } },
    include: ["src/**/*.test.{ts,tsx}"],
    env: { R9S_EXPECTED_REACT_MAJOR: "19" },
  },
});
