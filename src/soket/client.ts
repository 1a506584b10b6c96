// The Soket client: the typed openapi-fetch client over specs/soket, and helpers that do what a Soket
// user does — upload audio as a real multipart body (Blobs, buffers, or files streamed from disk), wait
// until the upload reached storage, submit a batch, wait for it, read its results page by page or as
// one NDJSON download parsed as it arrives, and `transcribeFiles`, the whole job. Shapes come from the
// generated `components`/`operations`.
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/soket.ts";
import { ConfigurationError } from "../core/auth.ts";
import {
  apiErrorGuard,
  createApiClient,
  refuseBeforeSending,
  type ApiClientOptions,
  type HelperOptions,
  type IterateOptions,
  type OperationQuery,
} from "../core/client.ts";
import type { BatchApiError } from "../core/errors.ts";
import { helperKit, type HelperWaitOptions } from "../core/helper-kit.ts";
import { paginateOnUse } from "../core/on-use.ts";
import { pageNumberStrategy } from "../core/page-strategies.ts";
import type { Paginator } from "../core/paginate.ts";
import { SOKET, SOKET_BASE_URL, SOKET_MAX_PAGE } from "./spec.ts";
import type { SoketKit } from "./transcribe-files.ts";

export { SOKET_BASE_URL, SOKET_MAX_PAGE };

type Schemas = components["schemas"];
export type SoketUploadAccepted = Schemas["UploadAccepted"];
export type SoketUploadProgress = Schemas["UploadProgress"];
export type SoketUploadedFile = Schemas["UploadedFile"];
export type SoketUploadStatus = Schemas["UploadStatus"];
export type SoketFileRecord = Schemas["FileRecord"];
export type SoketFileListPage = Schemas["FileListPage"];
export type SoketDeleteResult = Schemas["DeleteFilesResult"];
/** What a batch is made of: an upload's completed files, specific file ids, and sources (storage keys or URLs). */
export type SoketBatchRequest = Schemas["BatchRequest"];
export type SoketSource = Schemas["Source"];
export type SoketBatchAccepted = Schemas["BatchAccepted"];
export type SoketBatchStatus = Schemas["BatchStatus"];
export type SoketJobStatus = Schemas["JobStatus"];
/** One file's merged result (the items of results and downloads without `raw`). */
export type SoketFileResult = Schemas["FileResult"];
/** One chunk job's result (the items with `raw: true`). */
export type SoketJobResult = Schemas["JobResult"];
export type SoketMergedResultsPage = Schemas["MergedResultsPage"];
export type SoketRawResultsPage = Schemas["RawResultsPage"];
/** A result as `raw` makes it: a chunk job's with `raw: true`, a file's merged result otherwise. */
export type SoketResultItem<Raw extends boolean = false> = Raw extends true
  ? SoketJobResult
  : SoketFileResult;
/** A page of results as `raw` makes it: `jobs`/`total_jobs` with `raw: true`, `files`/`total_files` otherwise. */
export type SoketResultsPage<Raw extends boolean = false> = Raw extends true
  ? SoketRawResultsPage
  : SoketMergedResultsPage;

export type SoketFilesQuery = OperationQuery<operations["listFiles"]>;
export type SoketResultsQuery = Omit<OperationQuery<operations["getBatchResults"]>, "raw">;
export type SoketFileResultQuery = OperationQuery<operations["getFileResult"]>;
export type SoketDownloadQuery = Omit<OperationQuery<operations["downloadBatchResults"]>, "raw">;

/** What the helpers throw for an error status, its body Soket's `{error}`. */
export type SoketApiError = BatchApiError<Schemas["Error"]>;
/** Narrows a caught error to a Soket API error. */
export const isSoketApiError = /* @__PURE__ */ apiErrorGuard<Schemas["Error"]>("soket");

/** A file given by its bytes, with the name (and media type) Soket is to know it by. */
export interface SoketFileData {
  data: Blob | ArrayBuffer | ArrayBufferView;
  filename: string;
  /** Default: the Blob's own type, else guessed from the file name's extension. */
  type?: string;
}

/**
 * One file to upload: a `File` (its name is sent), bytes with a name (`{ data, filename, type? }`, a
 * Buffer, a Uint8Array or a Blob), or a path on disk (Node only), streamed from disk as it is sent.
 */
export type SoketUploadable = Blob | SoketFileData | string;

export interface SoketClientOptions extends ApiClientOptions {
  /** `https://api.soket.ai/transcribe` by default. */
  baseUrl?: string;
}

/** Options of a wait: the backoff and deadline of `waitForJob`, and the options of each poll's GET. */
export type SoketWaitOptions<T> = HelperWaitOptions<T>;

/** A batch's progress, from its counts. */
export interface SoketBatchProgress {
  status: SoketJobStatus;
  total: number;
  completed: number;
  failed: number;
  /** Files not yet ended: total - completed - failed. */
  pending: number;
  polls: number;
  elapsedMs: number;
}

export interface SoketBatchWaitOptions extends Omit<SoketWaitOptions<SoketBatchStatus>, "onProgress"> {
  onProgress?(progress: SoketBatchProgress, batch: SoketBatchStatus): void;
}

export interface SoketFilesIterateOptions extends IterateOptions {
  upload_status?: SoketUploadStatus;
  /** Files a page (1 to 200). Default 200, the most Soket sends: the fewest requests. */
  limit?: number;
}

export interface SoketResultsIterateOptions<Raw extends boolean = false>
  extends IterateOptions, Omit<SoketResultsQuery, "page"> {
  /** `true`: the chunk jobs, not the merged files. */
  raw?: Raw;
}

export interface SoketStreamOptions<Raw extends boolean = false> extends HelperOptions, SoketDownloadQuery {
  /** `true`: the chunk jobs, not the merged files. */
  raw?: Raw;
}

export interface TranscribeFilesOptions {
  /** Called once the files were received, before waiting for them to reach storage. */
  onUploaded?(upload: SoketUploadAccepted): void;
  /** Called once the batch was accepted. */
  onSubmitted?(batch: SoketBatchAccepted): void;
  /** The batch's progress after each poll. */
  onProgress?(progress: SoketBatchProgress, batch: SoketBatchStatus): void;
  /** Read the results as the NDJSON download (`"stream"`, default) or page by page (`"pages"`). */
  via?: "stream" | "pages";
  /** Include each chunk's details in the results. */
  chunks?: boolean;
  /** Include segment-level information (tone, accent, speaker_id, timestamps) in the results. */
  speech_information?: boolean;
  /** Delay after the first poll: 1 s, doubling to `maxDelayMs` (60 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up (PollTimeoutError) after this long, counted from the start, uploads included. Default 24 hours. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Options of each request (a longer `timeoutMs` for large uploads and downloads, say). */
  request?: HelperOptions;
}

/** One file's outcome: the item it came from, its uploaded record, and its result (completed or failed). */
export interface SoketFileOutcome {
  /** The file as given to transcribeFiles. */
  item: SoketUploadable;
  /** Its position in the list given. */
  index: number;
  /** The file as Soket recorded the upload (its file_id, name and size). */
  file: SoketUploadedFile;
  batchId: string;
  result: SoketFileResult;
}

// The spec's enums, as the answers are checked against them at run time: an object keyed by the generated
// type, so a status added to or dropped from the spec fails to compile here rather than drifting.
const UPLOAD_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({ pending: 1, uploading: 1, completed: 1, failed: 1 } satisfies Record<SoketUploadStatus, 1>),
);
const JOB_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({
    queued: 1,
    processing: 1,
    retrying: 1,
    completed: 1,
    failed: 1,
  } satisfies Record<SoketJobStatus, 1>),
);
/** Soket documents no limit on a batch's duration: a day, as for other batch APIs. */
const BATCH_TIMEOUT_MS = 24 * 3_600_000;
const BATCH_MAX_DELAY_MS = 60_000;

export type SoketClient = Client<paths> & ReturnType<typeof soketHelpers>;

/**
 * A Soket client: `token` is the JWT Soket validates (`Authorization: Bearer <JWT>`), or a function
 * returning a fresh one before each request. Raw calls (`client.GET(...)`) and the helpers below.
 */
export function createSoketClient(options: SoketClientOptions): SoketClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(`${SOKET.factory}: expected an options object with a \`token\``);
  }
  const api = createApiClient<paths, operations>({ ...SOKET, validator: SOKET.loadValidator }, options);
  return Object.assign(api.raw, soketHelpers(api));
}

type Api = ReturnType<typeof createApiClient<paths, operations>>;

function soketHelpers(api: Api) {
  const { send, provider } = api;
  const refuse = (operation: string, problem: string) => refuseBeforeSending(provider, operation, problem);
  /** A path parameter must name something: an empty id would ask for another endpoint. */
  const refuseId = async (operation: string, name: string, value: unknown) => {
    if (typeof value !== "string" || value.trim() === "")
      await refuse(
        operation,
        `${name}: expected a non-empty string, got ${typeof value === "string" ? "an empty string" : typeof value}`,
      );
  };

  const { wait, invalid } = helperKit(api);

  /** An upload's progress, each file with its id and a status the spec documents: what waiting relies on. */
  async function checkedUpload(batchUploadId: string, opts: HelperOptions): Promise<SoketUploadProgress> {
    const progress = await files.uploadStatus(batchUploadId, opts);
    const fine =
      Array.isArray(progress?.files) &&
      progress.files.length > 0 &&
      progress.files.every((f) => typeof f?.file_id === "string" && UPLOAD_STATUSES.has(f.upload_status));
    if (!fine)
      throw await invalid(
        "getUploadStatus",
        "is an upload's progress without a list of files, each with a file_id and an upload_status the spec documents",
        progress,
      );
    return progress;
  }

  const files = {
    /**
     * Uploads audio files as one multipart request (repeated `files` parts), answered 202 at once; the
     * files then reach storage in the background (`waitForUpload`). Each file is a `File`, bytes with a
     * name (`{ data, filename, type? }`), or a path on disk streamed as it is sent (Node).
     *
     * Retried like an idempotent request (a 5xx, a timeout, a broken connection; `idempotent: false` to
     * turn that off): a retry re-sends the same bytes, and at worst leaves behind an upload the first
     * attempt made after all (`files.delete` removes it). The timeout covers sending the files: give a
     * longer `timeoutMs` for large ones.
     */
    async upload(items: readonly SoketUploadable[], opts: HelperOptions = {}) {
      const parts = await (await import("./upload-files.ts")).toFiles(refuse, items);
      // The generated type of a file part is `string` (openapi-typescript's for a binary schema); the
      // core sends Blobs in a multipart body as file parts.
      return send(
        "uploadFiles",
        { body: { files: parts as unknown as string[] } },
        { idempotent: true, ...opts },
      );
    },
    /** An upload's progress: each file's `upload_status` and storage key, and the counts. */
    async uploadStatus(batchUploadId: string, opts?: HelperOptions) {
      await refuseId("getUploadStatus", "batch_upload_id", batchUploadId);
      return send("getUploadStatus", { params: { path: { batch_upload_id: batchUploadId } } }, opts);
    },
    /**
     * Polls the upload until no file is `pending` or `uploading`: returns its progress when every file
     * is `completed`; throws UploadFailedError (naming the files) when any `failed`, PollTimeoutError past
     * the deadline (default 30 minutes).
     */
    async waitForUpload(batchUploadId: string, options: SoketWaitOptions<SoketUploadProgress> = {}) {
      await refuseId("getUploadStatus", "batch_upload_id", batchUploadId);
      checkTiming(options, "waitForUpload");
      const { request } = options;
      const progress = await wait(
        (signal) => checkedUpload(batchUploadId, { ...request, ...(signal ? { signal } : {}) }),
        (p) => p.files.every((f) => f.upload_status === "completed" || f.upload_status === "failed"),
        options,
      );
      if (progress.files.some((f) => f.upload_status === "failed")) {
        const { UploadFailedError } = await import("./errors.ts");
        throw new UploadFailedError({
          provider,
          operation: "getUploadStatus",
          job: progress,
          batchUploadId,
          secrets: api.secrets(),
        });
      }
      return progress;
    },
    /** One page of the caller's files, newest first. */
    list: (query: SoketFilesQuery = {}, opts?: HelperOptions) =>
      send("listFiles", { params: { query: defined(query) } }, opts),
    /** Every file (with `upload_status`, those in that status), page after page. */
    iterate({
      upload_status,
      limit = SOKET_MAX_PAGE,
      maxPages,
      ...opts
    }: SoketFilesIterateOptions = {}): Paginator<SoketFileListPage, SoketFileRecord> {
      return paginateOnUse(
        (page: number | undefined) => files.list(defined({ upload_status, limit, page: page ?? 1 }), opts),
        pageNumberStrategy({
          items: (page: SoketFileListPage) => page?.files,
          pageSize: limit,
          total: (page) => (typeof page.total_files === "number" ? page.total_files : undefined),
          totalPages: (page) => (typeof page.total_pages === "number" ? page.total_pages : undefined),
        }),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      );
    },
    /**
     * Deletes files with their storage objects and the jobs made of them. One unknown id makes the whole
     * request 404 (NotFoundError).
     */
    async delete(fileIds: readonly string[], opts?: HelperOptions) {
      const op = "deleteFiles";
      if (!Array.isArray(fileIds)) return refuse(op, "file_ids: expected an array of file ids");
      if (fileIds.length === 0) return refuse(op, "file_ids: at least one file id is needed");
      const bad = fileIds.findIndex((id) => typeof id !== "string" || id.trim() === "");
      if (bad !== -1) return refuse(op, `file_ids[${bad}]: expected a non-empty string`);
      return send(op, { body: { file_ids: [...fileIds] } }, opts);
    },
  };

  const batches = {
    /**
     * Submits a batch over any combination of an upload's completed files (`batch_upload_id`), specific
     * files (`file_ids`) and `sources` (each a `gcs_key` or a `url`). Refused before sending when it
     * names no file, or a source names neither. 409 (ConflictError) while a referenced upload runs.
     */
    async submit(request: SoketBatchRequest, opts?: HelperOptions) {
      const op = "submitBatch";
      if (request === null || typeof request !== "object" || Array.isArray(request))
        return refuse(op, "body: expected { batch_upload_id?, file_ids?, sources? }");
      const { batch_upload_id, file_ids, sources } = request;
      const names = (list: unknown) => Array.isArray(list) && list.length > 0;
      if (
        (typeof batch_upload_id !== "string" || batch_upload_id === "") &&
        !names(file_ids) &&
        !names(sources)
      )
        return refuse(
          op,
          "body: names no file: give a batch_upload_id, file_ids or sources (each a gcs_key or a url)",
        );
      for (const [i, source] of (Array.isArray(sources) ? sources : []).entries()) {
        const given = (v: unknown) => typeof v === "string" && v !== "";
        if (source === null || typeof source !== "object")
          return refuse(op, `sources[${i}]: expected { gcs_key } or { url }`);
        if (!given(source.gcs_key) && !given(source.url))
          return refuse(op, `sources[${i}]: needs a gcs_key or a url`);
      }
      return send(op, { body: request }, opts);
    },
    async status(batchId: string, opts?: HelperOptions) {
      await refuseId("getBatchStatus", "batch_id", batchId);
      return send("getBatchStatus", { params: { path: { batch_id: batchId } } }, opts);
    },
  };

  /** A batch's status with a status the spec documents and its counts: what waiting relies on. */
  async function checkedBatch(batchId: string, opts: HelperOptions): Promise<SoketBatchStatus> {
    const batch = await batches.status(batchId, opts);
    const count = (v: unknown) => typeof v === "number" && Number.isFinite(v);
    const fine =
      JOB_STATUSES.has(batch?.status) &&
      count(batch.total_files) &&
      count(batch.files_completed) &&
      count(batch.files_failed);
    if (!fine)
      throw await invalid(
        "getBatchStatus",
        "is a batch status without a status the spec documents or without its counts (total_files, files_completed, files_failed)",
        batch,
      );
    return batch;
  }

  /**
   * Polls the batch until it ends: returns it `completed` (some files may have failed: see
   * `files_failed`), throws JobFailedError when `failed`, PollTimeoutError past the deadline (default 24
   * hours; polls back off from 1 s to a minute). `onProgress` gets the counts after each poll.
   */
  async function waitForBatch(batchId: string, { onProgress, ...options }: SoketBatchWaitOptions = {}) {
    await refuseId("getBatchStatus", "batch_id", batchId);
    checkTiming(options, "waitForBatch");
    const { request } = options;
    return wait(
      (signal) => checkedBatch(batchId, { ...request, ...(signal ? { signal } : {}) }),
      (b) => b.status === "completed",
      {
        timeoutMs: BATCH_TIMEOUT_MS,
        maxDelayMs: BATCH_MAX_DELAY_MS,
        ...defined(options), // an option given as undefined keeps its default
        ...(onProgress
          ? {
              onProgress: (b: SoketBatchStatus, { polls, elapsedMs }: { polls: number; elapsedMs: number }) =>
                onProgress(
                  {
                    status: b.status,
                    total: b.total_files,
                    completed: b.files_completed,
                    failed: b.files_failed,
                    pending: Math.max(0, b.total_files - b.files_completed - b.files_failed),
                    polls,
                    elapsedMs,
                  },
                  b,
                ),
            }
          : {}),
      },
      {
        isFailed: (b) => b.status === "failed",
        describe: (b) =>
          `${provider}: batch ${batchId} failed (${b.files_failed} of ${b.total_files} files failed)`,
      },
    );
  }

  /** The envelope `raw` asks for, checked: a merged page has `files`, a raw page `jobs`. */
  async function checkedPage<Raw extends boolean>(
    page: Schemas["BatchResultsPage"],
    raw: boolean,
  ): Promise<SoketResultsPage<Raw>> {
    const list = raw ? "jobs" : "files";
    if (!Array.isArray((page as unknown as Record<string, unknown> | null)?.[list]))
      throw await invalid(
        "getBatchResults",
        `is a results page without its list of ${list} (${raw ? "raw: true" : "merged"})`,
        page,
      );
    return page as SoketResultsPage<Raw>;
  }

  const results = {
    /**
     * One page of a batch's results: merged per file (`files`, `total_files`), or with `raw: true` the
     * chunk jobs (`jobs`, `total_jobs`), typed by `raw`.
     */
    async page<Raw extends boolean = false>(
      batchId: string,
      query: SoketResultsQuery & { raw?: Raw } = {},
      opts?: HelperOptions,
    ): Promise<SoketResultsPage<Raw>> {
      await refuseId("getBatchResults", "batch_id", batchId);
      const page = await send(
        "getBatchResults",
        { params: { path: { batch_id: batchId }, query: defined(query) } },
        opts,
      );
      return checkedPage<Raw>(page, query?.raw === true);
    },
    /** Every result of the batch, page after page (200 a page unless `limit` says otherwise). */
    iterate<Raw extends boolean = false>(
      batchId: string,
      {
        status,
        raw,
        chunks,
        speech_information,
        limit = SOKET_MAX_PAGE,
        maxPages,
        ...opts
      }: SoketResultsIterateOptions<Raw> = {},
    ): Paginator<SoketResultsPage<Raw>, SoketResultItem<Raw>> {
      const query = defined({ status, raw, chunks, speech_information, limit });
      const isRaw = raw === true;
      return paginateOnUse(
        (page: number | undefined) =>
          results.page<Raw>(
            batchId,
            { ...query, page: page ?? 1 } as SoketResultsQuery & { raw?: Raw },
            opts,
          ),
        pageNumberStrategy({
          items: (page: SoketResultsPage<Raw>) =>
            (isRaw ? (page as SoketRawResultsPage).jobs : (page as SoketMergedResultsPage).files) as
              SoketResultItem<Raw>[] | undefined,
          pageSize: limit,
          totalPages: (page) => (typeof page.total_pages === "number" ? page.total_pages : undefined),
          total: (page) => {
            const total = isRaw
              ? (page as SoketRawResultsPage).total_jobs
              : (page as SoketMergedResultsPage).total_files;
            return typeof total === "number" ? total : undefined;
          },
        }),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      );
    },
    /** One file's status and merged transcript (with `chunks`, each chunk's result). */
    async file(fileId: string, query: SoketFileResultQuery = {}, opts?: HelperOptions) {
      await refuseId("getFileResult", "file_id", fileId);
      return send("getFileResult", { params: { path: { file_id: fileId }, query: defined(query) } }, opts);
    },
    /**
     * Every result of the batch from one download, yielded as it arrives: NDJSON (the default) is parsed
     * line by line off the response body, holding one line at a time however large the batch, and a
     * line that is not a JSON object ends it with InvalidResponseError naming the line. `format: "json"`
     * asks for one JSON array instead, which is read whole before its first item is yielded (its memory
     * grows with the batch). Items are typed by `raw`. The request is sent when iteration starts; the
     * timeout (the client's, or `timeoutMs` here) covers the wait for the headers and for each chunk, not
     * the time your loop spends on each result, so a stalled stream ends in TimeoutError however long
     * the download. Breaking out of the loop cancels the download.
     */
    async *stream<Raw extends boolean = false>(
      batchId: string,
      { format, status, raw, chunks, speech_information, ...opts }: SoketStreamOptions<Raw> = {},
    ): AsyncGenerator<SoketResultItem<Raw>, void, undefined> {
      const op = "downloadBatchResults";
      await refuseId(op, "batch_id", batchId);
      const body = await send(
        op,
        {
          params: {
            path: { batch_id: batchId },
            query: defined({ format, status, raw, chunks, speech_information }),
          },
          parseAs: "stream",
        },
        opts,
      );
      if (body === null || body === undefined) {
        // No body at all: no results, in NDJSON; in JSON, not the array the spec documents.
        if (format === "json")
          throw await invalid(op, "has an empty body, where a JSON array is documented", "");
        return;
      }
      // The readers of a body as it arrives (read-body.ts), loaded with the first download.
      const { readLines, readText } = await import("./read-body.ts");
      const fail = (problem: string, text: string) =>
        invalid(op, problem, text, format === "json" ? "application/json" : "application/x-ndjson");
      if (format === "json") {
        // One array: read whole (through the guarded body, so the timeout holds), then parsed.
        let text = "";
        for await (const piece of readText(body, fail, opts.signal, () => `after ${text.length} characters`))
          text += piece;
        if (text === "") throw await fail("has an empty body, where a JSON array is documented", "");
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw await fail("is not valid JSON", text);
        }
        if (!Array.isArray(value)) throw await fail("is not a JSON array of results", text);
        for (const [i, item] of value.entries()) {
          if (item === null || typeof item !== "object" || Array.isArray(item))
            throw await fail(`has item ${i} that is not a JSON object`, JSON.stringify(item) ?? "");
          yield item as SoketResultItem<Raw>;
        }
        return;
      }
      for await (const { text, number } of readLines(body, fail, opts.signal)) {
        if (text.trim() === "") continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw await fail(`is not NDJSON: line ${number} is not valid JSON`, text);
        }
        if (value === null || typeof value !== "object" || Array.isArray(value))
          throw await fail(`is not NDJSON of results: line ${number} is not a JSON object`, text);
        opts.signal?.throwIfAborted(); // a chunk may hold many lines: none after the caller's abort
        yield value as SoketResultItem<Raw>;
      }
    },
  };

  const kit: SoketKit = {
    files,
    batches,
    results,
    waitForBatch,
    invalid,
    checkTiming,
    defined,
    batchDefaults: { timeoutMs: BATCH_TIMEOUT_MS, maxDelayMs: BATCH_MAX_DELAY_MS },
  };
  /**
   * The whole job: upload the files, wait until every one reached storage (UploadFailedError if any
   * failed), submit a batch over them (by their `file_ids`, which Soket says keep their ids in the
   * results), wait for it (a batch in which every file failed included), then yield each file's result — completed or
   * failed — with the item it came from, as the results are read (the NDJSON download, or pages with
   * `via: "pages"`). The request is sent when iteration starts; the deadline counts from then.
   * (transcribe-files.ts, loaded when the first one starts.)
   */
  async function* transcribeFiles(
    items: readonly SoketUploadable[],
    options: TranscribeFilesOptions = {},
  ): AsyncGenerator<SoketFileOutcome, void, undefined> {
    yield* (await import("./transcribe-files.ts")).transcribeFiles(kit, items, options);
  }

  return { files, batches, results, waitForBatch, transcribeFiles };
}

/** A wait's timing options must be numbers ≥ 0 (a ConfigurationError names the one that is not). */
function checkTiming(
  options: { initialDelayMs?: number; maxDelayMs?: number; timeoutMs?: number },
  where: string,
): void {
  for (const name of ["initialDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0))
      throw new ConfigurationError(`${where}.${name}: expected a finite number ≥ 0, got ${String(value)}`);
  }
}

/** The object without its undefined values (a query sends only what is given). */
function defined<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out as T;
}
