// The client's own cost: the same call through a helper and through bare openapi-fetch, both over a
// stubbed fetch that answers at once with the spec's example body, so all that differs is batchspec.
import createClient from "openapi-fetch";
import type { paths } from "../generated/zoom-scribe.ts";
import { createZoomScribeClient } from "../dist/src/zoom-scribe/index.js";
import { zoomScribeSpec } from "../src/zoom-scribe/validation.ts";
import { interleave, type Figure } from "./lib.ts";

type Json = Record<string, unknown>;

/** The first example of a media type object in the bundled spec. */
function example(pointer: string[]): unknown {
  let node: unknown = zoomScribeSpec;
  for (const key of pointer) node = (node as Json)[key];
  const media = node as { example?: unknown; examples?: Record<string, { value: unknown }> };
  return media.example ?? Object.values(media.examples ?? {})[0]?.value;
}

const JOBS = "/aiservices/scribe/jobs";
const JSON_MEDIA = "application/json";
const jobStatus = example(["paths", `${JOBS}/{jobId}`, "get", "responses", "200", "content", JSON_MEDIA]);
const created = example(["paths", JOBS, "post", "responses", "201", "content", JSON_MEDIA]);
const createBody = example(["paths", JOBS, "post", "requestBody", "content", JSON_MEDIA]) as Json;

/** A fetch that answers every request at once, as a server would: a fresh Response each time. */
function stub(status: number, body: unknown): (request: Request) => Promise<Response> {
  const text = JSON.stringify(body);
  return async (request) => {
    // Both variants send their body: read it, as a server would.
    if (request.body) await request.arrayBuffer();
    return new Response(text, { status, headers: { "content-type": JSON_MEDIA } });
  };
}

export async function clientFigures(): Promise<Figure[]> {
  if (!jobStatus || !created || !createBody) throw new Error("bench/client: the spec's examples are missing");
  const token = "bench-token";
  const getFetch = stub(200, jobStatus);
  const createFetch = stub(201, created);
  const bare = createClient<paths>({
    baseUrl: "https://api.zoom.us/v2",
    headers: { Authorization: `Bearer ${token}` },
    fetch: getFetch,
  });
  const bareCreate = createClient<paths>({
    baseUrl: "https://api.zoom.us/v2",
    headers: { Authorization: `Bearer ${token}` },
    fetch: createFetch,
  });
  const ours = createZoomScribeClient({ token, fetch: getFetch });
  const oursCreate = createZoomScribeClient({ token, fetch: createFetch });
  const jobId = "bench-job";
  // The first validation loads the validators: not part of a call's steady cost.
  await ours.jobs.get(jobId);
  await oursCreate.jobs.create(createBody as never);

  const get = await interleave({
    bare: async () => {
      const { data } = await bare.GET(`${JOBS}/{jobId}`, { params: { path: { jobId } } });
      if (!data) throw new Error("no data");
    },
    helper: async () => {
      await ours.jobs.get(jobId);
    },
  });
  // With a caller's signal (a fresh one each call, as a request scope would give): openapi-fetch hands
  // it to the Request, which follows it; a helper follows it for the attempt only.
  const withSignal = await interleave({
    bare: async () => {
      const signal = new AbortController().signal;
      const { data } = await bare.GET(`${JOBS}/{jobId}`, { params: { path: { jobId } }, signal });
      if (!data) throw new Error("no data");
    },
    helper: async () => {
      await ours.jobs.get(jobId, { signal: new AbortController().signal });
    },
  });
  // A raw call: the typed openapi-fetch client batchspec gives, its 2xx body checked.
  const raw = await interleave({
    bare: async () => {
      const { data } = await bare.GET(`${JOBS}/{jobId}`, { params: { path: { jobId } } });
      if (!data) throw new Error("no data");
    },
    helper: async () => {
      const { data } = await ours.GET(`${JOBS}/{jobId}`, { params: { path: { jobId } } });
      if (!data) throw new Error("no data");
    },
  });
  const create = await interleave({
    bare: async () => {
      const { data } = await bareCreate.POST(JOBS, { body: createBody as never });
      if (!data) throw new Error("no data");
    },
    helper: async () => {
      await oursCreate.jobs.create(createBody as never);
    },
  });
  const row = (
    id: string,
    figure: string,
    r: Record<string, number>,
    max: number | undefined,
    baseline = "bare openapi-fetch",
  ): Figure => {
    const ratio = r.helper! / r.bare!;
    return {
      id,
      figure,
      baseline,
      unit: "µs/call",
      value: r.helper!,
      baselineValue: r.bare!,
      ratio,
      ...(max === undefined
        ? { target: "reference", pass: true, reference: true }
        : { target: `≤ ${max.toFixed(2)}×`, pass: ratio <= max }),
    };
  };
  return [
    row("client.get", "helper GET (jobs.get), stubbed fetch", get, 1.15),
    row(
      "client.get.signal",
      "helper GET with a caller's signal, stubbed fetch",
      withSignal,
      1.15,
      "bare openapi-fetch with a signal",
    ),
    row("client.raw", "  (for scale) raw call (client.GET), stubbed fetch", raw, undefined),
    row("client.create", "jobs.create with validation, stubbed fetch", create, 1.3),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await clientFigures()) console.log(f);
}
