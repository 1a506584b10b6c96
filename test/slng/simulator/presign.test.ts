// The presigned upload, all three steps: the URL on its own origin, the PUT with exactly the headers
// before it expires (by the state's clock), and the job made only from an uploaded object.
import { describe, expect, it } from "vitest";
import { config, jsonRequest, simulator } from "./helpers.ts";

async function step1(fetch: (r: Request) => Promise<Response>, extra: Record<string, unknown> = {}) {
  const response = await fetch(
    jsonRequest("POST", "/v1/batch/jobs", {
      mode: "presign",
      filename: "call.wav",
      content_type: "audio/wav",
      transcription_config: config,
      ...extra,
    }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

const put = (url: string, headers: Record<string, string>, bytes = 64_000) =>
  new Request(url, { method: "PUT", headers, body: new Uint8Array(bytes) });

describe("the SLNG simulator's presigned upload", () => {
  it("issues a URL on the upload origin, takes the PUT, and creates the job from the s3_key", async () => {
    const { state, fetch } = simulator();
    const presigned = await step1(fetch, { job_id: "myjob123" });
    expect(presigned.job_id).toBe("myjob123");
    expect(presigned.upload).toMatchObject({
      s3_key: "inputs/myjob123/call.wav",
      expires_in: 1800,
      headers: { "Content-Type": "audio/wav" },
    });
    expect(presigned.upload.url).toMatch(
      /^https:\/\/slng-sim-uploads\.test\/inputs\/myjob123\/call\.wav\?.*X-Amz-Signature=/,
    );
    expect(state.jobs.size).toBe(0); // step 1 makes no job

    // Step 3 before step 2: refused (inferred 400).
    const early = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        s3_key: presigned.upload.s3_key,
        transcription_config: config,
      }),
    );
    expect(early.status).toBe(400);
    expect((await early.json()).error).toMatch(/nothing was uploaded/);

    const uploaded = await fetch(put(presigned.upload.url, presigned.upload.headers));
    expect(uploaded.status).toBe(200);
    expect(state.uploads.get(presigned.upload.s3_key)!.bytes).toBe(64_000);

    const created = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        job_id: presigned.job_id,
        s3_key: presigned.upload.s3_key,
        transcription_config: presigned.transcription_config,
      }),
    );
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ job_id: "myjob123", status: "QUEUED" });
    expect(state.jobs.get("myjob123")!.source).toMatchObject({ kind: "presigned", size_bytes: 64_000 });
    // The key is spent.
    const again = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        s3_key: presigned.upload.s3_key,
        transcription_config: config,
      }),
    );
    expect(again.status).toBe(400);
  });

  it("refuses an expired URL (403 AccessDenied) by the state's clock", async () => {
    const { state, fetch, clock } = simulator();
    const presigned = await step1(fetch);
    clock.tick(1801);
    const late = await fetch(put(presigned.upload.url, presigned.upload.headers));
    expect(late.status).toBe(403);
    expect(await late.text()).toMatch(/<Code>AccessDenied<\/Code>.*Request has expired/);
    expect(state.uploads.get(presigned.upload.s3_key)!.bytes).toBeUndefined();
  });

  it("refuses a missing or different signed header, or a tampered signature (403 SignatureDoesNotMatch)", async () => {
    const { fetch } = simulator();
    const presigned = await step1(fetch);
    for (const headers of [
      {},
      { "Content-Type": "audio/mpeg" },
      { "Content-Type": "audio/wav; charset=x" },
    ] as Record<string, string>[]) {
      const wrong = await fetch(put(presigned.upload.url, headers));
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).toMatch(/SignatureDoesNotMatch/);
    }
    const tampered = presigned.upload.url.replace(/X-Amz-Signature=[0-9a-f]/, "X-Amz-Signature=z");
    expect((await fetch(put(tampered, presigned.upload.headers))).status).toBe(403);
  });

  it("refuses a declared size over the limit (400 EntityTooLarge, as S3) and other methods (405)", async () => {
    const { fetch, state } = simulator({ maxUploadBytes: 1000 });
    const presigned = await step1(fetch);
    const big = await fetch(put(presigned.upload.url, presigned.upload.headers, 1001));
    expect(big.status).toBe(400);
    expect(await big.text()).toMatch(/EntityTooLarge/);
    expect(state.uploads.get(presigned.upload.s3_key)!.bytes).toBeUndefined();
    expect((await fetch(new Request(presigned.upload.url))).status).toBe(405);
  });

  it("refuses a step 3 with another job_id, an unknown key, or another API key's key", async () => {
    const { fetch } = simulator({ apiKeys: ["conformance-token", "other"] });
    const presigned = await step1(fetch);
    await fetch(put(presigned.upload.url, presigned.upload.headers));
    const body = { s3_key: presigned.upload.s3_key, transcription_config: config };
    expect((await fetch(jsonRequest("POST", "/v1/batch/jobs", { ...body, job_id: "other1" }))).status).toBe(
      400,
    );
    expect(
      (await fetch(jsonRequest("POST", "/v1/batch/jobs", { ...body, s3_key: "inputs/x/y" }))).status,
    ).toBe(400);
    expect((await fetch(jsonRequest("POST", "/v1/batch/jobs", body, "other"))).status).toBe(400);
    expect((await fetch(jsonRequest("POST", "/v1/batch/jobs", body))).status).toBe(202);
  });
});
