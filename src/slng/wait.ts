// Waiting for a job (waitForJob), and the checks of a wait's options that transcribe and the presigned
// upload share. Loaded when the first wait starts, with the polling it drives (poll.ts).
import type { HelperOptions } from "../core/client.ts";
import { ConfigurationError } from "../core/auth.ts";
import { helperKit } from "../core/helper-kit.ts";
import type { SlngBatchJob, SlngJobStatus, SlngWaitOptions } from "./client.ts";
import type { SlngKit } from "./kit.ts";
import { defined } from "./values.ts";

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
/** SLNG documents no limit on a job's duration (about 3× real time was observed): two hours. */
export const JOB_TIMEOUT_MS = 2 * 3_600_000;

/** waitForJob (client.ts documents it). */
export async function waitForJob(
  kit: SlngKit,
  jobId: string,
  options: SlngWaitOptions = {},
): Promise<SlngBatchJob> {
  const { provider } = kit.api;
  const { wait } = helperKit(kit.api);
  await kit.refuseId("batchJobsGet", jobId);
  checkTiming(options, "waitForJob");
  checkHooks({ onProgress: options.onProgress }, "waitForJob");
  const { request } = options;
  return wait(
    (signal) => checkedJob(kit, jobId, { ...request, ...(signal ? { signal } : {}) }),
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

/** A job with its id and a status the spec documents: what waiting relies on. */
async function checkedJob(kit: SlngKit, jobId: string, opts: HelperOptions): Promise<SlngBatchJob> {
  const job = await kit.jobs.get(jobId, opts);
  if (typeof job?.job_id !== "string" || !JOB_STATUSES.has(job.status))
    throw await helperKit(kit.api).invalid(
      "batchJobsGet",
      "is a job without its job_id or a status the spec documents",
      job,
    );
  return job;
}

/** SLNG's `error_message`, verbatim: a string, or `{ message }`. */
function failureText(value: unknown): string {
  if (typeof value === "string" && value !== "") return value;
  const message = (value as { message?: unknown } | null)?.message;
  if (typeof message === "string" && message !== "") return message;
  return "(SLNG gave no error_message)";
}

/** A wait's timing options must be numbers ≥ 0 (a ConfigurationError names the one that is not). */
export function checkTiming(
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
export function checkHooks(hooks: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(hooks))
    if (value !== undefined && typeof value !== "function")
      throw new ConfigurationError(
        `${where}.${name}: expected a function, got ${value === null ? "null" : typeof value}`,
      );
}
