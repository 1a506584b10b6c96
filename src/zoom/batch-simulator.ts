// What the simulators of Zoom's two batch APIs (Scribe, Translator) do alike, as explicit state plus one
// function per operation that returns the status and body Zoom would send. Each provider's mock.ts
// binds these to its paths with openapi-msw and supplies what differs: outcomes, output naming, extra
// refusals. Behaviour where Zoom's is known follows shared/providers/zoom.md; the rest is the
// simulator's own choice and says so.
import type { HttpHandler } from "msw";
import picomatch from "picomatch";
import type { OpenApiValidator, ValidationIssue } from "../core/openapi-validator.ts";
import {
  bearerTokenOf,
  decodeCursor,
  encodeCursor,
  FaultQueue,
  isoSeconds,
  readIncomingRequest,
  steppingClock,
} from "../core/simulator.ts";
import { signZoomWebhook } from "./webhook.ts";

export type JobState = "QUEUED" | "PROCESSING" | "SUCCEEDED" | "PARTIAL" | "FAILED" | "CANCELED";
export type FileState =
  "FILE_QUEUED" | "FILE_PROCESSING" | "FILE_SUCCEEDED" | "FILE_FAILED" | "FILE_CANCELED" | "FILE_SKIPPED";

export interface ZoomError {
  code: number | string;
  message: string;
  errors?: { field: string; message: string }[];
}

/** A create body as the simulator reads it (already validated against the product's spec). */
export interface ZoomCreateBody {
  input: {
    mode?: string;
    source: string;
    uri?: string;
    manifest?: string[];
    filters?: { include_globs?: string[]; exclude_globs?: string[] };
  };
  output: { destination: string; uri: string; layout?: string; overwrite?: boolean };
  config: Record<string, unknown>;
  notifications?: { webhook_url: string; secret?: string };
  reference_id?: string;
}

/** What becomes of a file when its job is processed. */
export type FileOutcome =
  | { state: "FILE_SUCCEEDED"; durationSec?: number }
  | { state: "FILE_FAILED"; code: string; message: string }
  | { state: "FILE_SKIPPED" };

export interface SimulatedFile {
  file_id: string;
  input_uri: string;
  output_uri: string;
  state: FileState;
  outcome: FileOutcome;
}

export interface SimulatedJob {
  /** Creation order; the list is newest first. */
  seq: number;
  job_id: string;
  state: JobState;
  submitted_at: string;
  completed_at: string | null;
  reference_id: string | null;
  request: ZoomCreateBody;
  mode: "SINGLE" | "PREFIX" | "MANIFEST";
  files: SimulatedFile[];
  error: { code: string; message: string } | null;
}

/** A webhook request the simulator sent (or tried to) for a job created with `notifications`. */
export interface WebhookDelivery {
  jobId: string;
  url: string;
  eventType: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's status, or the error that stopped the delivery. */
  status?: number;
  error?: string;
}

export interface ZoomSimulatorOptions {
  /** The bearer token the simulator accepts. Default `"test-token"`. */
  token?: string;
  /** Tokens that authenticate but may not use the API (answered with 403, as without a Build plan). */
  forbiddenTokens?: string[];
  /** The simulated bucket listing: full `s3://bucket/key` URIs that PREFIX and SINGLE inputs resolve against. */
  objects?: Iterable<string>;
  /**
   * Which cursor field list responses carry. Zoom's reference says `next_page_token`, its docs and
   * official sample read `next_cursor` (shared/providers/zoom.md §1.8). Default `"next_cursor"`.
   */
  cursorField?: "next_cursor" | "next_page_token" | "both";
  /** Advance a job one step each time it is read with GET /jobs/{jobId}. Default false. */
  advanceOnGet?: boolean;
  /** How many files a PROCESSING job finishes per step. Default: all of them in one step. */
  filesPerStep?: number;
  /** The outcome of each input file. Default: the product's (by file type). */
  outcome?: (inputUri: string) => FileOutcome;
  /** The clock for `submitted_at`, `completed_at` and webhook timestamps. Default: a stepping clock from 2026-01-05T18:34:12Z. */
  now?: () => Date;
  /**
   * How job notifications reach `notifications.webhook_url`. Default: the global fetch at delivery time
   * (so a test's MSW handler for the URL receives them).
   */
  webhookFetch?: (request: Request) => Promise<Response>;
}

export interface ZoomBatchState {
  readonly options: Readonly<Required<Omit<ZoomSimulatorOptions, "objects">>>;
  /** The bucket listing (mutable: add objects before creating a job). */
  readonly objects: Set<string>;
  readonly jobs: Map<string, SimulatedJob>;
  /** Every request the simulator handled, in order. */
  readonly requests: { method: string; operationId: string; url: string }[];
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429, retryAfter: 2 })`. */
  readonly faults: FaultQueue;
  /** Every job notification sent, in order. */
  readonly deliveries: WebhookDelivery[];
  /** The next job's creation number (job ids are `job_000001`, ...). */
  nextSequence(): number;
  /** Moves a job one step along its lifecycle and returns its new state. Terminal states stay. */
  advance(jobId: string): JobState;
  /** Advances a job until it reaches a terminal state. */
  runToCompletion(jobId: string): JobState;
  /** Sends the job's notification for its current state now (done on every state change). */
  notify(job: SimulatedJob): void;
  /** Resolves once every notification sent so far has been answered (or failed). */
  flushWebhooks(): Promise<void>;
  /** The job's summary as the API reports it. */
  summaryOf(
    job: SimulatedJob,
  ): Record<
    "total_files" | "queued" | "processing" | "succeeded" | "failed" | "skipped" | "canceled",
    number
  >;
  /** Forgets every job, request, fault and delivery (the options and bucket listing stay). */
  reset(): void;
}

/** What differs between Zoom's batch APIs in the simulator. */
export interface ZoomSimProduct {
  provider: string;
  validator: () => OpenApiValidator;
  /** The 403 body for a token without the product's plan. */
  forbidden: ZoomError;
  defaultOutcome(uri: string): FileOutcome;
  /** Where a file's output goes. `relative` is its path under the input prefix (or its name). */
  outputUri(
    output: ZoomCreateBody["output"],
    input: { uri: string; relative: string },
    fileId: string,
  ): string;
  /** Refusals beyond the spec's schema (a 400 or 422 with Zoom's body), given the resolved input files. */
  refuse?(body: ZoomCreateBody, inputs: number): { status: 400 | 422; message: string } | undefined;
  /** Product-specific fields of a file (Scribe's `duration_sec`). */
  fileExtras?(file: SimulatedFile): Record<string, unknown>;
}

const TERMINAL: readonly JobState[] = ["SUCCEEDED", "PARTIAL", "FAILED", "CANCELED"];
const FILE_DONE: readonly FileState[] = ["FILE_SUCCEEDED", "FILE_FAILED", "FILE_CANCELED", "FILE_SKIPPED"];

export function createZoomBatchState(
  product: ZoomSimProduct,
  options: ZoomSimulatorOptions = {},
): ZoomBatchState {
  const settings = {
    token: options.token ?? "test-token",
    forbiddenTokens: options.forbiddenTokens ?? [],
    cursorField: options.cursorField ?? "next_cursor",
    advanceOnGet: options.advanceOnGet ?? false,
    filesPerStep: options.filesPerStep ?? Number.POSITIVE_INFINITY,
    outcome: options.outcome ?? product.defaultOutcome,
    now: options.now ?? steppingClock(),
    webhookFetch: options.webhookFetch ?? ((request: Request) => globalThis.fetch(request)),
  };
  if (!(settings.filesPerStep >= 1)) throw new RangeError("filesPerStep: must be at least 1");
  const faults = new FaultQueue();
  let sequence = 0;
  const jobs = new Map<string, SimulatedJob>();
  const requests: ZoomBatchState["requests"] = [];
  const deliveries: WebhookDelivery[] = [];
  let pending: Promise<void>[] = [];

  const summaryOf: ZoomBatchState["summaryOf"] = (job) => {
    const count = (s: FileState) => job.files.filter((f) => f.state === s).length;
    return {
      total_files: job.files.length,
      queued: count("FILE_QUEUED"),
      processing: count("FILE_PROCESSING"),
      succeeded: count("FILE_SUCCEEDED"),
      failed: count("FILE_FAILED"),
      skipped: count("FILE_SKIPPED"),
      canceled: count("FILE_CANCELED"),
    };
  };

  const state: ZoomBatchState = {
    options: settings,
    objects: new Set(options.objects ?? []),
    jobs,
    requests,
    faults,
    deliveries,
    nextSequence: () => (sequence += 1),
    advance,
    notify,
    runToCompletion(jobId) {
      let s = advance(jobId);
      while (!TERMINAL.includes(s)) s = advance(jobId);
      return s;
    },
    async flushWebhooks() {
      while (pending.length > 0) {
        const now = pending;
        pending = [];
        await Promise.all(now);
      }
    },
    summaryOf,
    reset() {
      jobs.clear();
      requests.length = 0;
      deliveries.length = 0;
      faults.clear();
      sequence = 0;
      pending = [];
    },
  };

  /**
   * Zoom "POSTs on job state changes" (pre-release spec) or "when a job finishes" (docs): the simulator
   * notifies on every change, signed when the job has a secret. Event names are the simulator's own
   * (`batch_job.<state>`): Zoom publishes none.
   */
  function notify(job: SimulatedJob): void {
    const target = job.request.notifications;
    if (!target) return;
    const body = JSON.stringify({
      event_type: `batch_job.${job.state.toLowerCase()}`,
      job: jobBody(state, job),
    });
    const delivery: WebhookDelivery = {
      jobId: job.job_id,
      url: target.webhook_url,
      eventType: `batch_job.${job.state.toLowerCase()}`,
      headers: { "content-type": "application/json" },
      body,
    };
    deliveries.push(delivery);
    const timestamp = Math.floor(settings.now().getTime() / 1000);
    pending.push(
      (async () => {
        try {
          if (target.secret)
            Object.assign(
              delivery.headers,
              await signZoomWebhook({ secret: target.secret, rawBody: body, timestamp }),
            );
          const response = await settings.webhookFetch(
            new Request(target.webhook_url, { method: "POST", headers: delivery.headers, body }),
          );
          delivery.status = response.status;
        } catch (error) {
          delivery.error = error instanceof Error ? error.message : String(error);
        }
      })(),
    );
  }

  function finish(job: SimulatedJob): void {
    const { succeeded, failed } = summaryOf(job);
    job.state = failed === 0 ? "SUCCEEDED" : succeeded === 0 ? "FAILED" : "PARTIAL";
    if (job.state === "FAILED") {
      job.error = { code: "ALL_FILES_FAILED", message: `All ${failed} files failed; see the job's files.` };
    }
    job.completed_at = isoSeconds(settings.now());
  }

  function advance(jobId: string): JobState {
    const job = jobs.get(jobId);
    if (!job) throw new Error(`advance: no job ${jobId}`);
    const before = job.state;
    if (job.state === "QUEUED") {
      job.state = "PROCESSING";
      for (const f of job.files) f.state = "FILE_PROCESSING";
    } else if (job.state === "PROCESSING") {
      let budget = settings.filesPerStep;
      for (const f of job.files) {
        if (budget <= 0) break;
        if (f.state !== "FILE_PROCESSING") continue;
        f.state = f.outcome.state;
        budget -= 1;
      }
      if (job.files.every((f) => FILE_DONE.includes(f.state))) finish(job);
    }
    if (job.state !== before) notify(job);
    return job.state;
  }

  return state;
}

// Zoom names a body field by its path in the body (`input.manifest`); parameters keep their place (`query.page_size`).
const zoomField = (location: string) => location.replace(/^body\./, "");

export const zoomError = (code: number | string, message: string, errors?: ValidationIssue[]): ZoomError => ({
  code,
  message,
  ...(errors ? { errors: errors.map((i) => ({ field: zoomField(i.location), message: i.message })) } : {}),
});

/** The default error body Zoom sends for a status (codes from Zoom's general error table). */
function defaultErrorFor(status: number): ZoomError {
  if (status === 429)
    return zoomError(
      429,
      "You have reached the maximum per-second rate limit for this API. Try again later.",
    );
  if (status === 401) return zoomError(124, "Invalid access token.");
  return zoomError(status, status >= 500 ? "Internal server error." : "Request failed.");
}

/** Splits `s3://bucket/key` into bucket and key. */
function splitS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}

export const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, "");
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

type Planned =
  | { ok: true; mode: SimulatedJob["mode"]; inputs: { uri: string; relative: string }[] }
  | { ok: false; status: 404 | 422; message: string };

/** Resolves the request's input to the files the job will process, as Zoom would. */
function planInputs(state: ZoomBatchState, input: ZoomCreateBody["input"]): Planned {
  // With no `mode`, Zoom infers it from `uri` or `manifest`.
  const mode = input.mode ?? (input.manifest ? "MANIFEST" : input.uri?.endsWith("/") ? "PREFIX" : "SINGLE");
  if (mode === "MANIFEST") {
    // Manifest entries may be pre-signed URLs outside any bucket we list: they are taken as given.
    const manifest = input.manifest ?? [];
    return {
      ok: true,
      mode,
      inputs: manifest.map((uri) => ({ uri, relative: baseName(new URL(uri).pathname) })),
    };
  }
  const uri = input.uri ?? "";
  const location = splitS3(uri);
  if (!location) return { ok: false, status: 422, message: `input.uri: ${uri} is not an s3:// URI` };
  const inBucket = [...state.objects].filter((o) => splitS3(o)?.bucket === location.bucket);
  if (inBucket.length === 0) {
    return {
      ok: false,
      status: 404,
      message: `input.uri: bucket ${location.bucket} does not exist or is not readable`,
    };
  }
  if (mode === "SINGLE") {
    if (uri.endsWith("/"))
      return { ok: false, status: 422, message: "input.uri: a SINGLE input must name a file, not a prefix" };
    if (!state.objects.has(uri)) return { ok: false, status: 404, message: `input.uri: no object at ${uri}` };
    return { ok: true, mode, inputs: [{ uri, relative: baseName(location.key) }] };
  }
  const prefix = location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
  const filters = input.filters;
  const include = filters?.include_globs?.length
    ? picomatch(filters.include_globs, { dot: true })
    : () => true;
  const exclude = filters?.exclude_globs?.length
    ? picomatch(filters.exclude_globs, { dot: true })
    : () => false;
  const inputs = inBucket
    .map((o) => ({ uri: o, key: splitS3(o)!.key }))
    .filter((o) => o.key.startsWith(prefix) && !o.key.endsWith("/"))
    .map((o) => ({ uri: o.uri, relative: o.key.slice(prefix.length) }))
    .filter((o) => include(o.relative) && !exclude(o.relative))
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  if (inputs.length === 0)
    return { ok: false, status: 422, message: `input: no file under ${uri} matches the filters` };
  return { ok: true, mode: "PREFIX", inputs };
}

function jobBody(state: ZoomBatchState, job: SimulatedJob): Record<string, unknown> {
  const { input, output, config } = job.request;
  return {
    job_id: job.job_id,
    state: job.state,
    submitted_at: job.submitted_at,
    completed_at: job.completed_at,
    reference_id: job.reference_id,
    summary: state.summaryOf(job),
    // Echoed without credentials.
    input: {
      mode: job.mode,
      source: input.source,
      ...(input.uri !== undefined ? { uri: input.uri } : {}),
      ...(input.manifest !== undefined ? { manifest: input.manifest } : {}),
      ...(input.filters ? { filters: input.filters } : {}),
    },
    output: {
      destination: output.destination,
      uri: output.uri,
      ...(output.layout ? { layout: output.layout } : {}),
      ...(output.overwrite !== undefined ? { overwrite: output.overwrite } : {}),
    },
    config,
    error: job.error,
  };
}

/** A status, headers and JSON body (or none) to answer with. */
export interface SimResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The six operations, each from the incoming request to the answer Zoom would give. */
export interface ZoomBatchOperations {
  create(request: Request, params: PathParams): Promise<SimResult>;
  list(request: Request, params: PathParams): Promise<SimResult>;
  get(request: Request, params: PathParams): Promise<SimResult>;
  cancel(request: Request, params: PathParams): Promise<SimResult>;
  listFiles(request: Request, params: PathParams): Promise<SimResult>;
  getFile(request: Request, params: PathParams): Promise<SimResult>;
}

type PathParams = Record<string, string | readonly string[] | undefined>;

export function zoomBatchOperations(
  product: ZoomSimProduct,
  state: ZoomBatchState,
  operationIds: Record<keyof ZoomBatchOperations, string>,
): ZoomBatchOperations {
  const error = (status: number, body: ZoomError): SimResult => ({ status, body });

  /**
   * What every operation does first, in Zoom's order as far as it is known: injected faults, then
   * authentication, then the request's shape against the spec.
   */
  const admit = async (
    key: keyof ZoomBatchOperations,
    request: Request,
    params: PathParams,
  ): Promise<{ body: unknown } | { reject: SimResult }> => {
    const operationId = operationIds[key];
    state.requests.push({ method: request.method, operationId, url: request.url });
    const fault = state.faults.take(operationId);
    if (fault) {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
      return { reject: { status: fault.status, body: fault.body ?? defaultErrorFor(fault.status), headers } };
    }
    const token = bearerTokenOf(request);
    const { options } = state;
    if (token === undefined || (token !== options.token && !options.forbiddenTokens.includes(token))) {
      return { reject: error(401, zoomError(124, "Invalid access token.")) };
    }
    if (options.forbiddenTokens.includes(token)) return { reject: error(403, product.forbidden) };
    const incoming = await readIncomingRequest(product.validator(), operationId, request, params);
    if (incoming.ok) return { body: incoming.body };
    if (incoming.problem === "unsupported-media-type")
      return { reject: error(415, zoomError(415, incoming.message)) };
    if (incoming.problem === "malformed-body")
      return { reject: error(400, zoomError(300, incoming.message)) };
    const first = incoming.issues[0]!;
    return {
      reject: error(
        400,
        zoomError(300, `Validation Failed. ${zoomField(first.location)}: ${first.message}`, incoming.issues),
      ),
    };
  };

  const jobOf = (params: PathParams): SimulatedJob | SimResult => {
    const jobId = String(params.jobId);
    return state.jobs.get(jobId) ?? error(404, zoomError(404, `Job ${jobId} not found.`));
  };
  const badCursor = () =>
    error(
      400,
      zoomError(300, "Validation Failed. query.next_page_token: not a cursor this API issued", [
        { location: "query.next_page_token", message: "not a cursor this API issued" },
      ]),
    );

  /** Reads `page_size` and the cursor; the cursor must be one we issued for the same listing. */
  const pageOf = (request: Request, fallbackSize: number, scope: Record<string, unknown>) => {
    const query = new URL(request.url).searchParams;
    const size = Number(query.get("page_size") ?? fallbackSize);
    const token = query.get("next_page_token");
    if (token === null || token === "") return { size, after: undefined as number | undefined };
    const cursor = decodeCursor(token);
    const matches =
      cursor && Object.entries(scope).every(([k, v]) => cursor[k] === v) && typeof cursor.after === "number";
    return matches ? { size, after: cursor.after as number } : undefined;
  };
  const cursorFields = (cursor: string) => {
    const field = state.options.cursorField;
    return {
      ...(field === "next_cursor" || field === "both" ? { next_cursor: cursor } : {}),
      ...(field === "next_page_token" || field === "both" ? { next_page_token: cursor } : {}),
    };
  };
  const fileBody = (file: SimulatedFile) => ({
    file_id: file.file_id,
    input_uri: file.input_uri,
    output_uri: file.state === "FILE_SUCCEEDED" ? file.output_uri : null,
    state: file.state,
    ...(file.state === "FILE_SUCCEEDED" ? product.fileExtras?.(file) : {}),
    error:
      file.state === "FILE_FAILED" && file.outcome.state === "FILE_FAILED"
        ? { code: file.outcome.code, message: file.outcome.message }
        : null,
  });

  return {
    async create(request, params) {
      const admitted = await admit("create", request, params);
      if ("reject" in admitted) return admitted.reject;
      const body = admitted.body as ZoomCreateBody;
      const plan = planInputs(state, body.input);
      if (!plan.ok) return error(plan.status, zoomError(plan.status, plan.message));
      const refusal = product.refuse?.(body, plan.inputs.length);
      if (refusal) return error(refusal.status, zoomError(refusal.status, refusal.message));
      const seq = state.nextSequence();
      const job: SimulatedJob = {
        seq,
        job_id: `job_${String(seq).padStart(6, "0")}`,
        state: "QUEUED",
        submitted_at: isoSeconds(state.options.now()),
        completed_at: null,
        reference_id: body.reference_id ?? null,
        request: body,
        mode: plan.mode,
        files: plan.inputs.map((input, i) => {
          const fileId = `f_${String(i + 1).padStart(3, "0")}`;
          return {
            file_id: fileId,
            input_uri: input.uri,
            output_uri: product.outputUri(body.output, input, fileId),
            state: "FILE_QUEUED" as const,
            outcome: state.options.outcome(input.uri),
          };
        }),
        error: null,
      };
      state.jobs.set(job.job_id, job);
      return { status: 201, body: { job_id: job.job_id, state: job.state, submitted_at: job.submitted_at } };
    },

    async list(request, params) {
      const admitted = await admit("list", request, params);
      if ("reject" in admitted) return admitted.reject;
      const filter = new URL(request.url).searchParams.get("state") ?? undefined;
      const page = pageOf(request, 50, { k: "jobs", s: filter ?? null });
      if (!page) return badCursor();
      const matching = [...state.jobs.values()]
        .filter((j) => filter === undefined || j.state === filter)
        .filter((j) => page.after === undefined || j.seq < page.after)
        .sort((a, b) => b.seq - a.seq);
      const items = matching.slice(0, page.size);
      const last = items.at(-1);
      const cursor =
        matching.length > items.length && last
          ? encodeCursor({ k: "jobs", s: filter ?? null, after: last.seq })
          : "";
      return { status: 200, body: { jobs: items.map((j) => jobBody(state, j)), ...cursorFields(cursor) } };
    },

    async get(request, params) {
      const admitted = await admit("get", request, params);
      if ("reject" in admitted) return admitted.reject;
      const job = jobOf(params);
      if (!("job_id" in job)) return job;
      if (state.options.advanceOnGet) state.advance(job.job_id);
      return { status: 200, body: jobBody(state, job) };
    },

    async cancel(request, params) {
      const admitted = await admit("cancel", request, params);
      if ("reject" in admitted) return admitted.reject;
      const job = jobOf(params);
      if (!("job_id" in job)) return job;
      if (job.state !== "QUEUED" && job.state !== "PROCESSING") {
        return error(409, zoomError(409, `Job ${job.job_id} is ${job.state} and cannot be canceled.`));
      }
      job.state = "CANCELED";
      job.completed_at = isoSeconds(state.options.now());
      for (const f of job.files) if (!FILE_DONE.includes(f.state)) f.state = "FILE_CANCELED";
      state.notify(job);
      return { status: 204 };
    },

    async listFiles(request, params) {
      const admitted = await admit("listFiles", request, params);
      if ("reject" in admitted) return admitted.reject;
      const job = jobOf(params);
      if (!("job_id" in job)) return job;
      const page = pageOf(request, 200, { k: "files", j: job.job_id });
      if (!page) return badCursor();
      const start = page.after ?? 0;
      const items = job.files.slice(start, start + page.size);
      const end = start + items.length;
      const cursor = end < job.files.length ? encodeCursor({ k: "files", j: job.job_id, after: end }) : "";
      return { status: 200, body: { files: items.map(fileBody), ...cursorFields(cursor) } };
    },

    async getFile(request, params) {
      const admitted = await admit("getFile", request, params);
      if ("reject" in admitted) return admitted.reject;
      const job = jobOf(params);
      if (!("job_id" in job)) return job;
      const file = job.files.find((f) => f.file_id === params.fileId);
      if (!file)
        return error(404, zoomError(404, `File ${String(params.fileId)} not found in job ${job.job_id}.`));
      return { status: 200, body: fileBody(file) };
    },
  };
}

/**
 * The six MSW handlers of a Zoom batch API, bound to its paths. `http` is the product's openapi-msw
 * factory (`createOpenApiHttp<paths>()`), so its base URL and path matching come from the spec's types.
 */
export function bindZoomHandlers(
  http: Record<
    "get" | "post" | "delete",
    (
      path: never,
      resolver: (info: { request: Request; params: PathParams }) => Promise<Response>,
    ) => HttpHandler
  >,
  jobsPath: string,
  op: ZoomBatchOperations,
): HttpHandler[] {
  const route = (
    method: "get" | "post" | "delete",
    path: string,
    run: (r: Request, p: PathParams) => Promise<SimResult>,
  ) => http[method](path as never, async ({ request, params }) => toResponse(await run(request, params)));
  const job = `${jobsPath}/{jobId}`;
  return [
    route("post", jobsPath, op.create),
    route("get", jobsPath, op.list),
    route("get", job, op.get),
    route("delete", job, op.cancel),
    route("get", `${job}/files`, op.listFiles),
    route("get", `${job}/files/{fileId}`, op.getFile),
  ];
}

/** The answer as a Fetch Response. */
export function toResponse(result: SimResult): Response {
  if (result.body === undefined)
    return new Response(null, { status: result.status, headers: result.headers });
  return Response.json(result.body, { status: result.status, headers: result.headers });
}
