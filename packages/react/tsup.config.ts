import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  tsconfig: "tsconfig.lib.json",
  // React and core stay imports; the banner marks the module as a client component for RSC frameworks.
  external: ["react", "@r9s/core"],
  banner: { js: '"use client";' },
});
