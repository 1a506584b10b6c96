// How much of its state the SLNG simulator touches: a page of the list reads only the page's jobs
// (and a binary search's worth for the submitted bounds), however many jobs there are and however deep
// or filtered the page; get and delete read one job; advance() reads only unfinished jobs; a create
// reads no upload; the request log stays bounded. Not timed: each job's and upload's fields are
// accessors that mark the object touched when read. The pages are also checked against every job
// filtered and sorted the plain way.
import { beforeAll, describe, expect, it } from "vitest";
import { createSlngState, slngFetch, type SimulatedJob, type SlngState } from "../../../src/slng/mock.ts";
import { BASE, jsonRequest, KEY } from "./helpers.ts";

const OTHER = "other-key";
const MODELS = ["slng/speechmatics/batch:15.0.0", "slng/speechmatics/batch:14.0.0"];

/** Makes every field of each object an accessor that adds the object to `touched` when read. */
function instrument(objects: Iterable<object>, touched: Set<object>): void {
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      let value = (object as Record<string, unknown>)[key];
      Object.defineProperty(object, key, {
        get: () => (touched.add(object), value),
        set: (v) => void (value = v),
        enumerable: true,
        configurable: true,
      });
    }
  }
}

/** `n` jobs a second apart, for two keys and two models, in every status. */
function manyJobs(n: number) {
  let now = Date.parse("2026-06-01T00:00:00Z");
  const state = createSlngState({
    apiKeys: [KEY, OTHER],
    models: MODELS,
    now: () => new Date((now += 1000)),
    failingJobs: (job) => job.job_id.endsWith("7"),
  });
  for (let i = 0; i < n; i++) {
    const job = state.addJob({
      api_key: i % 4 === 3 ? OTHER : KEY,
      model_code: MODELS[i % 3 === 0 ? 1 : 0],
      source: { kind: "url", url: `https://a.test/${i}.wav` },
    });
    for (let s = 0; s < i % 6; s++) state.advance(job.job_id);
    if (i % 11 === 0 && state.jobs.get(job.job_id)!.status !== "DONE") state.runToCompletion(job.job_id);
    if (i % 13 === 0) state.deleteJob(job.job_id);
  }
  return state;
}

/** The page the plain way: every job filtered, then sorted (ties in creation order, reversed by desc). */
function expectedPage(state: SlngState, query: URLSearchParams) {
  const statuses = query.get("status")?.split(",");
  const model = query.get("model_code");
  const after = query.has("submitted_after") ? Date.parse(query.get("submitted_after")!) : undefined;
  const before = query.has("submitted_before") ? Date.parse(query.get("submitted_before")!) : undefined;
  const by = (query.get("sort_by") ?? "submitted_at") as "submitted_at" | "status" | "model_code";
  const order = query.get("sort_order") === "asc" ? 1 : -1;
  const key = (j: SimulatedJob) => (by === "submitted_at" ? j.submitted_at.getTime() : j[by]);
  const all = [...state.jobs.values()]
    .filter(
      (j) =>
        j.api_key === KEY &&
        (!statuses || statuses.includes(j.status)) &&
        (model === null || j.model_code === model) &&
        (after === undefined || j.submitted_at.getTime() > after) &&
        (before === undefined || j.submitted_at.getTime() < before),
    )
    .sort((a, b) => ((key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) || a.position - b.position) * order);
  const page = Number(query.get("page") ?? 1);
  const size = Number(query.get("page_size") ?? 20);
  return { ids: all.slice((page - 1) * size, page * size).map((j) => j.job_id), total: all.length };
}

const at = (seconds: number) => new Date(Date.parse("2026-06-01T00:00:00Z") + seconds * 1000).toISOString();

const QUERIES = [
  "page=3",
  "page=40&page_size=100",
  "status=DONE,FAILED&page=5&page_size=100",
  "status=QUEUED,DECODING,DELETED&sort_by=status&sort_order=asc&page=7&page_size=100",
  "sort_by=status&page=60&page_size=100",
  "sort_by=model_code&sort_order=asc&page=70&page_size=100",
  "sort_by=model_code&page=2&page_size=100",
  `model_code=${MODELS[1]}&status=IN_PROGRESS,DONE&sort_by=status&page=2&page_size=50`,
  `submitted_after=${at(5000)}&submitted_before=${at(15000)}&sort_order=asc&page=30&page_size=100`,
  `submitted_after=${at(2500)}&sort_by=model_code&status=FAILED,DONE&page=4&page_size=100`,
  `submitted_before=${at(19000)}&sort_by=status&sort_order=asc&page=100&page_size=100`,
  "page=1000&page_size=100",
];

describe("the SLNG simulator with 20,000 jobs", () => {
  let state: SlngState;
  let fetch: ReturnType<typeof slngFetch>;
  const touched = new Set<object>();
  beforeAll(() => {
    state = manyJobs(20_000);
    fetch = slngFetch(state);
    instrument(state.jobs.values(), touched);
  });
  const list = async (query: string) =>
    (await fetch(jsonRequest("GET", `/v1/batch/jobs?${query}`))).json() as Promise<any>;

  it.each(QUERIES)("serves ?%s as every job filtered and sorted would", async (query) => {
    const page = await list(query);
    const expected = expectedPage(state, new URLSearchParams(query));
    expect(page.items.map((j: any) => j.job_id)).toEqual(expected.ids);
    expect(page.meta.total).toBe(expected.total);
  });

  it.each(QUERIES)("serves ?%s reading only its page's jobs (and a binary search's)", async (query) => {
    touched.clear();
    const page = await list(query);
    const search = query.includes("submitted_") ? 2 * Math.ceil(Math.log2(20_000)) + 2 : 0;
    expect(touched.size).toBeLessThanOrEqual(page.items.length + search);
  });

  it("gets and deletes a job reading only that job", async () => {
    const done = [...state.jobs.values()].find((j) => j.status === "DONE" && j.api_key === KEY)!;
    touched.clear();
    expect((await fetch(jsonRequest("GET", `/v1/batch/jobs/${done.job_id}`))).status).toBe(200);
    expect([...touched]).toEqual([done]);
    touched.clear();
    expect((await fetch(jsonRequest("DELETE", `/v1/batch/jobs/${done.job_id}`))).status).toBe(202);
    expect([...touched]).toEqual([done]);
  });

  it("advances every unfinished job reading none of the finished ones", () => {
    const unfinished = [...state.jobs.values()].filter(
      (j) => !["DONE", "FAILED", "DELETED"].includes(j.status),
    );
    expect(unfinished.length).toBeGreaterThan(1000);
    touched.clear();
    state.advance();
    expect(touched.size).toBe(unfinished.length);
  });
});

describe("the SLNG simulator with many presigned uploads", () => {
  it("creates a job reading none of the uploads waiting for step 3", async () => {
    const state = createSlngState({ apiKeys: [KEY] });
    const uploads = Array.from({ length: 5000 }, (_, i) => state.presign({ filename: `${i}.wav` }));
    const touched = new Set<object>();
    instrument(uploads, touched);
    const fetch = slngFetch(state);
    const created = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", { input_url: "https://a.test/a.wav", transcription_config: {} }),
    );
    expect(created.status).toBe(202);
    expect(touched.size).toBe(0);
    expect(uploads.map((u) => u.job_id)).not.toContain((await created.json()).job_id);
  });

  it("keeps at most requestLogSize requests, the newest", async () => {
    const state = createSlngState({ apiKeys: [KEY], requestLogSize: 5 });
    const fetch = slngFetch(state);
    for (let i = 0; i < 12; i++)
      await fetch(
        new Request(`${BASE}/v1/batch/jobs?n=${i}`, { headers: { Authorization: `Bearer ${KEY}` } }),
      );
    expect(state.requests.entries.map((e) => new URL(e.url).searchParams.get("n"))).toEqual([
      "7",
      "8",
      "9",
      "10",
      "11",
    ]);
  });
});

describe("the SLNG simulator's list when the clock went back", () => {
  it("still sorts and bounds by submitted_at (it then reads every job of the key)", async () => {
    const times = [30, 10, 20, 5, 40].map((s) => new Date(Date.parse("2026-06-01T00:00:00Z") + s * 1000));
    let i = 0;
    const state = createSlngState({ apiKeys: [KEY], now: () => times[Math.min(i, 4)]! });
    for (; i < 5; i++) state.addJob({ job_id: `j${i}`, source: { kind: "url", url: `https://a.test/${i}` } });
    const fetch = slngFetch(state);
    const query = `sort_order=asc&submitted_after=${times[3]!.toISOString()}`;
    const page = await (await fetch(jsonRequest("GET", `/v1/batch/jobs?${query}`))).json();
    expect(page.items.map((j: any) => j.job_id)).toEqual(["j1", "j2", "j0", "j4"]);
    expect(page.items.map((j: any) => j.job_id)).toEqual(expectedPage(state, new URLSearchParams(query)).ids);
  });
});
