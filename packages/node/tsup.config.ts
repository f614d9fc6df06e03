import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  tsconfig: "tsconfig.lib.json",
  // Keep `node:http` as written: the prefix marks built-ins for every runtime and bundler.
  removeNodeProtocol: false,
});
