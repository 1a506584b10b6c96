// Cold start: a fresh Node process imports the client and makes its first call (over a stubbed fetch),
// against the same with bare openapi-fetch. Timed inside the child from just before the import, so
// Node's own start-up (the same for both) is left out. Processes alternate; medians are compared.
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, type Figure } from "./lib.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path: string) => JSON.stringify(pathToFileURL(join(root, "dist", path)).href);

const STUB = `const body = JSON.stringify({ job_id: "j", state: "QUEUED", submitted_at: "2026-01-05T18:34:12Z" });
const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });`;

const PROGRAMS = {
  bare: `${STUB}
const t0 = performance.now();
const { default: createClient } = await import("openapi-fetch");
const client = createClient({ baseUrl: "https://api.zoom.us/v2", fetch, headers: { Authorization: "Bearer t" } });
const { data } = await client.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId: "j" } } });
if (!data) throw new Error("no data");
process.stdout.write(String(performance.now() - t0));`,
  helper: `${STUB}
const t0 = performance.now();
const { createZoomScribeClient } = await import(${dist("src/zoom-scribe/index.js")});
const client = createZoomScribeClient({ token: "t", fetch });
await client.jobs.get("j");
process.stdout.write(String(performance.now() - t0));`,
};

function run(program: string): number {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", program], { cwd: root });
  return Number(out.toString());
}

export async function coldStartFigures({ rounds = 9 } = {}): Promise<Figure[]> {
  const samples = { bare: [] as number[], helper: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? (["helper", "bare"] as const) : (["bare", "helper"] as const);
    for (const name of order) samples[name].push(run(PROGRAMS[name]));
  }
  const bare = median(samples.bare);
  const helper = median(samples.helper);
  return [
    {
      id: "cold-start",
      figure: "import + first helper call (validators loaded), fresh process",
      baseline: "bare openapi-fetch",
      unit: "ms",
      value: helper,
      baselineValue: bare,
      ratio: helper / bare,
      target: "≤ 2.00×",
      pass: helper / bare <= 2,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await coldStartFigures()) console.log(f);
}
