// The Soket client's helpers end to end against the simulator: transcribeFiles (the NDJSON download and
// pages), uploads that fail, a batch over an unfinished upload (409), batches that fail, page walks
// over files and results (merged and raw), deletes, and a bad token — once under MSW's setupServer.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AuthError,
  ConflictError,
  createSoketClient,
  JobFailedError,
  NotFoundError,
  UploadFailedError,
  type SoketBatchProgress,
  type SoketFileOutcome,
  type SoketUploadable,
} from "../../src/soket/index.ts";
import {
  createSoketState,
  soketFetch,
  soketHandlers,
  type SoketSimulatorOptions,
} from "../../src/soket/mock.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln";
const noWait = async () => undefined;
const dir = mkdtempSync(join(tmpdir(), "soket-flows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(options: SoketSimulatorOptions = {}) {
  const state = createSoketState({ tokens: [JWT], advanceOnGet: true, ...options });
  const client = createSoketClient({ token: JWT, fetch: soketFetch(state), sleep: noWait });
  return { state, client };
}

const audio = (name: string, bytes = 64_000) => new File([new Uint8Array(bytes).fill(7)], name);

async function collect(outcomes: AsyncIterable<SoketFileOutcome>): Promise<SoketFileOutcome[]> {
  const out: SoketFileOutcome[] = [];
  for await (const o of outcomes) out.push(o);
  return out;
}

describe("transcribeFiles", () => {
  it.each(["stream", "pages"] as const)(
    "uploads, waits, submits, waits and yields each file's result with its item (%s)",
    async (via) => {
      const { client, state } = setup({ failingTranscriptions: ["bad.mp3"] });
      const path = join(dir, `from-disk-${via}.wav`);
      writeFileSync(path, new Uint8Array(200_000).fill(3));
      const items: SoketUploadable[] = [
        audio("a.wav"),
        { data: Buffer.alloc(90_000, 1), filename: "bad.mp3" },
        path,
      ];
      const seen = { uploaded: 0, submitted: 0, progress: [] as SoketBatchProgress[] };
      const outcomes = await collect(
        client.transcribeFiles(items, {
          via,
          initialDelayMs: 0,
          onUploaded: (u) => (seen.uploaded = u.total_files),
          onSubmitted: (b) => (seen.submitted = b.jobs.length),
          onProgress: (p) => seen.progress.push(p),
        }),
      );

      expect(outcomes.map((o) => [o.index, o.file.filename, o.result.status])).toEqual([
        [0, "a.wav", "completed"],
        [1, "bad.mp3", "failed"],
        [2, `from-disk-${via}.wav`, "completed"],
      ]);
      for (const o of outcomes) {
        expect(o.item).toBe(items[o.index]);
        expect(o.result.file_id).toBe(o.file.file_id);
        expect(state.batches.get(o.batchId)).toBeDefined();
      }
      expect(typeof outcomes[0]!.result.result?.["text"]).toBe("string");
      expect(outcomes[1]!.result.errors?.length).toBeGreaterThan(0);
      expect(seen.uploaded).toBe(3);
      expect(seen.submitted).toBeGreaterThanOrEqual(3);
      expect(seen.progress.at(-1)).toMatchObject({
        status: "completed",
        total: 3,
        completed: 2,
        failed: 1,
        pending: 0,
      });
      for (const p of seen.progress) expect(p.completed + p.failed + p.pending).toBe(p.total);
      // The batch was submitted over the upload's file ids, so each result kept its file's id.
      const batch = state.batches.get(outcomes[0]!.batchId)!;
      expect(batch.files.map((f) => f.file_id)).toEqual(outcomes.map((o) => o.file.file_id));
      // The bytes Soket received are those given.
      expect(state.files.get(outcomes[2]!.file.file_id)?.size_bytes).toBe(200_000);
    },
  );

  it("stops with UploadFailedError naming the file that did not reach storage, and submits nothing", async () => {
    const { client, state } = setup({ failingFiles: ["lost.wav"] });
    const error = await collect(
      client.transcribeFiles([audio("ok.wav"), audio("lost.wav")], { initialDelayMs: 0 }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadFailedError);
    expect(error).toBeInstanceOf(JobFailedError);
    const failed = error as UploadFailedError;
    expect(failed.message).toContain("1 of 2 file(s) failed to reach storage: lost.wav (file_id ");
    expect(failed.failedFiles.map((f) => f.filename)).toEqual(["lost.wav"]);
    expect(failed.job.files.find((f) => f.filename === "ok.wav")?.upload_status).toBe("completed");
    expect(state.batches.size).toBe(0);
  });
});

describe("uploads and batches", () => {
  it("waitForUpload returns once every file is completed, polling as they move", async () => {
    const { client } = setup({ itemsPerStep: 1 });
    const upload = await client.files.upload([audio("1.wav"), audio("2.wav"), audio("3.wav")]);
    expect(upload.files.every((f) => f.upload_status === "pending")).toBe(true);
    const statuses: string[] = [];
    const progress = await client.files.waitForUpload(upload.batch_upload_id, {
      initialDelayMs: 0,
      onProgress: (p) => statuses.push(p.status),
    });
    expect(progress.files.map((f) => f.upload_status)).toEqual(["completed", "completed", "completed"]);
    expect(progress.files.every((f) => typeof f.gcs_key === "string")).toBe(true);
    expect(statuses.length).toBeGreaterThan(2);
  });

  it("a batch over an upload still in progress is a ConflictError (409)", async () => {
    const { client } = setup({ advanceOnGet: false });
    const upload = await client.files.upload([audio("slow.wav")]);
    const error = await client.batches
      .submit({ batch_upload_id: upload.batch_upload_id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
  });

  it("waitForBatch throws JobFailedError when the batch failed", async () => {
    const { client, state } = setup({ failingTranscriptions: ["https://example.com/broken.wav"] });
    const batch = await client.batches.submit({ sources: [{ url: "https://example.com/broken.wav" }] });
    const error = await client.waitForBatch(batch.batch_id, { initialDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toContain(`batch ${batch.batch_id} failed (1 of 1 files failed)`);
    expect((error as JobFailedError<{ status: string }>).job.status).toBe("failed");
    expect(state.batches.get(batch.batch_id)?.status).toBe("failed");
  });

  it("submits sources by gcs_key and url, and reads one file's result", async () => {
    const { client } = setup();
    const batch = await client.batches.submit({
      sources: [
        { gcs_key: "uploads/2026/06/03/x.wav", filename: "x.wav" },
        { url: "https://example.com/audio3.wav" },
      ],
    });
    const done = await client.waitForBatch(batch.batch_id, { initialDelayMs: 0 });
    expect(done).toMatchObject({ status: "completed", total_files: 2, files_completed: 2 });
    const file = await client.results.file(batch.jobs[0]!.file_id, { chunks: true });
    expect(file).toMatchObject({ file_id: batch.jobs[0]!.file_id, filename: "x.wav", status: "completed" });
    await expect(client.results.file("no-such-file")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("page walks", () => {
  it("files.iterate reads 450 files in three pages of 200, each file once", async () => {
    const { client, state } = setup();
    const upload = state.addUpload(
      Array.from({ length: 450 }, (_, i) => ({ filename: `f${i}.wav`, size_bytes: 1000 + i })),
    );
    state.completeUploads(upload.batch_upload_id);
    const pages: number[] = [];
    for await (const page of client.files.iterate({ upload_status: "completed" }).pages())
      pages.push(page.files.length);
    expect(pages).toEqual([200, 200, 50]);
    const ids = new Set<string>();
    for await (const file of client.files.iterate({ upload_status: "completed" })) ids.add(file.file_id);
    expect(ids.size).toBe(450);
    const last = state.requests.entries.filter((r) => r.operationId === "listFiles").at(-1);
    expect(Object.fromEntries(new URL(last!.url).searchParams)).toEqual({
      upload_status: "completed",
      limit: "200",
      page: "3",
    });
  });

  it("results.iterate walks merged files or, with raw, the chunk jobs", async () => {
    const { client, state } = setup({ chunkSeconds: 1 });
    const upload = state.addUpload(
      Array.from({ length: 7 }, (_, i) => ({ filename: `r${i}.wav`, size_bytes: 400_000 })),
    );
    state.completeUploads(upload.batch_upload_id);
    const batch = await client.batches.submit({ batch_upload_id: upload.batch_upload_id });
    state.runToCompletion(batch.batch_id);

    const merged: string[] = [];
    for await (const r of client.results.iterate(batch.batch_id, { limit: 3 })) merged.push(r.filename);
    expect(merged).toEqual(upload.files.map((f) => f.filename));

    const jobs: string[] = [];
    for await (const j of client.results.iterate(batch.batch_id, { raw: true, limit: 5 }))
      jobs.push(j.file_id);
    expect(jobs.length).toBe(batch.total_jobs);
    expect(jobs.length).toBeGreaterThan(7);
    expect(new Set(jobs)).toEqual(new Set(upload.files.map((f) => f.file_id)));

    const rawPage = await client.results.page(batch.batch_id, { raw: true, limit: 2 });
    expect(rawPage.jobs).toHaveLength(2);
    expect(rawPage.total_jobs).toBe(batch.total_jobs);
    const mergedPage = await client.results.page(batch.batch_id, { page: 2, limit: 5 });
    expect(mergedPage).toMatchObject({ page: 2, total_files: 7, count: 2 });
  });
});

describe("deletes and credentials", () => {
  it("files.delete deletes files, and one unknown id is a NotFoundError that deletes nothing", async () => {
    const { client, state } = setup();
    const upload = await client.files.upload([audio("x.wav"), audio("y.wav")]);
    await client.files.waitForUpload(upload.batch_upload_id, { initialDelayMs: 0 });
    const [x, y] = upload.files.map((f) => f.file_id) as [string, string];
    const error = await client.files.delete([x, "f-unknown"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(state.files.has(x)).toBe(true);
    const deleted = await client.files.delete([x]);
    expect(deleted).toMatchObject({ deleted_file_ids: [x], deleted_count: 1 });
    expect([...state.files.keys()]).toEqual([y]);
  });

  it("a token Soket does not accept is an AuthError that does not quote it", async () => {
    const state = createSoketState({ tokens: [JWT] });
    const wrong = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3cm9uZyJ9.bm9wZQ";
    const client = createSoketClient({ token: wrong, fetch: soketFetch(state), maxRetries: 0 });
    const error = await client.batches.status("b").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).status).toBe(401);
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect(String((error as Error).stack)).not.toContain(wrong);
  });
});

describe("under MSW's setupServer", () => {
  const state = createSoketState({ tokens: [JWT], advanceOnGet: true });
  const server = setupServer(...soketHandlers(state));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("transcribes files with a client that uses the global fetch, and raw calls are typed", async () => {
    const client = createSoketClient({ token: JWT, sleep: noWait });
    const outcomes = await collect(client.transcribeFiles([audio("msw.wav")], { initialDelayMs: 0 }));
    expect(outcomes.map((o) => o.result.status)).toEqual(["completed"]);
    const { data, error } = await client.GET("/status/batch/{batch_id}", {
      params: { path: { batch_id: outcomes[0]!.batchId } },
    });
    expect(error).toBeUndefined();
    expect(data?.status).toBe("completed");
  });
});

describe("transcribeFiles with repeated file names", () => {
  it("matches each uploaded file to its item by name and size, whatever order the answer lists them in", async () => {
    const state = createSoketState({ tokens: [JWT], advanceOnGet: true });
    const simulated = soketFetch(state);
    // An upload answer that lists the files in the other order (Soket does not say it keeps it).
    const fetch = async (request: Request) => {
      const response = await simulated(request);
      if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/files/upload"))
        return response;
      const body = await response.json();
      return Response.json({ ...body, files: [...body.files].reverse() }, { status: response.status });
    };
    const client = createSoketClient({ token: JWT, fetch, sleep: noWait });
    const items = [audio("audio.wav", 1000), audio("audio.wav", 2000)];
    const outcomes = await collect(client.transcribeFiles(items));
    for (const o of outcomes) expect(o.file.size_bytes).toBe((o.item as File).size);
    expect(outcomes.map((o) => o.index).sort()).toEqual([0, 1]);
  });
});

it("yields the failed result of a batch in which every file failed", async () => {
  const { client } = setup({ failingTranscriptions: ["bad.wav"] });
  const outcomes = await collect(client.transcribeFiles([audio("bad.wav")]));
  expect(outcomes.map((o) => [o.file.filename, o.result.status])).toEqual([["bad.wav", "failed"]]);
});
