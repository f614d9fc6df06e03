import { defineConfig } from "tsup";

export default defineConfig({
  // `cli` is the bin (dist/cli.js); its `#!/usr/bin/env node` line comes from
  // src/cli.ts, which esbuild keeps on the entry and tsup marks executable.
  entry: { index: "src/index.ts", cli: "src/cli.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "es2022",
});
