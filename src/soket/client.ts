// The Soket client: the typed openapi-fetch client over specs/soket, and helpers that do what a Soket
// user does — upload audio as a real multipart body (Blobs, buffers, or files streamed from disk), wait
// until the upload reached storage, submit a batch, wait for it, read its results page by page or as
// one NDJSON download parsed as it arrives, and `transcribeFiles`, the whole job. Shapes come from the
// generated `components`/`operations`. What a bundle that only reads does not need loads on first use,
// from sibling modules handed the client's kit (kit.ts): submit and delete with their checks (writes.ts),
// the waits (wait.ts), the walks (walks.ts), results.stream (stream.ts) and its body readers
// (read-body.ts), the file handling for uploads (upload-files.ts), transcribeFiles (transcribe-files.ts).
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/soket.ts";
import { lazy } from "../core/lazy.ts";
import type { FileData } from "../core/local-file.ts";
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
import type { HelperWaitOptions } from "../core/helper-kit.ts";
import { walkOnUse } from "../core/walk-on-use.ts";
import type { Paginator } from "../core/paginate.ts";
import { SOKET, SOKET_BASE_URL, SOKET_MAX_PAGE } from "./spec.ts";
import type { SoketHelperKit } from "./kit.ts";
import { defined } from "./values.ts";

// Loaded on first use, once (see core/lazy.ts).
const streamModule = /* @__PURE__ */ lazy(() => import("./stream.ts"));
const uploadFilesModule = /* @__PURE__ */ lazy(() => import("./upload-files.ts"));
const waitModule = /* @__PURE__ */ lazy(() => import("./wait.ts"));
const walksModule = /* @__PURE__ */ lazy(() => import("./walks.ts"));
const writesModule = /* @__PURE__ */ lazy(() => import("./writes.ts"));

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

/** A file given by its bytes, with the name (and media type) it is to be known by. */
export type SoketFileData = FileData;

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
  /**
   * A path parameter must name something: an empty id would ask for another endpoint. The refusal, or
   * undefined for a good id (checked at once: no promise on the way to sending).
   */
  const refuseId = (operation: string, name: string, value: unknown): Promise<never> | undefined =>
    typeof value === "string" && value.trim() !== ""
      ? undefined
      : refuse(
          operation,
          `${name}: expected a non-empty string, got ${typeof value === "string" ? "an empty string" : typeof value}`,
        );

  const kit: SoketHelperKit = {
    api,
    refuse,
    refuseId,
    uploadStatus: (id, opts) => files.uploadStatus(id, opts),
    batchStatus: (id, opts) => batches.status(id, opts),
  };

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
      const parts = await (await uploadFilesModule()).toFiles(refuse, items);
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
    async waitForUpload(
      batchUploadId: string,
      options?: SoketWaitOptions<SoketUploadProgress>,
    ): Promise<SoketUploadProgress> {
      return (await waitModule()).waitForUpload(kit, batchUploadId, options);
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
      return walkOnUse(async () =>
        (await walksModule()).filesWalk(api, (query, o) => files.list(query, o), {
          upload_status,
          limit,
          maxPages,
          ...opts,
        }),
      );
    },
    /**
     * Deletes files with their storage objects and the jobs made of them. One unknown id makes the whole
     * request 404 (NotFoundError).
     */
    async delete(fileIds: readonly string[], opts?: HelperOptions) {
      return (await writesModule()).deleteFiles(kit, fileIds, opts);
    },
  };

  const batches = {
    /**
     * Submits a batch over any combination of an upload's completed files (`batch_upload_id`), specific
     * files (`file_ids`) and `sources` (each a `gcs_key` or a `url`). Refused before sending when it
     * names no file, or a source names neither. 409 (ConflictError) while a referenced upload runs.
     */
    async submit(request: SoketBatchRequest, opts?: HelperOptions) {
      return (await writesModule()).submit(kit, request, opts);
    },
    status(batchId: string, opts?: HelperOptions) {
      return (
        refuseId("getBatchStatus", "batch_id", batchId) ??
        send("getBatchStatus", { params: { path: { batch_id: batchId } } }, opts)
      );
    },
  };

  /**
   * Polls the batch until it ends: returns it `completed` (some files may have failed: see
   * `files_failed`), throws JobFailedError when `failed`, PollTimeoutError past the deadline (default 24
   * hours; polls back off from 1 s to a minute). `onProgress` gets the counts after each poll.
   * (wait.ts, loaded on first use.)
   */
  async function waitForBatch(batchId: string, options?: SoketBatchWaitOptions): Promise<SoketBatchStatus> {
    return (await waitModule()).waitForBatch(kit, batchId, options);
  }

  /** The envelope `raw` asks for, checked: a merged page has `files`, a raw page `jobs`. */
  async function checkedPage<Raw extends boolean>(
    page: Schemas["BatchResultsPage"],
    raw: boolean,
  ): Promise<SoketResultsPage<Raw>> {
    const list = raw ? "jobs" : "files";
    if (!Array.isArray((page as unknown as Record<string, unknown> | null)?.[list]))
      throw await (
        await import("../core/helper-kit.ts")
      )
        .helperKit(api)
        .invalid(
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
      return walkOnUse(async () =>
        (await walksModule()).resultsWalk<Raw>(
          api,
          (id, query, o) => results.page<Raw>(id, query, o),
          batchId,
          {
            status,
            raw,
            chunks,
            speech_information,
            limit,
            maxPages,
            ...opts,
          },
        ),
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
      options?: SoketStreamOptions<Raw>,
    ): AsyncGenerator<SoketResultItem<Raw>, void, undefined> {
      yield* (await streamModule()).stream<Raw>(kit, batchId, options);
    },
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
    const [run, waits] = await Promise.all([import("./transcribe-files.ts"), import("./wait.ts")]);
    yield* run.transcribeFiles(
      waits.transcribeKit(kit, { files, batches, results, waitForBatch }),
      items,
      options,
    );
  }

  return { files, batches, results, waitForBatch, transcribeFiles };
}
