// The SLNG client's requests to storage (the presigned PUT, the signed transcript download) and the
// answers that come back from it or from step 1: what a storage origin or SLNG may send that the
// client must survive without hanging, without leaking the URL's credentials, and with a typed error
// that names the step.
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import {
  createSlngClient,
  InvalidResponseError,
  PresignedUploadError,
  type SlngJobConfig,
} from "../../src/slng/index.ts";

const KEY = "slng_test_key_0123456789abcdef";
const SIGNATURE = "f00dfacecafe0123456789signature";
const JOB = "job8f3a1b2c";
const UPLOAD_URL = `https://uploads.example-s3.test/inputs/${JOB}/audio.wav?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${SIGNATURE}`;
const config: SlngJobConfig = { transcription_config: { language: "en" } };
const bytes = () => ({ data: new Uint8Array([1, 2, 3]), filename: "a.wav" });

const presigned = (upload: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  job_id: JOB,
  transcription_config: { language: "en" },
  input_s3_uri: `s3://in/inputs/${JOB}/audio.wav`,
  output_s3_prefix: `s3://out/outputs/${JOB}/`,
  upload: {
    url: UPLOAD_URL,
    s3_key: `inputs/${JOB}/audio.wav`,
    s3_uri: `s3://in/inputs/${JOB}/audio.wav`,
    expires_in: 1800,
    headers: { "Content-Type": "application/octet-stream" },
    ...upload,
  },
  ...extra,
});

/** A fake SLNG whose presign answer and storage PUT are the test's. */
function presignFlow(put: (request: Request) => Response | Promise<Response>, step1 = presigned()) {
  const requests: Request[] = [];
  const client = createSlngClient({
    apiKey: KEY,
    sleep: async () => {},
    fetch: async (request: Request) => {
      requests.push(request.clone());
      if (request.method === "PUT") return put(request);
      const body = (await request.clone().json()) as { mode?: string };
      if (body.mode === "presign") return Response.json(step1, { status: 200 });
      return Response.json({ job_id: JOB, status: "QUEUED" }, { status: 202 });
    },
  });
  return { client, requests };
}

/** Everything an error shows of itself: message, toString, JSON, util.inspect, its cause. */
const shown = (error: unknown) => {
  const e = error as Error;
  return [
    e.message,
    String(e),
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    inspect(e.cause, { depth: 10 }),
  ].join("\n");
};

describe("the presigned PUT's answer", () => {
  it("goes on to step 3 when storage's 200 has a body whose cancel never settles (as under MSW)", async () => {
    const { client, requests } = presignFlow(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("<ok/>"));
            },
            cancel: () => new Promise<void>(() => {}),
          }),
          { status: 200 },
        ),
    );
    const outcome = await Promise.race([
      client.jobs.submitViaPresignedUpload(bytes(), config),
      new Promise((resolve) => setTimeout(resolve, 1000, "hung")),
    ]);
    expect(outcome).toEqual({ job_id: JOB, status: "QUEUED" });
    expect(requests.map((r) => r.method)).toEqual(["POST", "PUT", "POST"]);
  });
});

describe("the signed URLs' credentials never show in an error", () => {
  it("a PUT refused by storage that echoes the signature in free text", async () => {
    const { client } = presignFlow(() =>
      Response.json({ message: `signature ${SIGNATURE} does not match` }, { status: 403 }),
    );
    const error = await client.jobs.submitViaPresignedUpload(bytes(), config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PresignedUploadError);
    expect((error as PresignedUploadError).step).toBe("upload");
    expect((error as Error).message).toContain("does not match");
    expect(shown(error)).not.toContain(SIGNATURE);
    expect(shown(error)).not.toContain(KEY);
  });

  it("a storage answer cut at 300 characters inside the signature leaves none of it", async () => {
    const { client } = presignFlow(
      () =>
        new Response(
          `<Error><Code>SignatureDoesNotMatch</Code><Message>${"x".repeat(211)}</Message><SignatureProvided>${SIGNATURE}</SignatureProvided></Error>`,
          { status: 403 },
        ),
    );
    const error = await client.jobs.submitViaPresignedUpload(bytes(), config).catch((e: unknown) => e);
    expect((error as Error).message).toContain("SignatureDoesNotMatch");
    expect(shown(error)).not.toContain(SIGNATURE.slice(0, 8));
  });

  it("a download refused by storage that echoes the signature in its body and headers", async () => {
    const url = `https://downloads.example-s3.test/outputs/${JOB}.txt?X-Amz-Expires=3600&X-Amz-Signature=${SIGNATURE}`;
    const client = createSlngClient({
      apiKey: KEY,
      maxRetries: 0,
      fetch: async (request: Request) =>
        request.url === url
          ? new Response(`Request has expired; signature ${SIGNATURE} is no longer valid`, {
              status: 403,
              headers: { "x-storage-detail": `sig=${SIGNATURE}` },
            })
          : Response.json({
              job_id: JOB,
              inputs: [],
              outputs: [{ format: "txt", key: "k", s3_uri: "s3://out/k", download_url: url }],
            }),
    });
    const error = await client.downloadTranscript(JOB, "txt").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/403.*Request has expired/);
    expect(shown(error)).not.toContain(SIGNATURE);
    expect(JSON.stringify((error as { headers?: unknown }).headers)).not.toContain(SIGNATURE);
  });
});

describe("answers the client cannot go on with", () => {
  it.each([
    ["a header value with a line break", { "x-amz-meta-a": "a\nb" }],
    ["a header name with a space", { "Content Type": "audio/wav" }],
    ["a list instead of a map", ["Content-Type"]],
  ])(
    "step 1's upload.headers with %s: an InvalidResponseError at step presign, nothing PUT",
    async (_, headers) => {
      const { client, requests } = presignFlow(
        () => new Response(null, { status: 200 }),
        presigned({ headers }),
      );
      const error = await client.jobs
        .submitViaPresignedUpload(bytes(), config, { validate: false })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PresignedUploadError);
      expect((error as PresignedUploadError).step).toBe("presign");
      expect(((error as Error).cause as Error).name).toBe("InvalidResponseError");
      expect((error as Error).message).toContain("headers a PUT can send");
      expect(requests.map((r) => r.method)).toEqual(["POST"]);
    },
  );

  it("a created job whose job_id is not alphanumeric: an InvalidResponseError, not a refusal of the next request", async () => {
    const requests: Request[] = [];
    const client = createSlngClient({
      apiKey: KEY,
      fetch: async (request: Request) => (
        requests.push(request),
        Response.json({ job_id: "job-1/../x", status: "QUEUED" }, { status: 202 })
      ),
    });
    const error = await client.transcribe("https://cdn.example.com/a.wav", config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("alphanumeric job_id");
    expect((error as Error).message).toContain("job-1/../x");
    expect(requests).toHaveLength(1);
  });
});

describe("what storage is sent, and the caller's abort", () => {
  it("an authorize given in the options never reaches storage (neither the PUT nor the download)", async () => {
    const requests: Request[] = [];
    const url = `https://downloads.example-s3.test/outputs/${JOB}.txt?X-Amz-Signature=${SIGNATURE}`;
    const client = createSlngClient({
      apiKey: KEY,
      authorize: (request: Request) => (request.headers.set("x-api-key", KEY), KEY),
      fetch: async (request: Request) => {
        requests.push(request.clone());
        if (request.method === "PUT") return new Response(null, { status: 200 });
        if (request.url === url) return new Response("hello");
        if (request.url.endsWith("/files"))
          return Response.json({
            job_id: JOB,
            inputs: [],
            outputs: [{ format: "txt", key: "k", s3_uri: "s3://out/k", download_url: url }],
          });
        const body = (await request.clone().json()) as { mode?: string };
        if (body.mode === "presign") return Response.json(presigned(), { status: 200 });
        return Response.json({ job_id: JOB, status: "QUEUED" }, { status: 202 });
      },
    } as never);
    await client.jobs.submitViaPresignedUpload(bytes(), config);
    expect(await client.downloadTranscript(JOB, "txt")).toBe("hello");
    const toStorage = requests.filter((r) => r.method === "PUT" || r.url === url);
    expect(toStorage).toHaveLength(2);
    for (const r of toStorage) expect([...r.headers].some(([, v]) => v.includes(KEY))).toBe(false);
  });

  it("the caller's abort while storage's refusal of the PUT is read passes as it is", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    const { client } = presignFlow(() => {
      setTimeout(() => controller.abort(reason), 20);
      return new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), { status: 403 });
    });
    const error = await client.jobs
      .submitViaPresignedUpload(bytes(), config, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
  });
});
