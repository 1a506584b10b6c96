// The helpers of Zoom's batch APIs (Scribe, Translator), on the core client shell: the same six
// operations under each product's paths, Zoom's cursors, states and polling. Parameters and results
// are typed from the product's generated `operations`, so the spec is their only source.
import type { Client } from "openapi-fetch";
import {
  createApiClient,
  type ApiClientOptions,
  type HelperOptions,
  type IterateOptions,
  type OperationBody,
  type OperationData,
  type OperationQuery,
} from "../core/client.ts";
import type { OperationTable } from "../core/operation-table.ts";
import type { OpenApiValidator } from "../core/openapi-validator.ts";
import { paginateOnUse, waitForJobOnUse } from "../core/on-use.ts";
import type { Paginator } from "../core/paginate.ts";
import type { WaitForJobOptions } from "../core/poll.ts";
import { ZOOM_REQUEST_ID_HEADERS, zoomIssues } from "./errors.ts";
import { zoomCursorStrategy, type ZoomPage } from "./pagination.ts";

/** The operationIds of a Zoom batch API's six operations, by what they do. */
export interface ZoomOperationIds {
  create: string;
  list: string;
  get: string;
  cancel: string;
  listFiles: string;
  getFile: string;
}

/** One Zoom batch API, as its spec.ts describes it once for its client, simulator and suite. */
export interface ZoomApi<Ids extends ZoomOperationIds = ZoomOperationIds> {
  /** The spec id (`zoom-scribe`). */
  provider: string;
  /** The spec's server. */
  baseUrl: string;
  /** The generated operations table. */
  operations: OperationTable;
  /** Loads the spec's validator (and the spec) on first use. */
  loadValidator: () => Promise<OpenApiValidator>;
  ids: Ids;
}

/** A Zoom client's options: the token, and the transport's settings. */
export type ZoomClientOptions = ApiClientOptions;

type Op<O, Ids extends ZoomOperationIds, K extends keyof ZoomOperationIds> = O[Ids[K] & keyof O];
type Data<O, Ids extends ZoomOperationIds, K extends keyof ZoomOperationIds> = OperationData<Op<O, Ids, K>>;
type ItemOf<Page, K extends string> = Page extends { [P in K]: readonly (infer I)[] } ? I : never;

/** Options of `waitForJob`, plus the options of each poll's GET. */
export interface ZoomWaitOptions<Job> extends Omit<
  WaitForJobOptions<Job>,
  "isDone" | "isFailed" | "provider" | "describeFailure"
> {
  request?: HelperOptions;
}

export interface ZoomBatchHelpers<O, Ids extends ZoomOperationIds> {
  jobs: {
    create(
      body: OperationBody<Op<O, Ids, "create">>,
      options?: HelperOptions,
    ): Promise<Data<O, Ids, "create">>;
    list(query?: OperationQuery<Op<O, Ids, "list">>, options?: HelperOptions): Promise<Data<O, Ids, "list">>;
    get(jobId: string, options?: HelperOptions): Promise<Data<O, Ids, "get">>;
    /** Cancels a QUEUED or PROCESSING job (ConflictError otherwise). */
    cancel(jobId: string, options?: HelperOptions): Promise<void>;
    /** Every job, newest first, page after page: `for await (const job of client.jobs.iterate())`. */
    iterate(
      query?: Omit<OperationQuery<Op<O, Ids, "list">>, "next_page_token">,
      options?: IterateOptions,
    ): Paginator<Data<O, Ids, "list">, ItemOf<Data<O, Ids, "list">, "jobs">>;
  };
  files: {
    list(
      jobId: string,
      query?: OperationQuery<Op<O, Ids, "listFiles">>,
      options?: HelperOptions,
    ): Promise<Data<O, Ids, "listFiles">>;
    get(jobId: string, fileId: string, options?: HelperOptions): Promise<Data<O, Ids, "getFile">>;
    /** Every file of a job, page after page. */
    iterate(
      jobId: string,
      query?: Omit<OperationQuery<Op<O, Ids, "listFiles">>, "next_page_token">,
      options?: IterateOptions,
    ): Paginator<Data<O, Ids, "listFiles">, ItemOf<Data<O, Ids, "listFiles">, "files">>;
  };
  /**
   * Polls the job with capped exponential backoff until it is SUCCEEDED or PARTIAL (returned), FAILED or
   * CANCELED (JobFailedError), or the timeout passes (PollTimeoutError with the last state).
   */
  waitForJob(jobId: string, options?: ZoomWaitOptions<Data<O, Ids, "get">>): Promise<Data<O, Ids, "get">>;
}

/** What the helpers need of a job: its id, its state and, when it failed, why. */
interface JobLike {
  job_id: string;
  state: string;
  error?: { code: string; message: string } | null;
}

type LooseSend = (operationId: string, init: object, options?: HelperOptions) => Promise<unknown>;

/** `factory` is the product's public factory, named in option errors. */
export function createZoomBatchClient<Paths extends {}, O, Ids extends ZoomOperationIds>(
  product: ZoomApi<Ids> & { factory: string },
  options: ZoomClientOptions,
): Client<Paths> & ZoomBatchHelpers<O, Ids> {
  const api = createApiClient<Paths, O>(
    {
      ...product,
      validator: product.loadValidator,
      requestIdHeaders: ZOOM_REQUEST_ID_HEADERS,
      issuesFromBody: zoomIssues,
    },
    options,
  );
  const { ids, provider } = product;
  // Inside the family the product's operationIds are plain strings; the public types above are exact.
  const send = api.send as unknown as LooseSend;
  const job = (jobId: string) => ({ params: { path: { jobId } } });
  const cursor = (next: string | undefined) => (next ? { next_page_token: next } : {});

  const jobs = {
    create: (body: unknown, opts?: HelperOptions) => send(ids.create, { body }, opts),
    list: (query: object = {}, opts?: HelperOptions) => send(ids.list, { params: { query } }, opts),
    get: (jobId: string, opts?: HelperOptions) => send(ids.get, job(jobId), opts) as Promise<JobLike>,
    cancel: async (jobId: string, opts?: HelperOptions) => {
      await send(ids.cancel, job(jobId), opts);
    },
    iterate: (query: object = {}, { maxPages, ...opts }: IterateOptions = {}) =>
      paginateOnUse(
        (next: string | undefined) => jobs.list({ ...query, ...cursor(next) }, opts) as Promise<ZoomPage>,
        zoomCursorStrategy((page: (ZoomPage & { jobs?: unknown[] }) | undefined) => page?.jobs),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      ),
  };
  const files = {
    list: (jobId: string, query: object = {}, opts?: HelperOptions) =>
      send(ids.listFiles, { params: { path: { jobId }, query } }, opts),
    get: (jobId: string, fileId: string, opts?: HelperOptions) =>
      send(ids.getFile, { params: { path: { jobId, fileId } } }, opts),
    iterate: (jobId: string, query: object = {}, { maxPages, ...opts }: IterateOptions = {}) =>
      paginateOnUse(
        (next: string | undefined) =>
          files.list(jobId, { ...query, ...cursor(next) }, opts) as Promise<ZoomPage>,
        zoomCursorStrategy((page: (ZoomPage & { files?: unknown[] }) | undefined) => page?.files),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      ),
  };
  const wait = (jobId: string, { request, ...opts }: ZoomWaitOptions<JobLike> = {}) =>
    waitForJobOnUse((signal) => jobs.get(jobId, { ...request, ...(signal ? { signal } : {}) }), {
      ...api.timing,
      ...opts,
      provider,
      secrets: api.secrets,
      // A job that is not an object (an API fault) is neither: the wait ends at its timeout.
      isDone: (j) => j?.state === "SUCCEEDED" || j?.state === "PARTIAL",
      isFailed: (j) => j?.state === "FAILED" || j?.state === "CANCELED",
      describeFailure: (j) =>
        `${provider}: job ${j.job_id} ended ${j.state}${j.error ? ` (${String(j.error.code)}: ${String(j.error.message)})` : ""}`,
    });

  const helpers = { jobs, files, waitForJob: wait };
  return Object.assign(api.raw, helpers as unknown as ZoomBatchHelpers<O, Ids>);
}
