/**
 * Keeps the benchmark harness working (CI runs this, never the full run):
 * `pnpm bench --quick` end to end, then every figure's table must be there
 * with numbers in every measured cell. The targets are not asserted: speed
 * is read in RESULTS.md, never in timed assertions.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), "r9s-bench-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const SECTIONS = [
  "## Targets",
  "## 1. Decode throughput",
  "### Network-sized pieces",
  "### Tiny pieces",
  "## 2. Loopback streaming",
  "## 3. Non-streaming requests",
  "## 4. Time to first chunk",
  "## 5. Browser bundle",
  "## 6. React",
  "## 7. Memory",
];

/** The rows of the first markdown table after `heading`, as cells (header and separator dropped). */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  const lines = markdown.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("pnpm bench --quick", () => {
  test("writes every figure's table with numeric cells", { timeout: 150_000 }, () => {
    const build = spawnSync(process.execPath, ["build.mjs"], { cwd: benchDir, encoding: "utf8" });
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    const out = join(outDir, "RESULTS.quick.md");
    const run = spawnSync(process.execPath, ["dist/run.js", "--quick", "--out", out], {
      cwd: benchDir,
      encoding: "utf8",
      timeout: 140_000,
    });
    expect(run.status, run.stderr + run.stdout.slice(-2000)).toBe(0);
    const markdown = readFileSync(out, "utf8");

    for (const heading of SECTIONS) {
      expect(markdown, `missing section ${heading}`).toContain(heading);
      const rows = tableAfter(markdown, heading);
      expect(rows.length, `empty table under ${heading}`).toBeGreaterThan(0);
      for (const [label, ...cells] of rows) {
        // Every measured cell holds a number; a contender that failed or is missing shows "n/a (…)".
        expect(cells.join(" | "), `row "${label}" under ${heading}`).not.toMatch(/n\/a/);
        expect(cells[0], `row "${label}" under ${heading}`).toMatch(/\d/);
      }
    }
  });
});
