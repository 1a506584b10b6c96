// Lints every spec in redocly.yaml with the Redocly CLI, started once for all of them, and fails on any
// problem, warnings included (redocly exits 0 on warnings). The CLI carries its own copy of Redocly's
// core, which is published nowhere at its version, so only the CLI itself gives `redocly lint`'s results.
import { execFile, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { readApis, repoRoot } from "./apis.ts";

interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

type Run = Pick<SpawnSyncReturns<string>, "status" | "stdout" | "stderr">;

/** `redocly lint` for every API, as the arguments of `node` (run directly: `npx` adds ~0.4 s a start). */
function lintCommand(ids: string[]): string[] {
  const manifest = createRequire(import.meta.url).resolve("@redocly/cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
  return [join(dirname(manifest), bin.redocly!), "lint", ...ids, "--format=json"];
}

// No telemetry call home when the command ends (it waits on the network), and no notices.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: process.env.REDOCLY_TELEMETRY ?? "off",
  REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
};

/** The JSON documents written one after another (redocly's JSON format prints one per API). */
function jsonDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" && depth++ === 0) start = i;
    else if (c === "}" && --depth === 0) documents.push(JSON.parse(text.slice(start, i + 1)));
  }
  return documents;
}

/** Prints every API's problems and totals; true when none has any (ignored ones aside). */
function report(ids: string[], run: Run): boolean {
  let reports: LintReport[];
  try {
    reports = jsonDocuments(run.stdout) as LintReport[];
    if (reports.length !== ids.length) throw new Error(`${reports.length} reports for ${ids.length} APIs`);
  } catch (error) {
    process.stderr.write(run.stdout + run.stderr);
    console.error(`spec lint: redocly printed no JSON report per API (${String(error)})`);
    return false;
  }
  let clean = true;
  reports.forEach(({ totals, problems }, i) => {
    for (const p of problems) {
      const where = p.location?.[0];
      console.error(
        `${p.severity} ${p.ruleId}: ${p.message} (${where?.source?.ref ?? "?"}${where?.pointer ?? ""})`,
      );
    }
    const { errors, warnings, ignored } = totals;
    console.log(
      `spec lint ${ids[i]}: ${errors} errors, ${warnings} warnings${ignored ? `, ${ignored} ignored (.redocly.lint-ignore.yaml)` : ""}`,
    );
    if (errors > 0 || warnings > 0) clean = false;
  });
  if (clean && run.status !== 0) {
    process.stderr.write(run.stderr);
    console.error(`spec lint: redocly exited with status ${run.status}`);
    return false;
  }
  return clean;
}

/** Lints every spec in redocly.yaml in one start of the CLI; prints the problems; true when there are none. */
export function lintSpecs(): boolean {
  const ids = readApis().map((api) => api.id);
  const run = spawnSync(process.execPath, lintCommand(ids), { cwd: repoRoot, encoding: "utf8", env });
  return report(ids, run);
}

/** lintSpecs, without blocking this process while the CLI runs (generate goes on meanwhile). */
export async function lintSpecsAsync(): Promise<boolean> {
  const ids = readApis().map((api) => api.id);
  const run = await new Promise<Run>((resolve) =>
    execFile(
      process.execPath,
      lintCommand(ids),
      { cwd: repoRoot, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
  return report(ids, run);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = lintSpecs() ? 0 : 1;
}
