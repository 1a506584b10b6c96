// How a conformance run is reported: as text for a person (failures with their reason, exchange and curl
// command; skips grouped by why; one table per run), as JUnit XML for CI systems, and as JSON.
import type { CheckResult, SuiteReport } from "../harness/runner.ts";

export interface Style {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Style = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };
const ansi = (code: number, reset: number) => (s: string) => `\u001b[${code}m${s}\u001b[${reset}m`;
const coloured: Style = {
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

/** Colours only for a terminal, and never with NO_COLOR set. */
export function styleFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): Style {
  return stream.isTTY && !env.NO_COLOR && env.TERM !== "dumb" ? coloured : plain;
}

const count = (r: SuiteReport, outcome: CheckResult["outcome"]) =>
  r.checks.filter((c) => c.outcome === outcome).length;

const targetName = (r: SuiteReport) =>
  r.target.kind === "live"
    ? r.target.baseUrl
    : r.target.kind === "http-simulator"
      ? `the simulator over HTTP (${r.target.baseUrl})`
      : "the simulator";

/** One provider's run: its target, a preflight problem, every failure, skips grouped by reason. */
export function formatSuite(r: SuiteReport, s: Style, verbose = false): string {
  const lines = [s.bold(`${r.id}: against ${targetName(r)}`)];
  if (r.preflight) lines.push(`  ${r.preflight.fatal ? s.red("✗") : s.yellow("!")} ${r.preflight.message}`);
  for (const c of r.checks) {
    if (c.outcome === "failed") {
      lines.push(`  ${s.red("✗")} ${c.name}`, `      ${c.reason ?? ""}`);
      if (c.exchange) {
        lines.push(
          s.dim(`      ${c.exchange.method} ${c.exchange.url} → ${c.exchange.status ?? "no response"}`),
          s.dim(
            `      ${c.exchange.curl.length > 1500 ? `${c.exchange.curl.slice(0, 1500)}… (the whole command is in the --json and --junit reports)` : c.exchange.curl}`,
          ),
        );
      }
    } else if (verbose && c.outcome === "passed") lines.push(`  ${s.green("✓")} ${c.name}`);
    else if (verbose) lines.push(`  ${s.dim(`- ${c.name} (skipped: ${c.reason})`)}`);
  }
  if (!verbose) {
    const skips = new Map<string, number>();
    for (const c of r.checks.filter((x) => x.outcome === "skipped"))
      skips.set(c.reason ?? "", (skips.get(c.reason ?? "") ?? 0) + 1);
    for (const [why, n] of [...skips].sort((a, b) => b[1] - a[1]))
      lines.push(s.dim(`  - ${n} skipped: ${why}`));
  }
  for (const left of r.leftBehind)
    lines.push(`  ${s.yellow("!")} created by the run and not removed: ${left}`);
  const failures = count(r, "failed") + (r.preflight?.fatal ? 1 : 0);
  lines.push(
    `  ${count(r, "passed")} passed, ${failures > 0 ? s.red(`${failures} failed`) : "0 failed"}, ${count(r, "skipped")} skipped`,
  );
  return lines.join("\n");
}

/** The table of a whole run, and what its columns mean. */
export function formatTable(reports: readonly SuiteReport[]): string {
  const rows = [
    ["provider", "target", "passed", "failed", "skipped", "statuses provoked", "x-inferred"],
    ...reports.map((r) => [
      r.id,
      r.target.kind === "live"
        ? "live"
        : r.target.kind === "http-simulator"
          ? "simulator (http)"
          : "simulator",
      String(count(r, "passed")),
      String(count(r, "failed") + (r.preflight?.fatal ? 1 : 0)),
      String(count(r, "skipped")),
      `${r.statuses.provoked} of ${r.statuses.documented}`,
      String(r.inferred),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const out = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
  out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  out.push(
    "",
    "statuses provoked: documented response statuses a real request got in this run (injected faults not counted).",
    "x-inferred: points where the spec assumes what the provider's documents leave open (each marked x-inferred",
    "in specs/<id>/openapi.yaml); a check that rests on one tests the assumption as much as the API.",
  );
  return out.join("\n");
}

/** 1 when the target could not be checked at all (a failure of its own in the reports), else 0. */
const fatal = (r: SuiteReport) => (r.preflight?.fatal ? 1 : 0);

const xml = (text: string) =>
  text
    // Characters XML 1.0 cannot carry at all.
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** JUnit XML: a testsuite per provider, a testcase per check (failure with its reason and exchange, or skipped with why). */
export function junit(reports: readonly SuiteReport[]): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = (f: (r: SuiteReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="batchspec conformance" tests="${total((r) => r.checks.length + fatal(r))}" failures="${total((r) => count(r, "failed") + fatal(r))}" skipped="${total((r) => count(r, "skipped"))}" time="${seconds(total((r) => r.checks.reduce((n, c) => n + c.durationMs, 0)))}">`,
  ];
  for (const r of reports) {
    const time = r.checks.reduce((n, c) => n + c.durationMs, 0);
    out.push(
      `  <testsuite name="${xml(r.id)}" tests="${r.checks.length + fatal(r)}" failures="${count(r, "failed") + fatal(r)}" skipped="${count(r, "skipped")}" time="${seconds(time)}">`,
      `    <properties><property name="target" value="${xml(r.target.kind === "live" ? r.target.baseUrl : r.target.kind)}"/><property name="x-inferred" value="${r.inferred}"/><property name="statuses provoked" value="${r.statuses.provoked} of ${r.statuses.documented}"/>${r.preflight ? `<property name="preflight" value="${xml(r.preflight.message)}"/>` : ""}</properties>`,
    );
    if (r.preflight?.fatal)
      out.push(
        `    <testcase classname="${xml(`${r.id}.target`)}" name="the target can be checked" time="0.000"><failure message="${xml(r.preflight.message)}">${xml(r.preflight.message)}</failure></testcase>`,
      );
    for (const c of r.checks) {
      const open = `    <testcase classname="${xml(`${r.id}.${c.group}`)}" name="${xml(c.name)}" time="${seconds(c.durationMs)}"`;
      if (c.outcome === "passed") out.push(`${open}/>`);
      else if (c.outcome === "skipped")
        out.push(`${open}><skipped message="${xml(c.reason ?? "")}"/></testcase>`);
      else {
        const body = [
          c.detail ?? c.reason ?? "",
          ...(c.exchange
            ? [
                `${c.exchange.method} ${c.exchange.url} → ${c.exchange.status ?? "no response"}`,
                c.exchange.curl,
              ]
            : []),
        ].join("\n");
        out.push(`${open}><failure message="${xml(c.reason ?? "")}">${xml(body)}</failure></testcase>`);
      }
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
}

/** The run as JSON: every provider's report, with totals. */
export function json(reports: readonly SuiteReport[]): string {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const r of reports) {
    totals.passed += count(r, "passed");
    totals.failed += count(r, "failed") + (r.preflight?.fatal ? 1 : 0);
    totals.skipped += count(r, "skipped");
  }
  return `${JSON.stringify({ tool: "batchspec conformance", totals, providers: reports }, null, 2)}\n`;
}
