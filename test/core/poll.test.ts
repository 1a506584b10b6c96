import { describe, expect, it } from "vitest";
import { JobFailedError, PollTimeoutError } from "../../src/core/errors.ts";
import { waitForJob } from "../../src/core/poll.ts";

type Job = { state: string; done: number };

/** A job that moves through `states`, one per poll, on a fake clock that only moves when we sleep. */
function fakeJob(states: string[]) {
  let clock = 0;
  let polls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sleeps: number[] = [];
  const get = async (): Promise<Job> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await Promise.resolve();
    const state = states[Math.min(polls, states.length - 1)]!;
    polls += 1;
    inFlight -= 1;
    return { state, done: polls };
  };
  const env = {
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0,
  };
  return { get, env, sleeps, polls: () => polls, maxInFlight: () => maxInFlight };
}

const isDone = (j: Job) => j.state === "DONE";
const isFailed = (j: Job) => j.state === "FAILED";

describe("waitForJob", () => {
  it("backs off exponentially up to the cap, one poll at a time", async () => {
    const job = fakeJob(["Q", "P", "P", "P", "P", "P", "DONE"]);
    const result = await waitForJob(job.get, { isDone, initialDelayMs: 1000, maxDelayMs: 8000, ...job.env });
    expect(result.state).toBe("DONE");
    expect(job.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(job.maxInFlight()).toBe(1);
  });

  it("times out with a PollTimeoutError that carries the last state", async () => {
    const job = fakeJob(["QUEUED"]);
    const error = await waitForJob(job.get, {
      isDone,
      initialDelayMs: 1000,
      maxDelayMs: 1000,
      timeoutMs: 3500,
      provider: "p",
      ...job.env,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PollTimeoutError);
    const timeout = error as PollTimeoutError<Job>;
    expect(timeout.lastState).toEqual({ state: "QUEUED", done: 5 });
    expect(timeout.polls).toBe(5);
    expect(job.sleeps).toEqual([1000, 1000, 1000, 500]); // the last wait is cut to the deadline
    expect(timeout.message).toBe("p: the job did not finish within 3500 ms (5 polls)");
  });

  it("throws JobFailedError with the job when it reaches a failed state", async () => {
    const job = fakeJob(["Q", "FAILED"]);
    const error = await waitForJob(job.get, {
      isDone,
      isFailed,
      describeFailure: (j) => `ended ${j.state}`,
      ...job.env,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError<Job>).job.state).toBe("FAILED");
    expect((error as Error).message).toBe("ended FAILED");
  });

  it("reports progress after every poll", async () => {
    const job = fakeJob(["Q", "P", "DONE"]);
    const seen: [string, number][] = [];
    await waitForJob(job.get, { isDone, onProgress: (j, p) => seen.push([j.state, p.polls]), ...job.env });
    expect(seen).toEqual([
      ["Q", 1],
      ["P", 2],
      ["DONE", 3],
    ]);
  });

  it("stops when the caller aborts", async () => {
    const job = fakeJob(["Q"]);
    const controller = new AbortController();
    const run = waitForJob(job.get, {
      isDone,
      signal: controller.signal,
      now: job.env.now,
      sleep: async (_ms, signal) => {
        controller.abort(new Error("enough"));
        signal?.throwIfAborted();
      },
    });
    await expect(run).rejects.toThrow("enough");
    expect(job.polls()).toBe(1);
  });

  it("refuses a negative delay or timeout, naming it", async () => {
    await expect(waitForJob(async () => ({}), { isDone: () => true, timeoutMs: -1 })).rejects.toThrow(
      "waitForJob.timeoutMs: expected a number ≥ 0, got -1",
    );
  });
});
