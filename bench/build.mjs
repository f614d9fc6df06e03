#!/usr/bin/env node
// Compiles bench/src/*.ts into bench/dist/*.js (Node 20 cannot run TypeScript).
// Our packages are bundled from their TypeScript source (the `@r9s/source`
// export condition), so a benchmark always measures the code in the work tree,
// with no build of the packages first. The peers (openai, ai, @ai-sdk/*,
// eventsource-parser, zod, react, react-dom, jsdom) stay external: Node loads
// them from node_modules exactly as their users' programs do.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
const peers = Object.keys(manifest.devDependencies).filter(
  (name) => !name.startsWith("@r9s/") && !name.startsWith("@types/"),
);

const entries = [
  "src/run.ts",
  "src/server.ts",
  "src/size-check.ts",
  "src/figures/decode.ts",
  "src/figures/loopback.ts",
  "src/figures/requests.ts",
  "src/figures/first-chunk.ts",
  "src/figures/react-chat.ts",
  "src/figures/memory.ts",
];

/**
 * A workspace package whose source entry does not exist yet (being written)
 * resolves to a stub that throws when used, so the other figures still run
 * and the missing one is reported as "not available".
 */
const missingWorkspacePackages = {
  name: "missing-workspace-packages",
  setup(context) {
    context.onResolve({ filter: /^@r9s\// }, (args) => {
      const [scope, name, ...rest] = args.path.split("/");
      const directory = join(here, "..", "packages", name);
      const subpath = rest.length === 0 ? "index.ts" : `${rest.join("/")}/index.ts`;
      if (existsSync(join(directory, "src", subpath))) return undefined;
      return { path: `${scope}/${name}`, namespace: "missing-package" };
    });
    context.onLoad({ filter: /.*/, namespace: "missing-package" }, (args) => ({
      loader: "js",
      // esbuild reads named imports of a CommonJS module through an object
      // whose prototype is this module's: a throwing prototype makes each use fail.
      contents: `const missing = () => { throw new Error("MISSING_PACKAGE ${args.path}: the package has no src/index.ts yet"); };
        const thrower = new Proxy({}, { get: (_, key) => (typeof key === "symbol" ? undefined : missing()) });
        module.exports = new Proxy({}, {
          get: (_, key) => (key === "__esModule" || typeof key === "symbol" ? undefined : missing()),
          getPrototypeOf: () => thrower,
        });`,
    }));
  },
};

await build({
  absWorkingDir: here,
  entryPoints: entries,
  outdir: "dist",
  outbase: "src",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["@r9s/source"],
  external: [...peers, ...peers.map((name) => `${name}/*`), "esbuild"],
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS code (none of ours, but a dependency might) needs `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [missingWorkspacePackages],
});
