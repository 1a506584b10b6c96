// The simulators' figures (issue 10): every operation O(page size) or O(1) in the size of the state.
// Each request goes through `zoomScribeFetch` (the simulator's handlers answered in-process, as a client's
// `fetch`), is built as a client would build it and has its body read. The state is filled with
// `addJob` directly: creating is not what is measured. `npx tsx bench/simulators.ts` prints them.
import { pathToFileURL } from "node:url";
import { createZoomScribeState, zoomScribeFetch, type ZoomScribeState } from "../src/zoom-scribe/mock.ts";
import { interleave, median, type Figure } from "./lib.ts";

const JOBS = "https://api.zoom.us/v2/aiservices/scribe/jobs";
const HEADERS = { Authorization: "Bearer test-token" };
const request = {
  input: { mode: "PREFIX" as const, source: "S3" as const, uri: "s3://acme-bucket/audio/" },
  output: { destination: "S3" as const, uri: "s3://acme-bucket/transcripts/" },
  config: { language: "en-US" },
};

const files = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    file_id: `f_${String(i + 1).padStart(3, "0")}`,
    input_uri: `s3://acme-bucket/audio/${i}.wav`,
    output_uri: `s3://acme-bucket/transcripts/${i}.json`,
    outcome: { state: "FILE_SUCCEEDED" as const, durationSec: 42 },
  }));

const get = async (fetch: (request: Request) => Promise<Response>, url: string): Promise<unknown> => {
  const response = await fetch(new Request(url, { headers: HEADERS }));
  if (response.status !== 200) throw new Error(`bench/simulators: ${url} answered ${response.status}`);
  return response.json();
};

/** Every job, page after page of 100 (the largest page Zoom allows), newest first: ms for the walk. */
async function walk(state: ZoomScribeState, expected: number): Promise<number> {
  const fetch = zoomScribeFetch(state);
  const started = performance.now();
  let seen = 0;
  for (let url = `${JOBS}?page_size=100`; url;) {
    const page = (await get(fetch, url)) as { jobs: unknown[]; next_cursor: string };
    seen += page.jobs.length;
    url = page.next_cursor ? `${JOBS}?page_size=100&next_page_token=${page.next_cursor}` : "";
  }
  const ms = performance.now() - started;
  if (seen !== expected) throw new Error(`bench/simulators: the walk saw ${seen} jobs of ${expected}`);
  return ms;
}

/**
 * Advances a job of `count` files to its end, `perStep` files a step, timing each step: µs per file
 * moved over the whole job (each file moves twice: QUEUED → PROCESSING, then to its outcome), and the
 * median µs per file of the first and of the last `window` steps.
 */
function advanceByStep(count: number, perStep: number, window: number) {
  const state = createZoomScribeState({ filesPerStep: perStep });
  const job = state.addJob(request, "PREFIX", files(count));
  const steps: number[] = [];
  for (let now = job.state; now !== "SUCCEEDED";) {
    const started = performance.now();
    now = state.advance(job.job_id);
    steps.push(performance.now() - started);
  }
  const total = steps.reduce((sum, ms) => sum + ms, 0);
  // The first step is QUEUED → PROCESSING (every file); each of the others moves `perStep` files.
  const moving = steps.slice(1).map((ms) => (ms * 1000) / perStep);
  return {
    perFile: (total * 1000) / (2 * count),
    first: median(moving.slice(0, window)),
    last: median(moving.slice(-window)),
  };
}

export async function simulatorFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];

  // A walk over 100,000 jobs: 1,000 pages, each O(page size) wherever it starts.
  const JOB_COUNT = 100_000;
  const jobs = createZoomScribeState();
  for (let i = 0; i < JOB_COUNT; i++) jobs.addJob(request, "PREFIX", files(1));
  await walk(jobs, JOB_COUNT); // warm-up
  const walkMs = median([
    await walk(jobs, JOB_COUNT),
    await walk(jobs, JOB_COUNT),
    await walk(jobs, JOB_COUNT),
  ]);
  figures.push({
    id: "simulator.walk",
    figure: "walk 100,000 jobs in a simulator (pages of 100)",
    baseline: "",
    unit: "s",
    value: walkMs / 1000,
    target: "< 2 s",
    pass: walkMs < 2000,
  });

  // GET status of a 300,000-file job, half of whose files are done: the summary is kept, not counted.
  const FILE_COUNT = 300_000;
  const big = createZoomScribeState({ filesPerStep: FILE_COUNT / 2 });
  const bigJob = big.addJob(request, "PREFIX", files(FILE_COUNT));
  big.advance(bigJob.job_id);
  big.advance(bigJob.job_id);
  const bigFetch = zoomScribeFetch(big);
  const statusUrl = `${JOBS}/${bigJob.job_id}`;
  const status = await interleave({ status: () => get(bigFetch, statusUrl) }, { rounds: 5, timeMs: 200 });
  const statusMs = status.status! / 1000;
  figures.push({
    id: "simulator.status",
    figure: "GET status of a 300,000-file job",
    baseline: "",
    unit: "ms",
    value: statusMs,
    target: "< 1 ms",
    pass: statusMs < 1,
  });

  // Advance step by step: the cost of a step is the files it moves, not the files already done.
  const runs = [0, 1, 2].map(() => advanceByStep(FILE_COUNT, 1000, 30));
  const perFile = median(runs.map((r) => r.perFile));
  // Moving a file is a few field writes (~0.05 µs); 1 µs leaves room for a slow machine, while steps
  // that look again at the files already done measured ~14 µs a file moved at this size (and grow with it).
  figures.push({
    id: "simulator.advance",
    figure: "advance a 300,000-file job, 1,000 files a step: per file moved",
    baseline: "",
    unit: "µs/file",
    value: perFile,
    target: "≤ 1 µs/file",
    pass: perFile <= 1,
  });
  const first = median(runs.map((r) => r.first));
  const last = median(runs.map((r) => r.last));
  // O(files moved): the last steps of the job cost what its first ones do, per file moved.
  figures.push({
    id: "simulator.advance.growth",
    figure: "advance, last 30 steps vs first 30 steps: per file moved",
    baseline: "first 30 steps of the same job",
    unit: "µs/file",
    value: last,
    baselineValue: first,
    ratio: last / first,
    target: "≤ 1.5×",
    pass: last / first <= 1.5,
  });

  // In-process GET throughput: a small job's status, request built and body read as a client would.
  const small = createZoomScribeState();
  const smallJob = small.addJob(request, "PREFIX", files(3));
  const smallFetch = zoomScribeFetch(small);
  const smallUrl = `${JOBS}/${smallJob.job_id}`;
  const gets = await interleave({ get: () => get(smallFetch, smallUrl) });
  const perSecond = 1e6 / gets.get!;
  figures.push({
    id: "simulator.getPerSecond",
    figure: "simulator GET in-process (zoomScribeFetch)",
    baseline: "",
    unit: "req/s",
    value: perSecond,
    target: "≥ 8000 req/s",
    pass: perSecond >= 8000,
  });
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const f of await simulatorFigures()) {
    const ratio = f.ratio === undefined ? "" : ` (${f.ratio.toFixed(2)}× ${f.baseline})`;
    const value = f.value < 10 ? f.value.toFixed(3) : f.value.toFixed(0);
    console.log(`${f.pass ? "pass" : "FAIL"}  ${f.figure}: ${value} ${f.unit}${ratio}, target ${f.target}`);
  }
}
