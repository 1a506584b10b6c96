// What Zoom's two batch APIs (Scribe, Translator) do alike on the client side: the same six operations
// under a different path, the same cursors, states, errors and polling. Each provider's client.ts names
// its paths, operationIds and types and gets the typed openapi-fetch client plus these helpers.
import createClient, { type Client } from "openapi-fetch";
import { assertTokenSource, bearerAuth, ConfigurationError, type TokenSource } from "../core/auth.ts";
import { createApiError } from "../core/errors.ts";
import type { OpenApiValidator, RequestToValidate } from "../core/openapi-validator.ts";
import { paginate, type Paginator } from "../core/paginate.ts";
import { waitForJob, type WaitForJobOptions } from "../core/poll.ts";
import { secretValues } from "../core/redact.ts";
import {
  createTransport,
  type CallOptions,
  type FetchLike,
  type TransportOptions,
} from "../core/transport.ts";
import { assertValidRequest, validateRequestsMiddleware } from "../core/validate-before-send.ts";
import { zoomCursorStrategy, type ZoomPage } from "./pagination.ts";

/** Zoom's API server (`servers[0]` of both Zoom specs). */
export const ZOOM_BASE_URL = "https://api.zoom.us/v2";
// Zoom's REST API returns its request tracking id in this header (general Zoom API behaviour).
const REQUEST_ID_HEADERS = ["x-zm-trackingid"] as const;

export interface ZoomClientOptions extends Omit<TransportOptions, "provider"> {
  /** A Zoom Build-platform JWT or API key, or a function returning a fresh one before each request. */
  token: TokenSource;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /** Validate raw calls' requests against the spec before sending. Default false (helpers always do, unless told not to). */
  validateRequests?: boolean;
}

/** Per-call settings of a helper (each overrides the client's), plus whether to validate before sending. */
export interface HelperOptions extends CallOptions {
  /** Check the request against the spec before sending. Default true. */
  validate?: boolean;
}

/** The schema types of one Zoom batch API. */
export interface ZoomBatchTypes {
  state: string;
  createRequest: object;
  createResponse: object;
  job: { job_id: string; state: string; error?: { code: string; message: string } | null };
  jobListItem: object;
  jobList: ZoomPage & { jobs: unknown[] };
  file: object;
  fileList: ZoomPage & { files: unknown[] };
  error: object;
}

export interface ListJobsQuery<State extends string> {
  state?: State;
  page_size?: number;
  next_page_token?: string;
}

export interface ListFilesQuery {
  page_size?: number;
  next_page_token?: string;
}

export interface ZoomWaitOptions<Job> extends Omit<
  WaitForJobOptions<Job>,
  "isDone" | "isFailed" | "provider" | "describeFailure"
> {
  /** Options of each poll's GET. */
  request?: HelperOptions;
}

export interface ZoomBatchHelpers<T extends ZoomBatchTypes> {
  jobs: {
    create(body: T["createRequest"], options?: HelperOptions): Promise<T["createResponse"]>;
    list(query?: ListJobsQuery<T["state"]>, options?: HelperOptions): Promise<T["jobList"]>;
    get(jobId: string, options?: HelperOptions): Promise<T["job"]>;
    /** Cancels a QUEUED or PROCESSING job (ConflictError otherwise). */
    cancel(jobId: string, options?: HelperOptions): Promise<void>;
    /** Every job, newest first, page after page: `for await (const job of client.jobs.iterate())`. */
    iterate(
      query?: Omit<ListJobsQuery<T["state"]>, "next_page_token">,
      options?: HelperOptions,
    ): Paginator<T["jobList"], T["jobListItem"]>;
  };
  files: {
    list(jobId: string, query?: ListFilesQuery, options?: HelperOptions): Promise<T["fileList"]>;
    get(jobId: string, fileId: string, options?: HelperOptions): Promise<T["file"]>;
    /** Every file of a job, page after page. */
    iterate(
      jobId: string,
      query?: Omit<ListFilesQuery, "next_page_token">,
      options?: HelperOptions,
    ): Paginator<T["fileList"], T["file"]>;
  };
  /**
   * Polls the job with capped exponential backoff until it is SUCCEEDED or PARTIAL (returned), FAILED or
   * CANCELED (JobFailedError), or the timeout passes (PollTimeoutError with the last state).
   */
  waitForJob(jobId: string, options?: ZoomWaitOptions<T["job"]>): Promise<T["job"]>;
}

/** The operationIds of a Zoom batch API's six operations. */
export type ZoomOperations = Record<"create" | "list" | "get" | "cancel" | "listFiles" | "getFile", string>;

/** One Zoom batch API: its spec id, where its jobs live, and its operationIds. */
export interface ZoomProduct {
  provider: string;
  /** e.g. `/aiservices/scribe/jobs`. */
  jobsPath: string;
  operations: ZoomOperations;
  validator: () => OpenApiValidator;
}

type ZoomSchemaNames =
  | "JobState"
  | "CreateJobRequest"
  | "CreateJobResponse"
  | "JobStatus"
  | "Job"
  | "JobList"
  | "JobFile"
  | "FileList"
  | "Error";

/** The ZoomBatchTypes of a Zoom spec, read off its generated `components["schemas"]`. */
export type ZoomTypesOf<S extends Record<ZoomSchemaNames, unknown>> = {
  state: S["JobState"];
  createRequest: S["CreateJobRequest"];
  createResponse: S["CreateJobResponse"];
  job: S["JobStatus"];
  jobListItem: S["Job"];
  jobList: S["JobList"];
  file: S["JobFile"];
  fileList: S["FileList"];
  error: S["Error"];
};

const query = (q: object): URLSearchParams => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out.set(k, String(v));
  return out;
};

type RawResult = { data?: unknown; error?: unknown; response: Response };
// The product's paths are checked by its own typed client; inside this shared module they are strings.
type LooseClient = Record<"GET" | "POST" | "DELETE", (path: string, init: object) => Promise<RawResult>>;

export function createZoomBatchClient<Paths extends {}, T extends ZoomBatchTypes>(
  product: ZoomProduct,
  factory: string,
  options: ZoomClientOptions,
): Client<Paths> & ZoomBatchHelpers<T> {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(`${factory}: expected an options object with a \`token\``);
  }
  assertTokenSource(options.token, factory);
  const baseUrl = options.baseUrl ?? ZOOM_BASE_URL;
  if (!URL.canParse(baseUrl)) throw new ConfigurationError(`${factory}.baseUrl: not an absolute URL`);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError(`${factory}.fetch: expected a function, got ${typeof options.fetch}`);
  }
  const { provider, jobsPath, operations: ops } = product;
  const transport = createTransport({ ...options, provider });
  const rawFetch: FetchLike = (request) => transport.send(request);
  const raw = createClient<Paths>({ baseUrl: baseUrl.replace(/\/+$/, ""), fetch: rawFetch });
  raw.use(bearerAuth(options.token));
  if (options.validateRequests) {
    // Raw calls only: helpers send through a per-call fetch, validate themselves, and may opt out.
    raw.use(validateRequestsMiddleware(product.validator(), provider, (o) => o.fetch === rawFetch));
  }
  const loose = raw as unknown as LooseClient;

  /**
   * Runs one raw call with per-call settings; returns its data, or throws the error for its status.
   * `check` is the request as the validator sees it, checked before anything is sent.
   */
  async function call<R>(
    operation: string,
    check: RequestToValidate,
    opts: HelperOptions,
    send: (init: { fetch: FetchLike; signal?: AbortSignal }) => Promise<RawResult>,
  ): Promise<R> {
    if (opts.validate ?? true) assertValidRequest(product.validator(), provider, operation, check);
    let sent: Request | undefined;
    const perCall = transport.with({ ...opts, operation });
    const { data, error, response } = await send({
      fetch: (request) => ((sent = request), perCall(request)),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (!response.ok) {
      throw createApiError<T["error"]>({
        provider,
        operation,
        method: sent?.method,
        url: sent?.url,
        status: response.status,
        headers: response.headers,
        body: error as T["error"] | undefined,
        requestIdHeaders: REQUEST_ID_HEADERS,
        secrets: [...secretValues(check.body), ...(typeof options.token === "string" ? [options.token] : [])],
      });
    }
    return data as R;
  }

  const jobPath = `${jobsPath}/{jobId}`;
  const jobs: ZoomBatchHelpers<T>["jobs"] = {
    create: (body, opts = {}) =>
      call(ops.create, { contentType: "application/json", body }, opts, (init) =>
        loose.POST(jobsPath, { body, ...init }),
      ),
    list: (q = {}, opts = {}) =>
      call(ops.list, { query: query(q) }, opts, (init) =>
        loose.GET(jobsPath, { params: { query: q }, ...init }),
      ),
    get: (jobId, opts = {}) =>
      call(ops.get, { pathParams: { jobId } }, opts, (init) =>
        loose.GET(jobPath, { params: { path: { jobId } }, ...init }),
      ),
    cancel: async (jobId, opts = {}) => {
      await call(ops.cancel, { pathParams: { jobId } }, opts, (init) =>
        loose.DELETE(jobPath, { params: { path: { jobId } }, ...init }),
      );
    },
    iterate: (q = {}, opts = {}) =>
      paginate(
        (cursor) => jobs.list({ ...q, ...(cursor ? { next_page_token: cursor } : {}) }, opts),
        zoomCursorStrategy((page: T["jobList"]) => page.jobs as T["jobListItem"][]),
        { provider },
      ),
  };

  const files: ZoomBatchHelpers<T>["files"] = {
    list: (jobId, q = {}, opts = {}) =>
      call(ops.listFiles, { pathParams: { jobId }, query: query(q) }, opts, (init) =>
        loose.GET(`${jobPath}/files`, { params: { path: { jobId }, query: q }, ...init }),
      ),
    get: (jobId, fileId, opts = {}) =>
      call(ops.getFile, { pathParams: { jobId, fileId } }, opts, (init) =>
        loose.GET(`${jobPath}/files/{fileId}`, { params: { path: { jobId, fileId } }, ...init }),
      ),
    iterate: (jobId, q = {}, opts = {}) =>
      paginate(
        (cursor) => files.list(jobId, { ...q, ...(cursor ? { next_page_token: cursor } : {}) }, opts),
        zoomCursorStrategy((page: T["fileList"]) => page.files as T["file"][]),
        { provider },
      ),
  };

  const wait: ZoomBatchHelpers<T>["waitForJob"] = (jobId, { request, ...opts } = {}) =>
    waitForJob((signal) => jobs.get(jobId, { ...request, ...(signal ? { signal } : {}) }), {
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...opts,
      provider,
      isDone: (job) => job.state === "SUCCEEDED" || job.state === "PARTIAL",
      isFailed: (job) => job.state === "FAILED" || job.state === "CANCELED",
      describeFailure: (job) =>
        `${provider}: job ${job.job_id} ended ${job.state}${job.error ? ` (${job.error.code}: ${job.error.message})` : ""}`,
    });

  return Object.assign(raw, { jobs, files, waitForJob: wait });
}
