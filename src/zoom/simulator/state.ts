// The explicit state of a Zoom batch simulator: its options, the simulated bucket, the jobs and their
// files, and the kit's pieces (faults, request log, cursors, webhook deliveries). Jobs move along their
// lifecycle only when a test says so (`advance`, `runToCompletion`, or `advanceOnGet`).
import type { components } from "../../../generated/zoom-shared.ts";
import {
  CursorBook,
  FaultQueue,
  isoSeconds,
  Outbox,
  PositionIndex,
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
  /** Moved only by the state (`advance`, `cancel`), which keeps its job's `fileCounts` with it. */
  readonly state: FileState;
  outcome: FileOutcome;
}

export interface SimulatedJob<Req extends ZoomCreateRequest = ZoomCreateRequest> {
  /** Creation order; the list is newest first. */
  seq: number;
  job_id: string;
  /** Moved only by the state (`advance`, `cancel`), which keeps its list index with it. */
  readonly state: JobState;
  submitted_at: string;
  completed_at: string | null;
  reference_id: string | null;
  request: Req;
  mode: "SINGLE" | "PREFIX" | "MANIFEST";
  /** Its files, in order, as the job was created with them. */
  files: SimulatedFile[];
  /** How many of its files are in each state, kept as they move (what its summary reports). */
  readonly fileCounts: Readonly<Record<FileState, number>>;
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
  readonly jobs: ReadonlyMap<string, SimulatedJob<Req>>;
  /** The requests the simulator handled, oldest first (bounded). */
  readonly requests: RequestLog;
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429, retryAfter: 2 })`. */
  readonly faults: FaultQueue;
  /** The cursors the simulator issued (others are refused with 400). */
  readonly cursors: CursorBook<number>;
  /** Every job notification sent, in order. */
  readonly deliveries: WebhookDelivery[];
  /**
   * The jobs newest first (the order the list returns them), starting just below `beforeSeq` (from the
   * newest when left out), only those in `inState` when it is given. Each job costs O(log n) to reach,
   * so a page is O(page size · log n) however many jobs there are or the filter skips.
   */
  newestFirst(beforeSeq?: number, inState?: string): Iterable<SimulatedJob<Req>>;
  /** The file of a job by its id, in O(1). */
  fileOf(job: SimulatedJob<Req>, fileId: string): SimulatedFile | undefined;
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

export const isTerminal = (state: JobState) => TERMINAL.includes(state);

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Counts = Record<FileState, number>;

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
  // The jobs in creation order (a job's position is its seq - 1), and the positions by job state.
  let created: SimulatedJob<Req>[] = [];
  const byState = new PositionIndex<string>();
  // Where each PROCESSING job's next step starts: the files before it are done.
  const nextFile = new WeakMap<SimulatedJob<Req>, number>();
  // Jobs whose file ids number their files in order; the others' files by id, made when first asked.
  const numbered = new WeakSet<SimulatedJob<Req>>();
  const filesById = new WeakMap<SimulatedJob<Req>, Map<string, SimulatedFile>>();
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
    (job as Writable<SimulatedJob<Req>>).state = next;
    byState.move(job.seq - 1, next);
    if (isTerminal(next)) job.completed_at = isoSeconds(settings.now());
    notifyJob(outbox, job, jobView(job), settings.now());
  };
  const moveFile = (job: SimulatedJob<Req>, file: SimulatedFile, next: FileState) => {
    const counts = job.fileCounts as Counts;
    counts[file.state] -= 1;
    counts[next] += 1;
    (file as Writable<SimulatedFile>).state = next;
  };

  const advance = (jobId: string): JobState => {
    const job = jobOf(jobId);
    const { files } = job;
    if (job.state === "QUEUED") {
      for (const f of files) if (f.state === "FILE_QUEUED") moveFile(job, f, "FILE_PROCESSING");
      nextFile.set(job, 0);
      setState(job, "PROCESSING");
    } else if (job.state === "PROCESSING") {
      // Each step goes on from where the last one stopped: O(files it moves), not O(files done).
      let at = nextFile.get(job) ?? 0;
      for (let budget = settings.filesPerStep; budget > 0 && at < files.length; at++) {
        const f = files[at]!;
        if (f.state !== "FILE_PROCESSING") continue;
        moveFile(job, f, f.outcome.state);
        budget -= 1;
      }
      nextFile.set(job, at);
      const counts = job.fileCounts;
      if (counts.FILE_QUEUED + counts.FILE_PROCESSING === 0) {
        const failed = counts.FILE_FAILED;
        const succeeded = counts.FILE_SUCCEEDED;
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

  function* newestFirst(beforeSeq?: number, inState?: string): Generator<SimulatedJob<Req>> {
    // A job's position is its seq - 1: start at the one just below `beforeSeq`.
    let at = Math.min(beforeSeq === undefined ? created.length : Math.floor(beforeSeq) - 1, created.length);
    for (;;) {
      at = inState === undefined ? at - 1 : byState.previous(inState, at);
      if (!(at >= 0)) return;
      const job = created[at]!;
      // A job taken out of `jobs` by hand is no longer listed.
      if (jobs.get(job.job_id) === job) yield job;
    }
  }

  return {
    options: settings,
    objects: new Set(options.objects ?? []),
    jobs,
    requests,
    faults,
    cursors,
    deliveries: outbox.deliveries,
    newestFirst,
    fileOf(job, fileId) {
      // Files whose ids number them in order (create's `f_001`, `f_002`, ...) are found by position.
      if (numbered.has(job)) {
        const file = job.files[Number(/^f_(\d+)$/.exec(fileId)?.[1] ?? 0) - 1];
        return file?.file_id === fileId ? file : undefined;
      }
      let index = filesById.get(job);
      if (!index) {
        index = new Map();
        // The first file with an id wins, as a search from the start would find.
        for (const f of job.files) if (!index.has(f.file_id)) index.set(f.file_id, f);
        filesById.set(job, index);
      }
      return index.get(fileId);
    },
    addJob(request, mode, files) {
      sequence += 1;
      const counts: Counts = {
        FILE_QUEUED: files.length,
        FILE_PROCESSING: 0,
        FILE_SUCCEEDED: 0,
        FILE_FAILED: 0,
        FILE_CANCELED: 0,
        FILE_SKIPPED: 0,
      };
      const job: SimulatedJob<Req> = {
        seq: sequence,
        job_id: `job_${String(sequence).padStart(6, "0")}`,
        state: "QUEUED",
        submitted_at: isoSeconds(settings.now()),
        completed_at: null,
        reference_id: request.reference_id ?? null,
        request,
        mode,
        // One literal shape for every file (a spread makes objects ~40× slower to move along).
        files: files.map((f) => ({
          file_id: f.file_id,
          input_uri: f.input_uri,
          output_uri: f.output_uri,
          state: "FILE_QUEUED",
          outcome: f.outcome,
        })),
        fileCounts: counts,
        error: null,
      };
      // Ids that number the files in order are unique, so the one at a number's position is the file.
      if (job.files.every((f, i) => Number(/^f_(\d+)$/.exec(f.file_id)?.[1]) === i + 1)) numbered.add(job);
      jobs.set(job.job_id, job);
      created.push(job);
      byState.push(job.state);
      return job;
    },
    advance,
    runToCompletion(jobId) {
      // Every step moves at least one file, so a job ends within this many steps, unless its files
      // or state were changed other than by advance and cancel: then say so rather than loop forever.
      const limit = jobOf(jobId).files.length + 3;
      let s = advance(jobId);
      for (let steps = 1; !isTerminal(s); steps++) {
        if (steps > limit)
          throw new Error(
            `runToCompletion(${jobId}): the job did not finish in ${limit} steps; its files or state were changed other than by advance() and cancel()`,
          );
        s = advance(jobId);
      }
      return s;
    },
    cancel(jobId) {
      const job = jobOf(jobId);
      if (job.state !== "QUEUED" && job.state !== "PROCESSING") return false;
      // The files before where the next step would start are done: only those after it move.
      for (let at = nextFile.get(job) ?? 0; at < job.files.length; at++) {
        const f = job.files[at]!;
        if (f.state === "FILE_QUEUED" || f.state === "FILE_PROCESSING") moveFile(job, f, "FILE_CANCELED");
      }
      setState(job, "CANCELED");
      return true;
    },
    flushWebhooks: () => outbox.flush(),
    reset() {
      jobs.clear();
      created = [];
      byState.clear();
      requests.clear();
      faults.clear();
      cursors.clear();
      outbox.clear();
      sequence = 0;
    },
  };
}
