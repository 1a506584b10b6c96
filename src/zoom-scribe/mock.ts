// The Zoom Scribe simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state.
//
//   const state = createZoomScribeState({ objects: ["s3://acme-bucket/audio/a.wav"] });
//   const server = setupServer(...zoomScribeHandlers(state));
//
// It behaves like Zoom where Zoom's behaviour is known (shared/providers/zoom.md) and says so where it
// had to choose: every incoming request is validated against specs/zoom-scribe (400 naming the field),
// the bearer token is checked (401), a PREFIX input is expanded with its globs over a simulated bucket
// listing, jobs move QUEUED → PROCESSING → SUCCEEDED / PARTIAL / FAILED only when the test says so
// (`advance`, or `advanceOnGet`), lists are paged with opaque cursors, and faults (429 with Retry-After,
// 500, ...) are answered when injected.
import { HttpResponse, type HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import picomatch from "picomatch";
import type { components, paths } from "../../generated/zoom-scribe.ts";
import type { ValidationIssue } from "../core/openapi-validator.ts";
import {
  bearerTokenOf,
  decodeCursor,
  encodeCursor,
  FaultQueue,
  isoSeconds,
  readIncomingRequest,
  steppingClock,
} from "../core/simulator.ts";
import { ZOOM_SCRIBE_BASE_URL } from "./client.ts";
import { zoomScribeValidator } from "./spec.ts";
import { fetchFromHandlers } from "../core/handlers-fetch.ts";

type Schemas = components["schemas"];
type JobState = Schemas["JobState"];
type FileState = Schemas["FileState"];
type ZoomError = Schemas["Error"];
type CreateJobRequest = Schemas["CreateJobRequest"];

/** What becomes of a file when its job is processed. */
export type FileOutcome =
  | { state: "FILE_SUCCEEDED"; durationSec?: number }
  | { state: "FILE_FAILED"; code: string; message: string }
  | { state: "FILE_SKIPPED" };

export interface ZoomScribeSimulatorOptions {
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
  /** The outcome of each input file. Default: WAV, MP3, M4A and MP4 succeed, anything else fails with UNSUPPORTED_MEDIA. */
  outcome?: (inputUri: string) => FileOutcome;
  /** The clock for `submitted_at` and `completed_at`. Default: a stepping clock from 2026-01-05T18:34:12Z. */
  now?: () => Date;
}

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
  request: CreateJobRequest;
  mode: "SINGLE" | "PREFIX" | "MANIFEST";
  files: SimulatedFile[];
  error: Schemas["JobError"] | null;
}

export interface ZoomScribeState {
  readonly options: Readonly<Required<Omit<ZoomScribeSimulatorOptions, "objects">>>;
  /** The bucket listing (mutable: add objects before creating a job). */
  readonly objects: Set<string>;
  readonly jobs: Map<string, SimulatedJob>;
  /** Every request the simulator handled, in order. */
  readonly requests: { method: string; operationId: string; url: string }[];
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429, retryAfter: 2 })`. */
  readonly faults: FaultQueue;
  /** The next job's creation number (job ids are `job_000001`, ...). */
  nextSequence(): number;
  /** Moves a job one step along its lifecycle and returns its new state. Terminal states stay. */
  advance(jobId: string): JobState;
  /** Advances a job until it reaches a terminal state. */
  runToCompletion(jobId: string): JobState;
  /** The job's summary as the API reports it. */
  summaryOf(job: SimulatedJob): Schemas["JobSummary"];
  /** Forgets every job, request and fault (the options and bucket listing stay). */
  reset(): void;
}

const AUDIO = /\.(wav|mp3|m4a|mp4)$/i;
const TERMINAL: readonly JobState[] = ["SUCCEEDED", "PARTIAL", "FAILED", "CANCELED"];
const FILE_DONE: readonly FileState[] = ["FILE_SUCCEEDED", "FILE_FAILED", "FILE_CANCELED", "FILE_SKIPPED"];

function defaultOutcome(uri: string): FileOutcome {
  if (AUDIO.test(uri)) {
    // A stable, made-up duration so the same file always reports the same length.
    let h = 0;
    for (const c of uri) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return { state: "FILE_SUCCEEDED", durationSec: 30 + (h % 3000) / 10 };
  }
  return {
    state: "FILE_FAILED",
    code: "UNSUPPORTED_MEDIA",
    message: "The file is not WAV, MP3, M4A or MP4.",
  };
}

export function createZoomScribeState(options: ZoomScribeSimulatorOptions = {}): ZoomScribeState {
  const settings = {
    token: options.token ?? "test-token",
    forbiddenTokens: options.forbiddenTokens ?? [],
    cursorField: options.cursorField ?? "next_cursor",
    advanceOnGet: options.advanceOnGet ?? false,
    filesPerStep: options.filesPerStep ?? Number.POSITIVE_INFINITY,
    outcome: options.outcome ?? defaultOutcome,
    now: options.now ?? steppingClock(),
  };
  if (!(settings.filesPerStep >= 1)) throw new RangeError("filesPerStep: must be at least 1");
  const faults = new FaultQueue();
  let sequence = 0;
  const jobs = new Map<string, SimulatedJob>();
  const requests: ZoomScribeState["requests"] = [];

  const summaryOf = (job: SimulatedJob): Schemas["JobSummary"] => {
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

  const finish = (job: SimulatedJob) => {
    const { succeeded, failed } = summaryOf(job);
    job.state = failed === 0 ? "SUCCEEDED" : succeeded === 0 ? "FAILED" : "PARTIAL";
    if (job.state === "FAILED") {
      job.error = { code: "ALL_FILES_FAILED", message: `All ${failed} files failed; see the job's files.` };
    }
    job.completed_at = isoSeconds(settings.now());
  };

  const advance = (jobId: string): JobState => {
    const job = jobs.get(jobId);
    if (!job) throw new Error(`advance: no job ${jobId}`);
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
    return job.state;
  };

  return {
    options: settings,
    objects: new Set(options.objects ?? []),
    jobs,
    requests,
    faults,
    nextSequence: () => (sequence += 1),
    advance,
    runToCompletion(jobId) {
      let state = advance(jobId);
      while (!TERMINAL.includes(state)) state = advance(jobId);
      return state;
    },
    summaryOf,
    reset() {
      jobs.clear();
      requests.length = 0;
      faults.clear();
      sequence = 0;
    },
  };
}

// Zoom names a body field by its path in the body (`input.manifest`); parameters keep their place (`query.page_size`).
const zoomField = (location: string) => location.replace(/^body\./, "");

const zoomError = (code: number | string, message: string, errors?: ValidationIssue[]): ZoomError => ({
  code,
  message,
  ...(errors ? { errors: errors.map((i) => ({ field: zoomField(i.location), message: i.message })) } : {}),
});

const errorResponse = (status: number, body: ZoomError, headers?: Record<string, string>) =>
  HttpResponse.json(body, { status, headers });

/** The default error body Zoom sends for a status (codes from Zoom's general error table). */
function defaultErrorFor(status: number): ZoomError {
  switch (status) {
    case 429:
      return zoomError(
        429,
        "You have reached the maximum per-second rate limit for this API. Try again later.",
      );
    case 401:
      return zoomError(124, "Invalid access token.");
    default:
      return zoomError(status, status >= 500 ? "Internal server error." : "Request failed.");
  }
}

/** Splits `s3://bucket/key` into bucket and key. */
function splitS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}

const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, "");
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

type Planned =
  | { ok: true; mode: SimulatedJob["mode"]; inputs: { uri: string; relative: string }[] }
  | { ok: false; status: 404 | 422; message: string };

/** Resolves the request's input to the list of files the job will process, as Zoom would. */
function planInputs(state: ZoomScribeState, input: CreateJobRequest["input"]): Planned {
  // The body passed the spec, so it is one of the two input shapes; with no `mode`, Zoom infers it.
  const loose = input as {
    mode?: string;
    uri?: string;
    manifest?: string[];
    filters?: Schemas["GlobFilters"];
  };
  const mode = loose.mode ?? (loose.manifest ? "MANIFEST" : loose.uri?.endsWith("/") ? "PREFIX" : "SINGLE");
  if (mode === "MANIFEST") {
    // Manifest entries may be pre-signed URLs outside any bucket we list: they are taken as given.
    const manifest = loose.manifest ?? [];
    return {
      ok: true,
      mode,
      inputs: manifest.map((uri) => ({ uri, relative: baseName(new URL(uri).pathname) })),
    };
  }
  const uri = loose.uri ?? "";
  const location = splitS3(uri);
  if (!location) return { ok: false, status: 422, message: `input.uri: ${uri} is not an s3:// URI` };
  const inBucket = [...state.objects].filter((o) => splitS3(o)?.bucket === location.bucket);
  if (inBucket.length === 0)
    return {
      ok: false,
      status: 404,
      message: `input.uri: bucket ${location.bucket} does not exist or is not readable`,
    };
  if (mode === "SINGLE") {
    if (uri.endsWith("/"))
      return { ok: false, status: 422, message: "input.uri: a SINGLE input must name a file, not a prefix" };
    if (!state.objects.has(uri)) return { ok: false, status: 404, message: `input.uri: no object at ${uri}` };
    return { ok: true, mode, inputs: [{ uri, relative: baseName(location.key) }] };
  }
  const prefix = location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
  const filters = loose.filters;
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

function outputUriFor(output: CreateJobRequest["output"], input: { uri: string; relative: string }): string {
  const layout = output.layout ?? "ADJACENT"; // the official quickstart's default; Zoom documents none
  if (layout === "SINGLE") return output.uri;
  if (layout === "ADJACENT") return `${withoutExtension(input.uri)}.json`;
  return `${output.uri.endsWith("/") ? output.uri : `${output.uri}/`}${withoutExtension(input.relative)}.json`;
}

function jobBody(state: ZoomScribeState, job: SimulatedJob): Schemas["JobStatus"] {
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
      ...("uri" in input ? { uri: input.uri } : {}),
      ...("manifest" in input ? { manifest: input.manifest } : {}),
      ...("filters" in input && input.filters ? { filters: input.filters } : {}),
    },
    output: {
      destination: output.destination,
      uri: output.uri,
      ...(output.layout ? { layout: output.layout } : {}),
    },
    config,
    error: job.error,
  };
}

function fileBody(file: SimulatedFile): Schemas["JobFile"] {
  const o = file.outcome;
  return {
    file_id: file.file_id,
    input_uri: file.input_uri,
    output_uri: file.state === "FILE_SUCCEEDED" ? file.output_uri : null,
    state: file.state,
    ...(file.state === "FILE_SUCCEEDED" && o.state === "FILE_SUCCEEDED" && o.durationSec !== undefined
      ? { duration_sec: o.durationSec }
      : {}),
    error:
      file.state === "FILE_FAILED" && o.state === "FILE_FAILED" ? { code: o.code, message: o.message } : null,
  };
}

function cursorFields(
  state: ZoomScribeState,
  cursor: string,
): { next_cursor?: string; next_page_token?: string } {
  const field = state.options.cursorField;
  return {
    ...(field === "next_cursor" || field === "both" ? { next_cursor: cursor } : {}),
    ...(field === "next_page_token" || field === "both" ? { next_page_token: cursor } : {}),
  };
}

export interface ZoomScribeHandlerOptions {
  /** Where the simulated API lives. Default `https://api.zoom.us/v2`. */
  baseUrl?: string;
}

export function zoomScribeHandlers(
  state: ZoomScribeState,
  options: ZoomScribeHandlerOptions = {},
): HttpHandler[] {
  const http = createOpenApiHttp<paths>({
    baseUrl: (options.baseUrl ?? ZOOM_SCRIBE_BASE_URL).replace(/\/+$/, ""),
  });
  const validator = zoomScribeValidator();

  /**
   * What every operation does first, in Zoom's order as far as it is known: injected faults, then
   * authentication, then the request's shape. Returns the parsed body, or the error response to send.
   */
  const admit = async (
    operationId: string,
    request: Request,
    params: Record<string, string | readonly string[] | undefined>,
  ): Promise<{ body: unknown } | { reject: Response }> => {
    state.requests.push({ method: request.method, operationId, url: request.url });
    const fault = state.faults.take(operationId);
    if (fault) {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
      const body = fault.body ?? defaultErrorFor(fault.status);
      return { reject: HttpResponse.json(body as ZoomError, { status: fault.status, headers }) };
    }
    const token = bearerTokenOf(request);
    if (
      token === undefined ||
      (token !== state.options.token && !state.options.forbiddenTokens.includes(token))
    ) {
      return { reject: errorResponse(401, zoomError(124, "Invalid access token.")) };
    }
    if (state.options.forbiddenTokens.includes(token)) {
      return {
        reject: errorResponse(
          403,
          zoomError("BILLING_SCRIBE_API_PLAN_REQUIRED", "A Build plan with Scribe API access is required."),
        ),
      };
    }
    const incoming = await readIncomingRequest(validator, operationId, request, params);
    if (incoming.ok) return { body: incoming.body };
    if (incoming.problem === "unsupported-media-type") {
      return { reject: errorResponse(415, zoomError(415, incoming.message)) };
    }
    if (incoming.problem === "malformed-body")
      return { reject: errorResponse(400, zoomError(300, incoming.message)) };
    const first = incoming.issues[0]!;
    return {
      reject: errorResponse(
        400,
        zoomError(300, `Validation Failed. ${zoomField(first.location)}: ${first.message}`, incoming.issues),
      ),
    };
  };

  const notFound = (jobId: string) => errorResponse(404, zoomError(404, `Job ${jobId} not found.`));
  const badCursor = () =>
    errorResponse(
      400,
      zoomError(300, "Validation Failed. query.next_page_token: not a cursor this API issued", [
        { location: "query.next_page_token", message: "not a cursor this API issued" },
      ]),
    );

  /** Reads `page_size` and the cursor; the cursor must be one we issued for the same listing. */
  const pageOf = (query: URLSearchParams, fallbackSize: number, scope: Record<string, unknown>) => {
    const size = Number(query.get("page_size") ?? fallbackSize);
    const token = query.get("next_page_token");
    if (token === null || token === "") return { size, after: undefined as number | undefined };
    const cursor = decodeCursor(token);
    const matches =
      cursor && Object.entries(scope).every(([k, v]) => cursor[k] === v) && typeof cursor.after === "number";
    return matches ? { size, after: cursor.after as number } : undefined;
  };

  return [
    http.post("/aiservices/scribe/jobs", async ({ request, params, response }) => {
      const admitted = await admit("submitBatchAsr", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const body = admitted.body as CreateJobRequest;
      const plan = planInputs(state, body.input);
      if (!plan.ok) return response(plan.status).json(zoomError(plan.status, plan.message));
      if (body.output.layout === "SINGLE" && plan.inputs.length > 1) {
        return response(422).json(
          zoomError(
            422,
            `output.layout: SINGLE takes one input file, but the input resolves to ${plan.inputs.length}`,
          ),
        );
      }
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
        files: plan.inputs.map((input, i) => ({
          file_id: `f_${String(i + 1).padStart(3, "0")}`,
          input_uri: input.uri,
          output_uri: outputUriFor(body.output, input),
          state: "FILE_QUEUED",
          outcome: state.options.outcome(input.uri),
        })),
        error: null,
      };
      state.jobs.set(job.job_id, job);
      return response(201).json({ job_id: job.job_id, state: job.state, submitted_at: job.submitted_at });
    }),

    http.get("/aiservices/scribe/jobs", async ({ request, params, query, response }) => {
      const admitted = await admit("listBatchJobs", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const filter = query.get("state") ?? undefined;
      const page = pageOf(new URL(request.url).searchParams, 50, { k: "jobs", s: filter ?? null });
      if (!page) return response.untyped(badCursor());
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
      return response(200).json({
        jobs: items.map((j) => jobBody(state, j)),
        ...cursorFields(state, cursor),
      });
    }),

    http.get("/aiservices/scribe/jobs/{jobId}", async ({ request, params, response }) => {
      const admitted = await admit("getBatchJobStatus", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const job = state.jobs.get(params.jobId);
      if (!job) return response.untyped(notFound(params.jobId));
      if (state.options.advanceOnGet) state.advance(job.job_id);
      return response(200).json(jobBody(state, job));
    }),

    http.delete("/aiservices/scribe/jobs/{jobId}", async ({ request, params, response }) => {
      const admitted = await admit("cancelBatchJob", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const job = state.jobs.get(params.jobId);
      if (!job) return response.untyped(notFound(params.jobId));
      if (job.state !== "QUEUED" && job.state !== "PROCESSING") {
        return response(409).json(
          zoomError(409, `Job ${job.job_id} is ${job.state} and cannot be canceled.`),
        );
      }
      job.state = "CANCELED";
      job.completed_at = isoSeconds(state.options.now());
      for (const f of job.files) if (!FILE_DONE.includes(f.state)) f.state = "FILE_CANCELED";
      return response(204).empty();
    }),

    http.get("/aiservices/scribe/jobs/{jobId}/files", async ({ request, params, response }) => {
      const admitted = await admit("listBatchJobFiles", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const job = state.jobs.get(params.jobId);
      if (!job) return response.untyped(notFound(params.jobId));
      const page = pageOf(new URL(request.url).searchParams, 200, { k: "files", j: job.job_id });
      if (!page) return response.untyped(badCursor());
      const start = page.after ?? 0;
      const items = job.files.slice(start, start + page.size);
      const end = start + items.length;
      const cursor = end < job.files.length ? encodeCursor({ k: "files", j: job.job_id, after: end }) : "";
      return response(200).json({ files: items.map(fileBody), ...cursorFields(state, cursor) });
    }),

    http.get("/aiservices/scribe/jobs/{jobId}/files/{fileId}", async ({ request, params, response }) => {
      const admitted = await admit("getBatchScribeJobFile", request, params);
      if ("reject" in admitted) return response.untyped(admitted.reject);
      const job = state.jobs.get(params.jobId);
      if (!job) return response.untyped(notFound(params.jobId));
      const file = job.files.find((f) => f.file_id === params.fileId);
      if (!file)
        return response(404).json(zoomError(404, `File ${params.fileId} not found in job ${job.job_id}.`));
      return response(200).json(fileBody(file));
    }),
  ];
}

/** A fetch answered by the simulator with no global interception: `createZoomScribeClient({ token, fetch })`. */
export function zoomScribeFetch(state: ZoomScribeState, options: ZoomScribeHandlerOptions = {}) {
  return fetchFromHandlers(zoomScribeHandlers(state, options));
}
