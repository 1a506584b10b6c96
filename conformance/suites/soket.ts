// Conformance of Soket.ai's batch API with specs/soket, on the harness: every operation, every
// documented status provoked by a real request (429 alone is left to a fault), real multipart uploads,
// a page walk over 450 files at limit 200, the merged and raw result envelopes, the 409 race, a DELETE
// with one unknown id, and an NDJSON download of 1,000 results read line by line and checked item by item
// against the spec's result schema. Every exchange is validated against the spec by the harness. Runs
// against the simulator, or a live API when BATCHSPEC_SOKET_BASE_URL and BATCHSPEC_SOKET_TOKEN are set:
// then only checks that create nothing run.
import { expect } from "../harness/expect.ts";
import { unhonouredParameters } from "../../src/core/simulator/index.ts";
import {
  createSoketState,
  SOKET_HONOURS,
  soketFetch,
  soketHandlers,
  type SoketSimulatorOptions,
  type SoketState,
} from "../../src/soket/mock.ts";
import { SOKET } from "../../src/soket/spec.ts";
import { soketValidator } from "../../src/soket/validation.ts";
import { createApiClient } from "../../src/core/client.ts";
import { defineConformanceSuite, type CheckContext } from "../harness/index.ts";

type Json = any; // bodies are checked against the spec by the harness; checks read a few fields
type RawResult = { data?: Json; error?: Json; response: Response };
/** The typed openapi-fetch client, seen loosely: checks build requests the types would refuse. */
interface RawSoket {
  GET(path: string, init?: object): Promise<RawResult>;
  POST(path: string, init: object): Promise<RawResult>;
  DELETE(path: string, init: object): Promise<RawResult>;
}
type Ctx = CheckContext<RawSoket, SoketState>;

const TOKEN = "conformance-token";
const { operations } = SOKET;
const P = {
  upload: operations.uploadFiles.path,
  progress: operations.getUploadStatus.path,
  files: operations.listFiles.path,
  batch: operations.submitBatch.path,
  status: operations.getBatchStatus.path,
  results: operations.getBatchResults.path,
  file: operations.getFileResult.path,
  download: operations.downloadBatchResults.path,
};
const UNKNOWN = "0f0f0f0f-0000-4000-8000-00000000beef";

const options: SoketSimulatorOptions = { tokens: [TOKEN], failingFiles: ["broken.wav"] };
const state = createSoketState(options);
/** Another simulator, set up differently (checks swap it in with `c.use`). */
const simulatorWith = (c: Ctx, extra: SoketSimulatorOptions) => {
  const other = createSoketState({ ...options, ...extra });
  c.use(...soketHandlers(other, { baseUrl: c.target.baseUrl }));
  return other;
};

/** A WAV-named file of `bytes` bytes (the simulator counts bytes; it does not decode audio). */
const wav = (name: string, bytes = 64_000) => new File([new Uint8Array(bytes)], name, { type: "audio/wav" });
const form = (...files: File[]) => {
  const body = new FormData();
  for (const f of files) body.append("files", f);
  return body;
};
const api = (c: Ctx) => c.api;
const result = ({ response, error }: RawResult) => ({ status: response.status, body: error });

async function upload(c: Ctx, ...files: File[]): Promise<Json> {
  const { data, error, response } = await api(c).POST(P.upload, { body: form(...files) });
  expect(error, `upload failed with ${response.status}`).toBeUndefined();
  expect(response.status).toBe(202);
  return data;
}
async function submit(c: Ctx, body: Json): Promise<Json> {
  const { data, error, response } = await api(c).POST(P.batch, { body });
  expect(error, `submit failed with ${response.status}`).toBeUndefined();
  return data;
}
const statusOf = async (c: Ctx, batchId: string): Promise<Json> =>
  (await api(c).GET(P.status, { params: { path: { batch_id: batchId } } })).data;
/** A finished batch of `count` uploaded files. */
async function finishedBatch(c: Ctx, count: number): Promise<{ batchId: string; fileIds: string[] }> {
  const up = await upload(c, ...Array.from({ length: count }, (_, i) => wav(`f${i + 1}.wav`)));
  c.state.completeUploads(up.batch_upload_id);
  const batch = await submit(c, { batch_upload_id: up.batch_upload_id });
  c.state.runToCompletion(batch.batch_id);
  return { batchId: batch.batch_id, fileIds: up.files.map((f: Json) => f.file_id) };
}
const sim = { simulatorOnly: true };

export default defineConformanceSuite<RawSoket, SoketState>(
  {
    id: SOKET.provider,
    validator: soketValidator,
    operations,
    baseUrl: SOKET.baseUrl,
    // The raw typed client is all the checks need (the helpers are tested on their own).
    client: ({ token, ...rest }) =>
      createApiClient({ ...SOKET, validator: SOKET.loadValidator }, { token, ...rest })
        .raw as unknown as RawSoket,
    issuesFromBody: () => [],
    simulatorToken: TOKEN,
    simulator: {
      state,
      handlers: (baseUrl) => soketHandlers(state, { baseUrl }),
      faults: state.faults,
      reset: () => state.reset(),
      unhonoured: () => unhonouredParameters({ operations, honours: SOKET_HONOURS }),
    },
    // Files are listed but have no read of their own, and DELETE /files takes ids in a body: the upload
    // is the resource with a create and a read.
    resources: [
      {
        noun: "upload",
        create: { operationId: "uploadFiles", id: (b) => b?.batch_upload_id },
        get: { operationId: "getUploadStatus", param: "batch_upload_id", id: (b) => b?.batch_upload_id },
      },
    ],
    notProvokable: Object.fromEntries(
      Object.keys(operations).map((op) => [
        `${op} 429`,
        "Soket documents no rate limit to reach on purpose, and flooding the API is no test",
      ]),
    ),
  },
  (s) => {
    // ---- uploads ----
    s.check(
      "takes a real multipart upload of two files: 202, each file pending with its size, then completed with a storage key",
      { ...sim, provokes: ["uploadFiles 202", "getUploadStatus 200"] },
      async (c) => {
        const up = await upload(c, wav("a.wav", 1_048_576), wav("b.mp3", 524_288));
        expect(up).toMatchObject({ status: "accepted", total_files: 2 });
        expect(up.files.map((f: Json) => [f.filename, f.size_bytes, f.upload_status])).toEqual([
          ["a.wav", 1_048_576, "pending"],
          ["b.mp3", 524_288, "pending"],
        ]);
        const progress = async () =>
          (await api(c).GET(P.progress, { params: { path: { batch_upload_id: up.batch_upload_id } } })).data;
        const before = await progress();
        expect(before.files.every((f: Json) => f.gcs_key === undefined)).toBe(true);
        c.state.completeUploads(up.batch_upload_id);
        const after = await progress();
        expect(after).toMatchObject({
          status: "completed",
          completed: 2,
          pending: 0,
          uploading: 0,
          failed: 0,
        });
        expect(after.files.every((f: Json) => /^uploads\//.test(f.gcs_key))).toBe(true);
      },
    );

    s.check("marks a file whose copy to storage failed, and counts it", sim, async (c) => {
      const up = await upload(c, wav("ok.wav"), wav("broken.wav"));
      c.state.completeUploads(up.batch_upload_id);
      const { data } = await api(c).GET(P.progress, {
        params: { path: { batch_upload_id: up.batch_upload_id } },
      });
      expect(data).toMatchObject({ completed: 1, failed: 1 });
      expect(data.files.find((f: Json) => f.filename === "broken.wav").upload_status).toBe("failed");
    });

    // ---- files ----
    s.check(
      "walks 450 files at limit 200: three pages, every file once, with true totals",
      {
        provokes: ["listFiles 200"],
        exercises: ["listFiles query.page", "listFiles query.limit"],
      },
      async (c) => {
        if (c.simulated)
          c.state.addUpload(
            Array.from({ length: 450 }, (_, i) => ({ filename: `w${i}.wav`, size_bytes: 32_000 })),
          );
        const seen: string[] = [];
        let page = 1;
        let totalPages = 1;
        do {
          const { data, error } = await api(c).GET(P.files, { params: { query: { page, limit: 200 } } });
          expect(error).toBeUndefined();
          expect(data.count).toBe(data.files.length);
          const ids: string[] = data.files.map((f: Json) => f.file_id);
          expect(
            ids.filter((id) => seen.includes(id)),
            `page ${page} repeats files`,
          ).toEqual([]);
          seen.push(...ids);
          totalPages = data.total_pages;
          if (page === 1 && c.simulated) expect([data.total_files, data.total_pages]).toEqual([450, 3]);
          page++;
        } while (page <= totalPages && page <= (c.simulated ? 10 : 50));
        if (c.simulated) expect(seen).toHaveLength(450);
      },
    );

    s.check(
      "filters files by upload_status",
      { ...sim, exercises: ["listFiles query.upload_status"] },
      async (c) => {
        const up = await upload(c, wav("one.wav"), wav("broken.wav"));
        c.state.completeUploads(up.batch_upload_id);
        const failed = await api(c).GET(P.files, { params: { query: { upload_status: "failed" } } });
        expect(failed.data.files.map((f: Json) => f.filename)).toEqual(["broken.wav"]);
        const completed = await api(c).GET(P.files, { params: { query: { upload_status: "completed" } } });
        expect(completed.data.files.map((f: Json) => f.filename)).toEqual(["one.wav"]);
      },
    );

    s.check(
      "deletes files with their storage objects and jobs",
      { ...sim, provokes: ["deleteFiles 200"] },
      async (c) => {
        const { fileIds } = await finishedBatch(c, 2);
        const { data } = await api(c).DELETE(P.files, { body: { file_ids: [fileIds[0]] } });
        expect(data).toMatchObject({
          deleted_file_ids: [fileIds[0]],
          deleted_count: 1,
          storage_objects_deleted: 1,
        });
        expect(data.jobs_cleaned).toBeGreaterThan(0);
        const gone = await api(c).GET(P.file, { params: { path: { file_id: fileIds[0] } } });
        expect(gone.response.status).toBe(404);
      },
    );

    s.check(
      "a DELETE naming one unknown file is 404 and deletes none of the others",
      { ...sim, provokes: ["deleteFiles 404"] },
      async (c) => {
        const up = await upload(c, wav("keep.wav"));
        const known = up.files[0].file_id;
        const refused = await api(c).DELETE(P.files, { body: { file_ids: [known, UNKNOWN] } });
        c.expectRefused(result(refused), 404);
        expect(JSON.stringify(refused.error)).toContain(UNKNOWN);
        const still = await api(c).GET(P.files, {});
        expect(still.data.files.map((f: Json) => f.file_id)).toContain(known);
      },
    );

    // ---- batches ----
    s.check(
      "submits over an upload, specific files and a URL together; answers 202 with one queued job per chunk",
      { ...sim, provokes: ["submitBatch 202"] },
      async (c) => {
        const first = await upload(c, wav("a.wav"), wav("b.wav"));
        const second = await upload(c, wav("c.wav", 32_000 * 300)); // 300 s: more than one chunk
        c.state.completeUploads();
        const batch = await submit(c, {
          batch_upload_id: first.batch_upload_id,
          file_ids: [second.files[0].file_id],
          sources: [{ url: "https://example.com/audio3.wav", filename: "audio3.wav" }],
        });
        const files = new Set(batch.jobs.map((j: Json) => j.file_id));
        expect(files.size).toBe(4);
        expect(batch.total_jobs).toBe(batch.jobs.length);
        expect(batch.jobs.length).toBeGreaterThan(4);
        expect(batch.jobs.every((j: Json) => j.status === "queued" && j.batch_id === batch.batch_id)).toBe(
          true,
        );
        // A file chosen by file_ids keeps its file_id.
        expect(files.has(second.files[0].file_id)).toBe(true);
      },
    );

    s.check(
      "answers 200 where Soket does so (both are declared)",
      { ...sim, provokes: ["submitBatch 200"] },
      async (c) => {
        simulatorWith(c, { batchAcceptedStatus: 200 });
        const { response, data } = await api(c).POST(P.batch, {
          body: { sources: [{ gcs_key: "uploads/x.wav" }] },
        });
        expect(response.status).toBe(200);
        expect(data.total_jobs).toBeGreaterThan(0);
      },
    );

    s.check(
      "refuses a batch over files still uploading with 409 (the race), and takes it once they are done",
      { ...sim, provokes: ["submitBatch 409"] },
      async (c) => {
        const up = await upload(c, wav("slow.wav"));
        const early = await api(c).POST(P.batch, { body: { batch_upload_id: up.batch_upload_id } });
        c.expectRefused(result(early), 409);
        const byId = await api(c).POST(P.batch, { body: { file_ids: [up.files[0].file_id] } });
        expect(byId.response.status).toBe(409);
        c.state.completeUploads(up.batch_upload_id);
        expect(
          (await api(c).POST(P.batch, { body: { batch_upload_id: up.batch_upload_id } })).response.ok,
        ).toBe(true);
      },
    );

    s.check(
      "follows a batch from queued to completed, its counts consistent, then reads its results merged and raw",
      {
        ...sim,
        provokes: ["getBatchStatus 200", "getBatchResults 200", "getFileResult 200"],
        exercises: [
          "getBatchResults query.raw",
          "getBatchResults query.page",
          "getBatchResults query.limit",
          "getBatchResults query.chunks",
          "getBatchResults query.speech_information",
          "getFileResult query.chunks",
          "getFileResult query.speech_information",
        ],
      },
      async (c) => {
        const up = await upload(c, wav("x.wav", 32_000 * 300), wav("y.wav"));
        c.state.completeUploads(up.batch_upload_id);
        const batch = await submit(c, { batch_upload_id: up.batch_upload_id });
        const seen: string[] = [];
        for (let i = 0; i < 6; i++) {
          const status = await statusOf(c, batch.batch_id);
          seen.push(status.status);
          expect(status.files_completed + status.files_failed).toBeLessThanOrEqual(status.total_files);
          if (status.status === "completed") break;
          c.state.advance(batch.batch_id);
        }
        expect(seen[0]).toBe("queued");
        expect(seen.at(-1)).toBe("completed");
        const path = { batch_id: batch.batch_id };
        const merged = await api(c).GET(P.results, { params: { path, query: { page: 1, limit: 1 } } });
        expect(merged.data).toMatchObject({ total_files: 2, total_pages: 2, count: 1 });
        expect(merged.data.files[0].result).toBeTruthy();
        const raw = await api(c).GET(P.results, { params: { path, query: { raw: true, limit: 200 } } });
        expect(raw.data.total_jobs).toBe(batch.total_jobs);
        expect(raw.data.jobs).toHaveLength(batch.total_jobs);
        expect(raw.data.files).toBeUndefined();
        const detailed = await api(c).GET(P.results, {
          params: { path, query: { chunks: true, speech_information: true } },
        });
        const x = detailed.data.files.find((f: Json) => f.filename === "x.wav");
        expect(x.chunk_results.length).toBeGreaterThan(1);
        const one = await api(c).GET(P.file, {
          params: { path: { file_id: x.file_id }, query: { chunks: true, speech_information: true } },
        });
        expect(one.data).toMatchObject({ file_id: x.file_id, status: "completed" });
        expect(one.data.chunk_results.length).toBe(x.chunk_results.length);
        const plain = await api(c).GET(P.file, { params: { path: { file_id: x.file_id } } });
        expect(plain.data.chunk_results).toBeUndefined();
      },
    );

    s.check(
      "filters results by status: a failed transcription apart from the completed one",
      { ...sim, exercises: ["getBatchResults query.status"] },
      async (c) => {
        const other = simulatorWith(c, { failingTranscriptions: ["bad.wav"] });
        const up = await upload(c, wav("good.wav"), wav("bad.wav"));
        other.completeUploads(up.batch_upload_id);
        const batch = await submit(c, { batch_upload_id: up.batch_upload_id });
        other.runToCompletion(batch.batch_id);
        const path = { batch_id: batch.batch_id };
        const names = async (status: string) =>
          (await api(c).GET(P.results, { params: { path, query: { status } } })).data.files.map(
            (f: Json) => f.filename,
          );
        expect(await names("failed")).toEqual(["bad.wav"]);
        expect(await names("completed")).toEqual(["good.wav"]);
        const bad = (await api(c).GET(P.results, { params: { path, query: { status: "failed" } } })).data
          .files[0];
        expect(bad.errors.length).toBeGreaterThan(0);
      },
    );

    // ---- download ----
    s.check(
      "downloads 1,000 results as NDJSON, read line by line as they arrive, each a result of the spec",
      {
        ...sim,
        provokes: ["downloadBatchResults 200"],
        exercises: ["downloadBatchResults query.format", "downloadBatchResults query.status"],
      },
      async (c) => {
        const many = simulatorWith(c, {});
        const upload1000 = many.addUpload(
          Array.from({ length: 1000 }, (_, i) => ({ filename: `n${i}.wav`, size_bytes: 32_000 })),
        );
        many.completeUploads(upload1000.batch_upload_id);
        const batch = many.addBatch(upload1000.files.map((upload) => ({ upload })));
        many.runToCompletion(batch.batch_id);
        const url = `${c.target.baseUrl}${P.download.replace("{batch_id}", batch.batch_id)}?format=ndjson&status=completed`;
        const response = await c.checked.fetch(
          new Request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }),
        );
        expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
        const validator = soketValidator();
        const ids = new Set<string>();
        let lines = 0;
        let buffer = "";
        const decoder = new TextDecoder();
        const reader = response.body!.getReader();
        const take = (line: string) => {
          if (line.trim() === "") return;
          lines++;
          const item = JSON.parse(line);
          // A merged line is a file's result (ResultItem would also take a chunk job's looser shape).
          expect(validator.validateSchema("FileResult", item), `line ${lines}`).toEqual([]);
          ids.add(item.file_id);
        };
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const parts = buffer.split("\n");
          buffer = parts.pop()!;
          parts.forEach(take);
        }
        take(buffer);
        expect([lines, ids.size]).toEqual([1000, 1000]);
        // Streamed, not one string: read straight from the simulator (the checked fetch reads a body
        // whole to judge it), the download comes in several chunks, the first far from all of it.
        const direct = await soketFetch(many, { baseUrl: c.target.baseUrl })(
          new Request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }),
        );
        const chunks: number[] = [];
        const raw = direct.body!.getReader();
        for (let r = await raw.read(); !r.done; r = await raw.read())
          chunks.push(new TextDecoder().decode(r.value).split("\n").length - 1);
        expect(chunks.length).toBeGreaterThan(1);
        expect(chunks[0]).toBeLessThan(1000);
      },
    );

    s.check(
      "downloads the chunk jobs with raw, chunk and speech details when asked, and one JSON array with format=json",
      {
        ...sim,
        exercises: [
          "downloadBatchResults query.raw",
          "downloadBatchResults query.chunks",
          "downloadBatchResults query.speech_information",
        ],
      },
      async (c) => {
        const { batchId } = await finishedBatch(c, 2);
        const download = async (query: string) => {
          const url = `${c.target.baseUrl}${P.download.replace("{batch_id}", batchId)}?${query}`;
          const response = await c.checked.fetch(
            new Request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }),
          );
          return { type: response.headers.get("content-type"), text: await response.text() };
        };
        const lines = (text: string) =>
          text
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map((l) => JSON.parse(l));
        const raw = lines((await download("raw=true")).text);
        const merged = lines((await download("raw=false")).text);
        expect(merged).toHaveLength(2);
        expect(raw.length).toBeGreaterThanOrEqual(2);
        expect(raw.every((j: Json) => typeof j.job_id === "string")).toBe(true);
        const detailed = lines((await download("chunks=true&speech_information=true")).text);
        expect(detailed.every((f: Json) => Array.isArray(f.chunk_results))).toBe(true);
        expect(JSON.stringify(detailed)).not.toEqual(JSON.stringify(merged));
        const json = await download("format=json");
        expect(json.type).toMatch(/^application\/json/);
        expect(JSON.parse(json.text)).toEqual(merged);
      },
    );

    // ---- refusals ----
    const get = (path: string) => (c: Ctx) => c.raw("GET", path);
    const postJson = (path: string, body: unknown) => (c: Ctx) =>
      c.raw("POST", path, { body: JSON.stringify(body), contentType: "application/json" });
    const uploadWith = (token: string | null) => (c: Ctx) =>
      c.raw("POST", P.upload, { body: form(wav("a.wav")), token });
    const ids = {
      progress: P.progress.replace("{batch_upload_id}", UNKNOWN),
      status: P.status.replace("{batch_id}", UNKNOWN),
      results: P.results.replace("{batch_id}", UNKNOWN),
      file: P.file.replace("{file_id}", UNKNOWN),
      download: P.download.replace("{batch_id}", UNKNOWN),
    };
    s.refusals([
      {
        name: "an upload without files",
        operationId: "uploadFiles",
        status: 400,
        breaksSpec: true,
        simulatorOnly: true,
        send: (c) => {
          const body = new FormData();
          body.append("note", "no audio here");
          return c.raw("POST", P.upload, { body });
        },
      },
      {
        name: "an upload larger than the simulator takes",
        operationId: "uploadFiles",
        status: 413,
        simulatorOnly: true,
        send: (c) => {
          simulatorWith(c, { maxUploadBytes: 1000 });
          return c.raw("POST", P.upload, { body: form(wav("big.wav", 5000)) });
        },
      },
      {
        name: "an upload without a token",
        operationId: "uploadFiles",
        status: 401,
        breaksSpec: true,
        send: uploadWith(null),
      },
      {
        name: "an upload with a wrong token",
        operationId: "uploadFiles",
        status: 401,
        send: uploadWith("wrong"),
      },
      ...(["page=0", "limit=201", "upload_status=done"] as const).map((query) => ({
        name: `a file list with ${query}`,
        operationId: "listFiles",
        status: 400,
        says: `query.${query.split("=")[0]}`,
        breaksSpec: true,
        send: get(`${P.files}?${query}`),
      })),
      {
        name: "a DELETE of no files",
        operationId: "deleteFiles",
        status: 400,
        says: "body.file_ids",
        breaksSpec: true,
        send: (c) =>
          c.raw("DELETE", P.files, {
            body: JSON.stringify({ file_ids: [] }),
            contentType: "application/json",
          }),
      },
      {
        name: "a batch that names nothing",
        operationId: "submitBatch",
        status: 400,
        says: "needs batch_upload_id, file_ids or sources",
        breaksSpec: true,
        send: postJson(P.batch, {}),
      },
      {
        name: "a source with neither gcs_key nor url",
        operationId: "submitBatch",
        status: 400,
        says: "needs gcs_key or url",
        breaksSpec: true,
        send: postJson(P.batch, { sources: [{ filename: "a.wav" }] }),
      },
      {
        name: "a batch whose upload's files all failed (nothing to transcribe)",
        operationId: "submitBatch",
        status: 400,
        simulatorOnly: true,
        send: async (c) => {
          const up = await upload(c, wav("broken.wav"));
          c.state.completeUploads(up.batch_upload_id);
          return c.raw("POST", P.batch, {
            body: JSON.stringify({ batch_upload_id: up.batch_upload_id }),
            contentType: "application/json",
          });
        },
      },
      {
        name: "a batch over an unknown upload",
        operationId: "submitBatch",
        status: 404,
        send: postJson(P.batch, { batch_upload_id: UNKNOWN }),
      },
      {
        name: "results with limit 0",
        operationId: "getBatchResults",
        status: 400,
        says: "query.limit",
        breaksSpec: true,
        send: get(`${ids.results}?limit=0`),
      },
      {
        name: "a file result with chunks=maybe",
        operationId: "getFileResult",
        status: 400,
        says: "query.chunks",
        breaksSpec: true,
        send: get(`${ids.file}?chunks=maybe`),
      },
      {
        name: "a download as XML",
        operationId: "downloadBatchResults",
        status: 400,
        says: "query.format",
        breaksSpec: true,
        send: get(`${ids.download}?format=xml`),
      },
      {
        name: "the progress of an unknown upload",
        operationId: "getUploadStatus",
        status: 404,
        send: get(ids.progress),
      },
      {
        name: "the status of an unknown batch",
        operationId: "getBatchStatus",
        status: 404,
        says: "batch not found",
        send: get(ids.status),
      },
      {
        name: "the results of an unknown batch",
        operationId: "getBatchResults",
        status: 404,
        says: "batch not found",
        send: get(ids.results),
      },
      {
        name: "the result of an unknown file",
        operationId: "getFileResult",
        status: 404,
        says: "file not found",
        send: get(ids.file),
      },
      {
        name: "the download of an unknown batch",
        operationId: "downloadBatchResults",
        status: 404,
        send: get(ids.download),
      },
      // Credentials, for every operation but the upload (above): none, and a token Soket does not know.
      ...Object.keys(operations)
        .filter((operationId) => operationId !== "uploadFiles")
        .flatMap((operationId) => [
          {
            name: `${operationId} without a token`,
            operationId,
            status: 401,
            breaksSpec: true,
            send: (c: Ctx) => c.sample(operationId, null),
          },
          {
            name: `${operationId} with a wrong token`,
            operationId,
            status: 401,
            send: (c: Ctx) => c.sample(operationId, "not-a-soket-token"),
          },
        ]),
    ]);
  },
);
