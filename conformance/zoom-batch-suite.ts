// The conformance suite of Zoom's batch APIs (Scribe, Translator): the same six operations, checked the
// same way; each provider's test file gives its paths, seed example, bucket and own refusals. Every
// request and response is validated against the provider's spec (harness/checked-fetch.ts). Runs
// against the built-in simulator, or against a live API when BATCHSPEC_<ID>_BASE_URL and
// BATCHSPEC_<ID>_TOKEN are set (tests that need to steer the simulator are then skipped).
import type { HttpHandler } from "msw";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/core/openapi-types.ts";
import type { OpenApiValidator } from "../src/core/openapi-validator.ts";
import { ZOOM_BASE_URL, type ZoomOperations } from "../src/zoom/batch-client.ts";
import type { ZoomBatchState, ZoomSimulatorOptions } from "../src/zoom/batch-simulator.ts";
import { nextZoomCursor } from "../src/zoom/pagination.ts";
import { verifyZoomWebhook } from "../src/zoom/webhook.ts";
import {
  createCheckedFetch,
  documentedStatuses,
  envName,
  provokedStatuses,
  selectTarget,
  type CheckedFetch,
} from "./harness/index.ts";

type Json = any; // bodies are checked against the spec by the harness; tests read a few fields

type RawResult = { data?: Json; error?: Json; response: Response };
/** The product's typed openapi-fetch client, seen through its common shape. */
export interface RawZoomClient {
  GET(path: string, init?: object): Promise<RawResult>;
  POST(path: string, init: object): Promise<RawResult>;
  DELETE(path: string, init: object): Promise<RawResult>;
}

export interface ZoomSuiteProduct {
  id: string;
  /** e.g. `/aiservices/scribe/jobs` */
  jobsPath: string;
  operations: ZoomOperations;
  spec: OpenApiDocument;
  validator: () => OpenApiValidator;
  client(options: {
    token: string;
    baseUrl: string;
    fetch: CheckedFetch["fetch"];
    maxRetries: number;
  }): RawZoomClient;
  state(options: ZoomSimulatorOptions): ZoomBatchState;
  handlers(state: ZoomBatchState, options: { baseUrl: string }): HttpHandler[];
  /** The seed's create example (its name under the create operation's examples). */
  seedExample: string;
  /** Files the seed example resolves to, in order, and where their outputs go. */
  seedInputs: string[];
  seedOutputs: string[];
  /** Objects under the seed's prefix that its filters must leave out. */
  seedExcluded: string[];
  seedReferenceId: string;
  /** A file name the product processes, and one it fails with UNSUPPORTED_MEDIA. */
  goodFile(name: string): string;
  badFile(name: string): string;
  /** A valid `config`. */
  config: Json;
  /** More checks of the product's own; run inside the suite, with its context. */
  extra?(ctx: SuiteContext): void;
}

export interface SuiteContext {
  api: RawZoomClient;
  checked: CheckedFetch;
  state: ZoomBatchState;
  simulated: boolean;
  prefixJob(prefix: string, extra?: Json): Json;
  seed(): Json;
  createJob(body: Json): Promise<string>;
}

export function zoomBatchSuite(p: ZoomSuiteProduct): void {
  const target = selectTarget(p.id, { baseUrl: ZOOM_BASE_URL, token: "conformance-token" });
  const simulated = target.kind === "simulator";
  const liveJobId = process.env[envName(p.id, "JOB_ID")];
  const validator = p.validator();
  const checked = createCheckedFetch(validator, target.baseUrl);
  // No retries: the suite must see every status the API sends.
  const api = p.client({ token: target.token, baseUrl: target.baseUrl, fetch: checked.fetch, maxRetries: 0 });
  const withToken = (token: string) =>
    p.client({ token, baseUrl: target.baseUrl, fetch: checked.fetch, maxRetries: 0 });
  const jobPath = `${p.jobsPath}/{jobId}`;
  const filesPath = `${jobPath}/files`;
  const filePath = `${filesPath}/{fileId}`;
  const ops = p.operations;

  const WEBHOOK_URL = "https://hooks.conformance.test/zoom";
  const SEED_PREFIX: string = seed().input.uri;
  const BULK_FILES = Array.from(
    { length: 2500 },
    (_, i) => `s3://acme-bucket/bulk/${p.goodFile(`rec_${String(i + 1).padStart(4, "0")}`)}`,
  );
  const BUCKET = [
    ...p.seedInputs,
    ...p.seedExcluded,
    `s3://acme-bucket/mixed/${p.goodFile("good")}`,
    `s3://acme-bucket/mixed/${p.badFile("bad")}`,
    `s3://acme-bucket/broken/${p.badFile("a")}`,
    `s3://acme-bucket/broken/${p.badFile("b")}`,
    ...BULK_FILES,
  ];
  const received: { headers: Headers; body: string }[] = [];
  const state = p.state({ token: target.token, forbiddenTokens: ["no-plan-token"], objects: BUCKET });
  // The receiver of job notifications: a test's own endpoint, as a user's would be.
  const receiver = http.post(WEBHOOK_URL, async ({ request }) => {
    received.push({ headers: request.headers, body: await request.text() });
    return HttpResponse.json({ status: "received" });
  });
  const server = setupServer(...p.handlers(state, { baseUrl: target.baseUrl }), receiver);

  /** The seed's request example, read from the spec itself. */
  function seed(): Json {
    const post = (p.spec.paths?.[p.jobsPath] as Record<string, Json>).post;
    const example = structuredClone(
      post.requestBody.content["application/json"].examples[p.seedExample].value,
    );
    // Verbatim, but for where notifications go: to this suite's receiver, not the example's host.
    if (example.notifications) example.notifications.webhook_url = WEBHOOK_URL;
    return example;
  }

  const prefixJob = (prefix: string, extra: Json = {}): Json => ({
    input: { mode: "PREFIX", source: "S3", uri: prefix },
    output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
    config: p.config,
    ...extra,
  });

  async function createJob(body: Json): Promise<string> {
    const { data, error, response } = await api.POST(p.jobsPath, { body });
    expect(error, `create failed with ${response.status}`).toBeUndefined();
    return data.job_id;
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
    return { status: response.status, body: (await response.json().catch(() => undefined)) as Json };
  }

  /** Reads every page of a job's files with raw calls, following the cursor until a page has none. */
  async function walkFiles(jobId: string, pageSize = 1000, maxPages = 10_000): Promise<Json[]> {
    const pages: Json[] = [];
    let cursor: string | undefined;
    do {
      const { data, error } = await api.GET(filesPath, {
        params: {
          path: { jobId },
          query: { page_size: pageSize, ...(cursor ? { next_page_token: cursor } : {}) },
        },
      });
      expect(error).toBeUndefined();
      pages.push(data);
      cursor = nextZoomCursor(data);
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
  afterEach(async () => {
    // The point of the suite: whatever a test did, every exchange matched the spec.
    const problems = checked.problems(firstExchange);
    if (simulated) {
      await state.flushWebhooks(); // no notification of this test may land in the next
      server.resetHandlers();
      state.reset();
      received.length = 0;
    }
    expect(problems, `requests and responses must match specs/${p.id}`).toEqual([]);
  });
  afterAll(() => server.close());

  const path404 = { params: { path: { jobId: "job_batchspec_does_not_exist" } } };

  describe(`${p.id}: create a job (${ops.create})`, () => {
    it.skipIf(!simulated)("accepts the seed's example and answers 201 with a QUEUED job", async () => {
      const { data, response } = await api.POST(p.jobsPath, { body: seed() });
      expect(response.status).toBe(201);
      expect(data?.state).toBe("QUEUED");
      expect(data?.job_id).toMatch(/^job_/);
    });

    it.skipIf(!simulated)(
      "expands a PREFIX input with its include globs, then its exclude globs",
      async () => {
        const jobId = await createJob(seed());
        const { data } = await api.GET(filesPath, { params: { path: { jobId } } });
        expect(data?.files.map((f: Json) => f.input_uri)).toEqual(p.seedInputs);
        expect(data?.files.every((f: Json) => f.state === "FILE_QUEUED" && f.output_uri === null)).toBe(true);
      },
    );

    it.skipIf(!simulated)("accepts a MANIFEST input and takes its files as listed", async () => {
      const manifest = [
        `s3://acme-bucket/m/${p.goodFile("one")}`,
        `https://presigned.example/${p.goodFile("two")}?X-Amz-Signature=abc`,
      ];
      const jobId = await createJob({
        ...prefixJob(SEED_PREFIX),
        input: { mode: "MANIFEST", source: "S3", manifest },
      });
      const { data } = await api.GET(jobPath, { params: { path: { jobId } } });
      expect(data?.summary.total_files).toBe(2);
      expect(data?.input?.mode).toBe("MANIFEST");
    });

    it("refuses a manifest of 1,001 files with 400 naming input.manifest", async () => {
      const manifest = Array.from({ length: 1001 }, (_, i) => `s3://acme-bucket/m/${p.goodFile(String(i))}`);
      const body = { ...prefixJob(SEED_PREFIX), input: { mode: "MANIFEST", source: "S3", manifest } };
      const { error, response } = await checked.expectInvalid(() => api.POST(p.jobsPath, { body }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(error)).toContain("input.manifest");
    });

    it("refuses 11 include globs with 400 naming input.filters.include_globs", async () => {
      const body = prefixJob(SEED_PREFIX);
      body.input.filters = { include_globs: Array.from({ length: 11 }, (_, i) => `*.${i}`) };
      const { error, response } = await checked.expectInvalid(() => api.POST(p.jobsPath, { body }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(error)).toContain("input.filters.include_globs");
    });

    it("refuses a body without output with 400 naming output", async () => {
      const { output: _omitted, ...body } = prefixJob(SEED_PREFIX);
      const { status, body: error } = await checked.expectInvalid(() =>
        rawRequest("POST", p.jobsPath, { body: JSON.stringify(body), contentType: "application/json" }),
      );
      expect(status).toBe(400);
      expect(JSON.stringify(error)).toContain("output");
    });

    it("refuses a body that is not JSON with 400", async () => {
      const { status } = await checked.expectInvalid(() =>
        rawRequest("POST", p.jobsPath, { body: "{not json", contentType: "application/json" }),
      );
      expect(status).toBe(400);
    });

    it.skipIf(!simulated)("refuses a body that is not application/json with 415", async () => {
      const { status } = await checked.expectInvalid(() =>
        rawRequest("POST", p.jobsPath, { body: "input=x", contentType: "text/plain" }),
      );
      expect(status).toBe(415);
    });

    it("refuses a request without a token with 401", async () => {
      const { status, body } = await checked.expectInvalid(() =>
        rawRequest("POST", p.jobsPath, {
          body: JSON.stringify(prefixJob(SEED_PREFIX)),
          contentType: "application/json",
          token: null,
        }),
      );
      expect(status).toBe(401);
      expect(typeof body?.message).toBe("string");
    });

    it.skipIf(!simulated)("refuses a token without the product's plan with 403", async () => {
      const { response } = await withToken("no-plan-token").POST(p.jobsPath, {
        body: prefixJob(SEED_PREFIX),
      });
      expect(response.status).toBe(403);
    });

    it.skipIf(!simulated)("answers 404 when the input bucket does not exist", async () => {
      const { response } = await api.POST(p.jobsPath, { body: prefixJob("s3://no-such-bucket/in/") });
      expect(response.status).toBe(404);
    });

    it.skipIf(!simulated)("answers 422 when a PREFIX matches no file", async () => {
      const { response, error } = await api.POST(p.jobsPath, { body: prefixJob("s3://acme-bucket/empty/") });
      expect(response.status).toBe(422);
      expect(error?.message).toContain("s3://acme-bucket/empty/");
    });

    it.skipIf(!simulated)("answers 429 with Retry-After when rate limited", async () => {
      state.faults.inject({ status: 429, retryAfter: 2, operationId: ops.create });
      const { response } = await api.POST(p.jobsPath, { body: prefixJob(SEED_PREFIX) });
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("2");
    });
  });

  describe(`${p.id}: list jobs (${ops.list})`, () => {
    it.skipIf(!simulated)("lists jobs newest first and filters by state", async () => {
      const older = await createJob(prefixJob(SEED_PREFIX));
      const newer = await createJob(prefixJob(SEED_PREFIX));
      state.runToCompletion(older);
      const all = await api.GET(p.jobsPath);
      expect(all.data?.jobs.map((j: Json) => j.job_id)).toEqual([newer, older]);
      expect(nextZoomCursor(all.data)).toBeUndefined();
      const queued = await api.GET(p.jobsPath, { params: { query: { state: "QUEUED" } } });
      expect(queued.data?.jobs.map((j: Json) => j.job_id)).toEqual([newer]);
    });

    it("walks every job exactly once, the last page without a cursor", async () => {
      if (simulated) for (let i = 0; i < 7; i++) await createJob(prefixJob(SEED_PREFIX));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const { data, error } = await api.GET(p.jobsPath, {
          params: {
            query: { page_size: simulated ? 3 : 100, ...(cursor ? { next_page_token: cursor } : {}) },
          },
        });
        expect(error).toBeUndefined();
        seen.push(...data.jobs.map((j: Json) => j.job_id));
        cursor = nextZoomCursor(data);
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
      const { status, body } = await checked.expectInvalid(() => rawRequest("GET", `${p.jobsPath}?${query}`));
      expect(status).toBe(400);
      if (simulated) expect(JSON.stringify(body)).toContain(field);
    });

    it("refuses a cursor it did not issue with 400", async () => {
      const { response } = await api.GET(p.jobsPath, {
        params: { query: { next_page_token: "not-a-cursor!" } },
      });
      expect(response.status).toBe(400);
    });

    it("refuses a wrong token with 401", async () => {
      const { response } = await withToken("wrong-token").GET(p.jobsPath);
      expect(response.status).toBe(401);
    });
  });

  describe(`${p.id}: get a job (${ops.get})`, () => {
    it.skipIf(!simulated)(
      "returns the job with its summary and the request echoed without credentials",
      async () => {
        const jobId = await createJob(seed());
        const { data, response } = await api.GET(jobPath, { params: { path: { jobId } } });
        expect(response.status).toBe(200);
        expect(data?.summary).toMatchObject({
          total_files: p.seedInputs.length,
          queued: p.seedInputs.length,
          succeeded: 0,
        });
        expect(data?.reference_id).toBe(p.seedReferenceId);
        expect(JSON.stringify(data)).not.toContain("wJalrX");
      },
    );

    it("answers 404 for an unknown job", async () => {
      const { response } = await api.GET(jobPath, path404);
      expect(response.status).toBe(404);
    });
  });

  describe(`${p.id}: lifecycle`, () => {
    it.skipIf(!simulated)("create → poll → SUCCEEDED → list files → cancel refused with 409", async () => {
      const jobId = await createJob(seed());
      const seen: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { data } = await api.GET(jobPath, { params: { path: { jobId } } });
        seen.push(data.state);
        if (data.state === "SUCCEEDED") {
          expect(data.summary).toMatchObject({
            total_files: p.seedInputs.length,
            succeeded: p.seedInputs.length,
            failed: 0,
          });
          expect(data.completed_at).toBeTruthy();
          break;
        }
        state.advance(jobId);
      }
      expect(seen).toEqual(["QUEUED", "PROCESSING", "SUCCEEDED"]);
      const files = await api.GET(filesPath, { params: { path: { jobId } } });
      expect(files.data?.files.map((f: Json) => f.output_uri)).toEqual(p.seedOutputs);
      const cancel = await api.DELETE(jobPath, { params: { path: { jobId } } });
      expect(cancel.response.status).toBe(409);
    });

    it.skipIf(!simulated)(
      "cancels a QUEUED job with 204; the job and its files become CANCELED",
      async () => {
        const jobId = await createJob(prefixJob(SEED_PREFIX));
        const cancel = await api.DELETE(jobPath, { params: { path: { jobId } } });
        expect(cancel.response.status).toBe(204);
        const { data } = await api.GET(jobPath, { params: { path: { jobId } } });
        expect(data?.state).toBe("CANCELED");
        expect(data?.summary.canceled).toBe(data?.summary.total_files);
      },
    );

    it.skipIf(!simulated)("cancels a PROCESSING job with 204, keeping the files already done", async () => {
      const slow = p.state({ token: target.token, objects: BUCKET, filesPerStep: 1000 });
      server.use(...p.handlers(slow, { baseUrl: target.baseUrl }));
      const jobId = await createJob(prefixJob("s3://acme-bucket/bulk/"));
      slow.advance(jobId); // PROCESSING
      slow.advance(jobId); // 1,000 of 2,500 files done
      const cancel = await api.DELETE(jobPath, { params: { path: { jobId } } });
      expect(cancel.response.status).toBe(204);
      const { data } = await api.GET(jobPath, { params: { path: { jobId } } });
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
      const { data } = await api.GET(jobPath, { params: { path: { jobId: broken } } });
      expect(data?.state).toBe("FAILED");
      expect(data?.error?.code).toBeTruthy();
      const files = await api.GET(filesPath, { params: { path: { jobId: mixed } } });
      const failed = files.data?.files.find((f: Json) => f.state === "FILE_FAILED");
      expect(failed?.error?.code).toBe("UNSUPPORTED_MEDIA");
      expect(failed?.output_uri).toBeNull();
    });

    it("answers 404 when canceling an unknown job", async () => {
      const { response } = await api.DELETE(jobPath, path404);
      expect(response.status).toBe(404);
    });
  });

  describe(`${p.id}: job notifications (webhook)`, () => {
    it.skipIf(!simulated)(
      "delivers a signed notification on each state change, which verifies against the job's secret",
      async () => {
        const secret = "conformance-hmac-secret";
        // The seed's filters leave out the files that would fail, so the job ends SUCCEEDED.
        const jobId = await createJob({ ...seed(), notifications: { webhook_url: WEBHOOK_URL, secret } });
        state.runToCompletion(jobId);
        await state.flushWebhooks();
        expect(received.map((r) => JSON.parse(r.body).job.state)).toEqual(["PROCESSING", "SUCCEEDED"]);
        expect(state.deliveries.map((d) => d.status)).toEqual([200, 200]);
        for (const delivery of received) {
          const result = await verifyZoomWebhook<Json>({
            secret,
            rawBody: delivery.body,
            headers: delivery.headers,
            now: () => Number(delivery.headers.get("x-zm-request-timestamp")) * 1000,
          });
          expect(result.valid).toBe(true);
          // The payload matches the spec's webhook request body.
          expect(
            validator.validateRequest(webhookOperation(validator), {
              headers: delivery.headers,
              contentType: "application/json",
              body: JSON.parse(delivery.body),
            }),
          ).toEqual([]);
        }
        expect(
          (
            await verifyZoomWebhook({
              secret: "another-secret",
              rawBody: received[0]!.body,
              headers: received[0]!.headers,
              toleranceSeconds: 1e9,
            })
          ).valid,
        ).toBe(false);
      },
    );

    it.skipIf(!simulated)("sends notifications unsigned when the job has no secret", async () => {
      const jobId = await createJob(prefixJob(SEED_PREFIX, { notifications: { webhook_url: WEBHOOK_URL } }));
      state.advance(jobId);
      await state.flushWebhooks();
      expect(received).toHaveLength(1);
      expect(received[0]!.headers.has("x-zm-signature")).toBe(false);
    });
  });

  describe(`${p.id}: job files (${ops.listFiles}, ${ops.getFile})`, () => {
    it.skipIf(!simulated)(
      "walks a job of 2,500 files at page_size 1000: every file exactly once, the last page without a cursor",
      async () => {
        const jobId = await createJob(prefixJob("s3://acme-bucket/bulk/"));
        const pages = await walkFiles(jobId, 1000);
        const files = pages.flatMap((page) => page.files);
        expect(pages.map((page) => page.files.length)).toEqual([1000, 1000, 500]);
        expect(new Set(files.map((f: Json) => f.file_id)).size).toBe(2500);
        expect(files.map((f: Json) => f.input_uri).sort()).toEqual([...BULK_FILES].sort());
        expect(nextZoomCursor(pages.at(-1))).toBeUndefined();
      },
    );

    it.skipIf(simulated || !liveJobId)(
      `walks every file of ${envName(p.id, "JOB_ID")} exactly once`,
      async () => {
        const ids = (await walkFiles(liveJobId!)).flatMap((page) => page.files.map((f: Json) => f.file_id));
        expect(new Set(ids).size).toBe(ids.length);
      },
    );

    it.skipIf(!simulated)("refuses a cursor issued for another job with 400", async () => {
      const a = await createJob(prefixJob("s3://acme-bucket/bulk/"));
      const b = await createJob(prefixJob("s3://acme-bucket/bulk/"));
      const first = await api.GET(filesPath, { params: { path: { jobId: a }, query: { page_size: 10 } } });
      const cursor = nextZoomCursor(first.data);
      expect(cursor).toBeTruthy();
      const other = await api.GET(filesPath, {
        params: { path: { jobId: b }, query: { next_page_token: cursor } },
      });
      expect(other.response.status).toBe(400);
    });

    it.skipIf(!simulated)("refuses page_size 1001 with 400", async () => {
      const jobId = await createJob(prefixJob(SEED_PREFIX));
      const { status } = await checked.expectInvalid(() =>
        rawRequest("GET", `${p.jobsPath}/${jobId}/files?page_size=1001`),
      );
      expect(status).toBe(400);
    });

    it("answers 404 for the files of an unknown job", async () => {
      const { response } = await api.GET(filesPath, path404);
      expect(response.status).toBe(404);
    });

    it.skipIf(!simulated)("gets one file, and 404 for a file the job does not have", async () => {
      const jobId = await createJob(prefixJob(SEED_PREFIX));
      state.runToCompletion(jobId);
      const { data } = await api.GET(filePath, { params: { path: { jobId, fileId: "f_001" } } });
      expect(data).toMatchObject({ file_id: "f_001", state: "FILE_SUCCEEDED" });
      const missing = await api.GET(filePath, { params: { path: { jobId, fileId: "f_999" } } });
      expect(missing.response.status).toBe(404);
    });
  });

  describe(`${p.id}: the cursor field`, () => {
    it.skipIf(!simulated).each(["next_cursor", "next_page_token", "both"] as const)(
      "a client reading either name walks every page when the API sends %s",
      async (field) => {
        const local = p.state({ token: target.token, objects: BUCKET, cursorField: field });
        server.use(...p.handlers(local, { baseUrl: target.baseUrl }));
        const jobId = await createJob(prefixJob("s3://acme-bucket/bulk/"));
        const pages = await walkFiles(jobId, 1000);
        const other = field === "next_cursor" ? "next_page_token" : "next_cursor";
        if (field !== "both") expect(pages.some((page) => other in page)).toBe(false);
        expect(pages.reduce((n, page) => n + page.files.length, 0)).toBe(2500);
      },
    );
  });

  p.extra?.({ api, checked, state, simulated, prefixJob, seed, createJob });

  describe(`${p.id}: every documented status code`, () => {
    // What cannot be provoked by a request alone (a 500, a rate limit, a 404 on a list) is injected as a
    // fault; the error body Zoom documents for it must still match the spec.
    it.skipIf(!simulated)(
      "answers each documented error status of each operation in Zoom's error body",
      async () => {
        const jobId = await createJob(prefixJob(SEED_PREFIX));
        const job = { params: { path: { jobId } } };
        const calls: Record<string, () => Promise<{ response: Response }>> = {
          [ops.create]: () => api.POST(p.jobsPath, { body: prefixJob(SEED_PREFIX) }),
          [ops.list]: () => api.GET(p.jobsPath),
          [ops.get]: () => api.GET(jobPath, job),
          [ops.cancel]: () => api.DELETE(jobPath, job),
          [ops.listFiles]: () => api.GET(filesPath, job),
          [ops.getFile]: () => api.GET(filePath, { params: { path: { jobId, fileId: "f_001" } } }),
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
      else console.info(`${p.id} live: not provoked: ${missing.join(", ") || "none"}`);
    });
  });
}

function webhookOperation(validator: OpenApiValidator): string {
  const hook = validator.operations.find((o) => o.webhook !== undefined);
  if (!hook) throw new Error("the spec has no webhook");
  return hook.operationId;
}
