// Conformance of Zoom Scribe's batch API with specs/zoom-scribe: every request and response of every test
// is validated against the spec (see harness/checked-fetch.ts), and each test checks one behaviour.
// Runs against the built-in simulator, or against a live API when BATCHSPEC_ZOOM_SCRIBE_BASE_URL and
// BATCHSPEC_ZOOM_SCRIBE_TOKEN are set (tests that need to steer the simulator are then skipped).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { components } from "../generated/zoom-scribe.ts";
import { createZoomScribeClient, nextZoomCursor, ZOOM_SCRIBE_BASE_URL } from "../src/zoom-scribe/index.ts";
import { createZoomScribeState, zoomScribeHandlers } from "../src/zoom-scribe/mock.ts";
import { zoomScribeSpec, zoomScribeValidator } from "../src/zoom-scribe/spec.ts";
import {
  createCheckedFetch,
  documentedStatuses,
  envName,
  provokedStatuses,
  selectTarget,
} from "./harness/index.ts";

type CreateJobRequest = components["schemas"]["CreateJobRequest"];

const target = selectTarget("zoom-scribe", { baseUrl: ZOOM_SCRIBE_BASE_URL, token: "conformance-token" });
const simulated = target.kind === "simulator";
const liveJobId = process.env[envName("zoom-scribe", "JOB_ID")];

const validator = zoomScribeValidator();
const checked = createCheckedFetch(validator, target.baseUrl);
// No retries: the suite must see every status the API sends.
const scribe = createZoomScribeClient({
  token: target.token,
  baseUrl: target.baseUrl,
  fetch: checked.fetch,
  maxRetries: 0,
});
const withToken = (token: string) =>
  createZoomScribeClient({ token, baseUrl: target.baseUrl, fetch: checked.fetch, maxRetries: 0 });

const SEED_PREFIX = "s3://acme-bucket/audio/2025/11/";
const BULK_FILES = Array.from(
  { length: 2500 },
  (_, i) => `s3://acme-bucket/bulk/rec_${String(i + 1).padStart(4, "0")}.wav`,
);
const BUCKET = [
  `${SEED_PREFIX}call_0001.wav`,
  `${SEED_PREFIX}call_0002.mp3`,
  `${SEED_PREFIX}sub/call_0003.wav`,
  `${SEED_PREFIX}tmp/scratch.wav`,
  `${SEED_PREFIX}notes.txt`,
  "s3://acme-bucket/mixed/good.wav",
  "s3://acme-bucket/mixed/bad.ogg",
  "s3://acme-bucket/broken/a.flac",
  "s3://acme-bucket/broken/b.aac",
  ...BULK_FILES,
];

const state = createZoomScribeState({
  token: target.token,
  forbiddenTokens: ["no-plan-token"],
  objects: BUCKET,
});
const server = setupServer(...zoomScribeHandlers(state, { baseUrl: target.baseUrl }));

/** The seed's request example, read from the spec itself. */
function specExample(name: string): CreateJobRequest {
  const post = (zoomScribeSpec.paths?.["/aiservices/scribe/jobs"] as Record<string, any>).post;
  return structuredClone(
    post.requestBody.content["application/json"].examples[name].value,
  ) as CreateJobRequest;
}

const prefixJob = (prefix: string, extra: Partial<CreateJobRequest> = {}): CreateJobRequest => ({
  input: { mode: "PREFIX", source: "S3", uri: prefix },
  output: { destination: "S3", uri: "s3://acme-bucket/transcripts/", layout: "PREFIX" },
  config: { language: "en-US" },
  ...extra,
});

async function createJob(body: CreateJobRequest): Promise<string> {
  const { data, error, response } = await scribe.POST("/aiservices/scribe/jobs", { body });
  expect(error, `create failed with ${response.status}`).toBeUndefined();
  return data!.job_id;
}

/** Sends a raw request through the checked fetch (for bodies the typed client would not let us build). */
async function rawRequest(
  method: string,
  path: string,
  init: { body?: string; contentType?: string; token?: string | null } = {},
) {
  const headers = new Headers();
  if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? target.token}`);
  if (init.contentType) headers.set("Content-Type", init.contentType);
  const response = await checked.fetch(
    new Request(`${target.baseUrl}${path}`, { method, headers, body: init.body }),
  );
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

type FileList = components["schemas"]["FileList"];

/** Reads every page of a job's files with raw calls, following the cursor until a page has none. */
async function walkFiles(jobId: string, pageSize = 1000, maxPages = 10_000): Promise<FileList[]> {
  const pages: FileList[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: {
        path: { jobId },
        query: { page_size: pageSize, ...(cursor ? { next_page_token: cursor } : {}) },
      },
    });
    expect(error).toBeUndefined();
    pages.push(data!);
    cursor = nextZoomCursor(data!);
  } while (cursor && pages.length < maxPages);
  expect(cursor, "the walk ended before the last page").toBeUndefined();
  return pages;
}

let firstExchange = 0;
beforeAll(() => {
  if (simulated) server.listen({ onUnhandledRequest: "error" });
});
beforeEach(() => {
  firstExchange = checked.exchanges.length;
});
afterEach(() => {
  // The point of the suite: whatever a test did, every exchange matched the spec.
  const problems = checked.problems(firstExchange);
  if (simulated) {
    server.resetHandlers();
    state.reset();
  }
  expect(problems, "requests and responses must match specs/zoom-scribe").toEqual([]);
});
afterAll(() => server.close());

describe("zoom-scribe: create a job (submitBatchAsr)", () => {
  it.skipIf(!simulated)("accepts the seed's PREFIX example and answers 201 with a QUEUED job", async () => {
    const { data, response } = await scribe.POST("/aiservices/scribe/jobs", {
      body: specExample("prefixWithGlobs"),
    });
    expect(response.status).toBe(201);
    expect(data?.state).toBe("QUEUED");
    expect(data?.job_id).toMatch(/^job_/);
  });

  it.skipIf(!simulated)("expands a PREFIX input with its include globs, then its exclude globs", async () => {
    const jobId = await createJob(specExample("prefixWithGlobs"));
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: { path: { jobId } },
    });
    // include **/*.wav and **/*.mp3, exclude **/tmp/**: notes.txt and tmp/scratch.wav are left out.
    expect(data?.files.map((f) => f.input_uri)).toEqual([
      `${SEED_PREFIX}call_0001.wav`,
      `${SEED_PREFIX}call_0002.mp3`,
      `${SEED_PREFIX}sub/call_0003.wav`,
    ]);
    expect(data?.files.every((f) => f.state === "FILE_QUEUED" && f.output_uri === null)).toBe(true);
  });

  it.skipIf(!simulated)("accepts a MANIFEST input and takes its files as listed", async () => {
    const jobId = await createJob(specExample("manifestWithWebhook"));
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(data?.summary.total_files).toBe(2);
    expect(data?.input?.mode).toBe("MANIFEST");
  });

  it("refuses a manifest of 1,001 files with 400 naming input.manifest", async () => {
    const body: CreateJobRequest = {
      ...prefixJob(SEED_PREFIX),
      input: {
        mode: "MANIFEST",
        source: "S3",
        manifest: Array.from({ length: 1001 }, (_, i) => `s3://acme-bucket/m/${i}.wav`),
      },
    };
    const { error, response } = await checked.expectInvalid(() =>
      scribe.POST("/aiservices/scribe/jobs", { body }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(error)).toContain("input.manifest");
  });

  it("refuses 11 include globs with 400 naming input.filters.include_globs", async () => {
    const body = prefixJob(SEED_PREFIX);
    (body.input as { filters?: object }).filters = {
      include_globs: Array.from({ length: 11 }, (_, i) => `*.${i}`),
    };
    const { error, response } = await checked.expectInvalid(() =>
      scribe.POST("/aiservices/scribe/jobs", { body }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(error)).toContain("input.filters.include_globs");
  });

  it("refuses a body without output with 400 naming output", async () => {
    const { output: _omitted, ...body } = prefixJob(SEED_PREFIX);
    const { status, body: error } = await checked.expectInvalid(() =>
      rawRequest("POST", "/aiservices/scribe/jobs", {
        body: JSON.stringify(body),
        contentType: "application/json",
      }),
    );
    expect(status).toBe(400);
    expect(JSON.stringify(error)).toContain("output");
  });

  it("refuses a body that is not JSON with 400", async () => {
    const { status } = await checked.expectInvalid(() =>
      rawRequest("POST", "/aiservices/scribe/jobs", { body: "{not json", contentType: "application/json" }),
    );
    expect(status).toBe(400);
  });

  it.skipIf(!simulated)("refuses a body that is not application/json with 415", async () => {
    const { status } = await checked.expectInvalid(() =>
      rawRequest("POST", "/aiservices/scribe/jobs", { body: "input=x", contentType: "text/plain" }),
    );
    expect(status).toBe(415);
  });

  it("refuses a request without a token with 401", async () => {
    const { status, body } = await checked.expectInvalid(() =>
      rawRequest("POST", "/aiservices/scribe/jobs", {
        body: JSON.stringify(prefixJob(SEED_PREFIX)),
        contentType: "application/json",
        token: null,
      }),
    );
    expect(status).toBe(401);
    expect(typeof body?.message).toBe("string");
  });

  it.skipIf(!simulated)("refuses a token without a Scribe plan with 403", async () => {
    const { response } = await withToken("no-plan-token").POST("/aiservices/scribe/jobs", {
      body: prefixJob(SEED_PREFIX),
    });
    expect(response.status).toBe(403);
  });

  it.skipIf(!simulated)("answers 404 when the input bucket does not exist", async () => {
    const { response } = await scribe.POST("/aiservices/scribe/jobs", {
      body: prefixJob("s3://no-such-bucket/audio/"),
    });
    expect(response.status).toBe(404);
  });

  it.skipIf(!simulated)("answers 422 when a PREFIX matches no file", async () => {
    const { response, error } = await scribe.POST("/aiservices/scribe/jobs", {
      body: prefixJob("s3://acme-bucket/empty/"),
    });
    expect(response.status).toBe(422);
    expect(error?.message).toContain("s3://acme-bucket/empty/");
  });

  it.skipIf(!simulated)("answers 422 when a SINGLE output layout gets several input files", async () => {
    const body = prefixJob(SEED_PREFIX, {
      output: { destination: "S3", uri: "s3://acme-bucket/transcripts/one.json", layout: "SINGLE" },
    });
    const { response } = await scribe.POST("/aiservices/scribe/jobs", { body });
    expect(response.status).toBe(422);
  });

  it.skipIf(!simulated)("answers 429 with Retry-After when rate limited", async () => {
    state.faults.inject({ status: 429, retryAfter: 2, operationId: "submitBatchAsr" });
    const { response } = await scribe.POST("/aiservices/scribe/jobs", { body: prefixJob(SEED_PREFIX) });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
  });
});

describe("zoom-scribe: list jobs (listBatchJobs)", () => {
  it.skipIf(!simulated)("lists jobs newest first and filters by state", async () => {
    const older = await createJob(prefixJob(SEED_PREFIX));
    const newer = await createJob(prefixJob(SEED_PREFIX));
    state.runToCompletion(older);
    const all = await scribe.GET("/aiservices/scribe/jobs");
    expect(all.data?.jobs.map((j) => j.job_id)).toEqual([newer, older]);
    expect(nextZoomCursor(all.data!)).toBeUndefined();
    const queued = await scribe.GET("/aiservices/scribe/jobs", { params: { query: { state: "QUEUED" } } });
    expect(queued.data?.jobs.map((j) => j.job_id)).toEqual([newer]);
  });

  it("walks every job exactly once, the last page without a cursor", async () => {
    if (simulated) for (let i = 0; i < 7; i++) await createJob(prefixJob(SEED_PREFIX));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data, error } = await scribe.GET("/aiservices/scribe/jobs", {
        params: { query: { page_size: simulated ? 3 : 100, ...(cursor ? { next_page_token: cursor } : {}) } },
      });
      expect(error).toBeUndefined();
      seen.push(...data!.jobs.map((j) => j.job_id));
      cursor = nextZoomCursor(data!);
      pages += 1;
    } while (cursor && pages < 1000);
    expect(cursor).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
    if (simulated) {
      expect(pages).toBe(3);
      expect(seen).toHaveLength(7);
    }
  });

  it.each([
    ["page_size 0", "page_size=0", "query.page_size"],
    ["page_size 101", "page_size=101", "query.page_size"],
    ["an unknown state", "state=DONE", "query.state"],
  ])("refuses %s with 400", async (_name, query, field) => {
    const { status, body } = await checked.expectInvalid(() =>
      rawRequest("GET", `/aiservices/scribe/jobs?${query}`),
    );
    expect(status).toBe(400);
    if (simulated) expect(JSON.stringify(body)).toContain(field);
  });

  it("refuses a cursor it did not issue with 400", async () => {
    const { response } = await scribe.GET("/aiservices/scribe/jobs", {
      params: { query: { next_page_token: "not-a-cursor!" } },
    });
    expect(response.status).toBe(400);
  });

  it("refuses a wrong token with 401", async () => {
    const { response } = await withToken("wrong-token").GET("/aiservices/scribe/jobs");
    expect(response.status).toBe(401);
  });
});

describe("zoom-scribe: get a job (getBatchJobStatus)", () => {
  it.skipIf(!simulated)(
    "returns the job with its summary and the request echoed without credentials",
    async () => {
      const jobId = await createJob(specExample("prefixWithGlobs"));
      const { data, response } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", {
        params: { path: { jobId } },
      });
      expect(response.status).toBe(200);
      expect(data?.summary).toMatchObject({ total_files: 3, queued: 3, succeeded: 0 });
      expect(data?.reference_id).toBe("import-2025-11");
      expect(JSON.stringify(data)).not.toContain("wJalrX");
    },
  );

  it("answers 404 for an unknown job", async () => {
    const { response } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", {
      params: { path: { jobId: "job_batchspec_does_not_exist" } },
    });
    expect(response.status).toBe(404);
  });
});

describe("zoom-scribe: lifecycle", () => {
  it.skipIf(!simulated)("create → poll → SUCCEEDED → list files → cancel refused with 409", async () => {
    const jobId = await createJob(specExample("prefixWithGlobs"));
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
      seen.push(data!.state);
      if (data!.state === "SUCCEEDED") {
        expect(data!.summary).toMatchObject({ total_files: 3, succeeded: 3, failed: 0 });
        expect(data!.completed_at).toBeTruthy();
        break;
      }
      state.advance(jobId);
    }
    expect(seen).toEqual(["QUEUED", "PROCESSING", "SUCCEEDED"]);
    const files = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", { params: { path: { jobId } } });
    expect(files.data?.files.map((f) => f.output_uri)).toEqual([
      "s3://acme-bucket/transcripts/2025/11/call_0001.json",
      "s3://acme-bucket/transcripts/2025/11/call_0002.json",
      "s3://acme-bucket/transcripts/2025/11/sub/call_0003.json",
    ]);
    const cancel = await scribe.DELETE("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(cancel.response.status).toBe(409);
  });

  it.skipIf(!simulated)("cancels a QUEUED job with 204; the job and its files become CANCELED", async () => {
    const jobId = await createJob(prefixJob(SEED_PREFIX));
    const cancel = await scribe.DELETE("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(cancel.response.status).toBe(204);
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(data?.state).toBe("CANCELED");
    expect(data?.summary.canceled).toBe(data?.summary.total_files);
  });

  it.skipIf(!simulated)("cancels a PROCESSING job with 204, keeping the files already done", async () => {
    const slow = createZoomScribeState({ token: target.token, objects: BUCKET, filesPerStep: 1000 });
    server.use(...zoomScribeHandlers(slow, { baseUrl: target.baseUrl }));
    const jobId = await createJob(prefixJob("s3://acme-bucket/bulk/"));
    slow.advance(jobId); // PROCESSING
    slow.advance(jobId); // 1,000 of 2,500 files done
    const cancel = await scribe.DELETE("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(cancel.response.status).toBe(204);
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } });
    expect(data?.state).toBe("CANCELED");
    expect(data?.summary).toMatchObject({
      total_files: 2500,
      succeeded: 1000,
      canceled: 1500,
      processing: 0,
    });
  });

  it.skipIf(!simulated)("ends PARTIAL when some files fail and FAILED when all do", async () => {
    const mixed = await createJob(prefixJob("s3://acme-bucket/mixed/"));
    const broken = await createJob(prefixJob("s3://acme-bucket/broken/"));
    expect(state.runToCompletion(mixed)).toBe("PARTIAL");
    expect(state.runToCompletion(broken)).toBe("FAILED");
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", {
      params: { path: { jobId: broken } },
    });
    expect(data?.state).toBe("FAILED");
    expect(data?.error?.code).toBeTruthy();
    const files = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: { path: { jobId: mixed } },
    });
    const failed = files.data?.files.find((f) => f.state === "FILE_FAILED");
    expect(failed?.error?.code).toBe("UNSUPPORTED_MEDIA");
    expect(failed?.output_uri).toBeNull();
  });

  it("answers 404 when canceling an unknown job", async () => {
    const { response } = await scribe.DELETE("/aiservices/scribe/jobs/{jobId}", {
      params: { path: { jobId: "job_batchspec_does_not_exist" } },
    });
    expect(response.status).toBe(404);
  });
});

describe("zoom-scribe: job files (listBatchJobFiles, getBatchScribeJobFile)", () => {
  it.skipIf(!simulated)(
    "walks a job of 2,500 files at page_size 1000: every file exactly once, the last page without a cursor",
    async () => {
      const jobId = await createJob(prefixJob("s3://acme-bucket/bulk/"));
      const pages = await walkFiles(jobId, 1000);
      const files = pages.flatMap((p) => p.files);
      expect(pages.map((p) => p.files.length)).toEqual([1000, 1000, 500]);
      expect(new Set(files.map((f) => f.file_id)).size).toBe(2500);
      expect(files.map((f) => f.input_uri).sort()).toEqual([...BULK_FILES].sort());
      expect(nextZoomCursor(pages.at(-1)!)).toBeUndefined();
    },
  );

  it.skipIf(simulated || !liveJobId)(
    "walks every file of BATCHSPEC_ZOOM_SCRIBE_JOB_ID exactly once",
    async () => {
      const ids = (await walkFiles(liveJobId!)).flatMap((p) => p.files.map((f) => f.file_id));
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it.skipIf(!simulated)("refuses a cursor issued for another job with 400", async () => {
    const a = await createJob(prefixJob("s3://acme-bucket/bulk/"));
    const b = await createJob(prefixJob("s3://acme-bucket/bulk/"));
    const first = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: { path: { jobId: a }, query: { page_size: 10 } },
    });
    const cursor = nextZoomCursor(first.data!);
    expect(cursor).toBeTruthy();
    const other = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: { path: { jobId: b }, query: { next_page_token: cursor! } },
    });
    expect(other.response.status).toBe(400);
  });

  it.skipIf(!simulated)("refuses page_size 1001 with 400", async () => {
    const jobId = await createJob(prefixJob(SEED_PREFIX));
    const { status } = await checked.expectInvalid(() =>
      rawRequest("GET", `/aiservices/scribe/jobs/${jobId}/files?page_size=1001`),
    );
    expect(status).toBe(400);
  });

  it("answers 404 for the files of an unknown job", async () => {
    const { response } = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files", {
      params: { path: { jobId: "job_batchspec_does_not_exist" } },
    });
    expect(response.status).toBe(404);
  });

  it.skipIf(!simulated)("gets one file, and 404 for a file the job does not have", async () => {
    const jobId = await createJob(prefixJob(SEED_PREFIX));
    state.runToCompletion(jobId);
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files/{fileId}", {
      params: { path: { jobId, fileId: "f_001" } },
    });
    expect(data).toMatchObject({ file_id: "f_001", state: "FILE_SUCCEEDED" });
    expect(data?.duration_sec).toBeGreaterThan(0);
    const missing = await scribe.GET("/aiservices/scribe/jobs/{jobId}/files/{fileId}", {
      params: { path: { jobId, fileId: "f_999" } },
    });
    expect(missing.response.status).toBe(404);
  });
});

describe("zoom-scribe: the cursor field", () => {
  it.skipIf(!simulated).each(["next_cursor", "next_page_token", "both"] as const)(
    "a client reading either name walks every page when the API sends %s",
    async (field) => {
      const local = createZoomScribeState({ token: target.token, objects: BUCKET, cursorField: field });
      server.use(...zoomScribeHandlers(local, { baseUrl: target.baseUrl }));
      const jobId = (
        await scribe.POST("/aiservices/scribe/jobs", { body: prefixJob("s3://acme-bucket/bulk/") })
      ).data!.job_id;
      const pages = await walkFiles(jobId, 1000);
      const other = field === "next_cursor" ? "next_page_token" : "next_cursor";
      if (field !== "both") expect(pages.some((p) => other in p)).toBe(false);
      expect(pages.reduce((n, p) => n + p.files.length, 0)).toBe(2500);
    },
  );
});

describe("zoom-scribe: every documented status code", () => {
  // What cannot be provoked by a request alone (a 500, a rate limit, a 404 on a list) is injected as a
  // fault; the error body Zoom documents for it must still match the spec.
  it.skipIf(!simulated)(
    "answers each documented error status of each operation in Zoom's error body",
    async () => {
      const jobId = await createJob(prefixJob(SEED_PREFIX));
      const calls: Record<string, () => Promise<{ response: Response }>> = {
        submitBatchAsr: () => scribe.POST("/aiservices/scribe/jobs", { body: prefixJob(SEED_PREFIX) }),
        listBatchJobs: () => scribe.GET("/aiservices/scribe/jobs"),
        getBatchJobStatus: () =>
          scribe.GET("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } }),
        cancelBatchJob: () =>
          scribe.DELETE("/aiservices/scribe/jobs/{jobId}", { params: { path: { jobId } } }),
        listBatchJobFiles: () =>
          scribe.GET("/aiservices/scribe/jobs/{jobId}/files", { params: { path: { jobId } } }),
        getBatchScribeJobFile: () =>
          scribe.GET("/aiservices/scribe/jobs/{jobId}/files/{fileId}", {
            params: { path: { jobId, fileId: "f_001" } },
          }),
      };
      const provoked = provokedStatuses(checked.exchanges);
      for (const entry of documentedStatuses(validator)) {
        const [operationId, status] = entry.split(" ") as [string, string];
        if (Number(status) < 400 || provoked.has(entry)) continue;
        state.faults.inject({
          status: Number(status),
          operationId,
          ...(status === "429" ? { retryAfter: 1 } : {}),
        });
        const { response } = await calls[operationId]!();
        expect(response.status, entry).toBe(Number(status));
      }
    },
  );

  it("provoked every status code the spec documents for every operation", () => {
    const provoked = provokedStatuses(checked.exchanges);
    const missing = [...documentedStatuses(validator)].filter((s) => !provoked.has(s));
    if (simulated) expect(missing).toEqual([]);
    else console.info(`zoom-scribe live: not provoked: ${missing.join(", ") || "none"}`);
  });
});
