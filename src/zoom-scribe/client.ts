import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../../generated/zoom-scribe.ts";
import { assertTokenSource, bearerAuth, ConfigurationError, type TokenSource } from "../core/auth.ts";
import { createApiError, type BatchApiError } from "../core/errors.ts";
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
import type { RequestToValidate } from "../core/openapi-validator.ts";
import { zoomCursorStrategy } from "./pagination.ts";
import { zoomScribeValidator } from "./spec.ts";

/** Zoom's API server (`servers[0]` of specs/zoom-scribe). */
export const ZOOM_SCRIBE_BASE_URL = "https://api.zoom.us/v2";
const PROVIDER = "zoom-scribe";
// Zoom's REST API returns its request tracking id in this header (general Zoom API behaviour).
const REQUEST_ID_HEADERS = ["x-zm-trackingid"] as const;

type Schemas = components["schemas"];
export type ZoomScribeJob = Schemas["JobStatus"];
export type ZoomScribeJobListItem = Schemas["Job"];
export type ZoomScribeFile = Schemas["JobFile"];
export type ZoomScribeCreateJobRequest = Schemas["CreateJobRequest"];
/** What the helpers throw for an error status: the body is Zoom's error body from the spec. */
export type ZoomScribeApiError = BatchApiError<Schemas["Error"]>;

export interface ZoomScribeClientOptions extends Omit<TransportOptions, "provider"> {
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

export interface ListJobsQuery {
  state?: Schemas["JobState"];
  page_size?: number;
  next_page_token?: string;
}

export interface ListFilesQuery {
  page_size?: number;
  next_page_token?: string;
}

export interface ZoomScribeWaitOptions extends Omit<
  WaitForJobOptions<ZoomScribeJob>,
  "isDone" | "isFailed" | "provider" | "describeFailure"
> {
  /** Options of each poll's GET. */
  request?: HelperOptions;
}

/**
 * The typed openapi-fetch client over specs/zoom-scribe (`GET`, `POST`, `DELETE` with `{data, error,
 * response}`), plus helpers that return data and throw the batchspec error hierarchy.
 */
export interface ZoomScribeClient extends Client<paths> {
  jobs: {
    create(body: ZoomScribeCreateJobRequest, options?: HelperOptions): Promise<Schemas["CreateJobResponse"]>;
    list(query?: ListJobsQuery, options?: HelperOptions): Promise<Schemas["JobList"]>;
    get(jobId: string, options?: HelperOptions): Promise<ZoomScribeJob>;
    /** Cancels a QUEUED or PROCESSING job (ConflictError otherwise). */
    cancel(jobId: string, options?: HelperOptions): Promise<void>;
    /** Every job, newest first, page after page: `for await (const job of scribe.jobs.iterate())`. */
    iterate(
      query?: Omit<ListJobsQuery, "next_page_token">,
      options?: HelperOptions,
    ): Paginator<Schemas["JobList"], ZoomScribeJobListItem>;
  };
  files: {
    list(jobId: string, query?: ListFilesQuery, options?: HelperOptions): Promise<Schemas["FileList"]>;
    get(jobId: string, fileId: string, options?: HelperOptions): Promise<ZoomScribeFile>;
    /** Every file of a job, page after page. */
    iterate(
      jobId: string,
      query?: Omit<ListFilesQuery, "next_page_token">,
      options?: HelperOptions,
    ): Paginator<Schemas["FileList"], ZoomScribeFile>;
  };
  /**
   * Polls the job with capped exponential backoff until it is SUCCEEDED or PARTIAL (returned), FAILED or
   * CANCELED (JobFailedError), or the timeout passes (PollTimeoutError with the last state).
   */
  waitForJob(jobId: string, options?: ZoomScribeWaitOptions): Promise<ZoomScribeJob>;
}

const query = (q: object): URLSearchParams => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out.set(k, String(v));
  return out;
};

export function createZoomScribeClient(options: ZoomScribeClientOptions): ZoomScribeClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("createZoomScribeClient: expected an options object with a `token`");
  }
  assertTokenSource(options.token, "createZoomScribeClient");
  const baseUrl = options.baseUrl ?? ZOOM_SCRIBE_BASE_URL;
  if (!URL.canParse(baseUrl)) {
    throw new ConfigurationError(`createZoomScribeClient.baseUrl: not an absolute URL`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError(
      `createZoomScribeClient.fetch: expected a function, got ${typeof options.fetch}`,
    );
  }
  const transport = createTransport({ ...options, provider: PROVIDER });
  const raw = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    fetch: (request) => transport.send(request),
  });
  raw.use(bearerAuth(options.token));
  if (options.validateRequests) raw.use(validateRequestsMiddleware(zoomScribeValidator(), PROVIDER));

  /**
   * Runs one raw call with per-call settings; returns its data, or throws the error for its status.
   * `check` is the request as the validator sees it, checked before anything is sent.
   */
  async function call<T>(
    operation: string,
    check: RequestToValidate,
    opts: HelperOptions = {},
    send: (fetch: FetchLike) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    if (opts.validate ?? true) assertValidRequest(zoomScribeValidator(), PROVIDER, operation, check);
    let sent: Request | undefined;
    const perCall = transport.with({ ...opts, operation });
    const { data, error, response } = await send((request) => ((sent = request), perCall(request)));
    if (!response.ok) {
      throw createApiError<Schemas["Error"]>({
        provider: PROVIDER,
        operation,
        method: sent?.method,
        url: sent?.url,
        status: response.status,
        headers: response.headers,
        body: error as Schemas["Error"] | undefined,
        requestIdHeaders: REQUEST_ID_HEADERS,
        secrets: [...secretValues(check.body), ...(typeof options.token === "string" ? [options.token] : [])],
      });
    }
    return data as T;
  }

  const init = (opts: HelperOptions, fetch: FetchLike) => ({
    fetch,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });

  const jobs: ZoomScribeClient["jobs"] = {
    create: (body, opts = {}) =>
      call("submitBatchAsr", { contentType: "application/json", body }, opts, (fetch) =>
        raw.POST("/aiservices/scribe/jobs", { body, ...init(opts, fetch) }),
      ),
    list: (q = {}, opts = {}) =>
      call("listBatchJobs", { query: query(q) }, opts, (fetch) =>
        raw.GET("/aiservices/scribe/jobs", { params: { query: q }, ...init(opts, fetch) }),
      ),
    get: (jobId, opts = {}) =>
      call("getBatchJobStatus", { pathParams: { jobId } }, opts, (fetch) =>
        raw.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } }, ...init(opts, fetch) }),
      ),
    cancel: async (jobId, opts = {}) => {
      await call("cancelBatchJob", { pathParams: { jobId } }, opts, (fetch) =>
        raw.DELETE("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } }, ...init(opts, fetch) }),
      );
    },
    iterate: (q = {}, opts = {}) =>
      paginate(
        (cursor) => jobs.list({ ...q, ...(cursor ? { next_page_token: cursor } : {}) }, opts),
        zoomCursorStrategy((page: Schemas["JobList"]) => page.jobs),
        { provider: PROVIDER },
      ),
  };

  const files: ZoomScribeClient["files"] = {
    list: (jobId, q = {}, opts = {}) =>
      call("listBatchJobFiles", { pathParams: { jobId }, query: query(q) }, opts, (fetch) =>
        raw.GET("/aiservices/scribe/jobs/{jobId}/files", {
          params: { path: { jobId }, query: q },
          ...init(opts, fetch),
        }),
      ),
    get: (jobId, fileId, opts = {}) =>
      call("getBatchScribeJobFile", { pathParams: { jobId, fileId } }, opts, (fetch) =>
        raw.GET("/aiservices/scribe/jobs/{jobId}/files/{fileId}", {
          params: { path: { jobId, fileId } },
          ...init(opts, fetch),
        }),
      ),
    iterate: (jobId, q = {}, opts = {}) =>
      paginate(
        (cursor) => files.list(jobId, { ...q, ...(cursor ? { next_page_token: cursor } : {}) }, opts),
        zoomCursorStrategy((page: Schemas["FileList"]) => page.files),
        { provider: PROVIDER },
      ),
  };

  const wait: ZoomScribeClient["waitForJob"] = (jobId, { request, ...opts } = {}) =>
    waitForJob((signal) => jobs.get(jobId, { ...request, ...(signal ? { signal } : {}) }), {
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...opts,
      provider: PROVIDER,
      isDone: (job) => job.state === "SUCCEEDED" || job.state === "PARTIAL",
      isFailed: (job) => job.state === "FAILED" || job.state === "CANCELED",
      describeFailure: (job) =>
        `${PROVIDER}: job ${job.job_id} ended ${job.state}${job.error ? ` (${job.error.code}: ${job.error.message})` : ""}`,
    });

  return Object.assign(raw, { jobs, files, waitForJob: wait });
}
