// How much of its state a Zoom simulator touches to answer (issue 10): every request O(page size) or
// O(1) in the number of jobs and files. Not timed: each job and file the state holds is instrumented
// so that reading any of its fields marks it touched, and the jobs Map counts every walk over it.
import { describe, expect, it } from "vitest";
import {
  createZoomScribeState,
  zoomScribeFetch,
  type ZoomScribeState,
} from "../../../src/zoom-scribe/mock.ts";
import type { FileOutcome } from "../../../src/zoom/simulator/index.ts";

const JOBS = "https://api.zoom.us/v2/aiservices/scribe/jobs";
const request = {
  input: { mode: "PREFIX" as const, source: "S3" as const, uri: "s3://acme/in/" },
  output: { destination: "S3" as const, uri: "s3://acme/out/" },
  config: { language: "en-US" },
};
const ok: FileOutcome = { state: "FILE_SUCCEEDED" };
const files = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    file_id: `f_${String(i + 1).padStart(3, "0")}`,
    input_uri: `s3://acme/in/${i}.wav`,
    output_uri: `s3://acme/out/${i}.json`,
    outcome: ok,
  }));

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

/** Counts the walks over a Map (values, keys, entries, forEach, for...of). */
function countWalks(map: Map<unknown, unknown>): { walks: number } {
  const counter = { walks: 0 };
  for (const name of ["values", "keys", "entries", "forEach", Symbol.iterator] as const) {
    const original = (map[name] as (...args: unknown[]) => unknown).bind(map);
    Object.defineProperty(map, name, {
      value: (...args: unknown[]) => (counter.walks++, original(...args)),
      configurable: true,
    });
  }
  return counter;
}

function simulator(state: ZoomScribeState) {
  const fetch = zoomScribeFetch(state);
  return async (url: string, method = "GET") => {
    const response = await fetch(
      new Request(url, { method, headers: { Authorization: "Bearer test-token" } }),
    );
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
  };
}

describe("a Zoom simulator with thousands of jobs", () => {
  const JOB_COUNT = 5000;
  function withJobs() {
    const state = createZoomScribeState({ filesPerStep: 1 });
    const jobs = Array.from({ length: JOB_COUNT }, () => state.addJob(request, "PREFIX", files(1)));
    // Every third job PROCESSING, every ninth SUCCEEDED: a filter that skips most of the list.
    jobs.forEach((job, i) => i % 3 === 0 && state.advance(job.job_id));
    jobs.forEach((job, i) => i % 9 === 0 && state.runToCompletion(job.job_id));
    const touched = new Set<object>();
    instrument(jobs, touched);
    return {
      state,
      jobs,
      touched,
      walks: countWalks(state.jobs as Map<string, unknown>),
      send: simulator(state),
    };
  }

  it("touches only the jobs of a page (and the one after it) wherever the page starts", async () => {
    const { touched, walks, send } = withJobs();
    let url = `${JOBS}?page_size=10`;
    for (let page = 0; page < 50; page++) {
      touched.clear();
      const { status, body } = await send(url);
      expect(status).toBe(200);
      expect(body.jobs).toHaveLength(10);
      expect(touched.size).toBeLessThanOrEqual(11);
      url = `${JOBS}?page_size=10&next_page_token=${body.next_cursor}`;
    }
    expect(walks.walks).toBe(0);
  });

  it.each(["SUCCEEDED", "PROCESSING", "CANCELED"])(
    "touches only the jobs it returns when filtered by state=%s, however many it skips",
    async (filter) => {
      const { jobs, touched, walks, send } = withJobs();
      const expected = jobs.filter((j) => j.state === filter).map((j) => j.job_id);
      const seen: string[] = [];
      let url = `${JOBS}?page_size=10&state=${filter}`;
      for (;;) {
        touched.clear();
        const { body } = await send(url);
        seen.push(...body.jobs.map((j: { job_id: string }) => j.job_id));
        expect(touched.size).toBeLessThanOrEqual(11);
        if (!body.next_cursor) break;
        url = `${JOBS}?page_size=10&state=${filter}&next_page_token=${body.next_cursor}`;
      }
      expect(seen).toEqual(expected.reverse());
      expect(walks.walks).toBe(0);
    },
  );

  it("walks every job exactly once, newest first, a page of 100 at a time", async () => {
    const { jobs, touched, send } = withJobs();
    touched.clear();
    const seen: string[] = [];
    let url = `${JOBS}?page_size=100`;
    let pages = 0;
    for (; url; pages++) {
      const { body } = await send(url);
      seen.push(...body.jobs.map((j: { job_id: string }) => j.job_id));
      url = body.next_cursor ? `${JOBS}?page_size=100&next_page_token=${body.next_cursor}` : "";
    }
    expect(seen).toEqual(jobs.map((j) => j.job_id).reverse());
    expect(pages).toBe(JOB_COUNT / 100);
    expect(touched.size).toBe(JOB_COUNT);
  });
});

describe("a Zoom simulator with a 20,000-file job", () => {
  const FILE_COUNT = 20_000;
  function withFiles(filesPerStep = 100) {
    const state = createZoomScribeState({ filesPerStep });
    const job = state.addJob(request, "PREFIX", files(FILE_COUNT));
    const touched = new Set<object>();
    instrument(job.files, touched);
    return { state, job, touched, send: simulator(state) };
  }

  it("reports the job's status without touching its files, at every stage", async () => {
    const { state, job, touched, send } = withFiles(7000);
    for (const expected of ["QUEUED", "PROCESSING", "PROCESSING", "PROCESSING", "SUCCEEDED"]) {
      touched.clear();
      const { body } = await send(`${JOBS}/${job.job_id}`);
      expect(body.state).toBe(expected);
      expect(touched.size).toBe(0);
      state.advance(job.job_id);
    }
  });

  it("moves only filesPerStep files a step, never looking again at the files already done", () => {
    const { state, job, touched } = withFiles(100);
    state.advance(job.job_id); // QUEUED → PROCESSING: every file moves
    for (let step = 1; step < FILE_COUNT / 100; step++) {
      touched.clear();
      expect(state.advance(job.job_id)).toBe("PROCESSING");
      expect(touched.size).toBe(100);
    }
    touched.clear();
    expect(state.advance(job.job_id)).toBe("SUCCEEDED");
    expect(touched.size).toBe(100);
    expect(job.fileCounts).toMatchObject({ FILE_SUCCEEDED: FILE_COUNT, FILE_PROCESSING: 0 });
  });

  it("cancels by touching only the files not done yet", () => {
    const { state, job, touched } = withFiles(100);
    state.advance(job.job_id);
    for (let step = 0; step < 150; step++) state.advance(job.job_id);
    touched.clear();
    expect(state.cancel(job.job_id)).toBe(true);
    expect(touched.size).toBe(FILE_COUNT - 15_000);
    expect(job.fileCounts).toMatchObject({ FILE_SUCCEEDED: 15_000, FILE_CANCELED: 5000 });
  });

  it("finds a file by id, and pages files, touching only what it returns", async () => {
    const { job, touched, send } = withFiles();
    for (const fileId of ["f_001", "f_10000", "f_20000", "f_20001", "nope"]) {
      touched.clear();
      const { status } = await send(`${JOBS}/${job.job_id}/files/${fileId}`);
      expect(status).toBe(fileId === "nope" || fileId === "f_20001" ? 404 : 200);
      expect(touched.size).toBeLessThanOrEqual(1);
    }
    const first = await send(`${JOBS}/${job.job_id}/files?page_size=1000`);
    touched.clear();
    const second = await send(
      `${JOBS}/${job.job_id}/files?page_size=1000&next_page_token=${first.body.next_cursor}`,
    );
    expect(second.body.files[0].file_id).toBe("f_1001");
    expect(touched.size).toBe(1000);
  });
});

describe("a Zoom simulator's request log", () => {
  it("keeps only the latest requestLogSize requests, oldest first, however many it answers", async () => {
    const state = createZoomScribeState({ requestLogSize: 10 });
    const send = simulator(state);
    for (let i = 0; i < 250; i++) await send(`${JOBS}/job_${i}`);
    expect(state.requests).toHaveLength(10);
    expect(state.requests.entries.map((e) => e.url)).toEqual(
      Array.from({ length: 10 }, (_, i) => `${JOBS}/job_${240 + i}`),
    );
    expect(state.requests.entries.every((e) => e.status === 404)).toBe(true);
  });
});
