import { defineConfig } from "tsup";

// The relay server, bundled into one file. Workspace packages are compiled from
// their TypeScript source (the `@r9s/source` condition), so `dist/server.js`
// never runs against a stale package build.
export default defineConfig({
  entry: { server: "server/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  // dist/public holds the page that `vite build` just wrote.
  clean: false,
  sourcemap: true,
  noExternal: [/^@r9s\//],
  removeNodeProtocol: false,
  esbuildOptions(options) {
    options.conditions = ["@r9s/source"];
  },
});
