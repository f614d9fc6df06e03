import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { sourceConditions } from "../../vitest.shared.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * The page. Workspace packages resolve to their TypeScript source (the
 * `@r9s/source` condition), so the page builds without building them first.
 * `vite dev` proxies `/api` to the relay (`pnpm start` in another terminal).
 */
export default defineConfig({
  root,
  resolve: { conditions: sourceConditions.client },
  build: {
    outDir: "dist/public",
    emptyOutDir: true,
    rolldownOptions: {
      onLog(level, log, handler) {
        // `@r9s/react` starts with "use client" for server-component frameworks; a plain SPA has no use for it.
        if (log.code === "MODULE_LEVEL_DIRECTIVE") return;
        handler(level, log);
      },
    },
  },
  server: { proxy: { "/api": process.env.CHAT_RELAY_URL ?? "http://127.0.0.1:3000" } },
});
