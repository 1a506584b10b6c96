// Conformance of SLNG's batch API with specs/slng, on the harness: every operation, every documented
// status provoked by a real request (500 alone is left to a fault), each create path (a real multipart
// upload, a job from an HTTPS URL, the presigned upload in its three steps with a real PUT to the signed
// URL, including an expired URL and a wrong header), a page walk over 230 jobs at page_size 100 with a
// status filter, sort order for each sort_by, the lifecycle QUEUED → IN_PROGRESS → DECODING →
// POST_PROCESSING → DONE seen through GETs, the 409 on deleting a running job, the signed file URLs with
// a transcript downloaded in each format, and 403 (SLNG documents no 401) for every operation. Every
// exchange with the API is validated against the spec by the harness. Runs against the simulator, or a
// live API when BATCHSPEC_SLNG_BASE_URL and BATCHSPEC_SLNG_TOKEN are set: then only checks that create
// nothing run.
import { expect } from "../harness/expect.ts";
import { unhonouredParameters } from "../../src/core/simulator/index.ts";
import {
  createSlngState,
  DEFAULT_MODEL,
  SLNG_HONOURS,
  slngHandlers,
  type SlngSimulatorOptions,
  type SlngState,
} from "../../src/slng/mock.ts";
import { SLNG } from "../../src/slng/spec.ts";
import { slngValidator } from "../../src/slng/validation.ts";
import { createApiClient } from "../../src/core/client.ts";
import { defineConformanceSuite, type CheckContext } from "../harness/index.ts";

type Json = any; // bodies are checked against the spec by the harness; checks read a few fields
type RawResult = { data?: Json; error?: Json; response: Response };
/** The typed openapi-fetch client, seen loosely: checks build requests the types would refuse. */
interface RawSlng {
  GET(path: string, init?: object): Promise<RawResult>;
  POST(path: string, init: object): Promise<RawResult>;
  DELETE(path: string, init: object): Promise<RawResult>;
}
type Ctx = CheckContext<RawSlng, SlngState>;

const TOKEN = "conformance-token";
const { operations } = SLNG;
const P = {
  jobs: operations.batchJobsCreate.path,
  job: operations.batchJobsGet.path,
  files: operations.batchJobsFiles.path,
};
const UNKNOWN = "nosuchjob0000";
const OTHER_MODEL = "slng/speechmatics/batch:14.0.0";
const CONFIG = { language: "en", operating_point: "standard", diarization: "none" };

/**
 * The simulator's clock runs `skew` ms ahead of the real one: checks move it (an expired upload URL,
 * jobs submitted at distinct times), and the reset after every check puts it back.
 */
let skew = 0;
const options: SlngSimulatorOptions = {
  apiKeys: [TOKEN],
  models: [DEFAULT_MODEL, OTHER_MODEL],
  failingJobs: ["broken.wav"],
  now: () => new Date(Date.now() + skew),
};
const state = createSlngState(options);

/** A WAV-named file of `bytes` bytes (the simulator counts bytes; it does not decode audio). */
const wav = (name: string, bytes = 64_000) => new File([new Uint8Array(bytes)], name, { type: "audio/wav" });
const api = (c: Ctx) => c.api;
const result = ({ response, error }: RawResult) => ({ status: response.status, body: error });
const path = (template: string, jobId: string) => template.replace("{jobId}", jobId);

/** A multipart create body: the file and the JSON parts, as SLNG's curl sends them. */
function multipart(file: File, extra: Record<string, string> = {}): FormData {
  const body = new FormData();
  body.append("file", file);
  body.append("transcription_config", JSON.stringify(CONFIG));
  for (const [name, value] of Object.entries(extra)) body.append(name, value);
  return body;
}
async function create(c: Ctx, body: Json, status = 202): Promise<Json> {
  const { data, error, response } = await api(c).POST(P.jobs, { body });
  expect(error, `create failed with ${response.status}: ${JSON.stringify(error)}`).toBeUndefined();
  expect(response.status).toBe(status);
  return data;
}
const urlJob = (c: Ctx, input_url = "https://storage.example.com/audio/meeting.mp3") =>
  create(c, { input_url, transcription_config: CONFIG });
const getJob = async (c: Ctx, jobId: string): Promise<Json> => {
  const { data, error } = await api(c).GET(P.job, { params: { path: { jobId } } });
  expect(error).toBeUndefined();
  return data;
};
const list = async (c: Ctx, query: Record<string, string | number>): Promise<Json> => {
  const { data, error, response } = await api(c).GET(P.jobs, { params: { query } });
  expect(error, `list failed with ${response.status}: ${JSON.stringify(error)}`).toBeUndefined();
  return data;
};
/** Step 1 of a presigned upload: the signed URL, its headers and the job id to come. */
const presign = (c: Ctx, filename = "audio.wav") =>
  create(
    c,
    { mode: "presign", filename, content_type: "application/octet-stream", transcription_config: CONFIG },
    200,
  );
/** Step 2: a real PUT to the signed URL (another origin: the harness records it and does not judge it). */
const put = (c: Ctx, upload: Json, headers: Record<string, string>, bytes = 48_000) =>
  c.checked.fetch(new Request(upload.url, { method: "PUT", headers, body: new Uint8Array(bytes) }));
const sim = { simulatorOnly: true };

export default defineConformanceSuite<RawSlng, SlngState>(
  {
    id: SLNG.provider,
    validator: slngValidator,
    operations,
    baseUrl: SLNG.baseUrl,
    // The raw typed client is all the checks need (the helpers are tested on their own).
    client: ({ token, ...rest }) =>
      createApiClient({ ...SLNG, validator: SLNG.loadValidator }, { token, ...rest })
        .raw as unknown as RawSlng,
    issuesFromBody: () => [],
    simulatorToken: TOKEN,
    simulator: {
      state,
      // The API's handlers and the two simulated S3 origins (uploads, downloads) its URLs point at.
      handlers: (baseUrl) => slngHandlers(state, { baseUrl }),
      faults: state.faults,
      reset: () => {
        skew = 0;
        state.reset();
      },
      unhonoured: () => unhonouredParameters({ operations, honours: SLNG_HONOURS }),
    },
    resources: [
      {
        noun: "job",
        // The minimal example: the seed's names a custom job_id, which a second create would collide with.
        create: { operationId: "batchJobsCreate", example: "minimal", id: (b) => b?.job_id },
        get: { operationId: "batchJobsGet", param: "jobId", id: (b) => b?.job_id },
        list: {
          operationId: "batchJobsList",
          query: { page_size: "2" },
          items: (b) => b?.items,
          id: (j) => j?.job_id,
          next: (b, q) => {
            const page = Number(q.page ?? 1);
            return page < Number(b?.meta?.pages ?? 0) ? { ...q, page: String(page + 1) } : undefined;
          },
        },
        remove: {
          operationId: "batchJobsDelete",
          param: "jobId",
          after: (read) => expect(read.body?.status, "a deleted job's status").toBe("DELETED"),
          // SLNG deletes only DONE or FAILED jobs.
          whenRemovable: (s, id) => void (s as SlngState).runToCompletion(id),
        },
      },
    ],
    notProvokable: Object.fromEntries(
      Object.keys(operations).map((op) => [
        `${op} 500`,
        "an error on SLNG's side: no well-formed request provokes it on purpose",
      ]),
    ),
  },
  (s) => {
    // ---- the three ways to create a job ----
    s.check(
      "creates a job from a real multipart upload with its JSON parts: 202, QUEUED, the parts kept",
      { ...sim, provokes: ["batchJobsCreate 202", "batchJobsGet 200"] },
      async (c) => {
        const tracking = { title: "Meeting recording", reference: "ref-123", tags: ["meeting"] };
        const ack = await create(
          c,
          multipart(wav("meeting.wav", 320_000), {
            job_id: "myjob123",
            model_code: DEFAULT_MODEL,
            metadata: JSON.stringify({ customer: "acme" }),
            tracking: JSON.stringify(tracking),
            output_config: JSON.stringify({ srt_overrides: { max_line_length: 80, max_lines: 2 } }),
          }),
        );
        expect(ack).toEqual({ job_id: "myjob123", status: "QUEUED" });
        const job = await getJob(c, "myjob123");
        expect(job).toMatchObject({
          job_id: "myjob123",
          status: "QUEUED",
          model_code: DEFAULT_MODEL,
          job_config: {
            transcription_config: CONFIG,
            tracking,
            output_config: { srt_overrides: { max_line_length: 80, max_lines: 2 } },
          },
          input_metadata: { size_bytes: 320_000, source: "upload", format: "wav" },
        });
      },
    );

    s.check("creates a job from an HTTPS URL (JSON, input_url): 202 and its own job id", sim, async (c) => {
      const ack = await urlJob(c);
      expect(ack.status).toBe("QUEUED");
      expect(ack.job_id).toMatch(/^[a-zA-Z0-9]+$/);
      const job = await getJob(c, ack.job_id);
      expect(job.input_metadata.source).toBe("https://storage.example.com/audio/meeting.mp3");
    });

    s.check(
      "creates a job by presigned upload: step 1 answers 200 with the upload, a real PUT with exactly its headers, step 3 answers 202",
      { ...sim, provokes: ["batchJobsCreate 200", "batchJobsCreate 202"] },
      async (c) => {
        const step1 = await presign(c, "call.wav");
        expect(step1.upload).toMatchObject({
          expires_in: 1800,
          headers: { "Content-Type": "application/octet-stream" },
        });
        expect(step1.upload.s3_key).toContain(step1.job_id);
        // Not a job yet.
        const before = await api(c).GET(P.job, { params: { path: { jobId: step1.job_id } } });
        expect(before.response.status).toBe(404);
        const uploaded = await put(c, step1.upload, step1.upload.headers, 48_000);
        expect(uploaded.status).toBe(200);
        expect(uploaded.headers.get("etag")).toBeTruthy();
        const ack = await create(c, {
          job_id: step1.job_id,
          s3_key: step1.upload.s3_key,
          transcription_config: CONFIG,
        });
        expect(ack).toEqual({ job_id: step1.job_id, status: "QUEUED" });
        const job = await getJob(c, step1.job_id);
        expect(job.input_metadata).toMatchObject({ size_bytes: 48_000, source: "presigned_upload" });
        // The upload serves one job only.
        const again = await api(c).POST(P.jobs, {
          body: { s3_key: step1.upload.s3_key, transcription_config: CONFIG },
        });
        expect(again.response.status).toBe(400);
      },
    );

    s.check(
      "refuses a PUT with a wrong header and a PUT after the URL expired (S3's 403), and step 3 before any upload (400)",
      { ...sim, provokes: ["batchJobsCreate 400"] },
      async (c) => {
        const step1 = await presign(c);
        const wrong = await put(c, step1.upload, { "Content-Type": "audio/wav" });
        expect(wrong.status).toBe(403);
        expect(await wrong.text()).toContain("SignatureDoesNotMatch");
        const none = await put(c, step1.upload, {});
        expect(none.status).toBe(403);
        const early = await api(c).POST(P.jobs, {
          body: { job_id: step1.job_id, s3_key: step1.upload.s3_key, transcription_config: CONFIG },
        });
        c.expectRefused(result(early), 400);
        expect(early.error.error).toContain("PUT the file to upload.url first");
        skew += (step1.upload.expires_in + 1) * 1000;
        const late = await put(c, step1.upload, step1.upload.headers);
        expect(late.status).toBe(403);
        expect(await late.text()).toContain("Request has expired");
        // A new step 1 issues a fresh URL that works.
        const fresh = await presign(c);
        expect((await put(c, fresh.upload, fresh.upload.headers)).status).toBe(200);
      },
    );

    s.check(
      "refuses a body that declares more than 1 GB with 413, without reading it",
      {
        ...sim,
        provokes: ["batchJobsCreate 413"],
        inProcessOnly:
          "fetch will not send a Content-Length its body does not have, so only in process can a request declare more than it sends",
      },
      async (c) => {
        // A well-formed multipart body, declared larger than 1 GB (and its framing).
        const form = new Response(multipart(wav("huge.wav", 1000)));
        const response = await c.checked.fetch(
          new Request(`${c.target.baseUrl}${P.jobs}`, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${TOKEN}`,
              "Content-Type": form.headers.get("content-type")!,
              "Content-Length": String(2 ** 30 + 2 * 1024 * 1024),
            },
            body: await form.arrayBuffer(),
          }),
        );
        expect([response.status, await response.json()]).toEqual([
          413,
          { error: "File too large. Maximum size is 1 GB." },
        ]);
        expect(c.state.jobs.size).toBe(0);
      },
    );

    // ---- the list ----
    s.check(
      "walks 230 DONE jobs among others at page_size 100 with a status filter: three pages, every matching job once",
      {
        provokes: ["batchJobsList 200"],
        exercises: [
          "batchJobsList query.page",
          "batchJobsList query.page_size",
          "batchJobsList query.status",
        ],
      },
      async (c) => {
        const expected = new Set<string>();
        if (c.simulated) {
          for (let i = 0; i < 230; i++)
            expected.add(c.state.addJob({ source: { kind: "url", url: `https://e.com/${i}.wav` } }).job_id);
          c.state.runToCompletion();
          for (let i = 0; i < 25; i++)
            c.state.addJob({ source: { kind: "url", url: `https://e.com/q${i}.wav` } });
        }
        const seen: string[] = [];
        let page = 1;
        let pages = 1;
        do {
          const data = await list(c, { page, page_size: 100, status: "DONE" });
          expect(data.meta).toMatchObject({ page, page_size: 100 });
          expect(data.items.every((j: Json) => j.status === "DONE")).toBe(true);
          const ids: string[] = data.items.map((j: Json) => j.job_id);
          expect(
            ids.filter((id) => seen.includes(id)),
            `page ${page} repeats jobs`,
          ).toEqual([]);
          seen.push(...ids);
          pages = data.meta.pages;
          if (c.simulated) {
            expect([data.meta.total, data.meta.pages]).toEqual([230, 3]);
            expect(data.items).toHaveLength(page < 3 ? 100 : 30);
          }
          page++;
        } while (page <= pages && page <= (c.simulated ? 10 : 50));
        if (c.simulated) expect(new Set(seen)).toEqual(expected);
        // Several statuses, comma-separated.
        if (c.simulated) {
          const both = await list(c, { status: "QUEUED,DONE", page_size: 1 });
          expect(both.meta.total).toBe(255);
        }
      },
    );

    s.check(
      "sorts by each sort_by in both orders, and filters by model_code and submission time",
      {
        ...sim,
        exercises: [
          "batchJobsList query.sort_by",
          "batchJobsList query.sort_order",
          "batchJobsList query.model_code",
          "batchJobsList query.submitted_after",
          "batchJobsList query.submitted_before",
        ],
      },
      async (c) => {
        // Three jobs a minute apart: a DONE one of the other model, a QUEUED one, a FAILED one.
        const at: string[] = [];
        const add = (model_code: string, filename: string) => {
          const job = c.state.addJob({
            model_code,
            source: { kind: "multipart", filename, size_bytes: 1000, mime_type: "audio/wav" },
          });
          // The time the simulator gave it (a clock read beside it may be a millisecond off under load).
          at.push(job.submitted_at.toISOString());
          skew += 60_000;
          return job.job_id;
        };
        const a = add(OTHER_MODEL, "a.wav");
        c.state.runToCompletion(a);
        const b = add(DEFAULT_MODEL, "b.wav");
        const d = add(DEFAULT_MODEL, "broken.wav");
        c.state.runToCompletion(d);
        const ids = async (query: Record<string, string>) =>
          (await list(c, query)).items.map((j: Json) => j.job_id);
        expect(await ids({ sort_by: "submitted_at", sort_order: "asc" })).toEqual([a, b, d]);
        expect(await ids({ sort_by: "submitted_at", sort_order: "desc" })).toEqual([d, b, a]);
        expect(await ids({})).toEqual([d, b, a]); // the default: newest first
        expect(await ids({ sort_by: "status", sort_order: "asc" })).toEqual([a, d, b]); // DONE, FAILED, QUEUED
        expect(await ids({ sort_by: "status", sort_order: "desc" })).toEqual([b, d, a]);
        // The other model sorts before the default one ("14" < "15"); ties keep creation order.
        expect(await ids({ sort_by: "model_code", sort_order: "asc" })).toEqual([a, b, d]);
        expect(await ids({ sort_by: "model_code", sort_order: "desc" })).toEqual([d, b, a]);
        expect(await ids({ model_code: OTHER_MODEL })).toEqual([a]);
        expect(await ids({ model_code: DEFAULT_MODEL, sort_order: "asc" })).toEqual([b, d]);
        // Exclusive bounds (spec x-inferred): after the first job's time, before the last's.
        expect(await ids({ submitted_after: at[0]!, sort_order: "asc" })).toEqual([b, d]);
        expect(await ids({ submitted_before: at[2]!, sort_order: "asc" })).toEqual([a, b]);
        expect(await ids({ submitted_after: at[0]!, submitted_before: at[2]! })).toEqual([b]);
      },
    );

    // ---- a job's life ----
    s.check(
      "follows a job QUEUED → IN_PROGRESS → DECODING → POST_PROCESSING → DONE through GETs; refuses its delete with 409 until DONE, then 202",
      { ...sim, provokes: ["batchJobsDelete 409", "batchJobsDelete 202"] },
      async (c) => {
        const { job_id } = await urlJob(c);
        const seen: string[] = [];
        for (let i = 0; i < 8; i++) {
          const job = await getJob(c, job_id);
          seen.push(job.status);
          if (job.status === "DONE") {
            expect(job.completed_at).not.toBeNull();
            expect(job.output_metadata.formats).toEqual(["json", "txt", "srt"]);
            break;
          }
          if (job.status !== "QUEUED") expect(job.started_at).not.toBeNull();
          const running = await api(c).DELETE(P.job, { params: { path: { jobId: job_id } } });
          c.expectRefused(result(running), 409);
          expect(running.error.error).toBe("Job must be DONE or FAILED to delete");
          c.state.advance(job_id);
        }
        expect(seen).toEqual(["QUEUED", "IN_PROGRESS", "DECODING", "POST_PROCESSING", "DONE"]);
        const deleted = await api(c).DELETE(P.job, { params: { path: { jobId: job_id } } });
        expect([deleted.response.status, deleted.data]).toEqual([202, { job_id, status: "DELETED" }]);
        const after = await getJob(c, job_id);
        expect([after.status, after.deleted_at === null]).toEqual(["DELETED", false]);
      },
    );

    s.check(
      "ends a job FAILED with its error_message when SLNG fails it, and deletes it with 202",
      sim,
      async (c) => {
        const { job_id } = await create(c, multipart(wav("broken.wav")));
        c.state.runToCompletion(job_id);
        const job = await getJob(c, job_id);
        expect(job.status).toBe("FAILED");
        expect(job.error_message.message).toContain(job_id);
        const files = await api(c).GET(P.files, { params: { path: { jobId: job_id } } });
        expect(files.data.outputs).toEqual([]);
        const deleted = await api(c).DELETE(P.job, { params: { path: { jobId: job_id } } });
        expect(deleted.response.status).toBe(202);
      },
    );

    // ---- files ----
    s.check(
      "lists a DONE job's files with signed URLs, and downloads its transcript in each format",
      { ...sim, provokes: ["batchJobsFiles 200"] },
      async (c) => {
        const { job_id } = await create(c, multipart(wav("talk.wav", 32_000 * 30)));
        const early = await api(c).GET(P.files, { params: { path: { jobId: job_id } } });
        expect(early.data.outputs).toEqual([]);
        expect(early.data.inputs).toHaveLength(1);
        c.state.runToCompletion(job_id);
        const { data, error } = await api(c).GET(P.files, { params: { path: { jobId: job_id } } });
        expect(error).toBeUndefined();
        expect(data.job_id).toBe(job_id);
        expect(data.outputs.map((o: Json) => o.format)).toEqual(["json", "txt", "srt"]);
        const download = async (url: string) => {
          expect(new URL(url).searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
          const response = await c.checked.fetch(new Request(url));
          expect(response.status).toBe(200);
          return { type: response.headers.get("content-type") ?? "", text: await response.text() };
        };
        const byFormat = Object.fromEntries(
          await Promise.all(
            data.outputs.map(async (o: Json) => [o.format, await download(o.download_url)] as const),
          ),
        );
        expect(byFormat.json.type).toMatch(/^application\/json/);
        expect(typeof JSON.parse(byFormat.json.text)).toBe("object");
        expect(byFormat.txt.type).toMatch(/^text\/plain/);
        expect(byFormat.txt.text.trim()).not.toBe("");
        expect(byFormat.srt.type).toMatch(/^application\/x-subrip/);
        expect(byFormat.srt.text).toMatch(/^1\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}/);
        // The input is signed too.
        expect((await c.checked.fetch(new Request(data.inputs[0].download_url))).status).toBe(200);
        // An edited signature is S3's 403.
        const forged = new URL(data.outputs[0].download_url);
        forged.searchParams.set("X-Amz-Signature", "0".repeat(64));
        expect((await c.checked.fetch(new Request(forged.href))).status).toBe(403);
      },
    );

    // ---- refusals ----
    const get = (p: string) => (c: Ctx) => c.raw("GET", p);
    const postJson = (body: unknown, token?: string | null) => (c: Ctx) =>
      c.raw("POST", P.jobs, {
        body: JSON.stringify(body),
        contentType: "application/json",
        ...(token === undefined ? {} : { token }),
      });
    const urlBody = { input_url: "https://e.com/a.wav", transcription_config: CONFIG };
    s.refusals([
      {
        name: "a custom job_id that is not alphanumeric",
        operationId: "batchJobsCreate",
        status: 400,
        says: "job_id",
        breaksSpec: true,
        send: postJson({ ...urlBody, job_id: "my-job" }),
      },
      {
        name: "a JSON body that mixes input_url and a presign request",
        operationId: "batchJobsCreate",
        status: 400,
        breaksSpec: true,
        send: postJson({ ...urlBody, mode: "presign", filename: "a.wav" }),
      },
      {
        name: "a job from an http:// URL",
        operationId: "batchJobsCreate",
        status: 400,
        says: "input_url",
        breaksSpec: true,
        send: postJson({ ...urlBody, input_url: "http://e.com/a.wav" }),
      },
      {
        name: "a job with a model SLNG does not have",
        operationId: "batchJobsCreate",
        status: 400,
        says: "Unsupported model_code",
        send: postJson({ ...urlBody, model_code: "slng/nothing:1" }),
      },
      {
        name: "a job_id already taken",
        operationId: "batchJobsCreate",
        status: 400,
        says: "already exists",
        simulatorOnly: true,
        send: async (c) => {
          c.state.addJob({ job_id: "taken1", source: { kind: "url", url: "https://e.com/t.wav" } });
          return postJson({ ...urlBody, job_id: "taken1" })(c);
        },
      },
      {
        name: "a list with page_size 101",
        operationId: "batchJobsList",
        status: 400,
        says: "query.page_size",
        breaksSpec: true,
        send: get(`${P.jobs}?page_size=101`),
      },
      {
        name: "a list with page 0",
        operationId: "batchJobsList",
        status: 400,
        says: "query.page",
        breaksSpec: true,
        send: get(`${P.jobs}?page=0`),
      },
      {
        name: "a list filtered by an unknown status",
        operationId: "batchJobsList",
        status: 400,
        says: "query.status",
        breaksSpec: true,
        send: get(`${P.jobs}?status=DONE,BOGUS`),
      },
      ...(["batchJobsGet", "batchJobsDelete", "batchJobsFiles"] as const).flatMap((operationId) => {
        const template = operations[operationId].path;
        const method = operations[operationId].method;
        return [
          {
            name: `${operationId} of a jobId that is not alphanumeric`,
            operationId,
            status: 400,
            says: "jobId",
            breaksSpec: true,
            send: (c: Ctx) => c.raw(method, path(template, "not-a-job")),
          },
          {
            name: `${operationId} of an unknown job`,
            operationId,
            status: 404,
            says: "Job not found",
            send: (c: Ctx) => c.raw(method, path(template, UNKNOWN)),
          },
        ];
      }),
      {
        name: "another key's job (not found for this key)",
        operationId: "batchJobsGet",
        status: 404,
        simulatorOnly: true,
        send: (c) => {
          const job = c.state.addJob({
            api_key: "someone-else",
            source: { kind: "url", url: "https://e.com/x.wav" },
          });
          return c.raw("GET", path(P.job, job.job_id));
        },
      },
      // Credentials, for every operation: none, and a key SLNG does not know. Both are 403.
      ...Object.keys(operations).flatMap((operationId) => {
        const send = (token: string | null) => (c: Ctx) =>
          operationId === "batchJobsCreate" ? postJson(urlBody, token)(c) : c.sample(operationId, token);
        return [
          {
            name: `${operationId} without a key`,
            operationId,
            status: 403,
            says: "Missing API key",
            breaksSpec: true,
            send: send(null),
          },
          {
            name: `${operationId} with an unknown key`,
            operationId,
            status: 403,
            says: "API key id not found",
            send: send("not-an-slng-key"),
          },
        ];
      }),
    ]);
  },
);
