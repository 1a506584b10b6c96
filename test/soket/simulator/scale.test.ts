// How much of its state the Soket simulator touches: a batch's status is O(1) and a results page
// O(page) however large the batch (100,000 files) and however deep the page or filter; a step is
// O(jobs it moves); a page of GET /files O(page); the request log stays bounded. Not timed: the batch's
// lists are wrapped so that each item read is counted.
import { beforeAll, describe, expect, it } from "vitest";
import { createSoketState, soketFetch, type SimulatedBatch } from "../../../src/soket/mock.ts";

const BASE = "https://api.soket.ai/transcribe";
const AUTH = { Authorization: "Bearer conformance-token" };

/**
 * Makes `batch.files` and `batch.jobs` count each item read, and the batch's two indexes each call: an
 * O(n) page would have to read n items or ask its index n times.
 */
function counted(batch: SimulatedBatch) {
  const reads = { files: 0, jobs: 0, index: 0 };
  const writable = batch as { -readonly [K in keyof SimulatedBatch]: SimulatedBatch[K] };
  for (const list of ["files", "jobs"] as const) {
    writable[list] = new Proxy(batch[list] as never[], {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads[list] += 1;
        return Reflect.get(target, key, receiver);
      },
    });
  }
  for (const name of ["fileIndex", "jobIndex"] as const) {
    const index = batch[name];
    writable[name] = new Proxy(index, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        // Called on the index itself: its fields are private.
        return (...args: unknown[]) => ((reads.index += 1), value.apply(target, args));
      },
    });
  }
  const reset = () => (reads.files = reads.jobs = reads.index = 0);
  return Object.assign(reads, { reset });
}

/** A batch of `n` URL sources, one chunk job each (a source is 30 to 300 s long). */
function bigBatch(n: number, options: Parameters<typeof createSoketState>[0] = {}) {
  const state = createSoketState({ chunkSeconds: 300, ...options });
  const batch = state.addBatch(Array.from({ length: n }, (_, i) => ({ url: `https://a.test/${i}.wav` })));
  const fetch = soketFetch(state);
  const get = async (path: string) => (await fetch(new Request(`${BASE}${path}`, { headers: AUTH }))).json();
  return { state, batch, get };
}

describe("the Soket simulator with a batch of 100,000 files", () => {
  let big: ReturnType<typeof bigBatch>;
  let reads: ReturnType<typeof counted>;
  beforeAll(() => {
    big = bigBatch(100_000, { itemsPerStep: 1000 });
    for (let step = 0; step < 3; step++) big.state.advance(big.batch.batch_id); // 2,000 completed, 1,000 processing
    reads = counted(big.batch);
  });

  it("reports its status reading none of its files or jobs", async () => {
    reads.reset();
    expect(await big.get(`/status/batch/${big.batch.batch_id}`)).toMatchObject({
      total_files: 100_000,
      files_completed: 2000,
      status: "processing",
    });
    expect([reads.files, reads.jobs]).toEqual([0, 0]);
    expect(reads.index).toBeLessThanOrEqual(10); // a few counts: O(1)
  });

  it.each([
    ["the last page", "?page=500&limit=200", 200, 100_000],
    ["the last page of completed files", "?status=completed&page=10&limit=200", 200, 2000],
    ["a page of processing jobs", "?raw=true&status=processing&page=3&limit=200", 200, 1000],
    ["a deep page of jobs", "?raw=true&page=480&limit=200", 200, 100_000],
  ])("serves %s reading only the page's items", async (_what, query, count, total) => {
    reads.reset();
    const page = await big.get(`/results/batch/${big.batch.batch_id}${query}`);
    expect([page.count, page.total_files ?? page.total_jobs]).toEqual([count, total]);
    expect(reads.files + reads.jobs).toBe(count);
    expect(reads.index).toBeLessThanOrEqual(count + 2); // one select per item, one count
  });

  it("advances a step reading only the jobs it moves (itemsPerStep ended, itemsPerStep started)", () => {
    reads.reset();
    big.state.advance(big.batch.batch_id);
    expect(reads.jobs).toBe(2000);
    expect(reads.index).toBeLessThanOrEqual(3 * 2000 + 10); // each job's move, and its file's
  });
});

describe("the Soket simulator with many uploaded files", () => {
  it("lists a deep, filtered page of GET /files reading only that page's files", async () => {
    const state = createSoketState({ failingFiles: (f) => f.filename.endsWith("7.wav") });
    const upload = state.addUpload(
      Array.from({ length: 10_000 }, (_, i) => ({ filename: `${i}.wav`, size_bytes: 1 })),
    );
    state.completeUploads(upload.batch_upload_id);
    let reads = 0;
    const fileAt = state.fileAt;
    state.fileAt = (position) => (reads++, fileAt(position));
    const fetch = soketFetch(state);
    const response = await fetch(
      new Request(`${BASE}/files?upload_status=failed&page=4&limit=200`, { headers: AUTH }),
    );
    const page = await response.json();
    expect([page.total_files, page.count, page.files[0].filename]).toEqual([1000, 200, "3997.wav"]);
    expect(reads).toBe(200);
  });

  it("keeps at most requestLogSize requests, the newest", async () => {
    const state = createSoketState({ requestLogSize: 5 });
    const fetch = soketFetch(state);
    for (let i = 0; i < 12; i++) await fetch(new Request(`${BASE}/files?n=${i}`, { headers: AUTH }));
    expect(state.requests.entries.map((e) => new URL(e.url).searchParams.get("n"))).toEqual([
      "7",
      "8",
      "9",
      "10",
      "11",
    ]);
  });
});
