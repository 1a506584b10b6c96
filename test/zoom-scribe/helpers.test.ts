// The Zoom Scribe client's helpers against the simulator, through an injected fetch (no global interception).
import { describe, expect, it } from "vitest";
import {
  AuthError,
  ConflictError,
  createZoomScribeClient,
  JobFailedError,
  NotFoundError,
  PollTimeoutError,
  RateLimitError,
  ServerError,
  ValidationError,
  type ZoomScribeClientOptions,
  type ZoomScribeCreateJobRequest,
} from "../../src/zoom-scribe/index.ts";
import {
  createZoomScribeState,
  zoomScribeFetch,
  type ZoomScribeSimulatorOptions,
} from "../../src/zoom-scribe/mock.ts";

const BULK = Array.from(
  { length: 2500 },
  (_, i) => `s3://acme-bucket/bulk/r${String(i).padStart(4, "0")}.wav`,
);
const OBJECTS = [
  "s3://acme-bucket/audio/a.wav",
  "s3://acme-bucket/audio/b.mp3",
  "s3://acme-bucket/broken/x.txt",
  ...BULK,
];

function setup(sim: ZoomScribeSimulatorOptions = {}, client: Partial<ZoomScribeClientOptions> = {}) {
  const state = createZoomScribeState({ objects: OBJECTS, ...sim });
  const sleeps: number[] = [];
  const scribe = createZoomScribeClient({
    token: "test-token",
    fetch: zoomScribeFetch(state),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    ...client,
  });
  return { state, scribe, sleeps };
}

const job = (uri = "s3://acme-bucket/audio/"): ZoomScribeCreateJobRequest => ({
  input: { source: "S3", uri },
  output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
  config: { language: "en-US" },
});

const manifestOf = (n: number): ZoomScribeCreateJobRequest => ({
  ...job(),
  input: {
    mode: "MANIFEST",
    source: "S3",
    manifest: Array.from({ length: n }, (_, i) => `s3://acme-bucket/m/${i}.wav`),
  },
});

describe("zoom-scribe helpers: validation before send", () => {
  it("refuses a 1,001-item manifest before any request, naming input.manifest", async () => {
    const { scribe, state } = setup();
    const error = await scribe.jobs.create(manifestOf(1001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).sent).toBe(false);
    expect((error as ValidationError).field).toBe("input.manifest");
    expect((error as Error).message).toContain("input.manifest: 1001 items, at most 1000");
    expect(state.requests).toHaveLength(0);
  });

  it("sends it anyway with validate: false, and turns Zoom's 400 into a ValidationError with the field", async () => {
    const { scribe, state } = setup();
    const error = (await scribe.jobs
      .create(manifestOf(1001), { validate: false })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.sent).toBe(true);
    expect(error.status).toBe(400);
    expect(error.field).toBe("input.manifest");
    expect(state.requests).toHaveLength(1);
  });

  it("refuses an empty job id before sending", async () => {
    const { scribe } = setup();
    await expect(scribe.jobs.get("")).rejects.toThrow("path.jobId: 0 characters, at least 1");
  });

  it("checks raw calls too when the client opts in with validateRequests", async () => {
    const { scribe, state } = setup({}, { validateRequests: true });
    await expect(scribe.POST("/aiservices/scribe/jobs", { body: manifestOf(1001) })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(state.requests).toHaveLength(0);
    const { response } = await scribe.GET("/aiservices/scribe/jobs", { params: { query: { page_size: 5 } } });
    expect(response.status).toBe(200);
  });

  it("lets a helper call opt out with validate: false even when the client validates raw calls", async () => {
    const { scribe, state } = setup({}, { validateRequests: true });
    const error = (await scribe.jobs
      .create(manifestOf(1001), { validate: false })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error.sent).toBe(true); // Zoom's 400, not a refusal before sending
    expect(state.requests).toHaveLength(1);
  });

  it("checks path parameters of raw calls too", async () => {
    const { scribe, state } = setup({}, { validateRequests: true });
    await expect(
      scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId: "" } } }),
    ).rejects.toThrow("path.jobId: 0 characters, at least 1");
    expect(state.requests).toHaveLength(0);
  });
});

describe("zoom-scribe helpers: typed errors", () => {
  it("throws NotFoundError with Zoom's body for an unknown job", async () => {
    const { scribe } = setup();
    const error = (await scribe.jobs.get("job_nope").catch((e: unknown) => e)) as NotFoundError<{
      code: number;
      message: string;
    }>;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, operation: "getBatchJobStatus", provider: "zoom-scribe" });
    expect(error.body).toEqual({ code: 404, message: "Job job_nope not found." });
    expect(error.message).toBe("zoom-scribe getBatchJobStatus failed with 404: Job job_nope not found.");
  });

  it("throws ConflictError when canceling a finished job", async () => {
    const { scribe, state } = setup();
    const { job_id } = await scribe.jobs.create(job());
    state.runToCompletion(job_id);
    await expect(scribe.jobs.cancel(job_id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("throws AuthError for a token Zoom does not accept", async () => {
    const { scribe } = setup({}, { token: "stale-jwt" });
    await expect(scribe.jobs.list()).rejects.toBeInstanceOf(AuthError);
  });

  it("retries a 429 after its Retry-After and returns the data", async () => {
    const { scribe, state, sleeps } = setup();
    state.faults.inject({ status: 429, retryAfter: 1, operationId: "listBatchJobs" });
    await expect(scribe.jobs.list()).resolves.toMatchObject({ jobs: [] });
    expect(sleeps).toEqual([1000]);
    expect(state.requests).toHaveLength(2);
  });

  it("throws RateLimitError with retryAfterMs once the retries are used up", async () => {
    const { scribe, state } = setup();
    state.faults.inject({ status: 429, retryAfter: 3, times: 3 });
    const error = (await scribe.jobs.list().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3000);
    expect(state.requests).toHaveLength(3);
  });

  it("does not retry a create that got a 500, unless told it is idempotent", async () => {
    const { scribe, state } = setup();
    state.faults.inject({ status: 500, operationId: "submitBatchAsr" });
    await expect(scribe.jobs.create(job())).rejects.toBeInstanceOf(ServerError);
    expect(state.requests).toHaveLength(1);
    state.faults.inject({ status: 500, operationId: "submitBatchAsr" });
    await expect(scribe.jobs.create(job(), { idempotent: true })).resolves.toMatchObject({ state: "QUEUED" });
    expect(state.requests).toHaveLength(3);
  });
});

describe("zoom-scribe helpers: iterate", () => {
  it("jobs.iterate walks every job, newest first, page after page", async () => {
    const { scribe, state } = setup();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await scribe.jobs.create(job())).job_id);
    state.requests.clear();
    const seen: string[] = [];
    for await (const j of scribe.jobs.iterate({ page_size: 3 })) seen.push(j.job_id);
    expect(seen).toEqual(created.reverse());
    expect(state.requests.entries.map((r) => r.operationId)).toEqual([
      "listBatchJobs",
      "listBatchJobs",
      "listBatchJobs",
    ]);
  });

  it("jobs.iterate stops requesting pages when the loop breaks", async () => {
    const { scribe, state } = setup();
    for (let i = 0; i < 7; i++) await scribe.jobs.create(job());
    state.requests.clear();
    let n = 0;
    for await (const _ of scribe.jobs.iterate({ page_size: 3 })) if (++n === 4) break;
    expect(state.requests).toHaveLength(2);
  });

  it.each(["next_cursor", "next_page_token"] as const)(
    "files.iterate yields all 2,500 files of a job exactly once when Zoom sends %s",
    async (cursorField) => {
      const { scribe, state } = setup({ cursorField });
      const { job_id } = await scribe.jobs.create(job("s3://acme-bucket/bulk/"));
      state.requests.clear();
      const ids = new Set<string>();
      for await (const f of scribe.files.iterate(job_id, { page_size: 1000 })) ids.add(f.file_id);
      expect(ids.size).toBe(2500);
      expect(state.requests).toHaveLength(3);
    },
  );
});

describe("zoom-scribe helpers: waitForJob", () => {
  it("polls with backoff until the job succeeds, reporting its summary", async () => {
    const { scribe, sleeps } = setup({ advanceOnGet: true });
    const { job_id } = await scribe.jobs.create(job());
    const progress: string[] = [];
    const done = await scribe.waitForJob(job_id, {
      initialDelayMs: 100,
      onProgress: (j) => progress.push(`${j.state} ${j.summary.succeeded}/${j.summary.total_files}`),
    });
    expect(done.state).toBe("SUCCEEDED");
    expect(progress).toEqual(["PROCESSING 0/2", "SUCCEEDED 2/2"]);
    expect(sleeps).toEqual([100]);
  });

  it("throws JobFailedError carrying the job when every file fails", async () => {
    const { scribe } = setup({ advanceOnGet: true });
    const { job_id } = await scribe.jobs.create(job("s3://acme-bucket/broken/"));
    const error = (await scribe
      .waitForJob(job_id, { initialDelayMs: 1 })
      .catch((e: unknown) => e)) as JobFailedError<{ state: string }>;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.job.state).toBe("FAILED");
    expect(error.message).toMatch(/^zoom-scribe: job job_000001 ended FAILED \(ALL_FILES_FAILED: /);
  });

  it("gives up with PollTimeoutError and the last state when the job never moves", async () => {
    let clock = 0;
    const { scribe, state } = setup({}, { sleep: async (ms) => void (clock += ms) });
    const { job_id } = await scribe.jobs.create(job());
    const error = (await scribe
      .waitForJob(job_id, {
        timeoutMs: 10_000,
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
        random: () => 0,
      })
      .catch((e: unknown) => e)) as PollTimeoutError<{ state: string }>;
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error.lastState?.state).toBe("QUEUED");
    expect(state.requests.entries.filter((r) => r.operationId === "getBatchJobStatus").length).toBe(
      error.polls,
    );
  });
});

describe("zoom-scribe helpers: redaction", () => {
  it("keeps the token and the AWS credentials out of errors and log lines", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (m: string, d: object) => lines.push(`${m} ${JSON.stringify(d)}`),
      warn: (m: string, d: object) => lines.push(`${m} ${JSON.stringify(d)}`),
    };
    const echo = async (request: Request) => {
      const body = await request.text();
      // A provider that echoes the whole request, credentials and all, in its error.
      return Response.json(
        { code: 500, message: `failed: ${request.headers.get("authorization")} ${body}` },
        { status: 503 },
      );
    };
    const scribe = createZoomScribeClient({
      token: "super-secret-jwt",
      fetch: echo,
      logger,
      sleep: async () => {},
      maxRetries: 1,
    });
    const body = job();
    body.input = {
      ...body.input,
      auth: {
        aws: {
          access_key_id: "AKIAEXAMPLE",
          secret_access_key: "wJalrXUtnFEMI",
          session_token: "FwoGZXIvYXdzE",
        },
      },
    } as typeof body.input;
    body.notifications = { webhook_url: "https://example.com/h", secret: "hmac-secret-value" };
    const error = await scribe.jobs.create(body, { idempotent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    const everything = [String(error), (error as Error).message, JSON.stringify(error), ...lines].join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ["super-secret-jwt", "wJalrXUtnFEMI", "FwoGZXIvYXdzE", "hmac-secret-value"]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain("AKIAEXAMPLE"); // an access key id is not a secret
  });
});
