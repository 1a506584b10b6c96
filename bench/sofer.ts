// Sofer's figures: the client's own cost over a stubbed fetch (a helper GET, and an express create
// with its checks and validation, against bare openapi-fetch), and the simulator at scale (a walk over
// 10,000 manifests, the status of a 500-item batch, advancing per item moved, GETs per second).
import createClient from "openapi-fetch";
import { pathToFileURL } from "node:url";
import type { paths } from "../generated/sofer.ts";
import { createSoferClient } from "../dist/src/sofer/index.js";
import { createSoferState, soferFetch, type SoferState } from "../dist/src/sofer/mock.js";
import { soferSpec } from "../src/sofer/validation.ts";
import { interleave, median, type Figure } from "./lib.ts";

type Json = Record<string, any>;
const BASE = "https://api.sofer.ai";
const KEY = "bench-key";
const JSON_MEDIA = "application/json";

/** The named example of a response or request body in the bundled spec. */
function example(path: string, method: string, where: "request" | "200", name: string): Json {
  const op = (soferSpec.paths as Json)[path][method];
  const media =
    where === "request" ? op.requestBody.content[JSON_MEDIA] : op.responses["200"].content[JSON_MEDIA];
  const ex = media.examples[name];
  return (ex.$ref ? (soferSpec as Json).components.examples[ex.$ref.split("/").pop()] : ex).value;
}

function stub(body: unknown): (request: Request) => Promise<Response> {
  const text = JSON.stringify(body);
  return async (request) => {
    if (request.body) await request.arrayBuffer();
    return new Response(text, { status: 200, headers: { "content-type": JSON_MEDIA } });
  };
}

async function clientFigures(): Promise<Figure[]> {
  const id = "0b8e4f8a-2c1d-4b6e-8f3a-5d7c9e1b2a40";
  const STATUS = "/v1/transcriptions/{transcription_id}/status";
  const BATCH = "/v1/transcriptions/batch";
  const getFetch = stub(example(STATUS, "get", "200", "completed"));
  const createFetch = stub(example(BATCH, "post", "200", "received"));
  const body = example(BATCH, "post", "request", "express");
  const bare = (fetch: typeof getFetch) =>
    createClient<paths>({ baseUrl: BASE, headers: { Authorization: `Bearer ${KEY}` }, fetch });
  const bareGet = bare(getFetch);
  const bareCreate = bare(createFetch);
  const ours = createSoferClient({ apiKey: KEY, fetch: getFetch });
  const oursCreate = createSoferClient({ apiKey: KEY, fetch: createFetch });
  await ours.transcriptions.status(id); // loads the validators once
  await oursCreate.batches.createExpress(body.audio_sources, body.info);
  const get = await interleave({
    bare: async () => {
      const { data } = await bareGet.GET(STATUS, { params: { path: { transcription_id: id } } });
      if (!data) throw new Error("no data");
    },
    helper: () => ours.transcriptions.status(id),
  });
  const create = await interleave({
    bare: async () => {
      const { data } = await bareCreate.POST(BATCH, { body: body as never });
      if (!data) throw new Error("no data");
    },
    helper: () => oursCreate.batches.createExpress(body.audio_sources, body.info),
  });
  const row = (figureId: string, figure: string, r: Record<string, number>, max: number): Figure => ({
    id: figureId,
    figure,
    baseline: "bare openapi-fetch",
    unit: "µs/call",
    value: r.helper!,
    baselineValue: r.bare!,
    ratio: r.helper! / r.bare!,
    target: `≤ ${max.toFixed(2)}×`,
    pass: r.helper! / r.bare! <= max,
  });
  return [
    row("sofer.client.get", "sofer: helper GET (transcriptions.status), stubbed fetch", get, 1.15),
    row(
      "sofer.client.create",
      "sofer: batches.createExpress with checks and validation, stubbed",
      create,
      1.3,
    ),
  ];
}

async function read(fetch: (r: Request) => Promise<Response>, path: string): Promise<Json> {
  const response = await fetch(
    new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${KEY}` } }),
  );
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

const item = (n: number) => ({ audio_url: `https://cdn.example.com/${n}.mp3`, client_item_id: `i${n}` });

async function simulatorFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  // A walk over 10,000 manifests, 50 a page: each page O(page size) wherever it starts.
  const MANIFESTS = 10_000;
  const many = createSoferState({ apiKeys: [KEY] });
  for (let i = 0; i < MANIFESTS; i++)
    many.addBatchFile({
      content_type: "json",
      entries: [{ number: 1, value: item(i) }],
      size_bytes: 64,
      checksum: null,
      title: null,
      description: null,
    });
  const manyFetch = soferFetch(many);
  const walk = async () => {
    const start = performance.now();
    let cursor: string | null = null;
    let seen = 0;
    do {
      const page: Json = await read(
        manyFetch,
        `/v1/transcriptions/batch-files${cursor ? `?cursor=${cursor}` : ""}`,
      );
      seen += page.files.length;
      cursor = page.next_cursor;
    } while (cursor);
    if (seen !== MANIFESTS) throw new Error(`walk saw ${seen} manifests`);
    return performance.now() - start;
  };
  await walk();
  const walkMs = median([await walk(), await walk(), await walk()]);
  figures.push({
    id: "sofer.simulator.walk",
    figure: "sofer: walk 10,000 manifests in the simulator (pages of 50)",
    baseline: "",
    unit: "s",
    value: walkMs / 1000,
    target: "< 1 s",
    pass: walkMs < 1000,
  });

  // Status of a 500-item batch (the standard limit), half of it done.
  const big = createSoferState({ apiKeys: [KEY], itemsPerStep: 250 });
  const batch = big.addBatch(
    { processing_mode: "standard", info: {} },
    Array.from({ length: 500 }, (_, i) => item(i)),
  );
  big.advance(batch.batch_id);
  big.advance(batch.batch_id);
  const bigFetch = soferFetch(big);
  const statusPath = `/v1/transcriptions/batch/${batch.batch_id}/status`;
  const status = await interleave({ status: () => read(bigFetch, statusPath) }, { rounds: 5, timeMs: 200 });
  figures.push({
    id: "sofer.simulator.status",
    figure: "sofer: GET status of a 500-item batch",
    baseline: "",
    unit: "ms",
    value: status.status! / 1000,
    target: "< 5 ms",
    pass: status.status! / 1000 < 5,
  });

  // Advancing costs the items moved, not the batch's size: 200 batches of 500 (all PROCESSING), then
  // steps of one item each, from the start of the batches and again near their end.
  const perItem = (state: SoferState, ids: string[], steps: number) => {
    const start = performance.now();
    for (const id of ids) for (let i = 0; i < steps; i++) state.advance(id);
    return ((performance.now() - start) * 1000) / (ids.length * steps);
  };
  const stepping = createSoferState({ apiKeys: [KEY], itemsPerStep: 1 });
  const ids = Array.from(
    { length: 200 },
    () =>
      stepping.addBatch(
        { processing_mode: "standard", info: {} },
        Array.from({ length: 500 }, (_, i) => item(i)),
      ).batch_id,
  );
  for (const id of ids) stepping.advance(id); // RECEIVED → PROCESSING
  const early = perItem(stepping, ids, 20);
  perItem(stepping, ids, 460);
  const advanceUs = perItem(stepping, ids, 10); // the last ten of each batch
  figures.push({
    id: "sofer.simulator.advance.growth",
    figure: "sofer: advance, last 10 items vs first 20 of each batch: per item moved",
    baseline: "first 20 items",
    unit: "µs/item",
    value: advanceUs,
    baselineValue: early,
    ratio: advanceUs / early,
    target: "≤ 1.5×",
    pass: advanceUs / early <= 1.5,
  });
  figures.push({
    id: "sofer.simulator.advance",
    figure: "sofer: advance a 500-item batch one item a step: per item moved",
    baseline: "",
    unit: "µs/item",
    value: advanceUs,
    target: "≤ 5 µs/item",
    pass: advanceUs <= 5,
  });

  // In-process GETs: a transcription's status.
  const small = createSoferState({ apiKeys: [KEY] });
  const one = small.addBatch({ processing_mode: "express", info: {} }, [item(1)]);
  const smallFetch = soferFetch(small);
  const tPath = `/v1/transcriptions/${one.transcriptions[0]!.id}/status`;
  const gets = await interleave({ get: () => read(smallFetch, tPath) });
  const perSecond = 1e6 / gets.get!;
  figures.push({
    id: "sofer.simulator.getPerSecond",
    figure: "sofer: simulator GET in-process (soferFetch)",
    baseline: "",
    unit: "req/s",
    value: perSecond,
    target: "≥ 8000 req/s",
    pass: perSecond >= 8000,
  });
  return figures;
}

export async function soferFigures(): Promise<Figure[]> {
  return [...(await clientFigures()), ...(await simulatorFigures())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await soferFigures())
    console.log(f.pass ? "pass" : "FAIL", f.figure, f.value, f.ratio ?? "");
}
