#!/usr/bin/env node
// Browser tests drive Debian's Chromium through playwright-core (a test tool's
// own browser download cannot run here). Install it when missing and when we
// are allowed to (root with apt-get); otherwise say how.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.R9S_CHROMIUM_PATH ?? "/usr/bin/chromium";

if (existsSync(chromiumPath)) {
  console.log(`chromium: ${chromiumPath}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `chromium not found at ${chromiumPath}. Install it (Debian: apt-get install -y chromium) or set R9S_CHROMIUM_PATH.`,
  );
  process.exit(1);
}
console.log("chromium missing: installing Debian's chromium with apt-get …");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
  stdio: "inherit",
  env,
});
console.log(`chromium: ${chromiumPath}`);
