// POST /batch on the Soket simulator: what a body resolves to (an upload's completed files, file_ids,
// sources, combined, each file once), the 409 race over unfinished uploads, 404 for unknown ids, 400
// when nothing is left to transcribe, and the jobs and estimates a batch starts with.
import { describe, expect, it } from "vitest";
import { createSoketState, soketFetch } from "../../../src/soket/mock.ts";

const BASE = "https://api.soket.ai/transcribe";

function simulator(options: Parameters<typeof createSoketState>[0] = {}) {
  const state = createSoketState(options);
  const fetch = soketFetch(state);
  const submit = async (body: unknown) => {
    const response = await fetch(
      new Request(`${BASE}/batch`, {
        method: "POST",
        headers: { Authorization: "Bearer conformance-token", "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: await response.json() };
  };
  const status = async (batchId: string) =>
    (
      await fetch(
        new Request(`${BASE}/status/batch/${batchId}`, {
          headers: { Authorization: "Bearer conformance-token" },
        }),
      )
    ).json();
  return { state, submit, status };
}

/** `seconds` of audio at the simulator's 32,000 bytes a second. */
const lasting = (filename: string, seconds: number) => ({ filename, size_bytes: seconds * 32_000 });

describe("POST /batch on the Soket simulator", () => {
  it("answers 409 while the upload runs (the 409 race), and 202 once it is complete", async () => {
    const { state, submit } = simulator({ itemsPerStep: 1 });
    const upload = state.addUpload([lasting("a.wav", 10), lasting("b.wav", 10)]);
    const id = upload.batch_upload_id;
    const race = await submit({ batch_upload_id: id });
    expect(race).toEqual({
      status: 409,
      body: { error: expect.stringMatching(/^uploads still in progress: /) },
    });
    state.advanceUploads(id);
    state.advanceUploads(id); // a.wav completed, b.wav still uploading
    expect((await submit({ file_ids: [upload.files[1]!.file_id] })).status).toBe(409);
    expect((await submit({ file_ids: [upload.files[0]!.file_id] })).status).toBe(202);
    state.completeUploads(id);
    expect((await submit({ batch_upload_id: id })).status).toBe(202);
    expect(state.batches.size).toBe(2);
  });

  it("keeps uploaded files' ids, gives sources fresh ones named after their URL, key or filename", async () => {
    const { state, submit } = simulator();
    const upload = state.addUpload([lasting("a.wav", 10), lasting("b.wav", 10)]);
    state.completeUploads();
    const [a, b] = upload.files;
    const answer = await submit({
      batch_upload_id: upload.batch_upload_id,
      file_ids: [b!.file_id, a!.file_id, b!.file_id],
      sources: [
        { url: "https://example.com/calls/audio3.wav?X-Amz-Signature=abc" },
        { gcs_key: "uploads/2026/06/03/other.mp3" },
        { url: "https://example.com/x", filename: "named.wav" },
        { url: "https://example.com/x", gcs_key: "in/both.wav" },
      ],
    });
    expect(answer.status).toBe(202);
    const batch = state.batches.get(answer.body.batch_id)!;
    expect(batch.files.map((f) => [f.filename, f.url ?? f.gcs_key ?? f.upload?.file_id])).toEqual([
      ["a.wav", a!.file_id],
      ["b.wav", b!.file_id],
      ["audio3.wav", "https://example.com/calls/audio3.wav?X-Amz-Signature=abc"],
      ["other.mp3", "uploads/2026/06/03/other.mp3"],
      ["named.wav", "https://example.com/x"],
      ["both.wav", "in/both.wav"], // a storage key is taken over a URL
    ]);
    const ids = batch.files.map((f) => f.file_id);
    expect(ids.slice(0, 2)).toEqual([a!.file_id, b!.file_id]);
    expect(new Set(ids).size).toBe(6);
  });

  it("leaves an upload's failed files out, and refuses a batch with nothing left (400) or naming a failed file (400)", async () => {
    const { state, submit } = simulator({ failingFiles: ["bad.wav", "worse.wav"] });
    const mixed = state.addUpload([lasting("ok.wav", 5), lasting("bad.wav", 5)]);
    const broken = state.addUpload([lasting("worse.wav", 5)]);
    state.completeUploads();
    const answer = await submit({ batch_upload_id: mixed.batch_upload_id });
    expect(answer.body.jobs.map((j: { filename: string }) => j.filename)).toEqual(["ok.wav"]);
    expect(await submit({ batch_upload_id: broken.batch_upload_id })).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^body: resolves to no file/) },
    });
    const named = await submit({ file_ids: [mixed.files[1]!.file_id] });
    expect(named).toEqual({ status: 400, body: { error: expect.stringContaining("failed to upload") } });
  });

  it.each([
    ["an unknown upload", { batch_upload_id: "nope" }, 404, "upload not found: nope"],
    ["an unknown file", { file_ids: ["nope", "nada"] }, 404, "file not found: nope, nada"],
    ["no field", {}, 400, "Invalid request: body: needs batch_upload_id, file_ids or sources"],
    [
      "a source with neither key nor URL",
      { sources: [{ filename: "a.wav" }] },
      400,
      "Invalid request: body.sources[0]: needs gcs_key or url",
    ],
    [
      "a URL that is not http(s)",
      { sources: [{ url: "ftp://a.test/a.wav" }] },
      400,
      "body.sources[0].url: not an http(s) URL",
    ],
    ["empty lists", { file_ids: [], sources: [] }, 400, expect.stringMatching(/^body: resolves to no file/)],
  ])("refuses %s with %i", async (_what, body, status, error) => {
    const { state, submit } = simulator();
    expect(await submit(body)).toEqual({ status, body: { error } });
    expect(state.batches.size).toBe(0);
  });

  it("splits each file into chunkSeconds jobs, all queued, with estimates its status repeats", async () => {
    const { state, submit, status } = simulator({ chunkSeconds: 120 });
    const upload = state.addUpload([lasting("long.wav", 290), lasting("short.wav", 0)]);
    state.completeUploads();
    const answer = await submit({ batch_upload_id: upload.batch_upload_id });
    // 290 s at 120 s a chunk is three jobs (the seed's typical response: 3 jobs for 290 s of audio).
    expect(answer.body).toMatchObject({
      total_jobs: 4,
      estimated_audio_seconds: 290,
      estimated_completion_seconds: 21.8,
    });
    expect(
      answer.body.jobs.map((j: { filename: string; status: string }) => `${j.filename} ${j.status}`),
    ).toEqual(["long.wav queued", "long.wav queued", "long.wav queued", "short.wav queued"]);
    expect(await status(answer.body.batch_id)).toEqual({
      batch_id: answer.body.batch_id,
      total_files: 2,
      files_completed: 0,
      files_failed: 0,
      estimated_audio_seconds: 290,
      estimated_completion_seconds: 21.8,
      status: "queued",
    });
    state.runToCompletion(answer.body.batch_id);
    expect(await status(answer.body.batch_id)).toMatchObject({
      status: "completed",
      estimated_completion_seconds: 0,
    });
  });

  it("answers 200 instead when batchAcceptedStatus says so (clients must take both)", async () => {
    const { submit } = simulator({ batchAcceptedStatus: 200 });
    expect((await submit({ sources: [{ url: "https://a.test/a.wav" }] })).status).toBe(200);
  });

  it("moves a batch one step per status read with advanceOnGet, and reports development counters when asked", async () => {
    const { submit, status } = simulator({ advanceOnGet: true, developmentMode: true });
    const { body } = await submit({ sources: [{ url: "https://a.test/a.wav" }] });
    const first = await status(body.batch_id);
    expect(first).toMatchObject({
      status: "processing",
      processing_jobs: first.total_jobs,
      files_processing: 1,
    });
    expect(await status(body.batch_id)).toMatchObject({
      status: "completed",
      completed_jobs: first.total_jobs,
    });
  });
});

it("refuses an empty batch_upload_id with 400, as the spec's BatchRequest says of empty values", async () => {
  const state = createSoketState({ tokens: ["t"] });
  const answer = await soketFetch(state)(
    new Request("https://api.soket.ai/transcribe/batch", {
      method: "POST",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: JSON.stringify({ batch_upload_id: "" }),
    }),
  );
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { error: string }).error).toContain("batch_upload_id");
});
