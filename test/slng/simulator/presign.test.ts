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
    // An x-amz-* header the URL did not sign is refused as S3 refuses it.
    const unsigned = await fetch(
      put(presigned.upload.url, { ...presigned.upload.headers, "x-amz-acl": "public-read" }),
    );
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/AccessDenied.*not signed: x-amz-acl/s);
    expect((await fetch(put(presigned.upload.url, presigned.upload.headers))).status).toBe(200);
  });

  it("lets S3 take an object over SLNG's limit and refuses it at step 3 (413), and other methods (405)", async () => {
    const { fetch, state } = simulator({ maxUploadBytes: 1000 });
    const presigned = await step1(fetch);
    expect((await fetch(put(presigned.upload.url, presigned.upload.headers, 1001))).status).toBe(200);
    const created = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        s3_key: presigned.upload.s3_key,
        transcription_config: config,
      }),
    );
    expect([created.status, await created.json()]).toEqual([
      413,
      { error: "File too large. Maximum size is 1 GB." },
    ]);
    expect([state.jobs.size, state.uploads.get(presigned.upload.s3_key)!.used]).toEqual([0, false]);
    expect((await fetch(new Request(presigned.upload.url))).status).toBe(405);
  });

  it("refuses a PUT declaring more than S3's 5 GB (400 EntityTooLarge) without reading it", async () => {
    const { fetch, state } = simulator();
    const presigned = await step1(fetch);
    const body = new ReadableStream<Uint8Array>({
      pull: () => {
        throw new Error("the body was read");
      },
    });
    const headers = { ...presigned.upload.headers, "Content-Length": String(5 * 1024 ** 3 + 1) };
    const init: RequestInit & { duplex: "half" } = { method: "PUT", headers, body, duplex: "half" };
    const big = await fetch(new Request(presigned.upload.url, init));
    expect(big.status).toBe(400);
    expect(await big.text()).toMatch(/<Code>EntityTooLarge<\/Code>/);
    expect(state.uploads.get(presigned.upload.s3_key)!.bytes).toBeUndefined();
  });

  it("keeps a presigned job id to its key: another key's step 1 or any other create with it is refused", async () => {
    const { fetch, state } = simulator({ apiKeys: ["conformance-token", "other"] });
    const presigned = await step1(fetch, { job_id: "held1" });
    const other = await fetch(
      jsonRequest(
        "POST",
        "/v1/batch/jobs",
        { mode: "presign", filename: "call.wav", job_id: "held1", transcription_config: config },
        "other",
      ),
    );
    expect([other.status, (await other.json()).error]).toEqual([400, expect.stringMatching(/held/)]);
    const byUrl = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        input_url: "https://a.test/a.wav",
        job_id: "held1",
        transcription_config: config,
      }),
    );
    expect(byUrl.status).toBe(400);
    // The first key's URL still works, and its step 3 makes the job.
    expect((await fetch(put(presigned.upload.url, presigned.upload.headers))).status).toBe(200);
    const created = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", {
        s3_key: presigned.upload.s3_key,
        transcription_config: config,
      }),
    );
    expect(created.status).toBe(202);
    expect(state.jobs.get("held1")!.api_key).toBe("conformance-token");
  });

  it("lets the same key ask again for a job id it holds: the new URL works, the old one no longer does", async () => {
    const { fetch } = simulator();
    const first = await step1(fetch, { job_id: "again1", filename: "a.wav" });
    const second = await step1(fetch, { job_id: "again1", filename: "b.wav" });
    expect(second.upload.s3_key).toBe("inputs/again1/b.wav");
    expect((await fetch(put(first.upload.url, first.upload.headers))).status).toBe(403);
    expect((await fetch(put(second.upload.url, second.upload.headers))).status).toBe(200);
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
