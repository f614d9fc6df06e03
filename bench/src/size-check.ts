/**
 * Size budgets of our entry points (the bench package's `size` script, run by
 * the root test command through `turbo run size` after the packages' build).
 * Each entry of `size-limits.json` is bundled from the packages' built `dist`
 * (what npm users get) and must stay within its gzipped limit, set at the
 * measured size plus about 5%. Raising a limit needs a reason in the commit.
 *
 *   node dist/size-check.js            check against size-limits.json
 *   node dist/size-check.js --source   bundle the TypeScript source instead of dist
 *   node dist/size-check.js --update   rewrite size-limits.json at today's size + 5%
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUNDLE_ENTRIES, measureBundle } from "./shared/bundle-size";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const limitsFile = `${benchDir}size-limits.json`;
const source = process.argv.includes("--source");
const update = process.argv.includes("--update");
const MARGIN = 1.05;

type Limits = Record<string, { limit: number; why?: string }>;
const limits = JSON.parse(readFileSync(limitsFile, "utf8")) as Limits;

const formatKB = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;
let failed = false;
const updated: Limits = {};
for (const [id, budget] of Object.entries(limits)) {
  const entry = BUNDLE_ENTRIES.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`size-limits.json names an unknown entry ${id}`);
  let size: Awaited<ReturnType<typeof measureBundle>>;
  try {
    size = await measureBundle(entry, { benchDir, source });
  } catch (error) {
    failed = true;
    console.error(
      `✖ ${entry.label}: cannot bundle (${source ? "source" : "dist: build the packages first"})`,
    );
    console.error(`  ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    continue;
  }
  const over = size.gzippedBytes > budget.limit;
  if (over) failed = true;
  const mark = over ? "✖" : "✔";
  console.log(
    `${mark} ${entry.label}: ${formatKB(size.gzippedBytes)} min+gz (limit ${formatKB(budget.limit)}), ${formatKB(size.minifiedBytes)} min`,
  );
  if (over) {
    const parts = Object.entries(size.bytesByPackage)
      .map(([name, bytes]) => `${name} ${formatKB(bytes)}`)
      .join(", ");
    console.log(`  minified bytes by package: ${parts}`);
  }
  updated[id] = { ...budget, limit: Math.ceil((size.gzippedBytes * MARGIN) / 10) * 10 };
}

if (update && Object.keys(updated).length === Object.keys(limits).length) {
  writeFileSync(limitsFile, `${JSON.stringify(updated, null, 2)}\n`);
  console.log(`size-limits.json updated to today's sizes + ${Math.round((MARGIN - 1) * 100)}%.`);
} else if (failed) {
  console.error("\nA size budget is exceeded or an entry cannot be bundled.");
  process.exit(1);
}
