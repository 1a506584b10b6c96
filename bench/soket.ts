// Soket's figures: the client's own cost over a stubbed fetch (a helper GET against bare
// openapi-fetch), the streamed download (memory while reading 100,000 results against reading 10,000:
// it must not grow with the batch), and the simulator at scale (status and a results page of a
// 100,000-file batch).
import createClient from "openapi-fetch";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pathToFileURL } from "node:url";
import type { paths } from "../generated/soket.ts";
import { createSoketClient } from "../dist/src/soket/index.js";
import { createSoketState, soketFetch } from "../dist/src/soket/mock.js";
import { soketSpec } from "../src/soket/validation.ts";
import { interleave, median, type Figure } from "./lib.ts";

type Json = Record<string, any>;
const BASE = "https://api.soket.ai/transcribe";
const TOKEN = "bench-jwt";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A finished batch of `count` files in a simulator of its own, and a client over it. */
function finished(count: number) {
  const state = createSoketState({ tokens: [TOKEN] });
  const upload = state.addUpload(
    Array.from({ length: count }, (_, i) => ({ filename: `f${i}.wav`, size_bytes: 32_000 })),
  );
  state.completeUploads(upload.batch_upload_id);
  const batch = state.addBatch(upload.files.map((file) => ({ upload: file })));
  state.runToCompletion(batch.batch_id);
  const client = createSoketClient({ token: TOKEN, fetch: soketFetch(state) });
  return { state, batchId: batch.batch_id, client };
}

/** Reads every result of the download; returns how many, and the most the heap grew meanwhile (bytes). */
async function streamed(client: ReturnType<typeof createSoketClient>, batchId: string) {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let count = 0;
  for await (const _ of client.results.stream(batchId)) {
    if (++count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
  return { count, peak };
}

async function streamFigures(): Promise<Figure[]> {
  const small = finished(10_000);
  const large = finished(100_000);
  const runs = { small: [] as number[], large: [] as number[] };
  for (let round = 0; round < 3; round++) {
    const a = await streamed(small.client, small.batchId);
    const b = await streamed(large.client, large.batchId);
    if (a.count !== 10_000 || b.count !== 100_000) throw new Error(`streamed ${a.count} and ${b.count}`);
    runs.small.push(a.peak);
    runs.large.push(b.peak);
  }
  const smallMb = median(runs.small) / 1e6;
  const largeMb = median(runs.large) / 1e6;
  return [
    {
      id: "soket.stream.memory",
      figure: "soket: heap growth while streaming 100,000 results (results.stream)",
      baseline: "10,000 results",
      unit: "MB",
      value: largeMb,
      baselineValue: smallMb,
      ratio: largeMb / smallMb,
      // Ten times the results: memory that grew with them would be ~10×.
      target: "≤ 2× (10× the results)",
      pass: largeMb / smallMb <= 2,
    },
  ];
}

async function clientFigures(): Promise<Figure[]> {
  const STATUS = "/status/batch/{batch_id}";
  const op = (soketSpec.paths as Json)[STATUS].get;
  const body = JSON.stringify(
    Object.values(op.responses["200"].content["application/json"].examples as Json)[0].value,
  );
  const fetch = async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const bare = createClient<paths>({ baseUrl: BASE, headers: { Authorization: `Bearer ${TOKEN}` }, fetch });
  const ours = createSoketClient({ token: TOKEN, fetch });
  const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  await ours.batches.status(id); // loads the validators once
  const r = await interleave({
    bare: async () => {
      const { data } = await bare.GET(STATUS, { params: { path: { batch_id: id } } });
      if (!data) throw new Error("no data");
    },
    helper: () => ours.batches.status(id),
  });
  return [
    {
      id: "soket.client.get",
      figure: "soket: helper GET (batches.status), stubbed fetch",
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

async function simulatorFigures(): Promise<Figure[]> {
  const { state, batchId } = finished(100_000);
  const fetch = soketFetch(state);
  const read = async (path: string) => {
    const response = await fetch(
      new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } }),
    );
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const r = await interleave(
    {
      status: () => read(`/status/batch/${batchId}`),
      page: () => read(`/results/batch/${batchId}?page=400&limit=200&status=completed`),
    },
    { rounds: 5, timeMs: 200 },
  );
  return [
    {
      id: "soket.simulator.status",
      figure: "soket: GET status of a 100,000-file batch",
      baseline: "",
      unit: "ms",
      value: r.status! / 1000,
      target: "< 1 ms",
      pass: r.status! / 1000 < 1,
    },
    {
      id: "soket.simulator.page",
      figure: "soket: a filtered results page (200) deep in a 100,000-file batch",
      baseline: "",
      unit: "ms",
      value: r.page! / 1000,
      target: "< 10 ms",
      pass: r.page! / 1000 < 10,
    },
  ];
}

export async function soketFigures(): Promise<Figure[]> {
  return [...(await clientFigures()), ...(await streamFigures()), ...(await simulatorFigures())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await soketFigures())
    console.log(f.pass ? "pass" : "FAIL", f.figure, f.value.toFixed(3), f.unit, f.ratio?.toFixed(2) ?? "");
}
