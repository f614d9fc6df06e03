#!/usr/bin/env node
// Every changeset must parse, or a release fails long after the change landed:
// YAML front matter of `"<published package>": major | minor | patch` lines,
// then a summary. Needs no git history, unlike `changeset status`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const published = new Set();
for (const folder of readdirSync(join(root, "packages"))) {
  try {
    const manifest = JSON.parse(readFileSync(join(root, "packages", folder, "package.json"), "utf8"));
    if (!manifest.private) published.add(manifest.name);
  } catch {
    // Not a package folder.
  }
}

const problems = [];
const files = readdirSync(join(root, ".changeset")).filter(
  (name) => name.endsWith(".md") && name !== "README.md",
);
for (const name of files) {
  const text = readFileSync(join(root, ".changeset", name), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n+(\S[\s\S]*)$/.exec(text);
  if (!match) {
    problems.push(`${name}: needs YAML front matter (---, "package": bump lines, ---) and a summary`);
    continue;
  }
  for (const line of match[1].split("\n")) {
    const entry = /^"([^"]+)": (major|minor|patch)$/.exec(line.trim());
    if (!entry) problems.push(`${name}: "${line}" is not a "package": major|minor|patch line`);
    else if (!published.has(entry[1]))
      problems.push(`${name}: ${entry[1]} is not a published workspace package`);
  }
}

if (problems.length > 0) {
  console.error(`Broken changesets:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`${files.length} changesets parse, for ${[...published].sort().join(", ")}.`);
