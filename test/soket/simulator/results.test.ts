// Reading from the Soket simulator: GET /files pages (newest first, filtered, true totals), a batch's
// results merged or raw with every query parameter visible, one file's result, and the download as
// NDJSON or JSON, streamed and made a page at a time.
import { describe, expect, it } from "vitest";
import { createSoketState, soketFetch, type SoketState } from "../../../src/soket/mock.ts";

const BASE = "https://api.soket.ai/transcribe";
const AUTH = { Authorization: "Bearer conformance-token" };

function simulator(options: Parameters<typeof createSoketState>[0] = {}) {
  const state = createSoketState(options);
  const fetch = soketFetch(state);
  const get = async (path: string) => {
    const response = await fetch(new Request(`${BASE}${path}`, { headers: AUTH }));
    return { status: response.status, body: await response.json() };
  };
  const download = (path: string) => fetch(new Request(`${BASE}${path}`, { headers: AUTH }));
  return { state, get, download };
}

/** A finished batch over uploads of these files (3 s each: two 2-second chunks). */
function finishedBatch(state: SoketState, names: string[]) {
  const upload = state.addUpload(names.map((filename) => ({ filename, size_bytes: 96_000 })));
  state.completeUploads(upload.batch_upload_id);
  const batch = state.addBatch(upload.files.map((f) => ({ upload: f })));
  state.runToCompletion(batch.batch_id);
  return batch;
}

describe("GET /files on the Soket simulator", () => {
  it("walks 450 files at limit 200 in three pages, newest first, every file once", async () => {
    const { state, get } = simulator();
    for (let i = 0; i < 3; i++)
      state.addUpload(
        Array.from({ length: 150 }, (_, j) => ({ filename: `${i * 150 + j}.wav`, size_bytes: 1 })),
      );
    const names: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const { body } = await get(`/files?limit=200&page=${page}`);
      expect(body).toMatchObject({ page, limit: 200, total_pages: 3, total_files: 450 });
      expect(body.count).toBe([200, 200, 50, 0][page - 1]);
      names.push(...body.files.map((f: { filename: string }) => f.filename));
    }
    expect(names).toEqual(Array.from({ length: 450 }, (_, i) => `${449 - i}.wav`));
  });

  it("filters on upload_status, its totals counting only those files", async () => {
    const { state, get } = simulator({ failingFiles: (f) => f.filename.startsWith("bad") });
    state.addUpload([
      { filename: "bad-1.wav", size_bytes: 1 },
      { filename: "ok-1.wav", size_bytes: 1 },
    ]);
    state.completeUploads();
    state.addUpload([
      { filename: "bad-2.wav", size_bytes: 1 },
      { filename: "new.wav", size_bytes: 1 },
    ]);
    const failed = await get("/files?upload_status=failed&limit=1");
    expect(failed.body).toMatchObject({ total_files: 1, total_pages: 1, count: 1 });
    expect(failed.body.files[0]).toMatchObject({ filename: "bad-1.wav", content_type: "audio/wav" });
    const pending = await get("/files?upload_status=pending");
    expect(pending.body.files.map((f: { filename: string }) => f.filename)).toEqual(["new.wav", "bad-2.wav"]);
  });
});

describe("a batch's results on the Soket simulator", () => {
  it("pages merged files (files, total_files) or raw jobs (jobs, total_jobs), filtered by status", async () => {
    const { state, get } = simulator({ chunkSeconds: 2, failingTranscriptions: ["b.wav"] });
    const batch = finishedBatch(state, ["a.wav", "b.wav", "c.wav"]);
    const merged = await get(`/results/batch/${batch.batch_id}?limit=2&page=2`);
    expect(merged.body).toMatchObject({ page: 2, limit: 2, total_pages: 2, total_files: 3, count: 1 });
    expect(merged.body.files.map((f: { filename: string }) => f.filename)).toEqual(["c.wav"]);
    const raw = await get(`/results/batch/${batch.batch_id}?raw=true&limit=4`);
    expect(raw.body).toMatchObject({ total_jobs: 6, total_pages: 2, count: 4 });
    expect(Object.keys(raw.body)).not.toContain("files");
    const failed = await get(`/results/batch/${batch.batch_id}?status=failed`);
    expect(failed.body.files).toEqual([
      {
        file_id: batch.files[1]!.file_id,
        filename: "b.wav",
        status: "failed",
        errors: [
          {
            job_id: batch.jobs[3]!.job_id,
            chunk_index: 1,
            error: "chunk 1 of b.wav could not be transcribed",
          },
        ],
      },
    ]);
    const failedJobs = await get(`/results/batch/${batch.batch_id}?raw=true&status=failed`);
    expect(failedJobs.body).toMatchObject({
      total_jobs: 1,
      jobs: [{ file_id: batch.files[1]!.file_id, chunk_index: 1 }],
    });
    expect((await get(`/results/batch/${batch.batch_id}?status=retrying`)).body).toMatchObject({
      total_files: 0,
      files: [],
    });
  });

  it("shows chunks and speech information only when asked, the transcript the same for the same file name", async () => {
    const { state, get } = simulator({ chunkSeconds: 2 });
    const first = finishedBatch(state, ["call.wav"]);
    const plain = (await get(`/results/batch/${first.batch_id}`)).body.files[0];
    expect(Object.keys(plain).sort()).toEqual(["errors", "file_id", "filename", "result", "status"]);
    expect(Object.keys(plain.result).sort()).toEqual(["duration_seconds", "text"]);
    const detailed = (await get(`/results/batch/${first.batch_id}?chunks=true&speech_information=true`)).body
      .files[0];
    expect(
      detailed.chunk_results.map((c: { start_seconds: number; end_seconds: number }) => [
        c.start_seconds,
        c.end_seconds,
      ]),
    ).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(detailed.result.text).toBe(detailed.chunk_results.map((c: { text: string }) => c.text).join(" "));
    expect(detailed.result.segments[0]).toEqual({
      start: 0,
      end: expect.any(Number),
      text: expect.any(String),
      speaker_id: expect.stringMatching(/^speaker_[12]$/),
      tone: expect.any(String),
      accent: expect.any(String),
    });
    const raw = (await get(`/results/batch/${first.batch_id}?raw=true&chunks=true`)).body.jobs[1];
    expect(raw).toMatchObject({ chunk_index: 1, start_seconds: 2, end_seconds: 3 });
    const second = finishedBatch(state, ["call.wav"]);
    expect((await get(`/results/batch/${second.batch_id}`)).body.files[0].result.text).toBe(
      plain.result.text,
    );
  });

  it("answers 404 with Soket's words for an unknown batch, with or without a status filter", async () => {
    const { get } = simulator();
    for (const path of [
      "/results/batch/x",
      "/results/batch/x?status=completed",
      "/status/batch/x",
      "/download/batch/x",
    ])
      expect(await get(path)).toEqual({ status: 404, body: { error: "batch not found" } });
  });
});

describe("one file's result on the Soket simulator", () => {
  it("is its entry in the latest batch that has it, with chunks and speech information when asked", async () => {
    const { state, get } = simulator({ developmentMode: true });
    const batch = finishedBatch(state, ["a.wav"]);
    const id = batch.files[0]!.file_id;
    const result = await get(`/results/file/${id}?chunks=true&speech_information=true`);
    expect(result.body).toMatchObject({
      file_id: id,
      filename: "a.wav",
      status: "completed",
      chunk_results: [expect.objectContaining({ status: "completed" })],
      total_chunks: 1,
      completed_chunks: 1,
      failed_chunks: 0,
    });
    expect(result.body.result.segments.length).toBeGreaterThan(0);
    state.addBatch([{ upload: state.files.get(id)! }]);
    expect((await get(`/results/file/${id}`)).body).toMatchObject({ status: "queued" });
  });

  it("is 404 'file not found' for an unknown file, one never transcribed, and one deleted", async () => {
    const { state, get } = simulator();
    const batch = finishedBatch(state, ["a.wav"]);
    const never = state.addUpload([{ filename: "b.wav", size_bytes: 1 }]).files[0]!.file_id;
    state.deleteFiles([batch.files[0]!.file_id]);
    for (const id of ["nope", never, batch.files[0]!.file_id])
      expect(await get(`/results/file/${id}`)).toEqual({ status: 404, body: { error: "file not found" } });
  });
});

describe("downloading a batch's results from the Soket simulator", () => {
  it("streams NDJSON by default: one result per line, the same as the pages'", async () => {
    const { state, get, download } = simulator({ failingTranscriptions: ["b.wav"] });
    const batch = finishedBatch(state, ["a.wav", "b.wav", "c.wav"]);
    const response = await download(`/download/batch/${batch.batch_id}`);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = (await response.text()).split("\n");
    expect(lines.at(-1)).toBe("");
    const page = (await get(`/results/batch/${batch.batch_id}`)).body.files;
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(page);
  });

  it("sends one JSON array with format=json, honouring status, raw, chunks and speech_information", async () => {
    const { state, get, download } = simulator({ chunkSeconds: 1, failingTranscriptions: ["b.wav"] });
    const batch = finishedBatch(state, ["a.wav", "b.wav"]);
    const query = "status=completed&raw=true&chunks=true&speech_information=true";
    const response = await download(`/download/batch/${batch.batch_id}?format=json&${query}`);
    expect(response.headers.get("content-type")).toBe("application/json");
    const page = (await get(`/results/batch/${batch.batch_id}?${query}`)).body.jobs;
    expect(await response.json()).toEqual(page);
    expect(page).toHaveLength(5); // a.wav's three chunks, b.wav's first two
    expect(page[0]).toMatchObject({ start_seconds: 0, result: { segments: expect.any(Array) } });
    const none = await download(`/download/batch/${batch.batch_id}?format=json&status=processing`);
    expect(await none.text()).toBe("[]");
  });

  it("makes the stream a page at a time as it is read, not as one string", async () => {
    const { state, download } = simulator();
    const upload = state.addUpload(
      Array.from({ length: 5000 }, (_, i) => ({ filename: `${i}.wav`, size_bytes: 1 })),
    );
    state.completeUploads();
    const batch = state.addBatch(upload.files.map((f) => ({ upload: f })));
    const original = batch.files[0]!.jobs; // a file's jobs are read once per result made
    let reads = 0;
    for (const file of batch.files)
      Object.defineProperty(file, "jobs", { get: () => (reads++, original), configurable: true });
    const response = await download(`/download/batch/${batch.batch_id}`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    const made = reads;
    expect(new TextDecoder().decode(first.value).split("\n").length - 1).toBe(200);
    await reader.cancel();
    // The first page, and at most the one the stream reads ahead: never the 5,000.
    expect(made).toBeLessThanOrEqual(2 * 200);
  });
});
