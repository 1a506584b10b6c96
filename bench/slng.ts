// SLNG's figures: the client's own cost over a stubbed fetch (a helper GET against bare openapi-fetch),
// and the simulator at scale: a walk over every job of 100,000 through the filtered, sorted list, and
// the GET of one job among them.
import createClient from "openapi-fetch";
import { pathToFileURL } from "node:url";
import type { paths } from "../generated/slng.ts";
import { createSlngClient } from "../dist/src/slng/index.js";
import { createSlngState, slngFetch } from "../dist/src/slng/mock.js";
import { slngSpec } from "../src/slng/validation.ts";
import { interleave, type Figure } from "./lib.ts";

type Json = Record<string, any>;
const BASE = "https://api.batch.slng.ai";
const KEY = "bench-key";
const JOB = "/v1/batch/jobs/{jobId}";

async function clientFigures(): Promise<Figure[]> {
  const op = (slngSpec.paths as Json)[JOB].get;
  const example = Object.values(op.responses["200"].content["application/json"].examples as Json)[0].value;
  const body = JSON.stringify(example);
  const id: string = example.job_id;
  const fetch = async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const bare = createClient<paths>({ baseUrl: BASE, headers: { Authorization: `Bearer ${KEY}` }, fetch });
  const ours = createSlngClient({ apiKey: KEY, fetch });
  await ours.jobs.get(id); // loads the validators once
  const r = await interleave({
    bare: async () => {
      const { data } = await bare.GET(JOB, { params: { path: { jobId: id } } });
      if (!data) throw new Error("no data");
    },
    helper: () => ours.jobs.get(id),
  });
  return [
    {
      id: "slng.client.get",
      figure: "slng: helper GET (jobs.get), stubbed fetch",
      baseline: "bare openapi-fetch",
      unit: "µs/call",
      value: r.helper!,
      baselineValue: r.bare!,
      ratio: r.helper! / r.bare!,
      target: "≤ 1.15×",
      pass: r.helper! / r.bare! <= 1.15,
    },
  ];
}

/** 100,000 jobs, one in ten finished, in a simulator of their own. */
function manyJobs() {
  const state = createSlngState({ apiKeys: [KEY] });
  for (let i = 0; i < 100_000; i++) {
    const job = state.addJob({ source: { kind: "url", url: `https://cdn.example.com/${i}.wav` } });
    if (i % 10 === 0) state.runToCompletion(job.job_id);
  }
  return state;
}

async function simulatorFigures(): Promise<Figure[]> {
  const state = manyJobs();
  const fetch = slngFetch(state);
  const read = async (path: string) => {
    const response = await fetch(
      new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${KEY}` } }),
    );
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json() as Promise<Json>;
  };
  const some = [...state.jobs.keys()].filter((_, i) => i % 997 === 0);
  let n = 0;
  const r = await interleave(
    { get: () => read(`/v1/batch/jobs/${some[n++ % some.length]}`) },
    {
      rounds: 5,
      timeMs: 200,
    },
  );
  // The walk: every queued job (90,000), newest first, 100 a page.
  const walks: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    let seen = 0;
    for (let page = 1; ; page++) {
      const body = await read(
        `/v1/batch/jobs?status=QUEUED&sort_by=submitted_at&sort_order=desc&page_size=100&page=${page}`,
      );
      seen += body.items.length;
      if (page >= body.meta.pages) break;
    }
    if (seen !== 90_000) throw new Error(`the walk saw ${seen} jobs`);
    walks.push(performance.now() - started);
  }
  walks.sort((a, b) => a - b);
  const walk = walks[1]! / 1000;
  return [
    {
      id: "slng.simulator.get",
      figure: "slng: GET one job among 100,000",
      baseline: "",
      unit: "ms",
      value: r.get! / 1000,
      target: "< 1 ms",
      pass: r.get! / 1000 < 1,
    },
    {
      id: "slng.simulator.walk",
      figure: "slng: walk 90,000 queued jobs of 100,000 (status filter, sorted, 100 a page)",
      baseline: "",
      unit: "s",
      value: walk,
      target: "< 2 s",
      pass: walk < 2,
    },
  ];
}

export async function slngFigures(): Promise<Figure[]> {
  return [...(await clientFigures()), ...(await simulatorFigures())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await slngFigures())
    console.log(f.pass ? "pass" : "FAIL", f.figure, f.value.toFixed(3), f.unit, f.ratio?.toFixed(2) ?? "");
}
