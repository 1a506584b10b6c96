// The SLNG client: the typed openapi-fetch client over specs/slng, and helpers that do what an SLNG user
// does — create a batch job from a file (a multipart upload), from an HTTPS URL, or through a presigned
// upload (ask for the URL, PUT the bytes there, create the job), walk the jobs page by page, wait for a
// job, download its transcript through the signed URL of the files endpoint, and `transcribe`, the
// whole job. Shapes come from the generated `components`/`operations`.
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/slng.ts";
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
import { isBatchspecError } from "../core/error-brand.ts";
import type { BatchApiError } from "../core/errors.ts";
import { helperKit, type HelperWaitOptions } from "../core/helper-kit.ts";
import { paginateOnUse } from "../core/on-use.ts";
import { pageNumberStrategy } from "../core/page-strategies.ts";
import { urlSecrets } from "../core/secret-values.ts";
import type { Paginator } from "../core/paginate.ts";
import { AttemptRequest, createTransport, type CallOptions } from "../core/transport.ts";
import type { PresignedUploadStep } from "./errors.ts";
import { SLNG, SLNG_BASE_URL, SLNG_STAGING_URL } from "./spec.ts";

export { SLNG_BASE_URL, SLNG_STAGING_URL };

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

/** A file given by its bytes, with the name (and media type) SLNG is to know it by. */
export interface SlngFileData {
  data: Blob | ArrayBuffer | ArrayBufferView;
  filename: string;
  /** Default: the Blob's own type, else guessed from the file name's extension. */
  type?: string;
}

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

/** The most SLNG takes, from a file or a URL: 1 GB (read as 2^30 bytes, as the spec does). */
export const SLNG_MAX_FILE_BYTES = 2 ** 30;
/** The list's largest page. */
export const SLNG_MAX_PAGE = 100;
const MULTIPART_MAX_BYTES = 100 * 2 ** 20;
// The spec's enum, as answers are checked against it at run time: an object keyed by the generated type,
// so a state added to or dropped from the spec fails to compile here rather than drifting.
const JOB_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({
    QUEUED: 1,
    IN_PROGRESS: 1,
    DECODING: 1,
    POST_PROCESSING: 1,
    DONE: 1,
    FAILED: 1,
    DELETED: 1,
  } satisfies Record<SlngJobStatus, 1>),
);
// A job's settings and transcription_config's fields, keyed by the types (a field added to either
// fails to compile here): a key outside them would be dropped, so it is refused instead.
const JOB_SETTINGS: ReadonlySet<string> = new Set(
  Object.keys({
    transcription_config: 1,
    job_id: 1,
    model_code: 1,
    metadata: 1,
    tracking: 1,
    output_config: 1,
  } satisfies Record<keyof SlngJobConfig, 1>),
);
const TRANSCRIPTION_FIELDS: ReadonlySet<string> = new Set(
  Object.keys({
    language: 1,
    operating_point: 1,
    diarization: 1,
    domain: 1,
    output_locale: 1,
    enable_entities: 1,
    additional_vocab: 1,
  } satisfies Record<keyof SlngTranscriptionConfig, 1>),
);
const LIST_STATUSES: ReadonlySet<string> = new Set([...JOB_STATUSES].filter((s) => s !== "POST_PROCESSING"));
const FORMATS: ReadonlySet<string> = new Set(["json", "txt", "srt"]);
const JOB_ID = /^[a-zA-Z0-9]+$/;
/** SLNG documents no limit on a job's duration (about 3× real time was observed): two hours. */
const JOB_TIMEOUT_MS = 2 * 3_600_000;

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
  const { wait, invalid } = helperKit(api);
  const CREATE = "batchJobsCreate";
  /**
   * The client's secrets and the credentials in a signed storage URL's query (its signature, its
   * security token): scrubbed from an error should storage echo them back in its answer.
   */
  const storageSecrets = (url: string | undefined): string[] => {
    const out = api.secrets();
    if (url !== undefined) urlSecrets(url, out);
    return out;
  };

  /** A job id must be SLNG's alphanumeric id: an empty one would ask for another endpoint. */
  const refuseId = async (operation: string, value: unknown, name = "jobId") => {
    if (typeof value !== "string" || !JOB_ID.test(value))
      await refuse(
        operation,
        `${name}: expected an alphanumeric job id, got ${typeof value === "string" ? JSON.stringify(value) : typeof value}`,
      );
  };

  /** The job settings, checked: what every create path shares. */
  async function checkConfig(operation: string, config: SlngJobConfig): Promise<void> {
    if (config === null || typeof config !== "object" || Array.isArray(config))
      return refuse(operation, "config: expected { transcription_config, job_id?, model_code?, ... }");
    // Only these settings are sent: anything else would be dropped without a word (a `language` beside
    // transcription_config would leave the job in SLNG's default, English).
    const stray = Object.keys(config).find((k) => !JOB_SETTINGS.has(k));
    if (stray !== undefined)
      return refuse(
        operation,
        `${stray}: not a setting of an SLNG job (${[...JOB_SETTINGS].join(", ")})${TRANSCRIPTION_FIELDS.has(stray) ? `; it belongs inside transcription_config` : ""}`,
      );
    const tc = config.transcription_config;
    if (tc === null || typeof tc !== "object" || Array.isArray(tc))
      return refuse(
        operation,
        "transcription_config: required, an object ({} takes SLNG's defaults, language en)",
      );
    if (config.job_id !== undefined) await refuseId(operation, config.job_id, "job_id");
    if (
      config.model_code !== undefined &&
      (typeof config.model_code !== "string" || config.model_code === "")
    )
      return refuse(operation, "model_code: expected a non-empty string");
    const m = config.metadata;
    if (m !== undefined && (m === null || typeof m !== "object" || Array.isArray(m)))
      return refuse(operation, "metadata: expected an object of key/value pairs");
  }

  /** The item as a File with its name and type, checked; a path opened as a Blob backed by the file. */
  async function toFile(item: SlngUploadable, operation: string): Promise<File> {
    let file: File;
    if (typeof item === "string") file = await fileFromPath(item, operation);
    else if (item instanceof Blob) {
      const name = (item as Partial<File>).name;
      if (typeof name !== "string" || name === "")
        return refuse(operation, "file: a Blob without a file name: pass a File, or { data, filename }");
      file = item.type ? (item as File) : new File([item], name, { type: guessType(name) });
    } else if (item !== null && typeof item === "object") {
      const { data, filename, type } = item;
      if (typeof filename !== "string" || filename.trim() === "")
        return refuse(operation, "file.filename: expected a non-empty string");
      if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
        return refuse(operation, "file.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array");
      if (type !== undefined && typeof type !== "string")
        return refuse(operation, "file.type: expected a media type string");
      file = new File([data as BlobPart], filename, {
        type: type ?? ((data instanceof Blob && data.type) || guessType(filename)),
      });
    } else
      return refuse(
        operation,
        `file: expected a File, { data, filename } or a file path, got ${item === null ? "null" : typeof item}`,
      );
    if (file.size === 0) return refuse(operation, `file: ${file.name} is empty (0 bytes)`);
    if (file.size > SLNG_MAX_FILE_BYTES)
      return refuse(operation, `file: ${file.name} is ${file.size} bytes; SLNG takes at most 1 GB`);
    return file;
  }

  /**
   * A file on disk as a File that reads it when sent (fs.openAsBlob): never read whole into memory, and
   * read again by a retry. node:fs is asked of the runtime (process.getBuiltinModule), so a browser
   * bundle carries no import of it.
   */
  async function fileFromPath(path: string, operation: string): Promise<File> {
    if (path.trim() === "") return refuse(operation, "file: an empty file path");
    const fs = nodeFs();
    if (!fs)
      return refuse(
        operation,
        `file: a file path (${path}) can only be read where Node's fs.openAsBlob is (Node ≥ 20.16); pass a File or { data, filename }`,
      );
    let stats: import("node:fs").Stats;
    try {
      stats = await fs.promises.stat(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return refuse(
        operation,
        code === "ENOENT"
          ? `file: no file at ${path}`
          : `file: ${path} cannot be read (${typeof code === "string" ? code : "error"})`,
      );
    }
    if (!stats.isFile()) return refuse(operation, `file: ${path} is not a file`);
    const name = path.split(/[\\/]/).pop() || path;
    const type = guessType(name);
    try {
      return new File([await fs.openAsBlob(path, { type })], name, { type });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return refuse(operation, `file: ${path} cannot be read (${typeof code === "string" ? code : "error"})`);
    }
  }

  /** A create's 202, checked: the job's id is what everything after relies on. */
  async function checkedAck(ack: unknown, operation = CREATE): Promise<SlngJobAcknowledgement> {
    const a = ack as Partial<SlngJobAcknowledgement> | null;
    // The id goes into the job's paths next (get, files, delete), where SLNG takes only its pattern.
    if (typeof a?.job_id !== "string" || !JOB_ID.test(a.job_id) || "upload" in (a as object))
      throw await invalid(
        operation,
        "is not a created job ({ job_id, status }) with an alphanumeric job_id",
        ack,
      );
    return a as SlngJobAcknowledgement;
  }

  /** The settings every JSON body shares, without the undefined ones. */
  const jsonSettings = (config: SlngJobConfig) =>
    defined({
      job_id: config.job_id,
      model_code: config.model_code,
      transcription_config: config.transcription_config,
      metadata: config.metadata,
      tracking: config.tracking,
      output_config: config.output_config,
    });

  const jobs = {
    /**
     * Creates a job from an audio file sent as one multipart request: the `file` part, and the settings
     * as parts holding JSON (`metadata` too, serialised: SLNG types it a string there). A `File`, bytes
     * with a name, or a path on disk read as it is sent (Node). Not retried on a 5xx or a timeout (the
     * job may have been created; `idempotent: true` to allow it).
     */
    async submitFile(item: SlngUploadable, config: SlngJobConfig, opts?: HelperOptions) {
      await checkConfig(CREATE, config);
      const file = await toFile(item, CREATE);
      const body = {
        file,
        ...jsonSettings(config),
        ...(config.metadata !== undefined ? { metadata: JSON.stringify(config.metadata) } : {}),
      };
      // The generated type of a file part is `string` (openapi-typescript's for a binary schema); the
      // core sends Blobs in a multipart body as file parts, objects as JSON text.
      const ack = await send(CREATE, { body: body as unknown as Schemas["CreateJobMultipartRequest"] }, opts);
      return checkedAck(ack);
    },

    /** Creates a job from audio SLNG downloads from an HTTPS URL (public or presigned; at most 1 GB). */
    async submitUrl(url: string, config: SlngJobConfig, opts?: HelperOptions) {
      await checkConfig(CREATE, config);
      if (typeof url !== "string" || !URL.canParse(url))
        return refuse(CREATE, `input_url: expected an absolute HTTPS URL, got ${describe(url)}`);
      if (new URL(url).protocol !== "https:")
        return refuse(
          CREATE,
          `input_url: SLNG downloads only HTTPS URLs, got a ${new URL(url).protocol} URL`,
        );
      const ack = await send(CREATE, { body: { input_url: url, ...jsonSettings(config) } }, opts);
      return checkedAck(ack);
    },

    /**
     * Creates a job through a presigned upload, the way for large files: (1) asks SLNG for an upload
     * URL, (2) `PUT`s the bytes there with exactly the headers SLNG named (never the API key) before the
     * URL expires, (3) creates the job with the `job_id` and `s3_key` of step 1 and the settings it
     * echoed. A failure at any step is a PresignedUploadError naming the step (`cause` is the step's own
     * error). The PUT is retried like any idempotent request; the creates are not.
     */
    async submitViaPresignedUpload(
      item: SlngUploadable,
      config: SlngJobConfig,
      options: SlngPresignedUploadOptions = {},
    ) {
      const { onPresigned, ...opts } = options ?? {};
      checkHooks({ onPresigned }, "submitViaPresignedUpload");
      await checkConfig(CREATE, config);
      const file = await toFile(item, CREATE);
      /** The presigned URL, once step 1 issued it: its credentials are secrets of every later error. */
      let signedUrl: string | undefined;
      const fail = async (
        step: PresignedUploadStep,
        problem: string,
        extra: { cause?: unknown; jobId?: string; s3Key?: string; status?: number; url?: string } = {},
      ): Promise<never> => {
        const { PresignedUploadError } = await import("./errors.ts");
        throw new PresignedUploadError(problem, {
          provider,
          operation: step === "upload" ? "presignedUpload" : CREATE,
          ...(step === "upload" ? { method: "PUT" } : { method: "POST" }),
          step,
          ...extra,
          secrets: storageSecrets(signedUrl),
        });
      };
      /** A step's failure: the caller's abort passes as it is, anything else names the step. */
      const stepFailed =
        (step: PresignedUploadStep, extra: { jobId?: string; s3Key?: string } = {}) =>
        async (error: unknown): Promise<never> => {
          if (opts.signal?.aborted) throw error;
          const said = error instanceof Error ? error.message : String(error);
          return fail(step, said, { ...extra, cause: error, status: statusOf(error) });
        };

      // Step 1: the presigned URL (no job yet).
      const presigned = await send(
        CREATE,
        {
          body: defined({
            mode: "presign" as const,
            filename: file.name,
            content_type: file.type || "application/octet-stream",
            job_id: config.job_id,
            transcription_config: config.transcription_config,
            tracking: config.tracking,
            output_config: config.output_config,
          }),
        },
        opts,
      )
        .then(async (answer) => {
          const p = answer as Partial<SlngPresignedUpload> | null;
          const u = p?.upload;
          const fine =
            typeof p?.job_id === "string" &&
            JOB_ID.test(p.job_id) &&
            typeof u?.url === "string" &&
            URL.canParse(u.url) &&
            /^https?:$/.test(new URL(u.url).protocol) &&
            typeof u.s3_key === "string" &&
            u.s3_key !== "" &&
            typeof u.expires_in === "number" &&
            u.expires_in > 0 &&
            sendableHeaders(u.headers);
          if (!fine)
            throw await invalid(
              CREATE,
              "is not a presigned upload with a job_id and upload { url, s3_key, expires_in > 0, headers a PUT can send }",
              answer,
            );
          return p as SlngPresignedUpload;
        })
        .catch(stepFailed("presign"));
      const deadline = Date.now() + presigned.upload.expires_in * 1000;
      const { job_id: jobId, upload } = presigned;
      signedUrl = upload.url;
      const ids = { jobId, s3Key: upload.s3_key };
      onPresigned?.(presigned);

      // Step 2: the bytes, to storage, with exactly the headers SLNG named and no credential. The Blob
      // goes without a type of its own, so fetch adds no Content-Type the headers did not name.
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        return fail(
          "upload",
          `the presigned URL expired (expires_in ${upload.expires_in} s) before the upload`,
          {
            ...ids,
            url: upload.url,
          },
        );
      const expiry = AbortSignal.timeout(Math.min(remaining, 2_147_483_647));
      const signal = opts.signal ? AbortSignal.any([opts.signal, expiry]) : expiry;
      let response: Response;
      try {
        response = await storage.send(
          new AttemptRequest(upload.url, {
            method: "PUT",
            headers: new Headers(upload.headers),
            body: file.slice(0, file.size, ""),
            signal,
          }),
          { ...callOptions(opts), signal, idempotent: true, operation: "presignedUpload" },
        );
      } catch (error) {
        if (opts.signal?.aborted) throw error;
        if (expiry.aborted)
          return fail(
            "upload",
            `the presigned URL expired (expires_in ${upload.expires_in} s) before the upload finished`,
            { ...ids, url: upload.url, cause: error },
          );
        return fail("upload", error instanceof Error ? error.message : String(error), {
          ...ids,
          url: upload.url,
          cause: error,
        });
      }
      if (!response.ok) {
        // Scrubbed whole, then cut: a credential that straddles the cut must not leave its start behind.
        const { redactText } = await import("../core/redact.ts");
        const text = redactText(await response.text().catch(() => ""), storageSecrets(signedUrl));
        opts.signal?.throwIfAborted(); // the caller's abort while storage's refusal was read passes as it is
        return fail(
          "upload",
          `storage answered ${response.status}${text ? `: ${JSON.stringify(text.slice(0, 300))}` : ""}`,
          { ...ids, url: upload.url, status: response.status },
        );
      }
      // Not awaited (as in the transport): under MSW's interceptor, cancelling a body may never settle.
      response.body?.cancel().catch(() => undefined);

      // Step 3: the job, from the uploaded object, with the settings step 1 checked and echoed.
      const echoed = <T>(value: T | undefined, given: T): T =>
        value !== null && typeof value === "object" ? value : given;
      const ack = await send(
        CREATE,
        {
          body: defined({
            job_id: jobId,
            s3_key: upload.s3_key,
            model_code: config.model_code,
            transcription_config: echoed(presigned.transcription_config, config.transcription_config),
            metadata: config.metadata,
            tracking: echoed(presigned.tracking, config.tracking),
            output_config: echoed(presigned.output_config, config.output_config),
          }),
        },
        opts,
      )
        .then((a) => checkedAck(a))
        .catch(stepFailed("create", ids));
      return ack;
    },

    /** One page of the key's jobs (newest first unless sorted otherwise). */
    async list(query: SlngListQuery = {}, opts?: HelperOptions) {
      return send("batchJobsList", { params: { query: defined(query) } }, opts);
    },

    /** Every job (filtered and sorted as asked), page after page: one request per 100 jobs by default. */
    iterate({
      status,
      model_code,
      submitted_after,
      submitted_before,
      sort_by,
      sort_order,
      page_size = SLNG_MAX_PAGE,
      maxPages,
      ...opts
    }: SlngJobsIterateOptions = {}): Paginator<SlngJobList, SlngBatchJob> {
      const statuses =
        status === undefined ? undefined : typeof status === "string" ? status : status.join(",");
      const query = defined({
        status: statuses,
        model_code,
        submitted_after,
        submitted_before,
        sort_by,
        sort_order,
      });
      let checked: Promise<void> | undefined;
      const check = async () => {
        // The walk numbers the pages itself: a `page` given here would be dropped (jobs.list takes one).
        if ("page" in opts)
          await refuse(
            "batchJobsList",
            "page: the walk asks for every page from 1; jobs.list({ page }) reads one",
          );
        if (!Number.isInteger(page_size) || page_size < 1 || page_size > SLNG_MAX_PAGE)
          await refuse(
            "batchJobsList",
            `page_size: expected an integer from 1 to 100, got ${String(page_size)}`,
          );
        if (status !== undefined && typeof status !== "string" && !Array.isArray(status))
          await refuse(
            "batchJobsList",
            "status: expected a status, a list of statuses or a comma-separated string",
          );
        if (statuses !== undefined) {
          const bad = statuses.split(",").find((s) => !LIST_STATUSES.has(s.trim()));
          if (bad !== undefined)
            await refuse(
              "batchJobsList",
              `status: ${JSON.stringify(bad)} is not a status the list filters by (${[...LIST_STATUSES].join(", ")}; SLNG's list does not take POST_PROCESSING)`,
            );
        }
      };
      return paginateOnUse(
        async (page: number | undefined) => {
          await (checked ??= check());
          const answer = await jobs.list({ ...query, page_size, page: page ?? 1 }, opts);
          return answer;
        },
        pageNumberStrategy({
          items: (page: SlngJobList) => page?.items,
          pageSize: page_size,
          total: (page) => (typeof page?.meta?.total === "number" ? page.meta.total : undefined),
          totalPages: (page) => (typeof page?.meta?.pages === "number" ? page.meta.pages : undefined),
        }),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      );
    },

    /** A job: its status, settings, input, and why it failed (`error_message`) when FAILED. */
    async get(jobId: string, opts?: HelperOptions) {
      await refuseId("batchJobsGet", jobId);
      return send("batchJobsGet", { params: { path: { jobId } } }, opts);
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

  /** A job with its id and a status the spec documents: what waiting relies on. */
  async function checkedJob(jobId: string, opts: HelperOptions): Promise<SlngBatchJob> {
    const job = await jobs.get(jobId, opts);
    if (typeof job?.job_id !== "string" || !JOB_STATUSES.has(job.status))
      throw await invalid("batchJobsGet", "is a job without its job_id or a status the spec documents", job);
    return job;
  }

  /**
   * Polls the job until it ends: returns it DONE; throws JobFailedError when FAILED (its message ends
   * with SLNG's `error_message`, verbatim, and `job` is the job as polled) or DELETED, PollTimeoutError
   * past the deadline (default 2 hours; polls back off from 1 s to 30 s).
   */
  async function waitForJob(jobId: string, options: SlngWaitOptions = {}) {
    await refuseId("batchJobsGet", jobId);
    checkTiming(options, "waitForJob");
    checkHooks({ onProgress: options.onProgress }, "waitForJob");
    const { request } = options;
    return wait(
      (signal) => checkedJob(jobId, { ...request, ...(signal ? { signal } : {}) }),
      (job) => job.status === "DONE",
      { timeoutMs: JOB_TIMEOUT_MS, ...defined(options) },
      {
        isFailed: (job) => job.status === "FAILED" || job.status === "DELETED",
        describe: (job) =>
          job.status === "DELETED"
            ? `${provider}: job ${jobId} was deleted before it finished`
            : `${provider}: job ${jobId} failed: ${failureText(job.error_message)}`,
      },
    );
  }

  /**
   * A transcript of a DONE job: the files endpoint's signed URL for `format`, then a plain GET of it
   * (the API key never goes to storage). `json` comes parsed, `txt` and `srt` as text. A job without
   * that output (not DONE yet, say) is an InvalidResponseError naming the formats it has.
   */
  async function downloadTranscript<F extends SlngOutputFormat = "json">(
    jobId: string,
    format: F = "json" as F,
    opts: HelperOptions = {},
  ): Promise<SlngTranscript<F>> {
    const op = "batchJobsFiles";
    await refuseId(op, jobId);
    if (!FORMATS.has(format as string))
      return refuse(op, `format: expected "json", "txt" or "srt", got ${describe(format)}`);
    const files = await jobs.files(jobId, opts);
    if (!Array.isArray(files?.outputs))
      throw await invalid(op, "is a job's files without its list of outputs", files);
    const output = files.outputs.find((o) => o?.format === format);
    if (!output) {
      const has = files.outputs.map((o) => o?.format).filter((f) => typeof f === "string");
      throw await invalid(
        op,
        `has no ${format} output for job ${jobId} (${has.length ? `only ${has.join(", ")}` : "no outputs at all: is the job DONE?"})`,
        files,
      );
    }
    const url = output.download_url;
    if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
      throw await invalid(op, `has a ${format} output without an http(s) download_url`, files);
    const response = await storage.send(
      new AttemptRequest(url, { method: "GET", ...(opts.signal ? { signal: opts.signal } : {}) }),
      { ...callOptions(opts), operation: "downloadTranscript" },
    );
    const text = await response.text();
    if (!response.ok) {
      const { createApiError } = await import("../core/errors.ts");
      throw createApiError({
        provider,
        operation: "downloadTranscript",
        method: "GET",
        url,
        status: response.status,
        headers: response.headers,
        body: text,
        secrets: storageSecrets(url),
      });
    }
    if (format !== "json") return text as SlngTranscript<F>;
    try {
      const value: unknown = JSON.parse(text);
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new Error("not an object");
      return value as SlngTranscript<F>;
    } catch {
      throw await invalid("downloadTranscript", "is not a JSON transcript (a JSON object)", text);
    }
  }

  /**
   * The whole job: submit the audio the way it fits (an HTTPS URL string → a job from the URL; any other
   * string → a path on disk; a file up to `multipartMaxBytes` → one multipart request; larger → a
   * presigned upload), wait until DONE (JobFailedError if it FAILED), and download the transcript.
   */
  async function transcribe<F extends SlngOutputFormat = "json">(
    input: SlngUploadable,
    config: SlngJobConfig,
    givenOptions: SlngTranscribeOptions<F> = {},
  ): Promise<SlngTranscription<F>> {
    const options = givenOptions ?? {};
    if (typeof options !== "object") throw new ConfigurationError("transcribe: expected an options object");
    checkTiming(options, "transcribe");
    checkHooks({ onSubmitted: options.onSubmitted, onProgress: options.onProgress }, "transcribe");
    const format = (options.format ?? "json") as F;
    if (!FORMATS.has(format))
      throw new ConfigurationError(
        `transcribe.format: expected "json", "txt" or "srt", got ${describe(format)}`,
      );
    const threshold = options.multipartMaxBytes ?? MULTIPART_MAX_BYTES;
    if (!(typeof threshold === "number" && threshold >= 0))
      throw new ConfigurationError(
        `transcribe.multipartMaxBytes: expected a number ≥ 0, got ${String(threshold)}`,
      );
    const started = Date.now();
    const { initialDelayMs, maxDelayMs, timeoutMs = JOB_TIMEOUT_MS, signal } = options;
    const call: HelperOptions = { ...options.request, ...(signal ? { signal } : {}) };

    let via: SlngTranscription["via"];
    let ack: SlngJobAcknowledgement;
    if (typeof input === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      via = "url";
      ack = await jobs.submitUrl(input, config, call);
    } else {
      const size = sizeOf(input);
      if (size !== undefined && size > threshold) {
        via = "presigned";
        ack = await jobs.submitViaPresignedUpload(input, config, call);
      } else {
        via = "multipart";
        ack = await jobs.submitFile(input, config, call);
      }
    }
    options.onSubmitted?.(ack);
    const job = await waitForJob(
      ack.job_id,
      defined({
        initialDelayMs,
        maxDelayMs,
        timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)),
        signal,
        onProgress: options.onProgress,
        request: call,
      }),
    );
    const transcript = await downloadTranscript(ack.job_id, format, call);
    return { jobId: ack.job_id, job, via, format, transcript };
  }

  return { jobs, waitForJob, downloadTranscript, transcribe };
}

/** The transport's share of a helper's options (the rest is `send`'s). */
function callOptions(opts: HelperOptions): CallOptions {
  const { validate: _validate, ...rest } = opts ?? {};
  return rest;
}

/** Headers a request can carry as they are: an object of strings that are valid names and values. */
function sendableHeaders(headers: unknown): headers is Record<string, string> {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return false;
  if (!Object.values(headers).every((v) => typeof v === "string")) return false;
  try {
    new Headers(headers as Record<string, string>);
    return true;
  } catch {
    return false; // a name or value fetch refuses (a line break, a space in a name)
  }
}

/** The status of an API error, when the error is one. */
function statusOf(error: unknown): number | undefined {
  if (!isBatchspecError(error)) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

/** SLNG's `error_message`, verbatim: a string, or `{ message }`. */
function failureText(value: unknown): string {
  if (typeof value === "string" && value !== "") return value;
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message === "string" && message !== "") return message;
  return "(SLNG gave no error_message)";
}

/** An item's size in bytes, when it can be known without reading it. */
function sizeOf(item: SlngUploadable): number | undefined {
  if (item instanceof Blob) return item.size;
  if (typeof item === "string") {
    try {
      return nodeFs()?.statSync(item).size;
    } catch {
      return undefined;
    }
  }
  const data = (item as SlngFileData | null)?.data;
  if (data instanceof Blob) return data.size;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return undefined;
}

/** A wait's timing options must be numbers ≥ 0 (a ConfigurationError names the one that is not). */
function checkTiming(
  options: { initialDelayMs?: number; maxDelayMs?: number; timeoutMs?: number },
  where: string,
): void {
  if (options === null || typeof options !== "object")
    throw new ConfigurationError(`${where}: expected an options object`);
  for (const name of ["initialDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0))
      throw new ConfigurationError(`${where}.${name}: expected a finite number ≥ 0, got ${String(value)}`);
  }
}

/**
 * Hooks must be functions (or left out): any other value would throw a TypeError half way, after the
 * job was created.
 */
function checkHooks(hooks: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(hooks))
    if (value !== undefined && typeof value !== "function")
      throw new ConfigurationError(
        `${where}.${name}: expected a function, got ${value === null ? "null" : typeof value}`,
      );
}

/** The object without its undefined values (a body or query sends only what is given). */
function defined<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out as T;
}

const describe = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.slice(0, 100)) : value === null ? "null" : typeof value;

/** SLNG's formats by extension, for a file path or named bytes that carry no type. */
const AUDIO_TYPES: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  mpeg: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  ogg: "audio/ogg",
  amr: "audio/amr",
};

function guessType(filename: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && AUDIO_TYPES[ext]) || "application/octet-stream";
}

/** Node's fs, asked of the runtime (no import a browser bundler would follow), or undefined elsewhere. */
function nodeFs(): typeof import("node:fs") | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
  return typeof fs?.openAsBlob === "function" ? fs : undefined;
}
