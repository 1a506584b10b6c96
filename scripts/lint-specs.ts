// Lints every spec in redocly.yaml and fails on any problem, warnings included (redocly exits 0 on warnings).
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./apis.ts";

interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

export function lintSpecs(): boolean {
  const run = spawnSync("npx", ["--no-install", "redocly", "lint", "--format=json"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  let report: { totals: { errors: number; warnings: number }; problems: LintProblem[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    process.stderr.write(run.stdout + run.stderr);
    console.error("spec lint: redocly printed no JSON report");
    return false;
  }
  for (const p of report.problems) {
    const where = p.location?.[0];
    console.error(
      `${p.severity} ${p.ruleId}: ${p.message} (${where?.source?.ref ?? "?"}${where?.pointer ?? ""})`,
    );
  }
  const { errors, warnings } = report.totals;
  console.log(`spec lint: ${errors} errors, ${warnings} warnings`);
  return errors === 0 && warnings === 0 && run.status === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = lintSpecs() ? 0 : 1;
}
