// What every benchmark of `npm run bench` reports, and the timing loop they share. A figure is one row
// of the table: a measured value, the baseline it is compared with (measured in the same run, its
// rounds interleaved with the variant's), the target, and whether the target was met.
import { Bench } from "tinybench";

export interface Figure {
  /** Short stable id (`client.get`), the key in bench/results.json. */
  id: string;
  /** What is measured, as the table prints it. */
  figure: string;
  /** The baseline, as the table prints it ("bare openapi-fetch"), or "" when the target is absolute. */
  baseline: string;
  /** The unit of `value` and `baselineValue` ("µs/call", "req/s", "ms", "kB min+gz"). */
  unit: string;
  /** The variant's median. */
  value: number;
  /** The baseline's median, measured in the same run. */
  baselineValue?: number;
  /** value / baselineValue (or baselineValue / value for throughputs, so that lower is always better), when there is a baseline. */
  ratio?: number;
  /** The target, as the table prints it ("≤ 1.15×", "< 2 s", "≥ 8000 req/s"). */
  target: string;
  pass: boolean;
  /** A row for scale only (what a bare library reaches), not a target: not counted. */
  reference?: boolean;
  /** Processes the figure is the median over (its group's `processes`), when more than one. */
  processes?: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Interleaved {
  /** Median over rounds of each task's mean time per call, in µs. */
  [name: string]: number;
}

/**
 * Runs each task for `timeMs` per round, the tasks one after another within a round and the rounds
 * one after another (so drift in the machine's speed hits every task alike), and returns each task's
 * median over rounds of its mean µs per call. A first round is run and not counted: in it the task
 * that runs first was always the slower (its per-round ratio came to 0.63–0.78 where the others sat
 * near 1.1), the process still settling.
 */
export async function interleave(
  tasks: Record<string, () => unknown>,
  { rounds = 11, timeMs = 250 }: { rounds?: number; timeMs?: number } = {},
): Promise<Interleaved> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(tasks).map((k) => [k, []]));
  for (let round = -1; round < rounds; round++) {
    const names = Object.keys(tasks);
    // Alternate the order so neither task always runs first.
    if (round % 2 !== 0) names.reverse();
    for (const name of names) {
      const bench = new Bench({ time: timeMs, warmup: true, warmupTime: 50 });
      bench.add(name, tasks[name]!);
      await bench.run();
      const result = bench.tasks[0]!.result as { latency?: { mean: number } } | undefined;
      const meanMs = result?.latency?.mean;
      if (meanMs === undefined) throw new Error(`bench ${name}: no result (did the task throw?)`);
      if (round >= 0) samples[name]!.push(meanMs * 1000);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export { median };
