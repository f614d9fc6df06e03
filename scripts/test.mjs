#!/usr/bin/env node
// The one test command: format + lint, changesets, typecheck, build, package checks
// (publint, attw), size budgets, then every vitest project. Vitest runs last so
// its summary is the last thing printed.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");

const steps = [
  ["format + lint", "biome", ["ci", "."]],
  // Every changeset must parse, or a release would fail long after the change landed.
  ["changesets", "node", ["scripts/check-changesets.mjs"]],
  [
    "typecheck, build, package checks, size",
    "turbo",
    ["run", "typecheck", "build", "check:package", "size", "--output-logs=errors-only"],
  ],
  ["browser for end-to-end tests", "node", ["scripts/ensure-chromium.mjs"]],
  ["tests", "vitest", ["run", ...(quick ? ["--bail=1"] : [])]],
];

for (const [title, command, args] of steps) {
  console.log(`\n▶ ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}
