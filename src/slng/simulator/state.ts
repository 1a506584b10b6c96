// The explicit state of the SLNG simulator: its options, the accepted API keys, the presigned uploads
// (step 1 issued, step 2 PUT or not), the jobs and the kit's pieces (faults, request log). Jobs move
// along QUEUED → IN_PROGRESS → DECODING → POST_PROCESSING → DONE / FAILED only when a test says so
// (`advance`, `runToCompletion`), or on reads with `advanceOnGet`.
import type { components } from "../../../generated/slng.ts";
import { FaultQueue, RequestLog } from "../../core/simulator/index.ts";
import { hashOf, tenthsOfSize, tenthsOfSource } from "./audio.ts";
import { JobIndex } from "./job-index.ts";
import { listJobs, type JobPage, type JobQuery } from "./listing.ts";

type Schemas = components["schemas"];
export type JobStatus = Schemas["JobStatus"];
export type TranscriptionConfig = Schemas["TranscriptionConfig"];
export type Tracking = Schemas["Tracking"];
export type OutputConfig = Schemas["OutputConfig"];

/** SLNG's default model (shared/providers/slng.md). */
export const DEFAULT_MODEL = "slng/speechmatics/batch:15.0.0";
/** 1 GB, read as 2^30 bytes (spec, CreateJobMultipartRequest.file x-inferred). */
export const ONE_GB = 1024 * 1024 * 1024;
/** The lifecycle, in order; DONE or FAILED ends it. */
export const LIFECYCLE = ["QUEUED", "IN_PROGRESS", "DECODING", "POST_PROCESSING"] as const;

/** Where a job's input came from. */
export type JobSource =
  | { kind: "multipart"; filename: string; size_bytes: number; mime_type: string }
  | { kind: "url"; url: string }
  | { kind: "presigned"; filename: string; size_bytes: number; mime_type: string; s3_key: string };

export interface NewJob {
  job_id?: string | undefined;
  /** The API key that submits it (its owner). Default: the first accepted key. */
  api_key?: string | undefined;
  model_code?: string | undefined;
  transcription_config?: TranscriptionConfig | undefined;
  tracking?: Tracking | undefined;
  output_config?: OutputConfig | undefined;
  /** An object (JSON bodies) or its text (multipart). */
  metadata?: unknown;
  source: JobSource;
}

export interface SimulatedJob {
  /** Its place in creation order. */
  readonly position: number;
  readonly job_id: string;
  readonly api_key: string;
  readonly model_code: string;
  readonly transcription_config: TranscriptionConfig;
  readonly tracking: Tracking | undefined;
  readonly output_config: OutputConfig | undefined;
  readonly metadata: unknown;
  readonly source: JobSource;
  /** Its estimated audio length, in tenths of a second. */
  readonly tenths: number;
  readonly status: JobStatus;
  /** Decided when it is made (`failingJobs`). */
  readonly outcome: "DONE" | "FAILED";
  readonly submitted_at: Date;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
  readonly deleted_at: Date | null;
  readonly updated_at: Date;
}

/** A presigned upload issued by step 1; `bytes` is set once its object was PUT (step 2). */
export interface SimulatedUpload {
  readonly job_id: string;
  readonly api_key: string;
  readonly s3_key: string;
  readonly filename: string;
  readonly content_type: string;
  readonly signature: string;
  readonly issued_at: Date;
  readonly expires_in: number;
  /** The headers the PUT must send, exactly (`upload.headers`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: number | undefined;
  /** Step 3 made its job. */
  readonly used: boolean;
}

type Matcher = Iterable<string> | ((job: { job_id: string; source: JobSource }) => boolean);

export interface SlngSimulatorOptions {
  /** The API keys the simulator accepts. Default `["conformance-token"]`. */
  apiKeys?: Iterable<string>;
  /** The model codes it takes (400 for others). Default `[DEFAULT_MODEL]`. */
  models?: Iterable<string>;
  /** Jobs that end FAILED: job ids, file names or input URLs (the state's `failingJobs`), or a test. */
  failingJobs?: Matcher;
  /** A read of a job (GET) moves it one step. Default false. */
  advanceOnGet?: boolean;
  /** The largest file taken, in bytes (413 beyond, by Content-Length or as read). Default 2^30 (1 GB). */
  maxUploadBytes?: number;
  /** Lifetime of a presigned upload URL, seconds. Default 1800 (SLNG's). */
  uploadExpiresIn?: number;
  /** Lifetime of a signed download URL, seconds. Default 3600 (SLNG's example). */
  downloadExpiresIn?: number;
  /** The simulated S3 origins for presigned uploads and signed downloads. */
  uploadOrigin?: string;
  downloadOrigin?: string;
  /** The clock: timestamps, and the expiry of signed URLs. Default the real clock. */
  now?: () => Date;
  /** How many requests `state.requests` keeps. Default 1000. */
  requestLogSize?: number;
}

export interface SlngSettings {
  readonly advanceOnGet: boolean;
  readonly maxUploadBytes: number;
  readonly uploadExpiresIn: number;
  readonly downloadExpiresIn: number;
  readonly uploadOrigin: string;
  readonly downloadOrigin: string;
  readonly now: () => Date;
  readonly requestLogSize: number;
}

export interface SlngState {
  readonly options: SlngSettings;
  /** Accepted API keys (mutable). */
  readonly apiKeys: Set<string>;
  /** Accepted model codes (mutable). */
  readonly models: Set<string>;
  /** Job ids, file names or URLs whose jobs end FAILED, read when a job is made (mutable). */
  readonly failingJobs: Set<string>;
  readonly jobs: ReadonlyMap<string, SimulatedJob>;
  /** Presigned uploads by s3_key. */
  readonly uploads: ReadonlyMap<string, SimulatedUpload>;
  /** Jobs by key, model and status, in creation order: what a page of the list is read through. */
  readonly index: JobIndex<JobStatus>;
  readonly requests: RequestLog;
  readonly faults: FaultQueue;
  /** A page of one key's jobs, filtered and sorted (GET /v1/batch/jobs). O(page), not O(jobs). */
  listJobs(query: JobQuery): JobPage;
  /** The presigned upload, not yet made into a job, that holds a job id (step 1 reserves it). */
  presignedFor(jobId: string): SimulatedUpload | undefined;
  /** Adds a QUEUED job; throws on a taken job_id (the handlers check first). */
  addJob(job: NewJob): SimulatedJob;
  /** Issues a presigned upload (step 1); it replaces an earlier unused one for the same job id. */
  presign(request: {
    job_id?: string | undefined;
    api_key?: string;
    filename: string;
    content_type?: string | undefined;
  }): SimulatedUpload;
  /** Records a PUT of `bytes` bytes to an upload (step 2). */
  recordUpload(s3Key: string, bytes: number): void;
  /** Marks an upload used by step 3. */
  useUpload(s3Key: string): void;
  /** A fresh job id that is not taken. */
  nextJobId(): string;
  /** Moves a job (every unfinished job when left out) one step. Returns its status (or undefined). */
  advance(jobId?: string): JobStatus | undefined;
  /** Moves a job (every unfinished job when left out) to DONE or FAILED. */
  runToCompletion(jobId?: string): JobStatus | undefined;
  /** Marks a DONE or FAILED job DELETED; false otherwise. */
  deleteJob(jobId: string): boolean;
  /** A stable id for a key, as `api_key_id`. */
  apiKeyIdOf(apiKey: string): string;
  /** Forgets jobs, uploads, requests and faults (options, keys, models, failing lists stay). */
  reset(): void;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const isFinal = (status: JobStatus) => status === "DONE" || status === "FAILED" || status === "DELETED";

export function createSlngState(options: SlngSimulatorOptions = {}): SlngState {
  const settings = settingsOf(options);
  const apiKeys = new Set(options.apiKeys ?? ["conformance-token"]);
  const models = new Set(options.models ?? [DEFAULT_MODEL]);
  const failing = options.failingJobs;
  const failingJobs = new Set(typeof failing === "function" ? [] : (failing ?? []));
  const jobs = new Map<string, Writable<SimulatedJob>>();
  const byPosition: Writable<SimulatedJob>[] = [];
  const uploads = new Map<string, Writable<SimulatedUpload>>();
  /** Job ids held by a presigned upload that step 3 has not used yet, to their upload. */
  const reserved = new Map<string, Writable<SimulatedUpload>>();
  /** Jobs not yet DONE, FAILED or DELETED, in creation order: what `advance()` moves. */
  const unfinishedJobs = new Set<Writable<SimulatedJob>>();
  const index = new JobIndex<JobStatus>();
  /** Whether submitted_at never went down from one job to the next (a clock that went back). */
  let inOrder = true;
  let counter = 0;

  const fails = (job: { job_id: string; source: JobSource }) => {
    if (typeof failing === "function" && failing(job)) return true;
    const s = job.source;
    return (
      failingJobs.has(job.job_id) ||
      ("filename" in s && failingJobs.has(s.filename)) ||
      ("url" in s && failingJobs.has(s.url))
    );
  };
  const nextJobId = () => {
    let id: string;
    do id = `job${(++counter).toString().padStart(6, "0")}`;
    while (jobs.has(id) || reserved.has(id));
    return id;
  };
  const move = (job: Writable<SimulatedJob>, status: JobStatus) => {
    const now = settings.now();
    job.status = status;
    job.updated_at = now;
    if (status === "IN_PROGRESS") job.started_at = now;
    if (status === "DONE" || status === "FAILED") job.completed_at = now;
    if (status === "DELETED") job.deleted_at = now;
    index.move(job.position, status);
    if (isFinal(status)) unfinishedJobs.delete(job);
  };
  const step = (job: Writable<SimulatedJob>) => {
    if (isFinal(job.status)) return;
    const at = LIFECYCLE.indexOf(job.status as (typeof LIFECYCLE)[number]);
    move(job, at === LIFECYCLE.length - 1 ? job.outcome : LIFECYCLE[at + 1]!);
  };
  const unfinished = (jobId?: string) =>
    jobId === undefined ? [...unfinishedJobs] : [jobs.get(jobId)].filter((j) => !!j);

  const state: SlngState = {
    options: settings,
    apiKeys,
    models,
    failingJobs,
    jobs,
    uploads,
    index,
    requests: new RequestLog(settings.requestLogSize),
    faults: new FaultQueue(),
    nextJobId,
    listJobs: (query) => listJobs({ index, jobAt: (p) => byPosition[p]!, inOrder }, query),
    presignedFor: (jobId) => reserved.get(jobId),
    addJob(input) {
      const job_id = input.job_id ?? nextJobId();
      if (jobs.has(job_id)) throw new RangeError(`job_id ${job_id} is taken`);
      const now = settings.now();
      const s = input.source;
      const job: Writable<SimulatedJob> = {
        position: byPosition.length,
        job_id,
        api_key: input.api_key ?? [...apiKeys][0] ?? "",
        model_code: input.model_code ?? DEFAULT_MODEL,
        transcription_config: input.transcription_config ?? {},
        tracking: input.tracking,
        output_config: input.output_config,
        metadata: input.metadata,
        source: s,
        tenths: s.kind === "url" ? tenthsOfSource(s.url) : Math.max(10, tenthsOfSize(s.size_bytes)),
        status: "QUEUED",
        outcome: fails({ job_id, source: s }) ? "FAILED" : "DONE",
        submitted_at: now,
        started_at: null,
        completed_at: null,
        deleted_at: null,
        updated_at: now,
      };
      const last = byPosition.at(-1);
      if (last && now.getTime() < last.submitted_at.getTime()) inOrder = false;
      jobs.set(job_id, job);
      byPosition.push(job);
      unfinishedJobs.add(job);
      index.push(job.api_key, job.model_code, "QUEUED");
      return job;
    },
    presign(request) {
      const job_id = request.job_id ?? nextJobId();
      const safe = request.filename.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 200) || "audio";
      const s3_key = `inputs/${job_id}/${safe}`;
      const content_type = request.content_type ?? "application/octet-stream";
      const issued_at = settings.now();
      const upload: Writable<SimulatedUpload> = {
        job_id,
        api_key: request.api_key ?? [...apiKeys][0] ?? "",
        s3_key,
        filename: request.filename,
        content_type,
        signature: signatureOf(`${s3_key}|${issued_at.getTime()}|${++counter}`),
        issued_at,
        expires_in: settings.uploadExpiresIn,
        headers: { "Content-Type": content_type },
        bytes: undefined,
        used: false,
      };
      // A second step 1 for the same job id issues a new URL; the earlier one stops working.
      const earlier = reserved.get(job_id);
      if (earlier) uploads.delete(earlier.s3_key);
      uploads.set(s3_key, upload);
      reserved.set(job_id, upload);
      return upload;
    },
    recordUpload(s3Key, bytes) {
      const upload = uploads.get(s3Key);
      if (upload) upload.bytes = bytes;
    },
    useUpload(s3Key) {
      const upload = uploads.get(s3Key);
      if (!upload) return;
      upload.used = true;
      if (reserved.get(upload.job_id) === upload) reserved.delete(upload.job_id);
    },
    advance(jobId) {
      const chosen = unfinished(jobId);
      chosen.forEach(step);
      return chosen.length === 1 ? chosen[0]!.status : undefined;
    },
    runToCompletion(jobId) {
      const chosen = unfinished(jobId);
      for (const job of chosen) while (!isFinal(job.status)) step(job);
      return chosen.length === 1 ? chosen[0]!.status : undefined;
    },
    deleteJob(jobId) {
      const job = jobs.get(jobId);
      if (!job || (job.status !== "DONE" && job.status !== "FAILED")) return false;
      move(job, "DELETED");
      return true;
    },
    apiKeyIdOf: (apiKey) => `key_${hashOf(apiKey).toString(16).padStart(8, "0")}`,
    reset() {
      jobs.clear();
      byPosition.length = 0;
      uploads.clear();
      reserved.clear();
      unfinishedJobs.clear();
      index.clear();
      inOrder = true;
      counter = 0;
      state.requests.clear();
      state.faults.clear();
    },
  };
  return state;
}

/** A made-up signature: 64 hex characters from a text (never a secret). */
export function signatureOf(text: string): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += hashOf(`${i}:${text}`).toString(16).padStart(8, "0");
  return out;
}

function settingsOf(options: SlngSimulatorOptions): SlngSettings {
  const origin = (text: string, name: string) => {
    try {
      return new URL(text).origin;
    } catch {
      throw new RangeError(`${name}: ${text} is not a URL`);
    }
  };
  const settings: SlngSettings = {
    advanceOnGet: options.advanceOnGet ?? false,
    maxUploadBytes: options.maxUploadBytes ?? ONE_GB,
    uploadExpiresIn: options.uploadExpiresIn ?? 1800,
    downloadExpiresIn: options.downloadExpiresIn ?? 3600,
    uploadOrigin: origin(options.uploadOrigin ?? "https://slng-sim-uploads.test", "uploadOrigin"),
    downloadOrigin: origin(options.downloadOrigin ?? "https://slng-sim-downloads.test", "downloadOrigin"),
    now: options.now ?? (() => new Date()),
    requestLogSize: options.requestLogSize ?? 1000,
  };
  if (!(settings.maxUploadBytes >= 0)) throw new RangeError("maxUploadBytes: must be at least 0");
  if (!(settings.uploadExpiresIn >= 1)) throw new RangeError("uploadExpiresIn: must be at least 1");
  if (!(settings.downloadExpiresIn >= 1)) throw new RangeError("downloadExpiresIn: must be at least 1");
  return settings;
}
