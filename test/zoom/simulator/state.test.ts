import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zoomOperations } from "../../../src/zoom/simulator/operations.ts";
import { createZoomState, type FileOutcome, type JobState } from "../../../src/zoom/simulator/state.ts";
import { summaryOf } from "../../../src/zoom/simulator/views.ts";
import { zoomScribeProduct } from "../../../src/zoom-scribe/mock.ts";

const ok: FileOutcome = { state: "FILE_SUCCEEDED" };
const bad: FileOutcome = { state: "FILE_FAILED", error: { code: "UNSUPPORTED_MEDIA", message: "no" } };
const request = {
  input: { source: "S3" as const, uri: "s3://acme/in/" },
  output: { destination: "S3" as const, uri: "s3://acme/out/" },
  config: {},
};
const files = (...outcomes: FileOutcome[]) =>
  outcomes.map((outcome, i) => ({
    file_id: `f_${i + 1}`,
    input_uri: `s3://acme/in/${i}.wav`,
    output_uri: `s3://acme/out/${i}.json`,
    outcome,
  }));

describe("a Zoom simulator's jobs", () => {
  it("move QUEUED → PROCESSING → SUCCEEDED only when advanced, with a completion time at the end", () => {
    const state = createZoomState(() => ok);
    const job = state.addJob(request, "PREFIX", files(ok, ok));
    expect([job.job_id, job.state, job.completed_at]).toEqual(["job_000001", "QUEUED", null]);
    expect(state.advance(job.job_id)).toBe("PROCESSING");
    expect(summaryOf(job)).toMatchObject({ processing: 2, succeeded: 0 });
    expect(state.advance(job.job_id)).toBe("SUCCEEDED");
    expect(job.completed_at).toMatch(/Z$/);
    expect(state.advance(job.job_id)).toBe("SUCCEEDED");
  });

  it("say so, rather than run forever, when a file was changed by hand instead of by advance", () => {
    const state = createZoomState(() => ok, { filesPerStep: 1 });
    const job = state.addJob(request, "PREFIX", files(ok, ok));
    (job.files[0] as { state: string }).state = "FILE_SKIPPED"; // what the types forbid
    expect(() => state.runToCompletion(job.job_id)).toThrow(
      /changed other than by advance\(\) and cancel\(\)/,
    );
  });

  it("finish filesPerStep files a step, and end PARTIAL or FAILED from the files' outcomes", () => {
    const state = createZoomState(() => ok, { filesPerStep: 1 });
    const mixed = state.addJob(request, "PREFIX", files(ok, bad));
    state.advance(mixed.job_id);
    state.advance(mixed.job_id);
    expect(summaryOf(mixed)).toMatchObject({ succeeded: 1, processing: 1 });
    expect(state.runToCompletion(mixed.job_id)).toBe("PARTIAL");
    expect(mixed.error).toBeNull();
    const broken = state.addJob(request, "PREFIX", files(bad, bad));
    expect(state.runToCompletion(broken.job_id)).toBe("FAILED");
    expect(broken.error?.code).toBe("ALL_FILES_FAILED");
  });

  it("cancel only while QUEUED or PROCESSING, keeping the files already done", () => {
    const state = createZoomState(() => ok, { filesPerStep: 1 });
    const job = state.addJob(request, "PREFIX", files(ok, ok, ok));
    state.advance(job.job_id);
    state.advance(job.job_id);
    expect(state.cancel(job.job_id)).toBe(true);
    expect(summaryOf(job)).toMatchObject({ succeeded: 1, canceled: 2, processing: 0 });
    expect(state.cancel(job.job_id)).toBe(false);
  });

  it("refuse to advance a job they do not have, and a filesPerStep below one", () => {
    expect(() => createZoomState(() => ok).advance("job_404")).toThrow(/no job job_404/);
    expect(() => createZoomState(() => ok, { filesPerStep: 0 })).toThrow(/filesPerStep/);
  });

  it("are forgotten on reset, with the requests, faults and cursors (options and bucket stay)", () => {
    const state = createZoomState(() => ok, { objects: ["s3://acme/in/a.wav"] });
    state.addJob(request, "PREFIX", files(ok));
    state.faults.inject({ status: 500 });
    state.requests.push({ method: "GET", operationId: "x", url: "https://x.test", status: 200 });
    const cursor = state.cursors.issue("jobs", 1);
    state.reset();
    expect([state.jobs.size, state.faults.size, state.requests.length]).toEqual([0, 0, 0]);
    expect(state.cursors.redeem(cursor, "jobs")).toBeUndefined();
    expect(state.objects.has("s3://acme/in/a.wav")).toBe(true);
    expect(state.addJob(request, "PREFIX", files(ok)).job_id).toBe("job_000001");
  });
});

describe("a Zoom simulator's job list", () => {
  const STATES: (JobState | null)[] = [
    null,
    "QUEUED",
    "PROCESSING",
    "SUCCEEDED",
    "PARTIAL",
    "FAILED",
    "CANCELED",
  ];
  const step = fc.oneof(
    fc.record({ add: fc.constantFrom(ok, bad) }),
    fc.record({ advance: fc.nat() }),
    fc.record({ cancel: fc.nat() }),
    fc.record({
      list: fc.constantFrom(...STATES),
      size: fc.integer({ min: 1, max: 4 }),
      follow: fc.boolean(),
    }),
  );

  it("pages newest first, filtered by state, as a filter and sort over every job would, whatever happens between pages", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const state = createZoomState(() => ok, { filesPerStep: 1 });
        const op = zoomOperations(zoomScribeProduct, state as never);
        let cursor: { filter: JobState | null; after: number; token: string } | undefined;
        for (const s of steps) {
          const ids = [...state.jobs.keys()];
          if ("add" in s) state.addJob(request, "PREFIX", files(s.add, ok));
          else if ("advance" in s && ids.length) state.advance(ids[s.advance % ids.length]!);
          else if ("cancel" in s && ids.length) state.cancel(ids[s.cancel % ids.length]!);
          else if ("list" in s) {
            const follow = s.follow && cursor?.filter === s.list ? cursor : undefined;
            const query = new URLSearchParams({ page_size: String(s.size) });
            if (s.list) query.set("state", s.list);
            if (follow) query.set("next_page_token", follow.token);
            const page = op.list(query);
            // The list as it was before: every job, filtered and sorted on each request.
            const matching = [...state.jobs.values()]
              .filter((j) => (s.list === null || j.state === s.list) && (!follow || j.seq < follow.after))
              .sort((a, b) => b.seq - a.seq);
            const expected = matching.slice(0, s.size);
            expect(page.status).toBe(200);
            const body = page.body as { jobs: { job_id: string }[]; next_cursor: string };
            expect(body.jobs.map((j) => j.job_id)).toEqual(expected.map((j) => j.job_id));
            expect(body.next_cursor !== "").toBe(matching.length > expected.length);
            cursor = body.next_cursor
              ? { filter: s.list, after: expected.at(-1)!.seq, token: body.next_cursor }
              : undefined;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
