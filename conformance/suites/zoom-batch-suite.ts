// The conformance checks of Zoom's batch APIs (Scribe, Translator), on the harness: the same six
// operations, checked the same way; each product's test file gives its seed example, bucket and own
// checks. Every exchange is validated against the product's spec by the harness. Runs against the
// simulator, or a live API when BATCHSPEC_<ID>_BASE_URL and BATCHSPEC_<ID>_TOKEN are set.
import { http, HttpResponse, type HttpHandler } from "msw";
import { expect } from "../harness/expect.ts";
import { fetchFromHandlers, unhonouredParameters } from "../../src/core/simulator/index.ts";
import type { ZoomOperationIds } from "../../src/zoom/client.ts";
import { zoomIssues } from "../../src/zoom/errors.ts";
import { nextZoomCursor } from "../../src/zoom/pagination.ts";
import type { ZoomSimulatorOptions, ZoomState } from "../../src/zoom/simulator/index.ts";
import { zoomHonours, type ZoomSimProduct } from "../../src/zoom/simulator/product.ts";
import { verifyZoomWebhook } from "../../src/zoom/webhook.ts";
import {
  defineConformanceSuite,
  envName,
  type CheckContext,
  type ConformanceSuite,
  type Suite,
} from "../harness/index.ts";

type Json = any; // bodies are checked against the spec by the harness; checks read a few fields

type RawResult = { data?: Json; error?: Json; response: Response };
/** The product's typed openapi-fetch client, seen through its common shape. */
export interface RawZoomClient {
  GET(path: string, init?: object): Promise<RawResult>;
  POST(path: string, init: object): Promise<RawResult>;
  DELETE(path: string, init: object): Promise<RawResult>;
}

export type ZoomCheckContext = CheckContext<RawZoomClient, ZoomState<Json>>;

export interface ZoomSuiteProduct {
  /** The product's simulator, and so the API itself (spec id, server, operations, validator). */
  simulator: ZoomSimProduct<Json>;
  client(options: {
    token: string;
    baseUrl: string;
    fetch: (r: Request) => Promise<Response>;
    maxRetries: number;
  }): RawZoomClient;
  state(options: ZoomSimulatorOptions): ZoomState<Json>;
  handlers(state: ZoomState<Json>, options: { baseUrl: string }): HttpHandler[];
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
  /** The product's own checks. */
  extra?(suite: Suite<RawZoomClient, ZoomState<Json>>, helpers: ZoomSuiteHelpers): void;
}

export interface ZoomSuiteHelpers {
  paths: { jobs: string; job: string; files: string; file: string };
  prefixJob(prefix: string, extra?: Json): Json;
  seed(c: ZoomCheckContext): Json;
  createJob(c: ZoomCheckContext, body: Json): Promise<string>;
}

const WEBHOOK_URL = "https://hooks.conformance.test/zoom";
const TOKEN = "conformance-token";
const NO_PLAN_TOKEN = "no-plan-token";

export function zoomBatchSuite(p: ZoomSuiteProduct): ConformanceSuite {
  const { provider: id, ids: ops, operations, validator } = p.simulator;
  const path = (op: keyof ZoomOperationIds) => operations[ops[op]]!.path;
  const paths = { jobs: path("create"), job: path("get"), files: path("listFiles"), file: path("getFile") };
  const bulkFiles = Array.from(
    { length: 2500 },
    (_, i) => `s3://acme-bucket/bulk/${p.goodFile(`rec_${String(i + 1).padStart(4, "0")}`)}`,
  );
  const bucket = [
    ...p.seedInputs,
    ...p.seedExcluded,
    `s3://acme-bucket/mixed/${p.goodFile("good")}`,
    `s3://acme-bucket/mixed/${p.badFile("bad")}`,
    `s3://acme-bucket/broken/${p.badFile("a")}`,
    `s3://acme-bucket/broken/${p.badFile("b")}`,
    ...bulkFiles,
  ];
  // The receiver of job notifications: the suite's own endpoint, as a user's would be; the simulators
  // deliver to it in process.
  const received: { headers: Headers; body: string }[] = [];
  const receiver = http.post(WEBHOOK_URL, async ({ request }) => {
    received.push({ headers: request.headers, body: await request.text() });
    return HttpResponse.json({ status: "received" });
  });
  const deliver = fetchFromHandlers([receiver]);
  const stateWith = (options: ZoomSimulatorOptions = {}) =>
    p.state({ token: TOKEN, objects: bucket, webhookFetch: deliver, ...options });
  const state = stateWith({ forbiddenTokens: [NO_PLAN_TOKEN] });
  const liveJobId = process.env[envName(id, "JOB_ID")];
  const unknownJob = { params: { path: { jobId: "job_batchspec_does_not_exist" } } };

  /** The seed's request example, read from the spec itself, its notifications sent to the suite. */
  const seed = (c: ZoomCheckContext): Json => {
    const example = c.example(ops.create, p.seedExample);
    if (example.notifications) example.notifications.webhook_url = WEBHOOK_URL;
    return example;
  };
  const prefixJob = (prefix: string, extra: Json = {}): Json => ({
    input: { mode: "PREFIX", source: "S3", uri: prefix },
    output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
    config: p.config,
    ...extra,
  });
  const seedPrefix = (c: ZoomCheckContext): string => seed(c).input.uri;
  const createJob = async (c: ZoomCheckContext, body: Json): Promise<string> => {
    const { data, error, response } = await c.api.POST(paths.jobs, { body });
    expect(error, `create failed with ${response.status}`).toBeUndefined();
    return data.job_id;
  };
  /** Reads every page of a job's files, following the cursor until a page has none. */
  const walkFiles = async (c: ZoomCheckContext, jobId: string, pageSize = 1000): Promise<Json[]> => {
    const pages: Json[] = [];
    let cursor: string | undefined;
    do {
      const query = { page_size: pageSize, ...(cursor ? { next_page_token: cursor } : {}) };
      const { data, error } = await c.api.GET(paths.files, { params: { path: { jobId }, query } });
      expect(error).toBeUndefined();
      pages.push(data);
      cursor = nextZoomCursor(data);
    } while (cursor && pages.length < 10_000);
    expect(cursor, "the walk ended before the last page").toBeUndefined();
    return pages;
  };
  const helpers: ZoomSuiteHelpers = { paths, prefixJob, seed, createJob };
  const sim = { simulatorOnly: true };

  return defineConformanceSuite<RawZoomClient, ZoomState<Json>>(
    {
      id,
      validator,
      operations,
      baseUrl: p.simulator.baseUrl,
      client: p.client,
      issuesFromBody: zoomIssues,
      simulatorToken: TOKEN,
      simulator: {
        state,
        handlers: (baseUrl) => p.handlers(state, { baseUrl }),
        faults: state.faults,
        async reset() {
          await state.flushWebhooks(); // no notification of one check may land in the next
          state.reset();
          received.length = 0;
        },
        unhonoured: () => unhonouredParameters({ operations, honours: zoomHonours(ops) }),
      },
      handlers: [receiver],
      resources: [
        {
          noun: "job",
          create: { operationId: ops.create, id: (b) => b?.job_id },
          get: { operationId: ops.get, param: "jobId", id: (b) => b?.job_id },
          list: {
            operationId: ops.list,
            query: { page_size: "2" },
            items: (b) => b?.jobs,
            id: (j) => j?.job_id,
            next: (b, q) => {
              const cursor = nextZoomCursor(b);
              return cursor ? { ...q, next_page_token: cursor } : undefined;
            },
          },
          remove: {
            operationId: ops.cancel,
            param: "jobId",
            after: (read) => expect(read.body?.state, "a canceled job's state").toBe("CANCELED"),
          },
        },
      ],
      notProvokable: {
        ...Object.fromEntries(
          Object.values(ops).flatMap((op) => [
            [`${op} 429`, "a rate limit cannot be reached on purpose without flooding the API"],
            [`${op} 500`, "a server error cannot be provoked by a request"],
          ]),
        ),
        [`${ops.list} 404`]: "listing jobs names nothing that could be missing",
        [`${ops.get} 400`]: "its only parameter, jobId, accepts any non-empty id, and a GET has no body",
        [`${ops.getFile} 400`]:
          "its parameters, jobId and fileId, accept any non-empty id, and a GET has no body",
      },
    },
    (s) => {
      // ---- create ----
      s.check(
        "accepts the seed's example and answers 201 with a QUEUED job",
        { ...sim, provokes: [`${ops.create} 201`] },
        async (c) => {
          const { data, response } = await c.api.POST(paths.jobs, { body: seed(c) });
          expect(response.status).toBe(201);
          expect(data?.state).toBe("QUEUED");
          expect(data?.job_id).toMatch(/^job_/);
        },
      );

      s.check("expands a PREFIX input with its include globs, then its exclude globs", sim, async (c) => {
        const jobId = await createJob(c, seed(c));
        const { data } = await c.api.GET(paths.files, { params: { path: { jobId } } });
        expect(data?.files.map((f: Json) => f.input_uri)).toEqual(p.seedInputs);
        expect(data?.files.every((f: Json) => f.state === "FILE_QUEUED" && f.output_uri === null)).toBe(true);
      });

      s.check("accepts a MANIFEST input and takes its files as listed", sim, async (c) => {
        const manifest = [
          `s3://acme-bucket/m/${p.goodFile("one")}`,
          `https://presigned.example/${p.goodFile("two")}?X-Amz-Signature=abc`,
        ];
        const jobId = await createJob(c, {
          ...prefixJob(seedPrefix(c)),
          input: { mode: "MANIFEST", source: "S3", manifest },
        });
        const { data } = await c.api.GET(paths.job, { params: { path: { jobId } } });
        expect(data?.summary.total_files).toBe(2);
        expect(data?.input?.mode).toBe("MANIFEST");
      });

      const post = (body: unknown) => async (c: ZoomCheckContext) => {
        const { response, error } = await c.api.POST(paths.jobs, { body });
        return { status: response.status, body: error };
      };
      const postRaw = (body: string, contentType: string) => (c: ZoomCheckContext) =>
        c.raw("POST", paths.jobs, { body, contentType });
      const seedJob = prefixJob("s3://acme-bucket/audio/");
      const { output: _omitted, ...withoutOutput } = seedJob;
      s.refusals([
        {
          name: "a manifest of 1,001 files",
          operationId: ops.create,
          status: 400,
          field: "input.manifest",
          breaksSpec: true,
          send: post({
            ...seedJob,
            input: {
              mode: "MANIFEST",
              source: "S3",
              manifest: Array.from({ length: 1001 }, (_, i) => `s3://acme-bucket/m/${p.goodFile(String(i))}`),
            },
          }),
        },
        {
          name: "11 include globs",
          operationId: ops.create,
          status: 400,
          field: "input.filters.include_globs",
          breaksSpec: true,
          send: post({
            ...seedJob,
            input: {
              ...seedJob.input,
              filters: { include_globs: Array.from({ length: 11 }, (_, i) => `*.${i}`) },
            },
          }),
        },
        {
          name: "a body without output",
          operationId: ops.create,
          status: 400,
          field: "output",
          breaksSpec: true,
          send: postRaw(JSON.stringify(withoutOutput), "application/json"),
        },
        {
          name: "a body that is not JSON",
          operationId: ops.create,
          status: 400,
          breaksSpec: true,
          simulatorOnly: true,
          send: postRaw("{not json", "application/json"),
        },
        {
          name: "a body that is not application/json",
          operationId: ops.create,
          status: 415,
          breaksSpec: true,
          simulatorOnly: true,
          send: postRaw("input=x", "text/plain"),
        },
        {
          name: "an input bucket that does not exist",
          operationId: ops.create,
          status: 404,
          simulatorOnly: true,
          send: post(prefixJob("s3://no-such-bucket/in/")),
        },
        {
          name: "a PREFIX that matches no file",
          operationId: ops.create,
          status: 422,
          simulatorOnly: true,
          send: post(prefixJob("s3://acme-bucket/empty/")),
        },
        ...(["0", "101"] as const).map((size) => ({
          name: `page_size ${size} when listing jobs`,
          operationId: ops.list,
          status: 400,
          field: "query.page_size",
          breaksSpec: true,
          send: (c: ZoomCheckContext) => c.raw("GET", `${paths.jobs}?page_size=${size}`),
        })),
        {
          name: "an unknown state filter",
          operationId: ops.list,
          status: 400,
          field: "query.state",
          breaksSpec: true,
          send: (c) => c.raw("GET", `${paths.jobs}?state=DONE`),
        },
        {
          name: "a cursor it did not issue",
          operationId: ops.list,
          status: 400,
          send: async (c) => {
            const { response, error } = await c.api.GET(paths.jobs, {
              params: { query: { next_page_token: "not-a-cursor!" } },
            });
            return { status: response.status, body: error };
          },
        },
        {
          name: "a cancel with a body",
          operationId: ops.cancel,
          status: 400,
          breaksSpec: true,
          simulatorOnly: true,
          send: (c) =>
            c.raw("DELETE", paths.job.replace("{jobId}", "job_1"), {
              body: "{}",
              contentType: "application/json",
            }),
        },
        {
          name: "page_size 1001 for a job's files",
          operationId: ops.listFiles,
          status: 400,
          field: "query.page_size",
          breaksSpec: true,
          simulatorOnly: true,
          send: (c) => c.raw("GET", `${paths.files.replace("{jobId}", "job_1")}?page_size=1001`),
        },
        // Credentials, for every operation: none (401), a wrong one (401), one without the product's plan (403).
        ...Object.values(ops).flatMap((operationId) => [
          {
            name: `${operationId} without a token`,
            operationId,
            status: 401,
            breaksSpec: true,
            send: (c: ZoomCheckContext) => c.sample(operationId, null),
          },
          {
            name: `${operationId} with a wrong token`,
            operationId,
            status: 401,
            send: (c: ZoomCheckContext) => c.sample(operationId, "wrong-token"),
          },
          {
            name: `${operationId} with a token without the plan`,
            operationId,
            status: 403,
            simulatorOnly: true,
            send: (c: ZoomCheckContext) => c.sample(operationId, NO_PLAN_TOKEN),
          },
        ]),
        // Unknown ids, for every operation on a job.
        ...([ops.get, ops.cancel, ops.listFiles] as const).map((operationId) => ({
          name: `${operationId} of an unknown job`,
          operationId,
          status: 404,
          send: async (c: ZoomCheckContext) => {
            const method = operations[operationId]!.method as "GET" | "DELETE";
            const { response, error } = await c.api[method](operations[operationId]!.path, unknownJob);
            return { status: response.status, body: error };
          },
        })),
      ]);

      // ---- list ----
      s.check(
        "lists jobs newest first and filters by state",
        { ...sim, provokes: [`${ops.list} 200`], exercises: [`${ops.list} query.state`] },
        async (c) => {
          const older = await createJob(c, prefixJob(seedPrefix(c)));
          const newer = await createJob(c, prefixJob(seedPrefix(c)));
          c.state.runToCompletion(older);
          const all = await c.api.GET(paths.jobs);
          expect(all.data?.jobs.map((j: Json) => j.job_id)).toEqual([newer, older]);
          expect(nextZoomCursor(all.data)).toBeUndefined();
          const queued = await c.api.GET(paths.jobs, { params: { query: { state: "QUEUED" } } });
          expect(queued.data?.jobs.map((j: Json) => j.job_id)).toEqual([newer]);
        },
      );

      s.check(
        "walks every job exactly once, the last page without a cursor",
        {
          provokes: [`${ops.list} 200`],
          exercises: [`${ops.list} query.page_size`, `${ops.list} query.next_page_token`],
        },
        async (c) => {
          if (c.simulated) for (let i = 0; i < 7; i++) await createJob(c, prefixJob(seedPrefix(c)));
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const query = {
              page_size: c.simulated ? 3 : 100,
              ...(cursor ? { next_page_token: cursor } : {}),
            };
            const { data, error } = await c.api.GET(paths.jobs, { params: { query } });
            expect(error).toBeUndefined();
            seen.push(...data.jobs.map((j: Json) => j.job_id));
            cursor = nextZoomCursor(data);
            pages += 1;
          } while (cursor && pages < 1000);
          expect(cursor).toBeUndefined();
          expect(new Set(seen).size).toBe(seen.length);
          if (c.simulated) expect([pages, seen.length]).toEqual([3, 7]);
        },
      );

      // ---- get and the lifecycle ----
      s.check(
        "returns the job with its summary and the request echoed without credentials",
        { ...sim, provokes: [`${ops.get} 200`] },
        async (c) => {
          const jobId = await createJob(c, seed(c));
          const { data } = await c.api.GET(paths.job, { params: { path: { jobId } } });
          expect(data?.summary).toMatchObject({
            total_files: p.seedInputs.length,
            queued: p.seedInputs.length,
            succeeded: 0,
          });
          expect(data?.reference_id).toBe(p.seedReferenceId);
          expect(JSON.stringify(data)).not.toContain("wJalrX");
        },
      );

      s.check(
        "create → poll → SUCCEEDED → list files → cancel refused with 409",
        { ...sim, provokes: [`${ops.listFiles} 200`, `${ops.cancel} 409`] },
        async (c) => {
          const jobId = await createJob(c, seed(c));
          const seen: string[] = [];
          for (let i = 0; i < 5; i++) {
            const { data } = await c.api.GET(paths.job, { params: { path: { jobId } } });
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
            c.state.advance(jobId);
          }
          expect(seen).toEqual(["QUEUED", "PROCESSING", "SUCCEEDED"]);
          const files = await c.api.GET(paths.files, { params: { path: { jobId } } });
          expect(files.data?.files.map((f: Json) => f.output_uri)).toEqual(p.seedOutputs);
          const cancel = await c.api.DELETE(paths.job, { params: { path: { jobId } } });
          expect(cancel.response.status).toBe(409);
        },
      );

      s.check(
        "cancels a QUEUED job with 204; the job and its files become CANCELED",
        { ...sim, provokes: [`${ops.cancel} 204`] },
        async (c) => {
          const jobId = await createJob(c, prefixJob(seedPrefix(c)));
          expect((await c.api.DELETE(paths.job, { params: { path: { jobId } } })).response.status).toBe(204);
          const { data } = await c.api.GET(paths.job, { params: { path: { jobId } } });
          expect(data?.state).toBe("CANCELED");
          expect(data?.summary.canceled).toBe(data?.summary.total_files);
        },
      );

      s.check("cancels a PROCESSING job with 204, keeping the files already done", sim, async (c) => {
        const slow = stateWith({ filesPerStep: 1000 });
        c.use(...p.handlers(slow, { baseUrl: c.target.baseUrl }));
        const jobId = await createJob(c, prefixJob("s3://acme-bucket/bulk/"));
        slow.advance(jobId); // PROCESSING
        slow.advance(jobId); // 1,000 of 2,500 files done
        expect((await c.api.DELETE(paths.job, { params: { path: { jobId } } })).response.status).toBe(204);
        const { data } = await c.api.GET(paths.job, { params: { path: { jobId } } });
        expect(data?.state).toBe("CANCELED");
        expect(data?.summary).toMatchObject({
          total_files: 2500,
          succeeded: 1000,
          canceled: 1500,
          processing: 0,
        });
      });

      s.check("ends PARTIAL when some files fail and FAILED when all do", sim, async (c) => {
        const mixed = await createJob(c, prefixJob("s3://acme-bucket/mixed/"));
        const broken = await createJob(c, prefixJob("s3://acme-bucket/broken/"));
        expect(c.state.runToCompletion(mixed)).toBe("PARTIAL");
        expect(c.state.runToCompletion(broken)).toBe("FAILED");
        const { data } = await c.api.GET(paths.job, { params: { path: { jobId: broken } } });
        expect(data?.error?.code).toBeTruthy();
        const files = await c.api.GET(paths.files, { params: { path: { jobId: mixed } } });
        const failed = files.data?.files.find((f: Json) => f.state === "FILE_FAILED");
        expect(failed?.error?.code).toBe("UNSUPPORTED_MEDIA");
        expect(failed?.output_uri).toBeNull();
      });

      // ---- notifications ----
      s.check(
        "delivers a signed notification on each state change, which verifies against the job's secret",
        sim,
        async (c) => {
          const secret = "conformance-hmac-secret";
          // The seed's filters leave out the files that would fail, so the job ends SUCCEEDED.
          const jobId = await createJob(c, {
            ...seed(c),
            notifications: { webhook_url: WEBHOOK_URL, secret },
          });
          c.state.runToCompletion(jobId);
          await c.state.flushWebhooks();
          expect(received.map((r) => JSON.parse(r.body).job.state)).toEqual(["PROCESSING", "SUCCEEDED"]);
          expect(c.state.deliveries.map((d) => d.status)).toEqual([200, 200]);
          const hook = validator().operations.find((o) => o.webhook !== undefined)!.operationId;
          for (const delivery of received) {
            // With verifyZoomWebhook's defaults, as a receiver would (the simulator's clock is the real one).
            const result = await verifyZoomWebhook<Json>({
              secret,
              rawBody: delivery.body,
              headers: delivery.headers,
            });
            expect(result.valid).toBe(true);
            const request = {
              headers: delivery.headers,
              contentType: "application/json",
              body: JSON.parse(delivery.body),
            };
            expect(validator().validateRequest(hook, request)).toEqual([]);
          }
          const forged = await verifyZoomWebhook({
            secret: "another-secret",
            rawBody: received[0]!.body,
            headers: received[0]!.headers,
            toleranceSeconds: 1e9,
          });
          expect(forged.valid).toBe(false);
        },
      );

      s.check("sends notifications unsigned when the job has no secret", sim, async (c) => {
        const jobId = await createJob(
          c,
          prefixJob(seedPrefix(c), { notifications: { webhook_url: WEBHOOK_URL } }),
        );
        c.state.advance(jobId);
        await c.state.flushWebhooks();
        expect(received).toHaveLength(1);
        expect(received[0]!.headers.has("x-zm-signature")).toBe(false);
      });

      // ---- files ----
      s.check(
        "walks a job of 2,500 files at page_size 1000: every file exactly once, the last page without a cursor",
        { ...sim, exercises: [`${ops.listFiles} query.page_size`, `${ops.listFiles} query.next_page_token`] },
        async (c) => {
          const jobId = await createJob(c, prefixJob("s3://acme-bucket/bulk/"));
          const pages = await walkFiles(c, jobId, 1000);
          const files = pages.flatMap((page) => page.files);
          expect(pages.map((page) => page.files.length)).toEqual([1000, 1000, 500]);
          expect(new Set(files.map((f: Json) => f.file_id)).size).toBe(2500);
          expect(files.map((f: Json) => f.input_uri).sort()).toEqual([...bulkFiles].sort());
        },
      );

      if (liveJobId) {
        s.check(
          `walks every file of ${envName(id, "JOB_ID")} exactly once`,
          { provokes: [`${ops.listFiles} 200`] },
          async (c) => {
            const ids = (await walkFiles(c, liveJobId)).flatMap((page) =>
              page.files.map((f: Json) => f.file_id),
            );
            expect(new Set(ids).size).toBe(ids.length);
          },
        );
      }

      s.check(
        "refuses a cursor issued for another job with 400 naming the cursor",
        { ...sim, provokes: [`${ops.listFiles} 400`] },
        async (c) => {
          const a = await createJob(c, prefixJob("s3://acme-bucket/bulk/"));
          const b = await createJob(c, prefixJob("s3://acme-bucket/bulk/"));
          const first = await c.api.GET(paths.files, {
            params: { path: { jobId: a }, query: { page_size: 10 } },
          });
          const cursor = nextZoomCursor(first.data);
          expect(cursor).toBeTruthy();
          const other = await c.api.GET(paths.files, {
            params: { path: { jobId: b }, query: { next_page_token: cursor } },
          });
          c.expectRefused({ status: other.response.status, body: other.error }, 400, "query.next_page_token");
        },
      );

      s.check(
        "gets one file, and 404 for a file the job does not have",
        { ...sim, provokes: [`${ops.getFile} 200`, `${ops.getFile} 404`] },
        async (c) => {
          const jobId = await createJob(c, prefixJob(seedPrefix(c)));
          c.state.runToCompletion(jobId);
          const { data } = await c.api.GET(paths.file, { params: { path: { jobId, fileId: "f_001" } } });
          expect(data).toMatchObject({ file_id: "f_001", state: "FILE_SUCCEEDED" });
          const missing = await c.api.GET(paths.file, { params: { path: { jobId, fileId: "f_999" } } });
          expect(missing.response.status).toBe(404);
        },
      );

      for (const field of ["next_cursor", "next_page_token", "both"] as const) {
        s.check(
          `a client reading either cursor name walks every page when the API sends ${field}`,
          sim,
          async (c) => {
            c.use(...p.handlers(stateWith({ cursorField: field }), { baseUrl: c.target.baseUrl }));
            const jobId = await createJob(c, prefixJob("s3://acme-bucket/bulk/"));
            const pages = await walkFiles(c, jobId, 1000);
            const other = field === "next_cursor" ? "next_page_token" : "next_cursor";
            if (field !== "both") expect(pages.some((page) => other in page)).toBe(false);
            expect(pages.reduce((n, page) => n + page.files.length, 0)).toBe(2500);
          },
        );
      }

      p.extra?.(s, helpers);
    },
  );
}
