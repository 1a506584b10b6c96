// The simulators over real HTTP: each provider's own client, pointed at the mock server's URL, works
// unchanged; the control endpoints move jobs, inject faults and reset; what no endpoint knows is a 404
// JSON; hostile requests get a documented status and the server keeps answering.
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
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
    const body = {
      input: { mode: "SINGLE", source: "S3", uri: input },
      output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
      config,
    } as never;
    // Each client's jobs as the little the flow needs (a call on the union of both clients' overloaded
    // helpers costs tsc most of a second).
    const over = (jobs: {
      create(body: never): Promise<{ job_id: string }>;
      get(id: string): Promise<{ state: string }>;
    }) => ({
      create: async () => (await jobs.create(body)).job_id,
      status: async (id: string) => (await jobs.get(id)).state,
    });
    return product === "scribe"
      ? over(createZoomScribeClient(options).jobs)
      : over(createZoomTranslatorClient(options).jobs);
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
    ...(method === "POST" ? { headers: { "content-type": "application/json" } } : {}),
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
    ["fault", { status: 503, retryAfter: "\u0000" }, "body.retryAfter: expected seconds"],
    ["fault", { status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT\u0007" }, "body.retryAfter"],
    ["fault", { status: 503, retryAfter: "soon" }, "body.retryAfter: expected seconds"],
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

/** A raw HTTP/1.1 exchange, for what fetch will not send (a Host of our choosing, a body that never ends). */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | number> },
  send?: (req: ClientRequest) => void,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    if (send) send(req);
    else req.end();
  });
}

describe("the control endpoints refuse what a web page could send", () => {
  const server = () => serverOf("sofer");

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", undefined])(
    "refuse a POST with Content-Type %s with 415, and do nothing",
    async (type) => {
      const s = server();
      const client = FLOWS.sofer.start(s);
      const id = await client.create();
      for (const [name, body] of [
        ["fault", '{"status": 503}'],
        ["complete", "{}"],
        ["advance", "{}"],
        ["reset", "{}"],
      ] as const) {
        const answer = await fetch(`${s.origin}/__batchspec/${name}`, {
          method: "POST",
          body: new Blob([body], type ? { type } : {}),
        });
        expect(answer.status).toBe(415);
        expect((await answer.json()).error).toContain("send application/json");
      }
      // No fault was injected, the batch did not move and was not forgotten.
      expect(await client.status(id)).toBe("RECEIVED");
    },
  );

  it("take an empty JSON POST as {}", async () => {
    expect((await control(server(), "reset")).body).toEqual({ reset: true });
  });

  it.each(["evil.example:80", "rebound.attacker.test", "127.0.0.1", "127.0.0.1:1"])(
    "refuse a control request addressed to Host %s with 403 (DNS rebinding)",
    async (host) => {
      const s = server();
      const client = FLOWS.sofer.start(s);
      const id = await client.create();
      const reset = await rawRequest(
        `${s.origin}/__batchspec/reset`,
        {
          method: "POST",
          headers: { host, "content-type": "application/json", "content-length": 2 },
        },
        (req) => req.end("{}"),
      );
      expect(reset.status).toBe(403);
      expect(JSON.parse(reset.body).error).toContain("is not this server's");
      const requests = await rawRequest(`${s.origin}/__batchspec/requests`, { headers: { host } });
      expect(requests.status).toBe(403);
      expect(await client.status(id)).toBe("RECEIVED");
    },
  );

  it("answer to its own names: 127.0.0.1, localhost and [::1] with its port", async () => {
    const s = server();
    const port = new URL(s.origin).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const health = await rawRequest(`${s.origin}/__batchspec/health`, { headers: { host } });
      expect(health.status).toBe(200);
    }
  });
});

describe("the health and requests endpoints", () => {
  it("answer HEAD as GET, without a body", async () => {
    const s = serverOf("soket");
    for (const name of ["health", "requests"]) {
      const head = await rawRequest(`${s.origin}/__batchspec/${name}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers["content-type"]).toMatch(/json/);
      expect(head.body).toBe("");
    }
    const post = await fetch(`${s.origin}/__batchspec/health`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("an injected fault's Retry-After", () => {
  it("is sent as given when it is an HTTP date, and a refused one leaves the next request alone", async () => {
    const s = serverOf("soket");
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const refused = await control(s, "fault", { status: 503, retryAfter: "\u0000" });
    expect(refused.status).toBe(400);
    const next = await fetch(`${s.url}/batch`, { method: "POST", headers, body: "{}" });
    expect(next.status).not.toBe(503);
    expect(next.status).toBeLessThan(500);
    const date = "Wed, 21 Oct 2015 07:28:00 GMT";
    expect((await control(s, "fault", { status: 503, retryAfter: date })).status).toBe(200);
    const faulted = await fetch(`${s.url}/batch`, { method: "POST", headers, body: "{}" });
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get("retry-after")).toBe(date);
  });
});

describe("the mock server's own body limit", () => {
  let small: MockServer;
  beforeAll(async () => {
    small = await startMockServer({ provider: "soket", token: TOKEN, maxBodyBytes: 1024 * 1024 });
  });
  afterAll(() => small.close());
  const upload = () => `${small.url}/batch`;

  it("refuses a declared Content-Length over the limit (64 MiB by default) with 413 JSON, unread", async () => {
    for (const [s, limit] of [
      [serverOf("soket"), 64 * 1024 * 1024],
      [small, 1024 * 1024],
    ] as const) {
      const answer = await rawRequest(
        `${s.url}/batch`,
        {
          method: "POST",
          headers: {
            authorization: `Bearer ${TOKEN}`,
            "content-type": "application/octet-stream",
            "content-length": limit + 1,
          },
        },
        // Only a few bytes of the declared body are ever sent: the answer cannot wait for the rest.
        (req) => req.write("x".repeat(100)),
      );
      expect(answer.status).toBe(413);
      expect(answer.headers["content-type"]).toMatch(/json/);
      expect(JSON.parse(answer.body).error).toContain(`at most ${limit} bytes`);
    }
  });

  it(
    "lets SLNG take files over 64 MiB (it takes up to 1 GB): a 70 MiB presigned upload goes through",
    { timeout: 60_000 },
    async () => {
      const slng = createSlngClient({ apiKey: TOKEN, baseUrl: serverOf("slng").url, maxRetries: 0 });
      const big = new File([new Uint8Array(70 * 1024 * 1024)], "big.wav", { type: "audio/wav" });
      const ack = await slng.jobs.submitViaPresignedUpload(big, { transcription_config: {} });
      expect(ack.status).toBe("QUEUED");
    },
  );

  it("refuses a chunked body once it passes the limit, without reading the rest, and keeps serving", async () => {
    let written = 0;
    const answer = await rawRequest(
      upload(),
      {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "multipart/form-data; boundary=x" },
      },
      (req) => {
        // An endless upload: it stops only when the server answers (or stops reading).
        const chunk = Buffer.alloc(256 * 1024, 120);
        let answered = false;
        req.on("response", () => (answered = true));
        req.on("error", () => {});
        const pump = () => {
          while (!answered && written < 200 * 1024 * 1024) {
            written += chunk.byteLength;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      },
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toContain("at most 1048576 bytes");
    // What the client got to write is the limit plus what the sockets' buffers take, not the 200 MB.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect((await control(small, "health", undefined, "GET")).status).toBe(200);
  });

  it("still lets a body under the limit through to the simulator", async () => {
    const answer = await fetch(upload(), {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ sources: [{ url: "https://cdn.example.com/a.wav" }], pad: "x".repeat(500_000) }),
    });
    expect(answer.status).toBeLessThan(500);
    expect(answer.status).not.toBe(413);
  });
});
