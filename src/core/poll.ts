// Waiting for a job: poll, back off exponentially up to a cap (as AWS waiters do, not at a fixed
// interval), never two polls at once, and give up at a deadline with the last state seen.
import { sleep as realSleep } from "./sleep.ts";

export interface WaitForJobOptions<TJob> {
  /** The job reached a state it stays in and that counts as done. */
  isDone(job: TJob): boolean;
  /** The job reached a state it stays in and that counts as failed: waitForJob throws JobFailedError. */
  isFailed?(job: TJob): boolean;
  /** Delay after the first poll. Default 1 s. */
  initialDelayMs?: number;
  /** Cap of the doubling delay. Default 30 s. */
  maxDelayMs?: number;
  /** Give up after this long. Default 30 min. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called after every poll with the job as it is now. */
  onProgress?(job: TJob, progress: { polls: number; elapsedMs: number }): void;
  /** For errors: the spec id. */
  provider?: string;
  /** For JobFailedError's message. */
  describeFailure?(job: TJob): string;
  /** Secret values (the client's tokens) to scrub from the job an error carries, should the API echo them. */
  secrets?: () => readonly string[];
  /** For tests: the clock, how to wait, and the jitter source. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export async function waitForJob<TJob>(
  get: (signal?: AbortSignal) => Promise<TJob>,
  options: WaitForJobOptions<TJob>,
): Promise<TJob> {
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const initial = options.initialDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const provider = options.provider ?? "waitForJob";
  for (const [name, value] of [
    ["initialDelayMs", initial],
    ["maxDelayMs", cap],
    ["timeoutMs", timeoutMs],
  ] as const) {
    if (!(value >= 0))
      throw new RangeError(`waitForJob.${name}: expected a number ≥ 0, got ${String(value)}`);
  }
  const start = now();
  let last: TJob | undefined;
  for (let polls = 1; ; polls++) {
    options.signal?.throwIfAborted();
    last = await get(options.signal);
    const elapsedMs = now() - start;
    options.onProgress?.(last, { polls, elapsedMs });
    if (options.isFailed?.(last)) {
      const { JobFailedError } = await import("./errors.ts"); // loaded when the first error is made
      throw new JobFailedError(options.describeFailure?.(last) ?? `${provider}: the job failed`, {
        provider,
        job: last,
        secrets: options.secrets?.(),
      });
    }
    if (options.isDone(last)) return last;
    const remaining = timeoutMs - elapsedMs;
    if (remaining <= 0) {
      const { PollTimeoutError } = await import("./errors.ts");
      throw new PollTimeoutError({
        provider,
        lastState: last,
        polls,
        elapsedMs,
        timeoutMs,
        secrets: options.secrets?.(),
      });
    }
    // Full delay doubles each poll up to the cap; jitter takes off up to a quarter so clients spread out.
    const delay = Math.min(cap, initial * 2 ** (polls - 1)) * (1 - 0.25 * random());
    await wait(Math.min(Math.round(delay), remaining), options.signal);
  }
}
