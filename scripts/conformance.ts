// npm run conformance: lint every spec, regenerate generated/, run the conformance suites (against the
// built-in simulators, or live base URLs from BATCHSPEC_<ID>_BASE_URL), and print a per-provider report.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { readApis, repoRoot } from "./apis.ts";
import { generateAll } from "./generate.ts";
import { lintSpecs } from "./lint-specs.ts";
import { readVitestReport } from "./vitest-results.ts";
import { envName } from "../conformance/harness/target.ts";

if (!lintSpecs()) {
  console.error("conformance: the specs do not lint; fix them first");
  process.exit(1);
}
console.log(`conformance: regenerated ${(await generateAll(repoRoot)).join(", ")}`);

const resultsFile = join(repoRoot, ".conformance/results.json");
rmSync(resultsFile, { force: true });
const run = spawnSync("npx", ["--no-install", "vitest", "run", "conformance/"], {
  cwd: repoRoot,
  stdio: "inherit",
  env: { ...process.env, BATCHSPEC_VITEST_JSON: resultsFile },
});
const report = readVitestReport(resultsFile);
if (!report) {
  console.error(`conformance: vitest wrote no report (exit ${run.status})`);
  process.exit(1);
}

/** Every `x-inferred` note in a bundled spec: the points no provider source states. */
function inferredPoints(bundleFile: string): number {
  let count = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "x-inferred") count += 1;
        walk(v);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(repoRoot, bundleFile), "utf8")));
  return count;
}

const rows: string[][] = [["provider", "target", "passed", "failed", "skipped", "x-inferred points"]];
const failures: string[] = [];
let failedTotal = 0;
for (const api of readApis()) {
  const file = report.testResults.find((r) => basename(r.name) === `${api.id}.test.ts`);
  const target = process.env[envName(api.id, "BASE_URL")] ? "live" : "simulator";
  if (!file) {
    // A spec whose suite is not written yet (the README's table says "not yet"): shown, not failed.
    rows.push([api.id, "no suite yet", "-", "-", "-", String(inferredPoints(api.bundleFile))]);
    continue;
  }
  const count = (s: string) => file.assertionResults.filter((a) => a.status === s).length;
  const loadFailed = file.status === "failed" && file.assertionResults.length === 0 ? 1 : 0;
  const failed = count("failed") + loadFailed;
  failedTotal += failed;
  rows.push([
    api.id,
    target,
    String(count("passed")),
    String(failed),
    String(count("skipped") + count("todo")),
    String(inferredPoints(api.bundleFile)),
  ]);
  for (const a of file.assertionResults.filter((x) => x.status === "failed"))
    failures.push(`${api.id}: ${a.fullName}`);
  if (loadFailed) failures.push(`${api.id}: the suite failed to load: ${file.message ?? ""}`);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log("\nConformance report");
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
if (failures.length > 0) console.log(`\nFailed checks:\n  ${failures.join("\n  ")}`);
process.exitCode = failedTotal > 0 || run.status !== 0 ? 1 : 0;
