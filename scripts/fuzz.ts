// npm run fuzz: the fuzz of `npm test` run deep, at a random seed it prints first so a failure can be
// replayed: BATCHSPEC_FUZZ_SEED=<seed> npm run fuzz. BATCHSPEC_FUZZ_RUNS scales every count (default 10);
// BATCHSPEC_FUZZ_ONLY=<text> runs only the jobs whose name contains it (`slng`, `client`, `webhooks`).
import { fuzzClient, fuzzSimulator, fuzzWebhooks } from "../test/fuzz/properties.ts";
import { PROVIDERS } from "../test/fuzz/providers.ts";

const seed = Number(process.env.BATCHSPEC_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const scale = Number(process.env.BATCHSPEC_FUZZ_RUNS ?? 10);
console.log(
  `fuzz: seed ${seed} (replay with BATCHSPEC_FUZZ_SEED=${seed} npm run fuzz), BATCHSPEC_FUZZ_RUNS=${scale}: ${2000 * scale} requests per simulator, ${300 * scale} client scenarios, ${1000 * scale} webhook deliveries`,
);

const everyJob: [string, () => Promise<void>][] = [
  ...PROVIDERS.flatMap((p): [string, () => Promise<void>][] => [
    [`${p.id} simulator`, () => fuzzSimulator(p, { seed, numRuns: 2000 * scale })],
    [`${p.id} client`, () => fuzzClient(p, { seed, numRuns: 300 * scale })],
  ]),
  ["webhooks", () => fuzzWebhooks({ seed, numRuns: 1000 * scale })],
];
const jobs = everyJob.filter(([name]) => name.includes(process.env.BATCHSPEC_FUZZ_ONLY ?? ""));
if (jobs.length === 0) {
  console.error(`fuzz: no job's name contains ${JSON.stringify(process.env.BATCHSPEC_FUZZ_ONLY)}`);
  process.exit(2);
}
let failed = 0;
for (const [name, job] of jobs) {
  const started = Date.now();
  try {
    await job();
    console.log(`fuzz: ${name}: passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.error(`fuzz: ${name}: FAILED\n${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log(`fuzz: seed ${seed}: ${jobs.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
