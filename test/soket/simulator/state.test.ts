// The Soket simulator's state: uploads and batches move only when a test (or, with advanceOnGet, a read)
// says so; their statuses follow the spec's x-inferred rules from their files' and jobs'; the counts add
// up at every step; deleting files is all or nothing and cleans their jobs out of every batch.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSoketState, soketFetch, type SoketState } from "../../../src/soket/mock.ts";
import { uploadProgressView, batchStatusView } from "../../../src/soket/simulator/views.ts";

const BASE = "https://api.soket.ai/transcribe";
const AUTH = { Authorization: "Bearer conformance-token" };
const files = (...names: string[]) => names.map((filename) => ({ filename, size_bytes: 32_000 }));

const progressOf = (state: SoketState, id: string) => {
  const { status, pending, uploading, completed, failed } = uploadProgressView(state.uploads.get(id)!, (f) =>
    state.files.has(f.file_id),
  );
  return { status, pending, uploading, completed, failed };
};

describe("a Soket simulator's uploads", () => {
  it("move pending → uploading → completed only when advanced, failingFiles ending failed", () => {
    const state = createSoketState({ failingFiles: ["bad.wav"] });
    const upload = state.addUpload(files("a.wav", "bad.wav"));
    const id = upload.batch_upload_id;
    expect(progressOf(state, id)).toEqual({
      status: "pending",
      pending: 2,
      uploading: 0,
      completed: 0,
      failed: 0,
    });
    expect(state.advanceUploads(id)).toBe("uploading");
    expect(progressOf(state, id)).toMatchObject({ uploading: 2 });
    // Soket's rule (spec x-inferred): failed when any failed, once none waits or is copied.
    expect(state.advanceUploads(id)).toBe("failed");
    expect(upload.files.map((f) => f.upload_status)).toEqual(["completed", "failed"]);
    expect(state.advanceUploads(id)).toBe("failed");
  });

  it("take a predicate for failingFiles, and read the mutable list at upload", () => {
    const state = createSoketState({ failingFiles: (f) => f.size_bytes === 0 });
    state.failingFiles.add("listed.wav");
    const upload = state.addUpload([
      { filename: "empty.wav", size_bytes: 0 },
      { filename: "listed.wav", size_bytes: 5 },
      { filename: "fine.wav", size_bytes: 5 },
    ]);
    state.completeUploads(upload.batch_upload_id);
    expect(upload.files.map((f) => f.upload_status)).toEqual(["failed", "failed", "completed"]);
  });

  it("say pending while any file waits, uploading while any is copied (itemsPerStep at a time)", () => {
    const state = createSoketState({ itemsPerStep: 1 });
    const { batch_upload_id: id } = state.addUpload(files("a.wav", "b.wav"));
    const statuses = [progressOf(state, id)];
    while (progressOf(state, id).status !== "completed") {
      state.advanceUploads(id);
      statuses.push(progressOf(state, id));
    }
    expect(statuses).toEqual([
      { status: "pending", pending: 2, uploading: 0, completed: 0, failed: 0 },
      { status: "pending", pending: 1, uploading: 1, completed: 0, failed: 0 },
      { status: "uploading", pending: 0, uploading: 1, completed: 1, failed: 0 },
      { status: "completed", pending: 0, uploading: 0, completed: 2, failed: 0 },
    ]);
  });

  it("complete every unfinished upload when completeUploads is given no id", () => {
    const state = createSoketState({ itemsPerStep: 1 });
    const uploads = [state.addUpload(files("a.wav", "b.wav", "c.wav")), state.addUpload(files("d.wav"))];
    state.completeUploads();
    expect(uploads.flatMap((u) => u.files.map((f) => f.upload_status))).toEqual(Array(4).fill("completed"));
  });

  it("move one step per read of the upload's progress with advanceOnGet", async () => {
    const state = createSoketState({ advanceOnGet: true });
    const { batch_upload_id: id } = state.addUpload(files("a.wav"));
    const fetch = soketFetch(state);
    const read = async () =>
      (await (await fetch(new Request(`${BASE}/files/upload/${id}`, { headers: AUTH }))).json()).status;
    expect([await read(), await read(), await read()]).toEqual(["uploading", "completed", "completed"]);
  });
});

describe("a Soket simulator's batches", () => {
  const batchOf = (state: SoketState, sizes: number[], options = {}) => {
    const upload = state.addUpload(
      sizes.map((size_bytes, i) => ({ filename: `f${i}.wav`, size_bytes, ...options })),
    );
    state.completeUploads(upload.batch_upload_id);
    return state.addBatch(upload.files.map((f) => ({ upload: f })));
  };
  const statusOf = (state: SoketState, id: string) => {
    const { status, total_files, files_completed, files_failed } = batchStatusView(
      state.batches.get(id)!,
      false,
    );
    return { status, total_files, files_completed, files_failed };
  };

  it("move queued → processing → completed only when advanced", () => {
    const state = createSoketState();
    const batch = batchOf(state, [32_000, 64_000]);
    expect(statusOf(state, batch.batch_id)).toEqual({
      status: "queued",
      total_files: 2,
      files_completed: 0,
      files_failed: 0,
    });
    expect(state.advance(batch.batch_id)).toBe("processing");
    expect(batch.jobs.map((j) => j.status)).toEqual(["processing", "processing"]);
    expect(state.advance(batch.batch_id)).toBe("completed");
    expect(statusOf(state, batch.batch_id)).toEqual({
      status: "completed",
      total_files: 2,
      files_completed: 2,
      files_failed: 0,
    });
    expect(state.advance(batch.batch_id)).toBe("completed");
  });

  it("fail a failingTranscriptions file in its last chunk, the file failing only once none is pending", () => {
    const state = createSoketState({ failingTranscriptions: ["f0.wav"], chunkSeconds: 1, itemsPerStep: 1 });
    const batch = batchOf(state, [96_000]); // 3 s: three chunk jobs
    const file = batch.files[0]!;
    expect(file.jobs.map((j) => j.outcome)).toEqual(["completed", "completed", "failed"]);
    const seen: string[] = [];
    while (state.advance(batch.batch_id) === "processing") seen.push(file.status);
    seen.push(file.status);
    expect(seen).toEqual(["processing", "processing", "processing", "failed"]);
    expect(statusOf(state, batch.batch_id)).toEqual({
      status: "failed",
      total_files: 1,
      files_completed: 0,
      files_failed: 1,
    });
  });

  it("end completed when some files fail, failed when none completed", () => {
    const state = createSoketState({ failingTranscriptions: (f) => f.filename === "f1.wav" });
    const mixed = batchOf(state, [1000, 1000]);
    expect(state.runToCompletion(mixed.batch_id)).toBe("completed");
    expect(statusOf(state, mixed.batch_id)).toMatchObject({ files_completed: 1, files_failed: 1 });
    const broken = state.addBatch([{ url: "https://a.test/x.wav", filename: "f1.wav" }]);
    expect(state.runToCompletion(broken.batch_id)).toBe("failed");
  });

  it("keep every count consistent with the jobs at every step, whatever the sizes and step", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (sizes, itemsPerStep, failing) => {
          const state = createSoketState({
            chunkSeconds: 2,
            itemsPerStep,
            failingTranscriptions: (f) => failing[Number(f.filename.slice(1, -4))]!,
          });
          const batch = batchOf(state, sizes);
          for (let step = 0; step < 100; step++) {
            const view = batchStatusView(batch, true);
            const byStatus = (s: string) => batch.files.filter((f) => f.status === s).length;
            expect(view).toMatchObject({
              total_files: sizes.length,
              files_completed: byStatus("completed"),
              files_failed: byStatus("failed"),
              total_jobs: batch.jobs.length,
              completed_jobs: batch.jobs.filter((j) => j.status === "completed").length,
              queued_jobs: batch.jobs.filter((j) => j.status === "queued").length,
            });
            for (const f of batch.files) {
              const jobs = f.jobs.map((j) => j.status);
              const pending = jobs.some((s) => s === "queued" || s === "processing");
              if (f.status === "completed") expect(jobs.every((s) => s === "completed")).toBe(true);
              if (f.status === "failed") expect(!pending && jobs.includes("failed")).toBe(true);
              expect(f.jobs).toHaveLength(Math.max(1, Math.ceil(f.tenths / 20)));
            }
            if (view.status === "completed" || view.status === "failed") {
              expect(view.files_completed + view.files_failed).toBe(sizes.length);
              expect(view.status).toBe(view.files_completed > 0 ? "completed" : "failed");
              expect(view.estimated_completion_seconds).toBe(0);
              return;
            }
            state.advance(batch.batch_id);
          }
          throw new Error("the batch never ended");
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("deleting a Soket simulator's files", () => {
  it("deletes nothing when any id is unknown, naming it", () => {
    const state = createSoketState();
    const upload = state.addUpload(files("a.wav"));
    expect(state.deleteFiles([upload.files[0]!.file_id, "nope"])).toEqual({ unknown: ["nope"] });
    expect(state.files.size).toBe(1);
  });

  it("deletes the files, counting the stored ones and the jobs cleaned out of every batch", () => {
    const state = createSoketState({ chunkSeconds: 1 });
    const upload = state.addUpload([
      { filename: "a.wav", size_bytes: 64_000 },
      { filename: "b.wav", size_bytes: 32_000 },
      { filename: "c.wav", size_bytes: 32_000 },
    ]);
    state.completeUploads(upload.batch_upload_id);
    const [a, b, c] = upload.files;
    const first = state.addBatch([{ upload: a! }, { upload: b! }]);
    state.addBatch([{ upload: a! }]);
    const late = state.addUpload(files("d.wav"));
    const d = late.files[0]!;
    // a: 2 jobs in each of two batches; d was never stored (still pending).
    expect(state.deleteFiles([a!.file_id, d.file_id, a!.file_id])).toEqual({
      deleted_file_ids: [a!.file_id, d.file_id],
      storage_objects_deleted: 1,
      jobs_cleaned: 4,
    });
    expect(batchStatusView(first, true)).toMatchObject({
      total_files: 1,
      total_jobs: 1,
      estimated_audio_seconds: 1,
    });
    expect(state.resultOf(a!.file_id)).toBeUndefined();
    expect(progressOf(state, upload.batch_upload_id)).toMatchObject({ completed: 2 });
    expect(uploadProgressView(upload, (f) => state.files.has(f.file_id)).files.map((f) => f.file_id)).toEqual(
      [b!.file_id, c!.file_id],
    );
    // The batch runs on without the deleted file; a pending file deleted no longer holds its upload back.
    expect(state.runToCompletion(first.batch_id)).toBe("completed");
    state.completeUploads(late.batch_upload_id);
    expect(progressOf(state, late.batch_upload_id)).toEqual({
      status: "completed",
      pending: 0,
      uploading: 0,
      completed: 0,
      failed: 0,
    });
  });

  it("forgets everything on reset, keeping options, tokens and failing lists", () => {
    const state = createSoketState({ tokens: ["t"], failingFiles: ["x.wav"] });
    state.addBatch([{ url: "https://a.test/a.wav" }]);
    state.addUpload(files("a.wav"));
    state.reset();
    expect([state.uploads.size, state.files.size, state.batches.size, state.fileIndex.count()]).toEqual([
      0, 0, 0, 0,
    ]);
    expect([...state.tokens, ...state.failingFiles]).toEqual(["t", "x.wav"]);
    expect(state.addUpload(files("b.wav")).batch_upload_id).toBe("a0000000-0000-4000-8000-000000000001");
  });
});
