// The explicit state of a Zoom batch simulator: its options, the simulated bucket, the jobs and their
// files, and the kit's pieces (faults, request log, cursors, webhook deliveries). Jobs move along their
// lifecycle only when a test says so (`advance`, `runToCompletion`, or `advanceOnGet`).
import type { components } from "../../../generated/zoom-shared.ts";
import {
  CursorBook,
  FaultQueue,
  isoSeconds,
  Outbox,
  RequestLog,
  steppingClock,
} from "../../core/simulator/index.ts";
import { notifyJob, type WebhookDelivery } from "./notifications.ts";
import { jobView } from "./views.ts";

type Shared = components["schemas"];
export type JobState = Shared["JobState"];
export type FileState = Shared["FileState"];

/**
 * What the family reads of a create request. Each product's generated `CreateJobRequest` must fit it,
 * so a change to the spec that breaks the simulator fails to compile.
 */
export interface ZoomCreateRequest {
  input: Shared["StorageInput"];
  output: { destination: "S3"; uri: string; layout?: "SINGLE" | "PREFIX" | "ADJACENT"; overwrite?: boolean };
  config: object;
  notifications?: Shared["Notifications"];
  reference_id?: string;
}

/** What becomes of a file when its job is processed. */
export type FileOutcome =
  | { state: "FILE_SUCCEEDED"; durationSec?: number }
  | { state: "FILE_FAILED"; error: Shared["FileError"] }
  | { state: "FILE_SKIPPED" };

export interface SimulatedFile {
  file_id: string;
  input_uri: string;
  output_uri: string;
  state: FileState;
  outcome: FileOutcome;
}

export interface SimulatedJob<Req extends ZoomCreateRequest = ZoomCreateRequest> {
  /** Creation order; the list is newest first. */
  seq: number;
  job_id: string;
  state: JobState;
  submitted_at: string;
  completed_at: string | null;
  reference_id: string | null;
  request: Req;
  mode: "SINGLE" | "PREFIX" | "MANIFEST";
  files: SimulatedFile[];
  error: Shared["JobError"] | null;
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
  /** The clock for `submitted_at`, `completed_at` and webhook timestamps. Default: the real clock (so deliveries verify with verifyZoomWebhook's defaults). */
  now?: () => Date;
  /**
   * How job notifications reach `notifications.webhook_url`. Default: the global fetch at delivery time
   * (so a test's MSW handler for the URL receives them).
   */
  webhookFetch?: (request: Request) => Promise<Response>;
  /** How long a delivery waits for the receiver's answer before it is recorded as failed. Default 10 s. */
  webhookTimeoutMs?: number;
  /** How many requests `state.requests` keeps (the oldest go first). Default 1000. */
  requestLogSize?: number;
}

export interface ZoomState<Req extends ZoomCreateRequest = ZoomCreateRequest> {
  readonly options: Readonly<Required<Omit<ZoomSimulatorOptions, "objects">>>;
  /** The bucket listing (mutable: add objects before creating a job). */
  readonly objects: Set<string>;
  readonly jobs: Map<string, SimulatedJob<Req>>;
  /** The requests the simulator handled, oldest first (bounded). */
  readonly requests: RequestLog;
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429, retryAfter: 2 })`. */
  readonly faults: FaultQueue;
  /** The cursors the simulator issued (others are refused with 400). */
  readonly cursors: CursorBook<number>;
  /** Every job notification sent, in order. */
  readonly deliveries: WebhookDelivery[];
  /** Adds a job created from `request` with its files, QUEUED; returns it. */
  addJob(request: Req, mode: SimulatedJob["mode"], files: Omit<SimulatedFile, "state">[]): SimulatedJob<Req>;
  /** Moves a job one step along its lifecycle and returns its new state. Terminal states stay. */
  advance(jobId: string): JobState;
  /** Advances a job until it reaches a terminal state. */
  runToCompletion(jobId: string): JobState;
  /** Cancels a QUEUED or PROCESSING job (false for one that can no longer be canceled). */
  cancel(jobId: string): boolean;
  /** Resolves once every notification sent so far has been answered (or failed). */
  flushWebhooks(): Promise<void>;
  /** Forgets every job, request, fault, cursor and delivery (the options and bucket listing stay). */
  reset(): void;
}

const TERMINAL: readonly JobState[] = ["SUCCEEDED", "PARTIAL", "FAILED", "CANCELED"];
const FILE_DONE: readonly FileState[] = ["FILE_SUCCEEDED", "FILE_FAILED", "FILE_CANCELED", "FILE_SKIPPED"];

export const isTerminal = (state: JobState) => TERMINAL.includes(state);

export function createZoomState<Req extends ZoomCreateRequest>(
  defaultOutcome: (uri: string) => FileOutcome,
  options: ZoomSimulatorOptions = {},
): ZoomState<Req> {
  const settings = {
    token: options.token ?? "test-token",
    forbiddenTokens: options.forbiddenTokens ?? [],
    cursorField: options.cursorField ?? "next_cursor",
    advanceOnGet: options.advanceOnGet ?? false,
    filesPerStep: options.filesPerStep ?? Number.POSITIVE_INFINITY,
    outcome: options.outcome ?? defaultOutcome,
    now: options.now ?? steppingClock(),
    webhookFetch: options.webhookFetch ?? ((request: Request) => globalThis.fetch(request)),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    requestLogSize: options.requestLogSize ?? 1000,
  };
  if (!(settings.filesPerStep >= 1)) throw new RangeError("filesPerStep: must be at least 1");
  const jobs = new Map<string, SimulatedJob<Req>>();
  const outbox = new Outbox<WebhookDelivery>(settings.webhookFetch, settings.webhookTimeoutMs);
  const requests = new RequestLog(settings.requestLogSize);
  const faults = new FaultQueue();
  const cursors = new CursorBook<number>();
  let sequence = 0;

  const jobOf = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) throw new RangeError(`no job ${jobId} in the simulator`);
    return job;
  };
  const setState = (job: SimulatedJob<Req>, next: JobState) => {
    if (job.state === next) return;
    job.state = next;
    if (isTerminal(next)) job.completed_at = isoSeconds(settings.now());
    notifyJob(outbox, job, jobView(job), settings.now());
  };

  const advance = (jobId: string): JobState => {
    const job = jobOf(jobId);
    if (job.state === "QUEUED") {
      for (const f of job.files) f.state = "FILE_PROCESSING";
      setState(job, "PROCESSING");
    } else if (job.state === "PROCESSING") {
      let budget = settings.filesPerStep;
      for (const f of job.files) {
        if (budget <= 0) break;
        if (f.state !== "FILE_PROCESSING") continue;
        f.state = f.outcome.state;
        budget -= 1;
      }
      if (job.files.every((f) => FILE_DONE.includes(f.state))) {
        const failed = job.files.filter((f) => f.state === "FILE_FAILED").length;
        const succeeded = job.files.filter((f) => f.state === "FILE_SUCCEEDED").length;
        if (failed > 0 && succeeded === 0) {
          job.error = {
            code: "ALL_FILES_FAILED",
            message: `All ${failed} files failed; see the job's files.`,
          };
        }
        setState(job, failed === 0 ? "SUCCEEDED" : succeeded === 0 ? "FAILED" : "PARTIAL");
      }
    }
    return job.state;
  };

  return {
    options: settings,
    objects: new Set(options.objects ?? []),
    jobs,
    requests,
    faults,
    cursors,
    deliveries: outbox.deliveries,
    addJob(request, mode, files) {
      sequence += 1;
      const job: SimulatedJob<Req> = {
        seq: sequence,
        job_id: `job_${String(sequence).padStart(6, "0")}`,
        state: "QUEUED",
        submitted_at: isoSeconds(settings.now()),
        completed_at: null,
        reference_id: request.reference_id ?? null,
        request,
        mode,
        files: files.map((f) => ({ ...f, state: "FILE_QUEUED" })),
        error: null,
      };
      jobs.set(job.job_id, job);
      return job;
    },
    advance,
    runToCompletion(jobId) {
      let s = advance(jobId);
      while (!isTerminal(s)) s = advance(jobId);
      return s;
    },
    cancel(jobId) {
      const job = jobOf(jobId);
      if (job.state !== "QUEUED" && job.state !== "PROCESSING") return false;
      for (const f of job.files) if (!FILE_DONE.includes(f.state)) f.state = "FILE_CANCELED";
      setState(job, "CANCELED");
      return true;
    },
    flushWebhooks: () => outbox.flush(),
    reset() {
      jobs.clear();
      requests.clear();
      faults.clear();
      cursors.clear();
      outbox.clear();
      sequence = 0;
    },
  };
}
