// The SLNG client: the typed openapi-fetch client over specs/slng, and helpers that do what an SLNG user
// does — create a batch job from a file (a multipart upload), from an HTTPS URL, or through a presigned
// upload (ask for the URL, PUT the bytes there, create the job), walk the jobs page by page, wait for a
// job, download its transcript through the signed URL of the files endpoint, and `transcribe`, the
// whole job. Shapes come from the generated `components`/`operations`. What a bundle that only reads
// jobs does not need loads on first use, from sibling modules: creating a job and its file handling
// (submit.ts, files.ts), the presigned upload (presigned-upload.ts), waiting (wait.ts), the transcript
// download and transcribe (transcribe.ts); each helper here hands its module the client's kit.
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/slng.ts";
import { lazy } from "../core/lazy.ts";
import type { FileData } from "../core/local-file.ts";
import { ConfigurationError, type TokenSource } from "../core/auth.ts";
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
import { createTransport } from "../core/transport.ts";
import type { SlngKit } from "./kit.ts";
import { SLNG, SLNG_BASE_URL, SLNG_STAGING_URL } from "./spec.ts";
import { defined, JOB_ID } from "./values.ts";

// Loaded on first use, once (see core/lazy.ts): a create is a call made often. The other helpers
// loaded on first use (waits, walks, the presigned upload, transcribe) are long operations, where an
// import() per call costs nothing that matters.
const submitModule = /* @__PURE__ */ lazy(() => import("./submit.ts"));

export { SLNG_BASE_URL, SLNG_STAGING_URL };
export { SLNG_MAX_FILE_BYTES, SLNG_MAX_PAGE } from "./values.ts";

type Schemas = components["schemas"];
export type SlngBatchJob = Schemas["BatchJob"];
export type SlngJobStatus = Schemas["JobStatus"];
export type SlngJobAcknowledgement = Schemas["JobAcknowledgement"];
export type SlngJobList = Schemas["JobList"];
export type SlngJobFiles = Schemas["JobFiles"];
export type SlngPresignedUpload = Schemas["PresignedUpload"];
export type SlngTranscriptionConfig = Schemas["TranscriptionConfig"];
export type SlngTracking = Schemas["Tracking"];
export type SlngOutputConfig = Schemas["OutputConfig"];
export type SlngOutputFormat = Schemas["OutputFormat"];
export type SlngListQuery = OperationQuery<operations["batchJobsList"]>;

/** What the helpers throw for an error status, its body SLNG's `{error}`. */
export type SlngApiError = BatchApiError<Schemas["Error"]>;
/** Narrows a caught error to an SLNG API error. */
export const isSlngApiError = /* @__PURE__ */ apiErrorGuard<Schemas["Error"]>("slng");

/** A file given by its bytes, with the name (and media type) it is to be known by. */
export type SlngFileData = FileData;

/**
 * One audio file: a `File` (its name is sent), bytes with a name (`{ data, filename, type? }`), or a
 * path on disk (Node only), read from disk as it is sent.
 */
export type SlngUploadable = Blob | SlngFileData | string;

/** The settings of a job, whichever way it is created. */
export interface SlngJobConfig {
  /** Required by SLNG (its fields are all optional: `{}` takes SLNG's defaults, language `en`). */
  transcription_config: SlngTranscriptionConfig;
  /** A custom alphanumeric id; SLNG makes one when it is left out. */
  job_id?: string;
  /** Default (SLNG's): `slng/speechmatics/batch:15.0.0`. */
  model_code?: string;
  /** Arbitrary key/value metadata (sent as a JSON text part in a multipart upload, as an object otherwise). */
  metadata?: Record<string, unknown>;
  tracking?: SlngTracking;
  output_config?: SlngOutputConfig;
}

export interface SlngClientOptions extends Omit<ApiClientOptions, "token"> {
  /** The SLNG API key (`Authorization: Bearer <key>`), or a function returning one before each request. */
  apiKey: TokenSource;
  /** `https://api.batch.slng.ai` by default; `SLNG_STAGING_URL` for staging. */
  baseUrl?: string;
}

export type SlngWaitOptions = HelperWaitOptions<SlngBatchJob>;

export interface SlngJobsIterateOptions extends IterateOptions {
  /** Only jobs in these statuses (a list, or SLNG's comma-separated string). */
  status?: SlngListStatus | readonly SlngListStatus[] | string;
  model_code?: string;
  submitted_after?: string;
  submitted_before?: string;
  sort_by?: SlngListQuery["sort_by"];
  sort_order?: SlngListQuery["sort_order"];
  /** Jobs a page (1 to 100). Default 100, the most SLNG sends: the fewest requests. */
  page_size?: number;
}

/** The statuses the list can filter by (SLNG's list refuses `POST_PROCESSING`). */
export type SlngListStatus = Exclude<SlngJobStatus, "POST_PROCESSING">;

export interface SlngPresignedUploadOptions extends HelperOptions {
  /** Called once the presigned URL was issued (step 1), before the bytes are sent. */
  onPresigned?(presigned: SlngPresignedUpload): void;
}

/** A transcript as its format makes it: json parsed (presumably Speechmatics' json-v2), txt and srt as text. */
export type SlngTranscript<F extends SlngOutputFormat> = F extends "json" ? SlngJsonTranscript : string;

/** The json transcript: SLNG publishes no schema for it (presumably Speechmatics' json-v2). */
export interface SlngJsonTranscript {
  [key: string]: unknown;
}

export interface SlngTranscribeOptions<F extends SlngOutputFormat = "json"> {
  /** The transcript's format. Default `json`. */
  format?: F;
  /**
   * Files up to this size go as one multipart request; larger ones through a presigned upload.
   * Default 100 MiB.
   */
  multipartMaxBytes?: number;
  onSubmitted?(ack: SlngJobAcknowledgement): void;
  /** The job after each poll. */
  onProgress?(job: SlngBatchJob, progress: { polls: number; elapsedMs: number }): void;
  /** Delay after the first poll: 1 s, doubling to `maxDelayMs` (30 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up waiting (PollTimeoutError) after this long, counted from the start. Default 2 hours. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Options of each request (a longer `timeoutMs` for large uploads, say). */
  request?: HelperOptions;
}

export interface SlngTranscription<F extends SlngOutputFormat = "json"> {
  jobId: string;
  /** The job as last polled (DONE). */
  job: SlngBatchJob;
  /** How the audio was submitted. */
  via: "url" | "multipart" | "presigned";
  format: F;
  transcript: SlngTranscript<F>;
}

export type SlngClient = Client<paths> & ReturnType<typeof slngHelpers>;

/**
 * An SLNG Batch client: `apiKey` is the SLNG API key, or a function returning a fresh one before each
 * request. Raw calls (`client.GET(...)`) and the helpers below.
 */
export function createSlngClient(options: SlngClientOptions): SlngClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(`${SLNG.factory}: expected an options object with an \`apiKey\``);
  }
  const { apiKey, ...rest } = options;
  if (apiKey === undefined)
    throw new ConfigurationError(`${SLNG.factory}.apiKey: required (the SLNG API key, or a function)`);
  const api = createApiClient<paths, operations>(
    { ...SLNG, validator: SLNG.loadValidator },
    { ...rest, token: apiKey },
  );
  // The presigned PUT and the signed downloads go to storage, not to SLNG: through the same fetch,
  // timeouts and retries, but without the credential: nor with an `authorize` of the caller's (the
  // API's transport replaces it with the key's; storage would otherwise be handed it).
  const { authorize: _authorize, onSecret: _onSecret, ...storageOptions } = rest;
  const storage = createTransport({ ...storageOptions, provider: SLNG.provider });
  return Object.assign(api.raw, slngHelpers(api, storage));
}

type Api = ReturnType<typeof createApiClient<paths, operations>>;
type Storage = ReturnType<typeof createTransport>;

function slngHelpers(api: Api, storage: Storage) {
  const { send, provider } = api;
  const refuse = (operation: string, problem: string) => refuseBeforeSending(provider, operation, problem);

  /**
   * A job id must be SLNG's alphanumeric id: an empty one would ask for another endpoint. The refusal,
   * or undefined for a good id (checked at once: no promise on the way to sending).
   */
  const refuseId = (operation: string, value: unknown, name = "jobId"): Promise<never> | undefined =>
    typeof value === "string" && JOB_ID.test(value)
      ? undefined
      : refuse(
          operation,
          `${name}: expected an alphanumeric job id, got ${typeof value === "string" ? JSON.stringify(value) : typeof value}`,
        );

  const jobs = {
    /**
     * Creates a job from an audio file sent as one multipart request: the `file` part, and the settings
     * as parts holding JSON (`metadata` too, serialised: SLNG types it a string there). A `File`, bytes
     * with a name, or a path on disk read as it is sent (Node). Not retried on a 5xx or a timeout (the
     * job may have been created; `idempotent: true` to allow it). (submit.ts, loaded on first use.)
     */
    async submitFile(
      item: SlngUploadable,
      config: SlngJobConfig,
      opts?: HelperOptions,
    ): Promise<SlngJobAcknowledgement> {
      return (await submitModule()).submitFile(kit, item, config, opts);
    },

    /**
     * Creates a job from audio SLNG downloads from an HTTPS URL (public or presigned; at most 1 GB).
     * (submit.ts, loaded on first use.)
     */
    async submitUrl(
      url: string,
      config: SlngJobConfig,
      opts?: HelperOptions,
    ): Promise<SlngJobAcknowledgement> {
      return (await submitModule()).submitUrl(kit, url, config, opts);
    },

    /**
     * Creates a job through a presigned upload, the way for large files: (1) asks SLNG for an upload
     * URL, (2) `PUT`s the bytes there with exactly the headers SLNG named (never the API key) before the
     * URL expires, (3) creates the job with the `job_id` and `s3_key` of step 1 and the settings it
     * echoed. A failure at any step is a PresignedUploadError naming the step (`cause` is the step's own
     * error). The PUT is retried like any idempotent request; the creates are not.
     * (presigned-upload.ts, loaded on first use.)
     */
    async submitViaPresignedUpload(
      item: SlngUploadable,
      config: SlngJobConfig,
      options?: SlngPresignedUploadOptions,
    ): Promise<SlngJobAcknowledgement> {
      return (await import("./presigned-upload.ts")).submitViaPresignedUpload(kit, item, config, options);
    },

    /** One page of the key's jobs (newest first unless sorted otherwise). */
    async list(query: SlngListQuery = {}, opts?: HelperOptions) {
      return send("batchJobsList", { params: { query: defined(query) } }, opts);
    },

    /** Every job (filtered and sorted as asked), page after page: one request per 100 jobs by default. */
    iterate(options: SlngJobsIterateOptions = {}): Paginator<SlngJobList, SlngBatchJob> {
      // The options as they are now (a TypeError at once if they are not an object); the walk, its
      // options checked, is made when its first page is asked for (iterate.ts, loaded then).
      const { ...given } = options;
      return walkOnUse(async () => (await import("./iterate.ts")).walkJobs(kit, given));
    },

    /** A job: its status, settings, input, and why it failed (`error_message`) when FAILED. */
    get(jobId: string, opts?: HelperOptions) {
      return refuseId("batchJobsGet", jobId) ?? send("batchJobsGet", { params: { path: { jobId } } }, opts);
    },

    /**
     * Deletes a job that ended (DONE or FAILED). SLNG has no cancel: a job still running is refused with
     * 409, a ConflictError ("Job must be DONE or FAILED to delete").
     */
    async delete(jobId: string, opts?: HelperOptions) {
      await refuseId("batchJobsDelete", jobId);
      return send("batchJobsDelete", { params: { path: { jobId } } }, opts);
    },

    /** The job's input and output files, each with a signed download URL (valid about an hour). */
    async files(jobId: string, opts?: HelperOptions) {
      await refuseId("batchJobsFiles", jobId);
      return send("batchJobsFiles", { params: { path: { jobId } } }, opts);
    },
  };

  /**
   * Polls the job until it ends: returns it DONE; throws JobFailedError when FAILED (its message ends
   * with SLNG's `error_message`, verbatim, and `job` is the job as polled) or DELETED, PollTimeoutError
   * past the deadline (default 2 hours; polls back off from 1 s to 30 s). (wait.ts, loaded on first use.)
   */
  async function waitForJob(jobId: string, options?: SlngWaitOptions): Promise<SlngBatchJob> {
    return (await import("./wait.ts")).waitForJob(kit, jobId, options);
  }

  /**
   * A transcript of a DONE job: the files endpoint's signed URL for `format`, then a plain GET of it
   * (the API key never goes to storage). `json` comes parsed, `txt` and `srt` as text. A job without
   * that output (not DONE yet, say) is an InvalidResponseError naming the formats it has.
   * (transcribe.ts, loaded on first use.)
   */
  async function downloadTranscript<F extends SlngOutputFormat = "json">(
    jobId: string,
    format?: F,
    opts?: HelperOptions,
  ): Promise<SlngTranscript<F>> {
    return (await import("./transcribe.ts")).downloadTranscript(kit, jobId, format, opts);
  }

  /**
   * The whole job: submit the audio the way it fits (an HTTPS URL string → a job from the URL; any other
   * string → a path on disk; a file up to `multipartMaxBytes` → one multipart request; larger → a
   * presigned upload), wait until DONE (JobFailedError if it FAILED), and download the transcript.
   * (transcribe.ts, loaded on first use.)
   */
  async function transcribe<F extends SlngOutputFormat = "json">(
    input: SlngUploadable,
    config: SlngJobConfig,
    options?: SlngTranscribeOptions<F>,
  ): Promise<SlngTranscription<F>> {
    return (await import("./transcribe.ts")).transcribe(kit, input, config, options);
  }

  const kit: SlngKit = { api, storage, refuse, refuseId, jobs, waitForJob };

  return { jobs, waitForJob, downloadTranscript, transcribe };
}
