// Prints the plain `N passed, N failed` line from vitest's JSON report (used by .ci/run).
// A file that failed to load (its tests never ran) counts as one failure, so it cannot pass silently.
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { readVitestReport } from "./vitest-results.ts";

const file = process.argv[2] ?? join(repoRoot, ".test-results/vitest.json");
const report = readVitestReport(file);
if (!report) {
  console.log("0 passed, 1 failed");
  console.error(
    `test-summary: no vitest report at ${file}: the checks before vitest failed, or vitest did not run`,
  );
  process.exit(1);
}
const brokenFiles = report.testResults.filter(
  (f) => f.status === "failed" && f.assertionResults.length === 0,
).length;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests + report.numTodoTests;
// Skipped tests are said on a line of their own: the last line is exactly `N passed, N failed`.
if (skipped > 0) console.log(`${skipped} skipped (see vitest's output for why)`);
console.log(`${report.numPassedTests} passed, ${failed} failed`);
process.exitCode = failed > 0 || report.numPassedTests === 0 ? 1 : 0;
