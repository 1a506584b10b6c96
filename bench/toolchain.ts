// The toolchain figures (issue 10): how long `npm run generate` and `npm test` take on this machine, each
// run as a fresh command, medians over rounds, against absolute targets. `npm test` is timed twice a round:
// cold (no dist/ and no prettier cache, as in a fresh clone before its first build) and then warm (run
// again at once, as a developer reruns it: tsc and prettier reuse what the cold run left). Both run in
// this repository: generate rewrites generated/ from the specs as they are, npm test rebuilds dist/.
// `npx tsx bench/toolchain.ts [--no-test] [--rounds N]` runs it on its own.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, type Figure } from "./lib.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** What `npm test` keeps between runs: tsc's build info lives in dist/, prettier's cache in node_modules. */
function clearCaches(): void {
  rmSync(join(root, "dist"), { recursive: true, force: true });
  rmSync(join(root, "node_modules/.cache/prettier"), { recursive: true, force: true });
}

/** Runs one npm script; its wall time in seconds. A failing script has no meaningful time: it throws. */
function time(script: string): number {
  const start = performance.now();
  const run = spawnSync(npm, ["run", "--silent", script], { cwd: root, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) {
    const tail = `${run.stdout}${run.stderr}`.trimEnd().split("\n").slice(-20).join("\n");
    throw new Error(`npm run ${script} failed (exit ${run.status}); fix it before timing it:\n${tail}`);
  }
  return seconds;
}

function figure(id: string, label: string, samples: number[], limit: number): Figure {
  const value = median(samples);
  return { id, figure: label, baseline: "", unit: "s", value, target: `≤ ${limit} s`, pass: value <= limit };
}

export interface ToolchainOptions {
  /** Rounds per figure (medians are reported); default 3. */
  rounds?: number;
  /** Time `npm test` too (about a minute a round, cold and warm); default true. */
  test?: boolean;
}

export async function toolchainFigures({ rounds = 3, test = true }: ToolchainOptions = {}): Promise<
  Figure[]
> {
  const generate: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < rounds; round++) {
    generate.push(time("generate"));
    if (!test) continue;
    clearCaches();
    cold.push(time("test"));
    warm.push(time("test"));
  }
  return [
    figure("toolchain.generate", "npm run generate", generate, 8),
    ...(test
      ? [
          figure("toolchain.test-cold", "npm test, cold (no dist/, no caches)", cold, 40),
          figure("toolchain.test", "npm test, rerun (tsc and prettier caches warm)", warm, 40),
        ]
      : []),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const rounds = args.includes("--rounds") ? Number(args[args.indexOf("--rounds") + 1]) : undefined;
  const figures = await toolchainFigures({
    test: !args.includes("--no-test"),
    ...(rounds ? { rounds } : {}),
  });
  for (const f of figures)
    console.log(
      `${f.figure}: ${f.value.toFixed(1)} ${f.unit} (target ${f.target}) ${f.pass ? "ok" : "MISSED"}`,
    );
}
