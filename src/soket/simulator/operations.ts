// The nine operations of Soket's batch API, each from a request the pipeline has already admitted
// (token and spec checked) to the status and body Soket would answer. mock.ts binds them to their
// paths with openapi-msw, which checks each status and body against the spec.
import type { components } from "../../../generated/soket.ts";
import { listIds, resolveBatch } from "./batch-request.ts";
import { filesOfUpload } from "./multipart.ts";
import { indexPage, resultAt, resultStream, type ResultsQuery } from "./results.ts";
import type { JobStatus, SoketState, UploadStatus } from "./state.ts";
import {
  batchAcceptedView,
  batchStatusView,
  fileRecordView,
  fileResultView,
  uploadAcceptedView,
  uploadProgressView,
} from "./views.ts";

type Schemas = components["schemas"];
/** Soket's error body, `{"error": "<message>"}` (spec, Error). */
export type SoketErrorBody = Schemas["Error"];
type Refused<S extends 400 | 404 | 409 | 413> = { status: S; body: SoketErrorBody };

const refused = <S extends 400 | 404 | 409 | 413>(status: S, error: string): Refused<S> => ({
  status,
  body: { error },
});
const ok = <B>(body: B) => ({ status: 200 as const, body });

/** The query as sent: values are text, whatever openapi-msw's types say. */
export type Query = Pick<URLSearchParams, "get">;

// Soket's own words for these two (shared/providers/soket.md, results pages).
const BATCH_NOT_FOUND = "batch not found";
const FILE_NOT_FOUND = "file not found";

/**
 * A page number or limit, as the spec's validator let it through (it also takes `1e3` or ` 2`), or a
 * refusal for one no page can have (`1e400`).
 */
function pageNumbers(query: Query): { page: number; limit: number } | Refused<400> {
  const numbers = { page: 1, limit: 50 }; // the spec's defaults
  for (const name of ["page", "limit"] as const) {
    const text = query.get(name);
    if (text === null) continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1)
      return refused(400, `query.${name}: ${text.slice(0, 32)} is not a page number this API can serve`);
    numbers[name] = value;
  }
  return numbers;
}

/** What a results read asked for; a boolean parameter is on only when it is `true`. */
function resultsQuery(query: Query): ResultsQuery {
  const on = (name: string) => query.get(name) === "true";
  return {
    raw: on("raw"),
    chunks: on("chunks"),
    speech: on("speech_information"),
    development: false,
    status: (query.get("status") ?? undefined) as JobStatus | undefined,
  };
}

export function soketOperations(state: SoketState) {
  const batchOf = (batchId: string) => state.batches.get(batchId);
  const development = state.options.developmentMode;

  return {
    async uploadFiles(request: Request) {
      const files = await filesOfUpload(request, state.options.maxUploadBytes);
      if (!Array.isArray(files)) return refused(files.status, files.error);
      return { status: 202 as const, body: uploadAcceptedView(state.addUpload(files)) };
    },

    getUploadStatus(batchUploadId: string) {
      const upload = state.uploads.get(batchUploadId);
      if (!upload) return refused(404, `upload not found: ${listIds([batchUploadId])}`);
      // With advanceOnGet, a client that polls sees its files move.
      if (state.options.advanceOnGet) state.advanceUploads(upload.batch_upload_id);
      return ok(uploadProgressView(upload, (f) => state.files.has(f.file_id)));
    },

    listFiles(query: Query) {
      const numbers = pageNumbers(query);
      if ("status" in numbers) return numbers;
      const status = (query.get("upload_status") ?? undefined) as UploadStatus | undefined;
      const page = indexPage(state.fileIndex, (p) => fileRecordView(state.fileAt(p)!), {
        ...numbers,
        status,
        newestFirst: true, // Soket: "newest first"
      });
      return ok({
        page: page.page,
        limit: page.limit,
        total_pages: page.totalPages,
        total_files: page.total,
        count: page.items.length,
        files: page.items,
      });
    },

    deleteFiles(body: Schemas["DeleteFilesRequest"]) {
      const deleted = state.deleteFiles(body.file_ids);
      // Nothing is deleted when any id is unknown (spec, DELETE /files x-inferred).
      if ("unknown" in deleted)
        return refused(404, `file not found: ${listIds(deleted.unknown)}; no file was deleted`);
      return ok({ ...deleted, deleted_count: deleted.deleted_file_ids.length });
    },

    submitBatch(body: Schemas["BatchRequest"]) {
      const inputs = resolveBatch(state, body);
      if (!Array.isArray(inputs)) return refused(inputs.status, inputs.error);
      // 202 by default, not 200 (the spec declares both, PROVIDERS.md): the batch is only enqueued
      // ("Batch accepted and enqueued", seed 003; its jobs are `queued`), as the upload's 202 means for
      // its files. `batchAcceptedStatus: 200` lets a test check that a client takes the other.
      return { status: state.options.batchAcceptedStatus, body: batchAcceptedView(state.addBatch(inputs)) };
    },

    getBatchStatus(batchId: string) {
      const batch = batchOf(batchId);
      if (!batch) return refused(404, BATCH_NOT_FOUND);
      if (state.options.advanceOnGet) state.advance(batch.batch_id);
      return ok(batchStatusView(batch, development));
    },

    getBatchResults(batchId: string, query: Query) {
      const batch = batchOf(batchId);
      // Our choice: 404 with a status filter too (Soket shows the 404 only without one).
      if (!batch) return refused(404, BATCH_NOT_FOUND);
      const numbers = pageNumbers(query);
      if ("status" in numbers) return numbers;
      const q = { ...resultsQuery(query), development };
      const index = q.raw ? batch.jobIndex : batch.fileIndex;
      const page = indexPage(index, resultAt(batch, q), { ...numbers, status: q.status });
      const common = {
        batch_id: batch.batch_id,
        page: page.page,
        limit: page.limit,
        total_pages: page.totalPages,
        count: page.items.length,
      };
      // `raw` switches the envelope: the jobs and their total, or the merged files and theirs.
      return ok(
        q.raw
          ? { ...common, total_jobs: page.total, jobs: page.items as Schemas["JobResult"][] }
          : { ...common, total_files: page.total, files: page.items as Schemas["FileResult"][] },
      );
    },

    getFileResult(fileId: string, query: Query) {
      const entry = state.resultOf(fileId);
      // An uploaded file that no batch has transcribed has no result either.
      if (!entry) return refused(404, FILE_NOT_FOUND);
      return ok(fileResultView(entry, { ...resultsQuery(query), development }));
    },

    downloadBatchResults(batchId: string, query: Query) {
      const batch = batchOf(batchId);
      if (!batch) return refused(404, BATCH_NOT_FOUND);
      const format = query.get("format") === "json" ? "json" : "ndjson";
      return {
        status: 200 as const,
        contentType: format === "json" ? "application/json" : "application/x-ndjson",
        stream: resultStream(batch, { ...resultsQuery(query), development }, format),
      };
    },
  };
}
