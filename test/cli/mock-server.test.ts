// The simulators over real HTTP: each provider's own client, pointed at the mock server's URL, works
// unchanged; the control endpoints move jobs, inject faults and reset; what no endpoint knows is a 404
// JSON; hostile requests get a documented status and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../conformance/cli/mock-server.ts";
import { PROVIDER_IDS, type ProviderId } from "../../conformance/cli/simulators.ts";
import { createSlngClient } from "../../src/slng/index.ts";
import { createSoferClient } from "../../src/sofer/index.ts";
import { createSoketClient } from "../../src/soket/index.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { createZoomTranslatorClient } from "../../src/zoom-translator/index.ts";

const TOKEN = "mock-secret-token-0123";

/** One way to make a job with the provider's client and read its status back. */
interface Flow {
  start(server: MockServer): { create(): Promise<string>; status(id: string): Promise<string> };
  /** The status right after creation, after one advance, and after complete. */
  statuses: [string, string, string];
  /** A create request whose body is exactly this text. */
  createPath: string;
}

const zoomFlow = (
  product: "scribe" | "translator",
  input: string,
  config: object,
  terminal: string,
): Flow => ({
  start(server) {
    const options = { token: TOKEN, baseUrl: server.url, maxRetries: 0 };
    const client =
      product === "scribe" ? createZoomScribeClient(options) : createZoomTranslatorClient(options);
    const body = {
      input: { mode: "SINGLE", source: "S3", uri: input },
      output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
      config,
    } as never;
    return {
      create: async () => (await client.jobs.create(body)).job_id,
      status: async (id) => (await client.jobs.get(id)).state,
    };
  },
  statuses: ["QUEUED", "PROCESSING", terminal],
  createPath: `/aiservices/${product}/jobs`,
});

const FLOWS: Record<ProviderId, Flow> = {
  "zoom-scribe": zoomFlow(
    "scribe",
    "s3://acme-bucket/audio/2025/11/call_0001.wav",
    { language: "en-US" },
    "SUCCEEDED",
  ),
  "zoom-translator": zoomFlow(
    "translator",
    "s3://acme-bucket/input/2026/03/notes.txt",
    { source_language: "en-US", target_languages: ["fr-FR"] },
    "SUCCEEDED",
  ),
  sofer: {
    start(server) {
      const client = createSoferClient({ apiKey: TOKEN, baseUrl: server.url, maxRetries: 0 });
      return {
        create: async () =>
          (await client.batches.createExpress([{ audio_url: "https://cdn.example.com/a.mp3" }])).batch_id,
        status: async (id) => (await client.batches.status(id)).status,
      };
    },
    statuses: ["RECEIVED", "PROCESSING", "COMPLETED"],
    createPath: "/v1/transcriptions/batch",
  },
  soket: {
    start(server) {
      const client = createSoketClient({ token: TOKEN, baseUrl: server.url, maxRetries: 0 });
      return {
        create: async () =>
          (await client.batches.submit({ sources: [{ url: "https://cdn.example.com/a.wav" }] })).batch_id,
        status: async (id) => (await client.batches.status(id)).status,
      };
    },
    statuses: ["queued", "processing", "completed"],
    createPath: "/batch",
  },
  slng: {
    start(server) {
      const client = createSlngClient({ apiKey: TOKEN, baseUrl: server.url, maxRetries: 0 });
      return {
        create: async () =>
          (
            await client.jobs.submitUrl("https://cdn.example.com/a.wav", {
              transcription_config: { language: "en" },
            })
          ).job_id,
        status: async (id) => (await client.jobs.get(id)).status,
      };
    },
    statuses: ["QUEUED", "IN_PROGRESS", "DONE"],
    createPath: "/v1/batch/jobs",
  },
};

const servers = new Map<ProviderId, MockServer>();
beforeAll(async () => {
  for (const id of PROVIDER_IDS) servers.set(id, await startMockServer({ provider: id, token: TOKEN }));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});
const serverOf = (id: ProviderId) => servers.get(id)!;

const control = async (server: MockServer, name: string, body?: unknown, method = "POST") => {
  const response = await fetch(`${server.origin}/__batchspec/${name}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
};

describe.each(PROVIDER_IDS)("the %s simulator over HTTP", (id) => {
  const flow = FLOWS[id];

  it("serves the API under the spec server's path on loopback", () => {
    const server = serverOf(id);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+(\/[a-z0-9]+)?$/);
    expect(server.url.startsWith(server.origin)).toBe(true);
    expect(server.url.slice(server.origin.length)).toBe(
      { "zoom-scribe": "/v2", "zoom-translator": "/v2", sofer: "", soket: "/transcribe", slng: "" }[id],
    );
  });

  it("answers its own client's create and get, and the control moves the job to its end", async () => {
    const server = serverOf(id);
    const client = flow.start(server);
    const jobId = await client.create();
    expect(await client.status(jobId)).toBe(flow.statuses[0]);

    const advanced = await control(server, "advance", { id: jobId });
    expect(advanced.status).toBe(200);
    expect(advanced.body.moved).toEqual([expect.objectContaining({ id: jobId, status: flow.statuses[1] })]);
    expect(await client.status(jobId)).toBe(flow.statuses[1]);

    const completed = await control(server, "complete", { id: jobId });
    expect(completed.body.moved).toEqual([expect.objectContaining({ id: jobId, status: flow.statuses[2] })]);
    expect(await client.status(jobId)).toBe(flow.statuses[2]);
  });

  it("advances every unfinished job when no id is given", async () => {
    const server = serverOf(id);
    const client = flow.start(server);
    const [a, b] = [await client.create(), await client.create()];
    const advanced = await control(server, "advance", {});
    expect(advanced.body.moved.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([a, b]));
    expect([await client.status(a), await client.status(b)]).toEqual([flow.statuses[1], flow.statuses[1]]);
  });

  it("answers the next request with an injected fault, with its Retry-After, then goes back to normal", async () => {
    const server = serverOf(id);
    const injected = await control(server, "fault", { status: 503, retryAfter: 7 });
    expect(injected).toMatchObject({ status: 200, body: { injected: { status: 503, retryAfter: 7 } } });
    const raw = await fetch(`${server.url}${flow.createPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(raw.status).toBe(503);
    expect(raw.headers.get("retry-after")).toBe("7");
    const client = flow.start(server);
    expect(await client.status(await client.create())).toBe(flow.statuses[0]);
  });

  it("forgets every job on reset", async () => {
    const server = serverOf(id);
    const client = flow.start(server);
    const jobId = await client.create();
    expect((await control(server, "reset")).body).toEqual({ reset: true });
    const after = await control(server, "advance", { id: jobId });
    expect(after.status).toBe(404);
    expect(after.body.error).toContain(jobId);
  });

  it("refuses a request without its token, as the provider does", async () => {
    const server = serverOf(id);
    const raw = await fetch(`${server.url}${flow.createPath}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(raw.status).toBe(id === "slng" ? 403 : 401);
  });

  it("answers a path outside every endpoint with a 404 in JSON", async () => {
    const server = serverOf(id);
    const raw = await fetch(`${server.origin}/no/such/path`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(raw.status).toBe(404);
    expect(raw.headers.get("content-type")).toMatch(/json/);
    const body = await raw.json();
    expect(JSON.stringify(body)).toMatch(/no such endpoint|not a path of this API/);
  });

  it("answers broken JSON with 400 in the provider's error body", async () => {
    const server = serverOf(id);
    const raw = await fetch(`${server.url}${flow.createPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: '{"input": ',
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get("content-type")).toMatch(/json/);
  });

  it("answers a body nested 100,000 deep with 400, and keeps serving", async () => {
    const server = serverOf(id);
    const raw = await fetch(`${server.url}${flow.createPath}`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    });
    expect(raw.status).toBe(400);
    expect((await control(server, "health", undefined, "GET")).status).toBe(200);
  });

  it("answers a 70,000-character path with 431, and keeps serving", async () => {
    const server = serverOf(id);
    const raw = await fetch(`${server.url}/${"a".repeat(70_000)}`);
    expect(raw.status).toBe(431);
    expect((await control(server, "health", undefined, "GET")).status).toBe(200);
  });
});

describe("the control endpoints", () => {
  const server = () => serverOf("zoom-scribe");

  it("say in health which provider, where its API is and how to authenticate, never the token", async () => {
    const health = await control(server(), "health", undefined, "GET");
    expect(health.body).toMatchObject({ status: "ok", provider: "zoom-scribe", baseUrl: server().url });
    expect(health.body.auth.header).toBe("Authorization: Bearer [redacted]");
    expect(JSON.stringify(health.body)).not.toContain(TOKEN);
  });

  it("list the requests the simulator handled, credentials in their URLs redacted", async () => {
    await fetch(`${server().url}/aiservices/scribe/jobs?token=query-secret-42`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const listed = await control(server(), "requests", undefined, "GET");
    const last = listed.body.requests.at(-1);
    expect(last).toMatchObject({ method: "GET", operationId: "listBatchJobs", status: 200 });
    expect(last.url).toContain("token=%5Bredacted%5D");
    expect(JSON.stringify(listed.body)).not.toContain("query-secret-42");
  });

  it.each([
    ["advance", "{not json", "body: not JSON"],
    ["advance", "[1]", "body: expected a JSON object, got an array"],
    ["advance", { id: 42 }, "body.id: expected a non-empty string, got 42"],
    ["advance", { jobId: "x" }, 'body: unknown field "jobId" (valid: id)'],
    ["fault", {}, "body.status: expected an HTTP status from 200 to 599, got nothing"],
    ["fault", { status: 99 }, "body.status: expected an HTTP status from 200 to 599, got 99"],
    [
      "fault",
      { status: 503, operationId: "nope" },
      'body.operationId: "nope" is not an operation of zoom-scribe',
    ],
    ["fault", { status: 503, retryAfter: -1 }, "body.retryAfter: expected seconds"],
    ["fault", { status: 503, retryAfter: "1\r\nx-evil: 1" }, "body.retryAfter: expected seconds"],
    ["reset", { everything: true }, 'body: unknown field "everything" (valid: none)'],
  ])("refuse %s with %j: 400 naming what was wrong", async (name, body, message) => {
    const answer = await control(server(), name, body);
    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/json/);
    expect(answer.body.error).toContain(message);
  });

  it("take a fault for one operation only", async () => {
    const s = server();
    await control(s, "fault", { status: 429, operationId: "getBatchJobStatus" });
    const headers = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${s.url}/aiservices/scribe/jobs`, { headers })).status).toBe(200);
    expect((await fetch(`${s.url}/aiservices/scribe/jobs/nope`, { headers })).status).toBe(429);
  });

  it("refuse a body over 64 kB", async () => {
    const answer = await control(server(), "advance", JSON.stringify({ id: "x".repeat(70_000) }));
    expect(answer).toMatchObject({ status: 400, body: { error: "body: over 65536 bytes" } });
  });

  it("answer an unknown control path with 404 listing the valid ones, and a wrong method with 405", async () => {
    const unknown = await control(server(), "teleport", {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain("no such control endpoint: /__batchspec/teleport");
    expect(unknown.body.error).toContain("POST /__batchspec/advance");
    const wrong = await fetch(`${server().origin}/__batchspec/advance`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });

  it("answer an id the simulator does not hold with 404 naming it", async () => {
    const answer = await control(server(), "complete", { id: "job-that-never-was" });
    expect(answer).toMatchObject({
      status: 404,
      body: { error: "no job job-that-never-was in the zoom-scribe simulator" },
    });
  });
});

describe("the control moves what else a simulator holds", () => {
  it("takes a Soket upload's id (batch_upload_id), as well as a batch's", async () => {
    const server = serverOf("soket");
    const client = createSoketClient({ token: TOKEN, baseUrl: server.url, maxRetries: 0 });
    const audio = new File([new Uint8Array(2048).fill(3)], "one.wav", { type: "audio/wav" });
    const upload = await client.files.upload([audio]);
    expect((await client.files.uploadStatus(upload.batch_upload_id)).status).toBe("pending");
    const advanced = await control(server, "advance", { id: upload.batch_upload_id });
    expect(advanced.body.moved).toEqual([
      { id: upload.batch_upload_id, kind: "upload", status: "uploading" },
    ]);
    await control(server, "complete", { id: upload.batch_upload_id });
    expect((await client.files.uploadStatus(upload.batch_upload_id)).status).toBe("completed");
  });

  it("validates a Sofer manifest in its one step", async () => {
    const server = serverOf("sofer");
    const client = createSoferClient({ apiKey: TOKEN, baseUrl: server.url, maxRetries: 0 });
    const manifest = await client.manifests.upload([{ audio_url: "https://cdn.example.com/a.mp3" }]);
    expect((await client.manifests.get(manifest.batch_file_id)).status).toBe("PENDING_VALIDATION");
    const advanced = await control(server, "advance", { id: manifest.batch_file_id });
    expect(advanced.body.moved).toEqual([{ id: manifest.batch_file_id, kind: "manifest", status: "VALID" }]);
    expect((await client.manifests.get(manifest.batch_file_id)).status).toBe("VALID");
  });
});

describe("SLNG's storage over the same server", () => {
  it("takes a presigned upload end to end over HTTP, and serves the transcript through the signed URL", async () => {
    const server = serverOf("slng") as MockServer<"slng">;
    const client = createSlngClient({ apiKey: TOKEN, baseUrl: server.url, maxRetries: 0 });
    let uploadUrl = "";
    const audio = new File([new Uint8Array(4096).fill(7)], "call.wav", { type: "audio/wav" });
    const job = await client.jobs.submitViaPresignedUpload(
      audio,
      { transcription_config: { language: "en" } },
      { onPresigned: (p) => void (uploadUrl = p.upload.url) },
    );
    expect(uploadUrl.startsWith(`${server.origin}/__batchspec/slng-uploads/`)).toBe(true);
    const upload = [...server.state.uploads.values()].find((u) => u.job_id === job.job_id)!;
    expect(upload.bytes).toBe(4096);
    expect(server.state.jobs.get(job.job_id)?.source.kind).toBe("presigned");

    await control(server, "complete", { id: job.job_id });
    const files = await client.jobs.files(job.job_id);
    expect(JSON.stringify(files)).toContain(`${server.origin}/__batchspec/slng-downloads/`);
    const transcript = await client.downloadTranscript(job.job_id, "txt");
    expect(typeof transcript).toBe("string");
    expect(String(transcript).length).toBeGreaterThan(0);
  });

  it("answers a PUT with a forged signature as S3 does (403), through the exposed path", async () => {
    const server = serverOf("slng");
    const raw = await fetch(
      `${server.origin}/__batchspec/slng-uploads/uploads/x.wav?X-Amz-Signature=forged`,
      {
        method: "PUT",
        body: "abc",
      },
    );
    expect(raw.status).toBe(403);
    expect(await raw.text()).toContain("SignatureDoesNotMatch");
  });
});
