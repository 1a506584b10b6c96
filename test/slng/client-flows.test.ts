// The SLNG client against stub fetches answering with the spec's examples: each create path (the
// multipart parts and the JSON parts in them, the URL body, the three steps of a presigned upload with
// the PUT's exact headers and no credential sent to storage), the page walk, waitForJob, delete's 409,
// downloadTranscript through the signed URL, and transcribe choosing its path by the input.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  ConflictError,
  createSlngClient,
  InvalidResponseError,
  JobFailedError,
  PollTimeoutError,
  PresignedUploadError,
  SLNG_BASE_URL,
  SLNG_STAGING_URL,
  type SlngJobConfig,
} from "../../src/slng/index.ts";

const KEY = "slng_test_key_0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "slng-flows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UPLOAD_URL =
  "https://slng-production-batch-input.s3.amazonaws.com/inputs/job8f3a1b2c4d5e6f7890abcdef12345678/audio.wav?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc123";
const JOB = "job8f3a1b2c4d5e6f7890abcdef12345678";

/** The spec's presign-step-1 example answer (its `...` ids made whole). */
const presigned = (overrides: Record<string, unknown> = {}) => ({
  job_id: JOB,
  transcription_config: { language: "en", operating_point: "standard", diarization: "none" },
  input_s3_uri: `s3://slng-production-batch-input/inputs/${JOB}/audio.wav`,
  output_s3_prefix: `s3://slng-production-batch-output/outputs/${JOB}/`,
  upload: {
    url: UPLOAD_URL,
    s3_key: `inputs/${JOB}/audio.wav`,
    s3_uri: `s3://slng-production-batch-input/inputs/${JOB}/audio.wav`,
    expires_in: 1800,
    headers: { "Content-Type": "application/octet-stream" },
  },
  ...overrides,
});

const queued = (jobId = "myjob123") => Response.json({ job_id: jobId, status: "QUEUED" }, { status: 202 });

/** A client whose fetch answers with `route`, recording every request. */
function stub(route: (request: Request, n: number) => Response | Promise<Response>, baseUrl?: string) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return route(request, requests.length);
  };
  const client = createSlngClient({
    apiKey: KEY,
    fetch,
    sleep: async () => {},
    ...(baseUrl ? { baseUrl } : {}),
  });
  return { requests, client };
}

const config: SlngJobConfig = {
  transcription_config: { language: "en", operating_point: "standard", diarization: "none" },
};

describe("jobs.submitFile: one multipart request", () => {
  it('sends a Blob that carries only a name under that name, not as "blob"', async () => {
    const { requests, client } = stub(() => queued());
    const blob = Object.assign(new Blob([new Uint8Array(4)], { type: "audio/wav" }), { name: "named.wav" });
    await client.jobs.submitFile(blob, config);
    const file = (await requests[0]!.formData()).get("file") as File;
    expect([file.name, file.type, file.size]).toEqual(["named.wav", "audio/wav", 4]);
  });

  it("sends the file part and the settings as parts holding JSON, as the seed's curl does", async () => {
    const { requests, client } = stub(() => queued());
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const ack = await client.jobs.submitFile(
      { data: bytes, filename: "meeting.wav" },
      {
        transcription_config: {
          language: "en",
          additional_vocab: [{ content: "SLNG", sounds_like: ["sling"] }],
        },
        job_id: "myjob123",
        model_code: "slng/speechmatics/batch:15.0.0",
        metadata: { customer: "acme", priority: 2 },
        tracking: { title: "Meeting recording", reference: "ref-123", tags: ["meeting", "q1-review"] },
        output_config: { srt_overrides: { max_line_length: 80, max_lines: 2 } },
      },
    );
    expect(ack).toEqual({ job_id: "myjob123", status: "QUEUED" });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`${SLNG_BASE_URL}/v1/batch/jobs`);
    expect(request!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(request!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request!.formData();
    expect([...form.keys()].sort()).toEqual(
      [
        "file",
        "job_id",
        "metadata",
        "model_code",
        "output_config",
        "tracking",
        "transcription_config",
      ].sort(),
    );
    const file = form.get("file") as File;
    expect(file.name).toBe("meeting.wav");
    expect(file.type).toBe("audio/wav");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(JSON.parse(form.get("transcription_config") as string)).toEqual({
      language: "en",
      additional_vocab: [{ content: "SLNG", sounds_like: ["sling"] }],
    });
    // metadata is a string in the multipart body: a JSON object, serialised.
    expect(JSON.parse(form.get("metadata") as string)).toEqual({ customer: "acme", priority: 2 });
    expect(JSON.parse(form.get("tracking") as string)).toEqual({
      title: "Meeting recording",
      reference: "ref-123",
      tags: ["meeting", "q1-review"],
    });
    expect(JSON.parse(form.get("output_config") as string)).toEqual({
      srt_overrides: { max_line_length: 80, max_lines: 2 },
    });
    expect(form.get("job_id")).toBe("myjob123");
    expect(form.get("model_code")).toBe("slng/speechmatics/batch:15.0.0");
  });

  it("reads a path from disk, and goes to staging when told", async () => {
    const path = join(dir, "clip.mp3");
    writeFileSync(path, new Uint8Array([9, 8, 7]));
    const { requests, client } = stub(() => queued(), SLNG_STAGING_URL);
    await client.jobs.submitFile(path, config);
    expect(requests[0]!.url).toBe(`${SLNG_STAGING_URL}/v1/batch/jobs`);
    const file = (await requests[0]!.formData()).get("file") as File;
    expect(file.name).toBe("clip.mp3");
    expect(file.type).toBe("audio/mpeg");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
  });

  it("asks a key function before the request", async () => {
    const requests: Request[] = [];
    const client = createSlngClient({
      apiKey: async () => "fresh-key",
      fetch: async (r: Request) => (requests.push(r), queued()),
    });
    await client.jobs.submitFile(new File([new Uint8Array([1])], "a.wav", { type: "audio/wav" }), config);
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer fresh-key");
  });

  it("calls a 202 without a job_id an InvalidResponseError", async () => {
    const { client } = stub(() => Response.json({ status: "QUEUED" }, { status: 202 }));
    await expect(
      client.jobs.submitFile({ data: new Uint8Array([1]), filename: "a.wav" }, config, { validate: false }),
    ).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe("jobs.submitUrl", () => {
  it("sends the URL body as JSON, metadata an object", async () => {
    const { requests, client } = stub(() => queued());
    await client.jobs.submitUrl("https://storage.example.com/audio/meeting.mp3", {
      ...config,
      job_id: "myjob123",
      metadata: { customer: "acme" },
    });
    const request = requests[0]!;
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.json()).toEqual({
      input_url: "https://storage.example.com/audio/meeting.mp3",
      job_id: "myjob123",
      transcription_config: config.transcription_config,
      metadata: { customer: "acme" },
    });
  });
});

describe("jobs.submitViaPresignedUpload: three steps", () => {
  function presignFlow(put: (request: Request) => Response = () => new Response(null, { status: 200 })) {
    return stub(async (request) => {
      if (request.url === UPLOAD_URL) return put(request);
      const body = await request.clone().json();
      if (body.mode === "presign") return Response.json(presigned(), { status: 200 });
      return queued(JOB);
    });
  }

  it("asks for the URL, PUTs the bytes with exactly upload.headers and no credential, then creates the job", async () => {
    const { requests, client } = presignFlow();
    const bytes = new Uint8Array([10, 20, 30, 40]);
    let seen: unknown;
    const ack = await client.jobs.submitViaPresignedUpload(
      new File([bytes], "audio.wav", { type: "audio/wav" }),
      { ...config, model_code: "slng/speechmatics/batch:15.0.0", metadata: { a: 1 } },
      { onPresigned: (p) => (seen = p.upload.s3_key) },
    );
    expect(ack).toEqual({ job_id: JOB, status: "QUEUED" });
    expect(seen).toBe(`inputs/${JOB}/audio.wav`);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${SLNG_BASE_URL}/v1/batch/jobs`,
      `PUT ${UPLOAD_URL}`,
      `POST ${SLNG_BASE_URL}/v1/batch/jobs`,
    ]);
    const [step1, put, step3] = requests;
    expect(await step1!.json()).toEqual({
      mode: "presign",
      filename: "audio.wav",
      content_type: "audio/wav",
      transcription_config: config.transcription_config,
    });
    // Exactly the headers SLNG named: the Blob's own type does not sneak in, nor does the key.
    expect([...put!.headers]).toEqual([["content-type", "application/octet-stream"]]);
    expect(put!.headers.get("authorization")).toBeNull();
    expect(new Uint8Array(await put!.arrayBuffer())).toEqual(bytes);
    expect(await step3!.json()).toEqual({
      job_id: JOB,
      s3_key: `inputs/${JOB}/audio.wav`,
      model_code: "slng/speechmatics/batch:15.0.0",
      transcription_config: presigned().transcription_config,
      metadata: { a: 1 },
    });
    expect(step3!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("adds no Content-Type of its own when upload.headers names none", async () => {
    const { requests, client } = stub((request) =>
      request.url === UPLOAD_URL
        ? new Response(null, { status: 200 })
        : request.headers.get("content-type") === "application/json" && request.method === "POST"
          ? request
              .clone()
              .json()
              .then((b: { mode?: string }) =>
                b.mode === "presign"
                  ? Response.json(
                      presigned({
                        upload: { ...presigned().upload, headers: { "x-amz-meta-origin": "batchspec" } },
                      }),
                    )
                  : queued(JOB),
              )
          : queued(JOB),
    );
    await client.jobs.submitViaPresignedUpload(
      new File([new Uint8Array([1])], "a.wav", { type: "audio/wav" }),
      config,
    );
    const put = requests.find((r) => r.method === "PUT")!;
    expect([...put.headers]).toEqual([["x-amz-meta-origin", "batchspec"]]);
  });

  it("retries a PUT storage answered 503, with the same bytes", async () => {
    let puts = 0;
    const { requests, client } = presignFlow(() => new Response(null, { status: ++puts === 1 ? 503 : 200 }));
    await client.jobs.submitViaPresignedUpload({ data: new Uint8Array([1, 2]), filename: "a.wav" }, config);
    const sent = requests.filter((r) => r.method === "PUT");
    expect(sent).toHaveLength(2);
    expect(new Uint8Array(await sent[1]!.arrayBuffer())).toEqual(new Uint8Array([1, 2]));
  });

  it("names the step that failed: the PUT refused by storage", async () => {
    const { requests, client } = presignFlow(
      () => new Response("<Error><Code>SignatureDoesNotMatch</Code></Error>", { status: 403 }),
    );
    const error = await client.jobs
      .submitViaPresignedUpload({ data: new Uint8Array([1]), filename: "a.wav" }, config)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresignedUploadError);
    expect((error as PresignedUploadError).step).toBe("upload");
    expect((error as PresignedUploadError).status).toBe(403);
    expect((error as PresignedUploadError).jobId).toBe(JOB);
    expect((error as Error).message).toContain("SignatureDoesNotMatch");
    expect((error as Error).message).not.toContain("abc123"); // the URL's signature is not repeated
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(1); // no job created
  });

  it("names the step that failed: a step 1 answer without upload.url", async () => {
    const broken = presigned();
    delete (broken.upload as Partial<typeof broken.upload>).url;
    const { requests, client } = stub(() => Response.json(broken, { status: 200 }));
    const error = await client.jobs
      .submitViaPresignedUpload({ data: new Uint8Array([1]), filename: "a.wav" }, config, { validate: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresignedUploadError);
    expect((error as PresignedUploadError).step).toBe("presign");
    expect(((error as Error).cause as Error).name).toBe("InvalidResponseError"); // a redacted copy
    expect(requests).toHaveLength(1);
  });

  it("names the step that failed: step 3 refused", async () => {
    const { client } = stub(async (request) => {
      if (request.url === UPLOAD_URL) return new Response(null, { status: 200 });
      const body = await request.clone().json();
      if (body.mode === "presign") return Response.json(presigned(), { status: 200 });
      return Response.json({ error: "Uploaded object not found" }, { status: 400 });
    });
    const error = await client.jobs
      .submitViaPresignedUpload({ data: new Uint8Array([1]), filename: "a.wav" }, config)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresignedUploadError);
    expect((error as PresignedUploadError).step).toBe("create");
    expect((error as PresignedUploadError).s3Key).toBe(`inputs/${JOB}/audio.wav`);
    expect((error as Error).message).toContain("Uploaded object not found");
  });

  it("gives up on a PUT still running when the URL expires", async () => {
    const { client } = stub(async (request) => {
      if (request.url === UPLOAD_URL)
        return new Promise<Response>((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        );
      const p = presigned();
      p.upload.expires_in = 0.05; // 50 ms
      return Response.json(p, { status: 200 });
    });
    const error = await client.jobs
      .submitViaPresignedUpload({ data: new Uint8Array([1]), filename: "a.wav" }, config, { validate: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresignedUploadError);
    expect((error as PresignedUploadError).step).toBe("upload");
    expect((error as Error).message).toContain("expired");
  });
});

describe("jobs.iterate, get, delete", () => {
  it("walks the pages by number with the filters, as many as meta.pages says", async () => {
    const { requests, client } = stub((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const items =
        page < 3
          ? [
              { job_id: `a${page}`, status: "DONE" },
              { job_id: `b${page}`, status: "DONE" },
            ]
          : [{ job_id: "c3", status: "FAILED" }];
      return Response.json({ items, meta: { page, page_size: 2, total: 5, pages: 3 } });
    });
    const ids: string[] = [];
    for await (const job of client.jobs.iterate({
      status: ["DONE", "FAILED"],
      sort_by: "status",
      sort_order: "asc",
      page_size: 2,
    }))
      ids.push(job.job_id);
    expect(ids).toEqual(["a1", "b1", "a2", "b2", "c3"]);
    expect(requests).toHaveLength(3);
    const query = new URL(requests[2]!.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      status: "DONE,FAILED",
      sort_by: "status",
      sort_order: "asc",
      page_size: "2",
      page: "3",
    });
  });

  it("delete of a running job is a ConflictError with SLNG's words", async () => {
    const { client } = stub(() =>
      Response.json({ error: "Job must be DONE or FAILED to delete" }, { status: 409 }),
    );
    const error = await client.jobs.delete("myjob123").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain("Job must be DONE or FAILED to delete");
  });

  it("delete of an ended job answers DELETED", async () => {
    const { requests, client } = stub(() =>
      Response.json({ job_id: "myjob123", status: "DELETED" }, { status: 202 }),
    );
    expect(await client.jobs.delete("myjob123")).toEqual({ job_id: "myjob123", status: "DELETED" });
    expect(requests[0]!.method).toBe("DELETE");
    expect(requests[0]!.url).toBe(`${SLNG_BASE_URL}/v1/batch/jobs/myjob123`);
  });
});

describe("waitForJob", () => {
  const lifecycle = (last: Record<string, unknown>) => {
    const states = ["QUEUED", "IN_PROGRESS", "DECODING", "POST_PROCESSING"];
    return stub((_request, n) =>
      Response.json(
        n <= states.length ? { job_id: "myjob123", status: states[n - 1] } : { job_id: "myjob123", ...last },
      ),
    );
  };

  it("polls through the states until DONE", async () => {
    const { requests, client } = lifecycle({ status: "DONE", error_message: null });
    const seen: string[] = [];
    const job = await client.waitForJob("myjob123", { onProgress: (j) => seen.push(j.status) });
    expect(job.status).toBe("DONE");
    expect(seen).toEqual(["QUEUED", "IN_PROGRESS", "DECODING", "POST_PROCESSING", "DONE"]);
    expect(requests.every((r) => r.url === `${SLNG_BASE_URL}/v1/batch/jobs/myjob123`)).toBe(true);
  });

  it("ends FAILED in a JobFailedError carrying error_message verbatim", async () => {
    const { client } = lifecycle({
      status: "FAILED",
      error_message: { message: "Unsupported audio: codec 'xyz' (frame 3)" },
    });
    const error = await client.waitForJob("myjob123").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toContain("Unsupported audio: codec 'xyz' (frame 3)");
    expect((error as JobFailedError<{ error_message: unknown }>).job.error_message).toEqual({
      message: "Unsupported audio: codec 'xyz' (frame 3)",
    });
  });

  it("takes error_message as a plain string too", async () => {
    const { client } = lifecycle({ status: "FAILED", error_message: "File is corrupt" });
    await expect(client.waitForJob("myjob123")).rejects.toThrow(/failed: File is corrupt$/);
  });

  it("calls a job with a status the spec does not know an InvalidResponseError", async () => {
    const { client } = stub(() => Response.json({ job_id: "myjob123", status: "EXPIRED" }));
    await expect(client.waitForJob("myjob123", { request: { validate: false } })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });
});

const SIGNED = (format: string) =>
  `https://slng-production-batch-output.s3.amazonaws.com/outputs/myjob123.${format}?X-Amz-Expires=3600&X-Amz-Signature=s1g`;
const filesOf = (formats: string[]) => ({
  job_id: "myjob123",
  inputs: [
    { key: "inputs/myjob123/a.wav", s3_uri: "s3://in/inputs/myjob123/a.wav", download_url: SIGNED("wav") },
  ],
  outputs: formats.map((format) => ({
    format,
    key: `outputs/myjob123.${format}`,
    s3_uri: `s3://out/outputs/myjob123.${format}`,
    download_url: SIGNED(format),
  })),
});
const transcript = (format: string) =>
  format === "json"
    ? Response.json({ format: "2.9", results: [{ type: "word", alternatives: [{ content: "hello" }] }] })
    : new Response(format === "srt" ? "1\n00:00:00,000 --> 00:00:01,000\nhello\n" : "hello", {
        headers: { "content-type": "text/plain" },
      });

describe("downloadTranscript", () => {
  function storageAndApi(formats = ["json", "txt", "srt"]) {
    return stub((request) => {
      const url = new URL(request.url);
      if (url.hostname.endsWith("amazonaws.com")) return transcript(url.pathname.split(".").pop()!);
      return Response.json(filesOf(formats));
    });
  }

  it.each(["json", "txt", "srt"] as const)(
    "fetches the %s signed URL without the API key",
    async (format) => {
      const { requests, client } = storageAndApi();
      const result = await client.downloadTranscript("myjob123", format);
      if (format === "json")
        expect(result).toEqual({
          format: "2.9",
          results: [{ type: "word", alternatives: [{ content: "hello" }] }],
        });
      else expect(result).toBe(format === "txt" ? "hello" : "1\n00:00:00,000 --> 00:00:01,000\nhello\n");
      expect(requests.map((r) => r.url)).toEqual([
        `${SLNG_BASE_URL}/v1/batch/jobs/myjob123/files`,
        SIGNED(format),
      ]);
      expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      expect(requests[1]!.headers.get("authorization")).toBeNull();
      expect([...requests[1]!.headers].some(([, v]) => v.includes(KEY))).toBe(false);
    },
  );

  it("says which formats there are when the asked one is missing", async () => {
    const { requests, client } = storageAndApi(["txt"]);
    const error = await client.downloadTranscript("myjob123", "srt").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("no srt output");
    expect((error as Error).message).toContain("only txt");
    expect(requests).toHaveLength(1);
  });

  it("calls an expired signed URL an error with storage's answer", async () => {
    const { client } = stub((request) =>
      request.url.includes("amazonaws.com")
        ? new Response("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>", {
            status: 403,
          })
        : Response.json(filesOf(["json"])),
    );
    await expect(client.downloadTranscript("myjob123", "json", { maxRetries: 0 })).rejects.toThrow(
      /403.*Request has expired/s,
    );
  });
});

describe("transcribe", () => {
  /** A whole fake SLNG: creates answer 202 (or the presign 200), the job is DONE, the files are signed. */
  function fakeSlng() {
    return stub(async (request) => {
      const url = new URL(request.url);
      if (request.url === UPLOAD_URL) return new Response(null, { status: 200 });
      if (url.hostname.endsWith("amazonaws.com")) return transcript(url.pathname.split(".").pop()!);
      if (request.method === "POST") {
        const type = request.headers.get("content-type") ?? "";
        if (type.startsWith("application/json") && (await request.clone().json()).mode === "presign")
          return Response.json(presigned(), { status: 200 });
        return queued("myjob123");
      }
      if (url.pathname.endsWith("/files")) return Response.json(filesOf(["json", "txt", "srt"]));
      return Response.json({ job_id: "myjob123", status: "DONE" });
    });
  }

  it("sends an HTTPS URL as JSON, waits and downloads", async () => {
    const { requests, client } = fakeSlng();
    const result = await client.transcribe("https://example.com/a.mp3", config, { format: "txt" });
    expect(result).toMatchObject({ jobId: "myjob123", via: "url", format: "txt", transcript: "hello" });
    expect(requests.map((r) => r.method)).toEqual(["POST", "GET", "GET", "GET"]);
  });

  it("sends a small file as multipart", async () => {
    const { requests, client } = fakeSlng();
    const result = await client.transcribe({ data: new Uint8Array(10), filename: "a.wav" }, config);
    expect(result.via).toBe("multipart");
    expect(requests[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data/);
    expect(result.transcript).toMatchObject({ format: "2.9" });
  });

  it("gives the wait what is left of the overall deadline once the submit took its share", async () => {
    let now = 1_000_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now);
    try {
      const client = createSlngClient({
        apiKey: KEY,
        sleep: async (ms: number) => void (now += ms),
        fetch: async (request: Request) => {
          if (request.method === "POST") {
            now += 40_000; // a slow submit: 40 s of the 60 s
            return queued("myjob123");
          }
          return Response.json({ job_id: "myjob123", status: "IN_PROGRESS" });
        },
      });
      const error = await client
        .transcribe("https://example.com/a.mp3", config, { timeoutMs: 60_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PollTimeoutError);
      expect((error as Error).message).toContain("within 20000 ms");
      expect(now - 1_000_000).toBe(60_000);
    } finally {
      clock.mockRestore();
    }
  });

  it("sends a file over the threshold through a presigned upload", async () => {
    const { requests, client } = fakeSlng();
    const result = await client.transcribe({ data: new Uint8Array(10), filename: "a.wav" }, config, {
      multipartMaxBytes: 5,
      format: "srt",
    });
    expect(result.via).toBe("presigned");
    expect(requests.map((r) => r.method)).toEqual(["POST", "PUT", "POST", "GET", "GET", "GET"]);
    expect(result.jobId).toBe("myjob123");
  });
});
