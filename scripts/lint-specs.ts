// Lints every spec in redocly.yaml and fails on any problem, warnings included (redocly exits 0 on warnings).
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { readApis, repoRoot } from "./apis.ts";

interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

/** Lints one API of redocly.yaml; prints its problems; true when it has none (ignored ones aside). */
function lintApi(id: string): boolean {
  const run = spawnSync("npx", ["--no-install", "redocly", "lint", id, "--format=json"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  let report: { totals: { errors: number; warnings: number; ignored: number }; problems: LintProblem[] };
  try {
    report = JSON.parse(run.stdout);
  } catch {
    process.stderr.write(run.stdout + run.stderr);
    console.error(`spec lint: redocly printed no JSON report for ${id}`);
    return false;
  }
  for (const p of report.problems) {
    const where = p.location?.[0];
    console.error(
      `${p.severity} ${p.ruleId}: ${p.message} (${where?.source?.ref ?? "?"}${where?.pointer ?? ""})`,
    );
  }
  const { errors, warnings, ignored } = report.totals;
  console.log(
    `spec lint ${id}: ${errors} errors, ${warnings} warnings${ignored ? `, ${ignored} ignored (.redocly.lint-ignore.yaml)` : ""}`,
  );
  return errors === 0 && warnings === 0 && run.status === 0;
}

/** Lints every spec in redocly.yaml (each on its own: redocly prints one JSON report per API). */
export function lintSpecs(): boolean {
  return readApis()
    .map((api) => lintApi(api.id))
    .every(Boolean);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = lintSpecs() ? 0 : 1;
}
