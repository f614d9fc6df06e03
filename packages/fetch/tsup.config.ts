import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  tsconfig: "tsconfig.lib.json",
  // ky ships ES modules only, which `require()` cannot load before Node 20.19
  // (and later loads as a namespace without a callable default): the CommonJS
  // build carries its own copy of ky, the ES module build imports it.
  noExternal: ["ky"],
  esbuildPlugins: [
    {
      name: "ky-external-in-esm",
      setup(build) {
        if (build.initialOptions.format !== "esm") return;
        build.onResolve({ filter: /^ky$/ }, () => ({ path: "ky", external: true }));
      },
    },
  ],
});
