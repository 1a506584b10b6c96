// Over real HTTP: a helper GET against raw fetch, to a loopback node:http server in a child process
// (so the server does not share the client's thread), 1 and 16 requests in flight. Throughput is
// counted over a fixed time per round, rounds interleaved.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import createClient from "openapi-fetch";
import type { paths } from "../generated/zoom-scribe.ts";
import { createZoomScribeClient } from "../dist/src/zoom-scribe/index.js";
import { zoomScribeSpec } from "../dist/src/zoom-scribe/validation.js";
import { median, type Figure } from "./lib.ts";

const JOBS = "/aiservices/scribe/jobs";

/** The spec's example of a job's status, which the server answers every GET with. */
function jobExample(): unknown {
  const get = (zoomScribeSpec.paths?.[`${JOBS}/{jobId}`] as Record<string, any>).get;
  const media = get.responses["200"].content["application/json"];
  return media.example ?? Object.values(media.examples ?? {})[0]?.["value"];
}

async function startServer(body: string): Promise<{ url: string; child: ChildProcess }> {
  const source = `
    const http = require("node:http");
    const body = ${JSON.stringify(body)};
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
  `;
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  return { url: `http://127.0.0.1:${chunk.toString().trim()}`, child };
}

/** Requests per second with `inFlight` callers each sending one request after another for `ms`. */
async function throughput(call: () => Promise<unknown>, inFlight: number, ms: number): Promise<number> {
  let done = 0;
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      await call();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return (done * 1000) / (performance.now() - start);
}

export async function httpFigures({ rounds = 7, ms = 400 } = {}): Promise<Figure[]> {
  const { url, child } = await startServer(JSON.stringify(jobExample()));
  try {
    const token = "bench-token";
    const client = createZoomScribeClient({ token, baseUrl: `${url}/v2` });
    const raw = async () => {
      const response = await fetch(`${url}/v2${JOBS}/bench-job`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(String(response.status));
      await response.json();
    };
    const helper = () => client.jobs.get("bench-job");
    // For scale: what openapi-fetch alone reaches against raw fetch (it builds a Request, which fetch
    // copies again).
    const bareClient = createClient<paths>({
      baseUrl: `${url}/v2`,
      headers: { Authorization: `Bearer ${token}` },
    });
    const bare = () => bareClient.GET(`${JOBS}/{jobId}`, { params: { path: { jobId: "bench-job" } } });
    // The floor of any client on openapi-fetch with timeouts: fetch of a built Request (openapi-fetch
    // always builds one) with an AbortSignal (what a timeout needs). Each of the two alone costs Node's
    // fetch 7-9% of its throughput on this machine.
    const floor = async () => {
      const request = new Request(`${url}/v2${JOBS}/bench-job`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const response = await fetch(request, { signal: new AbortController().signal });
      if (!response.ok) throw new Error(String(response.status));
      await response.json();
    };
    // Raw fetch with nothing but a signal (what any per-request timeout that aborts the request needs),
    // no Request built first: what no client on Node's fetch with timeouts can beat.
    const rawSignal = async () => {
      const response = await fetch(`${url}/v2${JOBS}/bench-job`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: new AbortController().signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      await response.json();
    };
    await helper(); // loads the validators once, as any first call does
    const calls = { raw, helper, bare, floor, rawSignal };
    const figures: Figure[] = [];
    for (const inFlight of [1, 16]) {
      const samples = {
        raw: [] as number[],
        helper: [] as number[],
        bare: [] as number[],
        floor: [] as number[],
        rawSignal: [] as number[],
      };
      for (let round = 0; round < rounds; round++) {
        const order = (["raw", "helper", "bare", "floor", "rawSignal"] as const).slice();
        if (round % 2) order.reverse();
        for (const name of order) samples[name].push(await throughput(calls[name], inFlight, ms));
      }
      const rawRate = median(samples.raw);
      const helperRate = median(samples.helper);
      const bareRate = median(samples.bare);
      const floorRate = median(samples.floor);
      const rawSignalRate = median(samples.rawSignal);
      const share = helperRate / rawRate;
      figures.push({
        id: `http.get.${inFlight}`,
        figure: `helper GET over loopback HTTP, ${inFlight} in flight`,
        baseline: "raw fetch",
        unit: "req/s",
        value: helperRate,
        baselineValue: rawRate,
        ratio: rawRate / helperRate,
        target: "≥ 0.95× throughput",
        pass: share >= 0.95,
      });
      figures.push({
        id: `http.bare.${inFlight}`,
        figure: `  (for scale) bare openapi-fetch GET, ${inFlight} in flight`,
        baseline: "raw fetch",
        unit: "req/s",
        value: bareRate,
        baselineValue: rawRate,
        ratio: rawRate / bareRate,
        target: "reference",
        pass: true,
        reference: true,
      });
      figures.push({
        id: `http.signal.${inFlight}`,
        figure: `  (for scale) raw fetch(url, { signal }), ${inFlight} in flight`,
        baseline: "raw fetch",
        unit: "req/s",
        value: rawSignalRate,
        baselineValue: rawRate,
        ratio: rawRate / rawSignalRate,
        target: "reference",
        pass: true,
        reference: true,
      });
      figures.push({
        id: `http.floor.${inFlight}`,
        figure: `  (for scale) fetch(new Request(…), { signal }), ${inFlight} in flight`,
        baseline: "raw fetch",
        unit: "req/s",
        value: floorRate,
        baselineValue: rawRate,
        ratio: rawRate / floorRate,
        target: "reference",
        pass: true,
        reference: true,
      });
    }
    return figures;
  } finally {
    child.kill();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await httpFigures()) console.log(f);
}
