// The explicit state of the Soket simulator: its options, the accepted tokens, the uploads and their
// files, the batches and their chunk jobs, and the kit's pieces (faults, request log). Uploads and
// batches move along their lifecycles only when a test says so (`advanceUploads`, `completeUploads`,
// `advance`, `runToCompletion`), or on reads with `advanceOnGet`.
import type { components } from "../../../generated/soket.ts";
import { FaultQueue, RequestLog, steppingClock } from "../../core/simulator/index.ts";
import { contentTypeOf, tenthsOfSize } from "./audio.ts";
import { makeBatch } from "./batch-build.ts";
import { RankIndex } from "./rank-index.ts";
import { batchStatusOf, fileStatusOf, uploadStatusOf } from "./statuses.ts";

export { batchStatusOf, fileStatusOf, uploadStatusOf };

type Schemas = components["schemas"];
export type UploadStatus = Schemas["UploadStatus"];
export type JobStatus = Schemas["JobStatus"];
/** Where a file or job ends when it has run. */
export type Outcome = "completed" | "failed";

/** A file as a test or the multipart reader hands it to `addUpload`. */
export interface NewFile {
  filename: string;
  size_bytes: number;
  /** Default: from the file name's extension (audio.ts). */
  content_type?: string;
  /** SHA-256 (hex) of the bytes received: what the simulator keeps of them. */
  sha256?: string | null;
}

/** An uploaded file. Its bytes are not kept: only their count and hash. */
export interface SimulatedFile {
  /** Its place in the list of every uploaded file (GET /files), in upload order. */
  readonly position: number;
  readonly file_id: string;
  readonly batch_upload_id: string;
  readonly filename: string;
  readonly content_type: string;
  readonly size_bytes: number;
  readonly sha256: string | null;
  /** Its estimated length, in tenths of a second. */
  readonly tenths: number;
  readonly uploaded_at: Date;
  /** Moved only by the state. */
  readonly upload_status: UploadStatus;
  /** Decided when it is uploaded (`failingFiles`): where its upload ends. */
  readonly outcome: Outcome;
  /** Its entries in batches, so deleting it cleans their jobs. */
  readonly batchFiles: readonly BatchFile[];
}

export interface SimulatedUpload {
  readonly batch_upload_id: string;
  /** In the order of the request's parts; deleted files are dropped from the views, not from here. */
  readonly files: readonly SimulatedFile[];
  /** How many of its (undeleted) files are in each status, kept as they move. */
  readonly counts: Readonly<Record<UploadStatus, number>>;
}

/** A file of a batch: an uploaded file (keeping its id), or a source given a fresh id. */
export interface BatchFile {
  /** Its place in its batch. */
  readonly position: number;
  readonly file_id: string;
  readonly filename: string;
  readonly batch_id: string;
  readonly upload?: SimulatedFile;
  readonly url?: string;
  readonly gcs_key?: string;
  readonly tenths: number;
  readonly jobs: readonly SimulatedJob[];
  /** How many of its jobs are in each status. */
  readonly counts: Readonly<Record<JobStatus, number>>;
  /** From its jobs' (see `fileStatusOf`). */
  readonly status: JobStatus;
  /** Its uploaded file was deleted: it and its jobs are gone from the batch. */
  readonly deleted: boolean;
}

/** A chunk job: one chunk of one file. */
export interface SimulatedJob {
  /** Its place in its batch's jobs. */
  readonly position: number;
  readonly job_id: string;
  readonly batch_id: string;
  readonly file: BatchFile;
  readonly chunk_index: number;
  /** Its span of the file, in tenths of a second. */
  readonly start: number;
  readonly end: number;
  readonly status: JobStatus;
  /** Decided when the batch is made (`failingTranscriptions`). */
  readonly outcome: Outcome;
}

export interface SimulatedBatch {
  readonly batch_id: string;
  /** In the order the request resolved them: upload, then file_ids, then sources. */
  readonly files: readonly BatchFile[];
  /** Each file's chunks in turn. */
  readonly jobs: readonly SimulatedJob[];
  /** Files and jobs by status, for counts in O(1) and a filtered page in O(page · log n). */
  readonly fileIndex: RankIndex<JobStatus>;
  readonly jobIndex: RankIndex<JobStatus>;
  /** Audio of its (undeleted) files, and of their jobs not ended yet, in tenths of a second. */
  readonly tenths: number;
  readonly remainingTenths: number;
  /** From its files' (see `batchStatusOf`). */
  readonly status: JobStatus;
}

/** What a batch is made of: an uploaded file, or a source (a URL or a storage key). */
export type BatchInput =
  { upload: SimulatedFile } | { url: string; filename?: string } | { gcs_key: string; filename?: string };

type Matcher<T> = Iterable<string> | ((file: T) => boolean);

export interface SoketSimulatorOptions {
  /** The bearer tokens (JWTs) the simulator accepts. Default `["conformance-token"]`. */
  tokens?: Iterable<string>;
  /** Uploads that end `failed`: file names (the state's `failingFiles`, mutable), or a test. */
  failingFiles?: Matcher<NewFile>;
  /**
   * Files whose transcription ends `failed` (their last chunk fails): file names, URLs or storage keys
   * (the state's `failingTranscriptions`, mutable), or a test. Read when a batch is made.
   */
  failingTranscriptions?: Matcher<{ filename: string; url?: string; gcs_key?: string }>;
  /** Seconds of audio per chunk job (a file of 290 s is 3 jobs at 120). Default 120. */
  chunkSeconds?: number;
  /** A read of an upload's progress or a batch's status moves it one step. Default false. */
  advanceOnGet?: boolean;
  /** How many files (or jobs) each step starts, and how many it ends. Default: all of them. */
  itemsPerStep?: number;
  /**
   * The status POST /batch answers: the spec declares both 200 and 202 (Soket does not say), so a client
   * must take either. Default 202: the batch is only enqueued.
   */
  batchAcceptedStatus?: 200 | 202;
  /** The most bytes of files one upload takes, counted from its parts (413 beyond). Default 50 MiB. */
  maxUploadBytes?: number;
  /** Add Soket's development-mode counters (jobs and chunks) to statuses and results. Default false. */
  developmentMode?: boolean;
  /** The clock for storage keys' dates. Default: the real clock (`steppingClock(start)` for fixed ones). */
  now?: () => Date;
  /** How many requests `state.requests` keeps (the oldest go first). Default 1000. */
  requestLogSize?: number;
}

export interface SoketSettings {
  readonly chunkSeconds: number;
  readonly advanceOnGet: boolean;
  readonly itemsPerStep: number;
  readonly batchAcceptedStatus: 200 | 202;
  readonly maxUploadBytes: number;
  readonly developmentMode: boolean;
  readonly now: () => Date;
  readonly requestLogSize: number;
}

export interface SoketState {
  readonly options: SoketSettings;
  /** The tokens that authenticate (mutable: add or remove tokens in a test). */
  readonly tokens: Set<string>;
  /** File names whose uploads end `failed`, read at upload (mutable). */
  readonly failingFiles: Set<string>;
  /** File names, URLs or keys whose transcriptions end `failed`, read when a batch is made (mutable). */
  readonly failingTranscriptions: Set<string>;
  readonly uploads: ReadonlyMap<string, SimulatedUpload>;
  /** Uploaded files not deleted, by id. */
  readonly files: ReadonlyMap<string, SimulatedFile>;
  readonly batches: ReadonlyMap<string, SimulatedBatch>;
  /** The requests the simulator handled, oldest first (bounded). */
  readonly requests: RequestLog;
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429 })`. */
  readonly faults: FaultQueue;
  /** Every uploaded file (not deleted) by status, in upload order. */
  readonly fileIndex: RankIndex<UploadStatus>;
  /** The uploaded file at a position of `fileIndex`. */
  fileAt(position: number): SimulatedFile | undefined;
  /** Adds an upload of these files, each `pending`; returns it. */
  addUpload(files: readonly NewFile[]): SimulatedUpload;
  /**
   * Moves an upload one step: `itemsPerStep` `uploading` files to their outcome, then `itemsPerStep`
   * `pending` ones to `uploading`. Returns the upload's status.
   */
  advanceUploads(batchUploadId: string): UploadStatus;
  /** Runs an upload (every unfinished upload when left out) until each of its files has ended. */
  completeUploads(batchUploadId?: string): void;
  /**
   * Deletes uploaded files and cleans their jobs from every batch: nothing at all when any id is unknown
   * (spec, DELETE /files x-inferred), then the unknown ids are returned.
   */
  deleteFiles(fileIds: readonly string[]): DeletedFiles | { unknown: string[] };
  /** Adds a batch of these files, each split into `queued` chunk jobs; returns it. */
  addBatch(inputs: readonly BatchInput[]): SimulatedBatch;
  /** A file's entry in the latest batch that has it (undeleted), for GET /results/file. */
  resultOf(fileId: string): BatchFile | undefined;
  /**
   * Moves a batch one step: `itemsPerStep` `processing` jobs to their outcome, then `itemsPerStep`
   * `queued` ones to `processing`. O(jobs moved). Returns the batch's status.
   */
  advance(batchId: string): JobStatus;
  /** Advances a batch until every job of it has ended. */
  runToCompletion(batchId: string): JobStatus;
  /** Forgets every upload, file, batch, request and fault (options, tokens and failing lists stay). */
  reset(): void;
}

export interface DeletedFiles {
  deleted_file_ids: string[];
  storage_objects_deleted: number;
  jobs_cleaned: number;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A deterministic uuid: a letter for what it names (a upload, b batch, c chunk job, f file) and a
 * counter, so a test run gives the same ids each time and an id says what it is.
 */
const uuid = (kind: Kind, n: number) => `${kind}0000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
type Kind = "a" | "b" | "c" | "f";

const noUploadCounts = (): Record<UploadStatus, number> => ({
  pending: 0,
  uploading: 0,
  completed: 0,
  failed: 0,
});
/** The option's own test (when it is one), or else the state's mutable list, which `listed` looks up. */
const matcher = <T>(option: Matcher<T> | undefined, listed: (item: T) => boolean) =>
  typeof option === "function" ? (item: T) => option(item) || listed(item) : listed;

/** A file no batch has taken yet shares this empty list (a 100,000-file upload makes no arrays). */
const NO_BATCH_FILES: readonly BatchFile[] = Object.freeze([]);

export function createSoketState(options: SoketSimulatorOptions = {}): SoketState {
  const settings = settingsOf(options);
  const chunkTenths = Math.round(settings.chunkSeconds * 10);
  const failingFiles = new Set(
    typeof options.failingFiles === "function" ? [] : (options.failingFiles ?? []),
  );
  const failingTranscriptions = new Set(
    typeof options.failingTranscriptions === "function" ? [] : (options.failingTranscriptions ?? []),
  );
  const uploadFails = matcher(options.failingFiles, (f: NewFile) => failingFiles.has(f.filename));
  const listed = (key: string | undefined) => key !== undefined && failingTranscriptions.has(key);
  const transcriptionFails = matcher(
    options.failingTranscriptions,
    (f: { filename: string; url?: string | undefined; gcs_key?: string | undefined }) =>
      listed(f.filename) || listed(f.url) || listed(f.gcs_key),
  );

  const uploads = new Map<string, SimulatedUpload>();
  const files = new Map<string, SimulatedFile>();
  const batches = new Map<string, SimulatedBatch>();
  const results = new Map<string, BatchFile>();
  let everyFile: SimulatedFile[] = []; // by position in fileIndex
  let fileIndex = new RankIndex<UploadStatus>(1024);
  // How far each upload and batch has got: the items before `ended` have ended, those from `ended` to
  // `started` are under way, the rest wait. Items move in order, so a step is O(items it moves).
  const progress = new WeakMap<object, { started: number; ended: number }>();
  const unfinishedUploads = new Set<SimulatedUpload>();
  let counters: Record<Kind, number> = { a: 0, b: 0, c: 0, f: 0 };
  const next = (kind: Kind) => uuid(kind, (counters[kind] += 1));

  const uploadOf = (id: string) => {
    const upload = uploads.get(id);
    if (!upload) throw new RangeError(`no upload ${id} in the simulator`);
    return upload;
  };
  const batchOf = (id: string) => {
    const batch = batches.get(id);
    if (!batch) throw new RangeError(`no batch ${id} in the simulator`);
    return batch as Writable<SimulatedBatch>;
  };

  const moveFile = (upload: SimulatedUpload, file: SimulatedFile, status: UploadStatus) => {
    const counts = upload.counts as Record<UploadStatus, number>;
    counts[file.upload_status] -= 1;
    counts[status] += 1;
    (file as Writable<SimulatedFile>).upload_status = status;
    fileIndex.move(file.position, status);
  };

  /** Ends up to `budget` under-way items, then starts up to `budget` waiting ones (deleted ones skipped). */
  function step<T>(
    key: object,
    items: readonly T[],
    live: (item: T) => boolean,
    end: (item: T) => void,
    start: (item: T) => void,
  ): boolean {
    const at = progress.get(key) ?? { started: 0, ended: 0 };
    progress.set(key, at);
    for (let budget = settings.itemsPerStep; budget > 0 && at.ended < at.started; at.ended++) {
      const item = items[at.ended]!;
      if (live(item)) (end(item), (budget -= 1));
    }
    for (let budget = settings.itemsPerStep; budget > 0 && at.started < items.length; at.started++) {
      const item = items[at.started]!;
      if (live(item)) (start(item), (budget -= 1));
    }
    return at.ended === items.length;
  }

  const advanceUploads = (batchUploadId: string): UploadStatus => {
    const upload = uploadOf(batchUploadId);
    const done = step(
      upload,
      upload.files,
      (f) => files.has(f.file_id),
      (f) => moveFile(upload, f, f.outcome),
      (f) => moveFile(upload, f, "uploading"),
    );
    if (done) unfinishedUploads.delete(upload);
    return uploadStatusOf(upload);
  };

  const moveJob = (batch: Writable<SimulatedBatch>, job: SimulatedJob, status: JobStatus) => {
    const file = job.file as Writable<BatchFile>;
    const counts = file.counts as Record<JobStatus, number>;
    counts[job.status] -= 1;
    counts[status] += 1;
    (job as Writable<SimulatedJob>).status = status;
    batch.jobIndex.move(job.position, status);
    if (status === "completed" || status === "failed") batch.remainingTenths -= job.end - job.start;
    const fileStatus = fileStatusOf(counts, file.jobs.length);
    if (fileStatus !== file.status) {
      file.status = fileStatus;
      batch.fileIndex.move(file.position, fileStatus);
    }
  };

  const advance = (batchId: string): JobStatus => {
    const batch = batchOf(batchId);
    step(
      batch,
      batch.jobs,
      (job) => !job.file.deleted,
      (job) => moveJob(batch, job, job.outcome),
      (job) => moveJob(batch, job, "processing"),
    );
    return (batch.status = batchStatusOf(batch));
  };

  /** Takes a deleted file's entry out of its batch; returns how many of its jobs were cleaned. */
  const clean = (entry: BatchFile): number => {
    if (entry.deleted) return 0;
    const batch = batchOf(entry.batch_id);
    for (const job of entry.jobs) {
      batch.jobIndex.remove(job.position);
      if (job.status !== "completed" && job.status !== "failed") batch.remainingTenths -= job.end - job.start;
    }
    batch.fileIndex.remove(entry.position);
    batch.tenths -= entry.tenths;
    (entry as Writable<BatchFile>).deleted = true;
    if (results.get(entry.file_id) === entry) results.delete(entry.file_id);
    batch.status = batchStatusOf(batch);
    return entry.jobs.length;
  };

  const addBatch = (inputs: readonly BatchInput[]): SimulatedBatch => {
    const batch = makeBatch(inputs, {
      batch_id: next("b"),
      chunkTenths,
      nextFileId: () => next("f"),
      nextJobId: () => next("c"),
      fails: transcriptionFails,
    }) as Writable<SimulatedBatch>;
    batch.status = batchStatusOf(batch);
    for (const entry of batch.files) {
      const upload = entry.upload as Writable<SimulatedFile> | undefined;
      if (upload?.batchFiles === NO_BATCH_FILES) upload.batchFiles = [entry];
      else if (upload) (upload.batchFiles as BatchFile[]).push(entry);
      results.set(entry.file_id, entry);
    }
    batches.set(batch.batch_id, batch);
    return batch;
  };

  const state: SoketState = {
    options: settings,
    tokens: new Set(options.tokens ?? ["conformance-token"]),
    failingFiles,
    failingTranscriptions,
    uploads,
    files,
    batches,
    requests: new RequestLog(settings.requestLogSize),
    faults: new FaultQueue(),
    get fileIndex() {
      return fileIndex;
    },
    fileAt: (position) => everyFile[position],
    addUpload(newFiles) {
      const batch_upload_id = next("a");
      const uploaded_at = settings.now();
      const counts = noUploadCounts();
      counts.pending = newFiles.length;
      const list = newFiles.map((f): SimulatedFile => {
        const file: SimulatedFile = {
          position: fileIndex.push("pending"),
          file_id: next("f"),
          batch_upload_id,
          filename: f.filename,
          content_type: contentTypeOf(f.filename, f.content_type),
          size_bytes: f.size_bytes,
          sha256: f.sha256 ?? null,
          tenths: tenthsOfSize(f.size_bytes),
          uploaded_at,
          upload_status: "pending",
          outcome: uploadFails(f) ? "failed" : "completed",
          batchFiles: NO_BATCH_FILES,
        };
        everyFile.push(file);
        files.set(file.file_id, file);
        return file;
      });
      const upload: SimulatedUpload = { batch_upload_id, files: list, counts };
      uploads.set(batch_upload_id, upload);
      unfinishedUploads.add(upload);
      return upload;
    },
    advanceUploads,
    completeUploads(batchUploadId) {
      const targets = batchUploadId === undefined ? [...unfinishedUploads] : [uploadOf(batchUploadId)];
      for (const upload of targets) {
        // Each step ends at least one file (or all that are left), so this ends.
        while (unfinishedUploads.has(upload)) advanceUploads(upload.batch_upload_id);
      }
    },
    deleteFiles(fileIds) {
      const unique = [...new Set(fileIds)];
      const unknown = unique.filter((id) => !files.has(id));
      if (unknown.length > 0) return { unknown };
      let storage = 0;
      let jobs = 0;
      for (const id of unique) {
        const file = files.get(id)!;
        const upload = uploads.get(file.batch_upload_id)!;
        (upload.counts as Record<UploadStatus, number>)[file.upload_status] -= 1;
        if (file.upload_status === "completed") storage += 1; // only a completed file is in storage
        fileIndex.remove(file.position);
        files.delete(id);
        for (const entry of file.batchFiles) jobs += clean(entry);
      }
      return { deleted_file_ids: unique, storage_objects_deleted: storage, jobs_cleaned: jobs };
    },
    addBatch,
    resultOf: (fileId) => results.get(fileId),
    advance,
    runToCompletion(batchId) {
      // Each step starts or ends at least one job, so a batch ends within this many steps, unless its
      // jobs were changed other than by advance: then say so.
      const limit = 2 * batchOf(batchId).jobs.length + 2;
      let status = advance(batchId);
      for (let steps = 1; status === "queued" || status === "processing"; steps++) {
        if (steps > limit)
          throw new Error(`runToCompletion(${batchId}): the batch did not finish in ${limit} steps`);
        status = advance(batchId);
      }
      return status;
    },
    reset() {
      uploads.clear();
      files.clear();
      batches.clear();
      results.clear();
      unfinishedUploads.clear();
      everyFile = [];
      fileIndex = new RankIndex<UploadStatus>(1024);
      state.requests.clear();
      state.faults.clear();
      counters = { a: 0, b: 0, c: 0, f: 0 };
    },
  };
  return state;
}

function settingsOf(options: SoketSimulatorOptions): SoketSettings {
  const settings: SoketSettings = {
    chunkSeconds: options.chunkSeconds ?? 120,
    advanceOnGet: options.advanceOnGet ?? false,
    itemsPerStep: options.itemsPerStep ?? Number.POSITIVE_INFINITY,
    batchAcceptedStatus: options.batchAcceptedStatus ?? 202,
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    developmentMode: options.developmentMode ?? false,
    now: options.now ?? steppingClock(),
    requestLogSize: options.requestLogSize ?? 1000,
  };
  if (!(Math.round(settings.chunkSeconds * 10) >= 1))
    throw new RangeError("chunkSeconds: must be at least 0.1");
  if (!(settings.itemsPerStep >= 1)) throw new RangeError("itemsPerStep: must be at least 1");
  if (settings.batchAcceptedStatus !== 200 && settings.batchAcceptedStatus !== 202)
    throw new RangeError("batchAcceptedStatus: must be 200 or 202");
  if (!(settings.maxUploadBytes >= 0)) throw new RangeError("maxUploadBytes: must be at least 0");
  return settings;
}
