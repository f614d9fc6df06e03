import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The page, built by `vite build` into a temporary folder. */
    publicDir: string;
  }
}

const appRoot = fileURLToPath(new URL("..", import.meta.url));

/** Builds the page into a temporary folder (the app's own `dist` stays as it is) and removes it at the end. */
export default async function setup(project: TestProject) {
  const publicDir = await mkdtemp(join(tmpdir(), "r9s-chat-e2e-"));
  // Vitest sets NODE_ENV=test, which would build React's development runtime: build as `vite build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: join(appRoot, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir: publicDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide("publicDir", publicDir);
  return async () => {
    await rm(publicDir, { recursive: true, force: true });
  };
}
