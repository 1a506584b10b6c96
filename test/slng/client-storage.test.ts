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
