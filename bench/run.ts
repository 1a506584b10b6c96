// npm run bench: every figure of issue 10, each against its baseline measured in the same run (rounds
// interleaved), printed as one table of medians and ratios with the target beside each, and written to
// bench/results.json. `--quick` leaves out the toolchain figures (they run npm run generate and npm test);
// `--only <id prefix>` runs the groups whose figures start with it (client, http, cold-start, bundle,
// simulator, sofer, soket, slng, toolchain). Never run by npm test.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleSizes } from "./bundles.ts";
import { median, type Figure } from "./lib.ts";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

async function bundleFigures(): Promise<Figure[]> {
  const sizes = await bundleSizes();
  const bare = sizes.find((s) => s.name.startsWith("bare openapi-fetch"))!;
  return sizes
    .filter((s) => s.budget !== undefined)
    .map((s) => {
      const target = s.target ?? s.budget!;
      return {
        id: `bundle.${s.name.replace(/\W+/g, "-")}`,
        figure: `${s.name}, min+gzip (what loads with it)`,
        baseline: /client/.test(s.name) ? "bare openapi-fetch" : "",
        unit: "kB",
        value: s.bytes / 1000,
        ...(/client/.test(s.name) ? { baselineValue: bare.bytes / 1000, ratio: s.bytes / bare.bytes } : {}),
        target: `≤ ${target / 1000} kB`,
        pass: s.bytes <= target,
      };
    });
}

/**
 * `processes`: how many processes the group runs in, its figures the medians over them. A helper's cost
 * over bare openapi-fetch is a few µs on about 30: from one process to the next (each settling on its
 * own compiled code) the same build's ratio came to anywhere from 1.03× to 1.21×, so one process is one
 * noisy sample.
 */
type Group = { id: string; run: () => Promise<Figure[]>; processes?: number };
const groups: Group[] = [
  { id: "client", run: async () => (await import("./client.ts")).clientFigures(), processes: 3 },
  { id: "http", run: async () => (await import("./http.ts")).httpFigures() },
  { id: "cold-start", run: async () => (await import("./cold-start.ts")).coldStartFigures() },
  { id: "bundle", run: bundleFigures },
  { id: "simulator", run: async () => (await import("./simulators.ts")).simulatorFigures() },
  { id: "sofer", run: async () => (await import("./sofer.ts")).soferFigures(), processes: 3 },
  { id: "soket", run: async () => (await import("./soket.ts")).soketFigures(), processes: 3 },
  { id: "slng", run: async () => (await import("./slng.ts")).slngFigures(), processes: 3 },
  ...(quick
    ? []
    : [{ id: "toolchain", run: async () => (await import("./toolchain.ts")).toolchainFigures() }]),
];

// (A NaN or an Infinity comes back from a group's process as null.)
const number = (n: number | undefined | null, unit = "") =>
  n == null
    ? ""
    : `${n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(n >= 10 ? 1 : 2)}${unit ? ` ${unit}` : ""}`;

// Each group runs in a process of its own (this script again, with `--group <id>`, writing its figures
// as a JSON line to stdout): in one process, what an earlier group left behind (the simulators' 100,000-job
// states, compiled code for other shapes) made the later groups' calls nearly twice as slow, and their
// ratios drift with it.
/** The start of the line a group's process writes its figures on. */
const FIGURES = "bench-figures: ";
const child = args.includes("--group") ? args[args.indexOf("--group") + 1] : undefined;
if (child !== undefined) {
  const group = groups.find((g) => g.id === child);
  if (!group) throw new Error(`bench: no group ${child}`);
  process.stdout.write(`\n${FIGURES}${JSON.stringify(await group.run())}\n`);
  process.exit(0);
}

/** The group's figures, from one process of its own. */
function runGroup(id: string): Figure[] {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--group", id],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0)
    throw new Error(
      `bench: group ${id} failed (exit ${String(run.status ?? run.signal)}${run.error ? `: ${run.error.message}` : ""})`,
    );
  const line = run.stdout.split("\n").find((l) => l.startsWith(FIGURES));
  if (!line) throw new Error(`bench: group ${id} wrote no figures`);
  return JSON.parse(line.slice(FIGURES.length)) as Figure[];
}

/** Each figure's medians over the runs (its target met when it was in most of them: the same thing). */
function medians(runs: Figure[][]): Figure[] {
  return runs[0]!.map((first, i) => {
    const all = runs.map((r) => r[i]!);
    const of = (key: "value" | "baselineValue" | "ratio") =>
      all.every((f) => typeof f[key] === "number") ? median(all.map((f) => f[key]!)) : first[key];
    return {
      ...first,
      value: of("value")!,
      baselineValue: of("baselineValue"),
      ratio: of("ratio"),
      pass: all.filter((f) => f.pass).length * 2 > all.length,
      ...(all.length > 1 ? { processes: all.length } : {}),
    };
  });
}

const figures: Figure[] = [];
for (const group of groups) {
  if (only && !group.id.startsWith(only)) continue;
  const n = group.processes ?? 1;
  process.stderr.write(`bench: ${group.id}${n > 1 ? ` (${n} processes)` : ""}...\n`);
  figures.push(...medians(Array.from({ length: n }, () => runGroup(group.id))));
}

const rows = [
  ["figure", "value", "baseline", "ratio", "target", ""],
  ...figures.map((f) => [
    f.figure,
    number(f.value, f.unit),
    f.baseline ? `${f.baseline}: ${number(f.baselineValue, f.unit)}` : "",
    f.ratio == null ? "" : `${f.ratio.toFixed(2)}×`,
    f.target,
    f.reference ? "" : f.pass ? "ok" : "MISSED",
  ]),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [i, row] of rows.entries()) {
  console.log(
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
const targets = figures.filter((f) => !f.reference);
const missed = targets.filter((f) => !f.pass).length;
console.log(`\n${targets.length - missed} of ${targets.length} targets met`);

writeFileSync(
  join(here, "results.json"),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
      command: `npm run bench${args.length ? ` -- ${args.join(" ")}` : ""}`,
      figures,
    },
    null,
    2,
  )}\n`,
);
