// Creating jobs by multipart and URL, the lifecycle when the test says, get, delete, files and the
// transcripts behind their signed URLs, and keys: 403 for a bad one, 404 for another key's job.
import { describe, expect, it } from "vitest";
import { config, jsonRequest, KEY, multipartForm, simulator, BASE } from "./helpers.ts";

const post = (form: FormData, key = KEY) =>
  new Request(`${BASE}/v1/batch/jobs`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}` },
    body: form,
  });

describe("the SLNG simulator's jobs", () => {
  it("creates a job from a multipart upload and walks the lifecycle step by step", async () => {
    const { state, fetch } = simulator();
    const form = multipartForm(new Blob([new Uint8Array(32_000)], { type: "audio/wav" }), "a.wav", {
      job_id: "myjob123",
      metadata: '{"k":"v"}',
      tracking: JSON.stringify({ title: "Meeting", tags: ["x"] }),
    });
    const created = await fetch(post(form));
    expect(created.status).toBe(202);
    expect(await created.json()).toEqual({ job_id: "myjob123", status: "QUEUED" });
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const got = (await (await fetch(jsonRequest("GET", "/v1/batch/jobs/myjob123"))).json()) as any;
      seen.push(got.status);
      state.advance("myjob123");
    }
    expect(seen).toEqual(["QUEUED", "IN_PROGRESS", "DECODING", "POST_PROCESSING", "DONE"]);
    const job = (await (await fetch(jsonRequest("GET", "/v1/batch/jobs/myjob123"))).json()) as any;
    expect(job).toMatchObject({
      model_code: "slng/speechmatics/batch:15.0.0",
      job_config: { type: "transcription", transcription_config: config, tracking: { title: "Meeting" } },
      input_metadata: { size_bytes: 32_000, mime_type: "audio/wav", format: "wav" },
      error_message: null,
    });
    expect(job.completed_at).not.toBeNull();
  });

  it("creates from input_url, fails jobs named in failingJobs, and advances on GET when asked", async () => {
    const { fetch } = simulator({ advanceOnGet: true, failingJobs: ["https://example.com/bad.mp3"] });
    for (const url of ["https://example.com/good.mp3", "https://example.com/bad.mp3"]) {
      const created = (await (
        await fetch(jsonRequest("POST", "/v1/batch/jobs", { input_url: url, transcription_config: config }))
      ).json()) as any;
      let status = "";
      for (let i = 0; i < 6 && !["DONE", "FAILED"].includes(status); i++)
        status = ((await (await fetch(jsonRequest("GET", `/v1/batch/jobs/${created.job_id}`))).json()) as any)
          .status;
      expect(status).toBe(url.includes("bad") ? "FAILED" : "DONE");
    }
    const failed = (await (await fetch(jsonRequest("GET", "/v1/batch/jobs/job000002"))).json()) as any;
    expect(failed.error_message).toEqual({ message: expect.stringContaining("job000002") });
  });

  it("refuses a taken job_id and an unknown model (400), a declared size over 1 GB (413)", async () => {
    const { fetch } = simulator();
    const body = { input_url: "https://e.com/a.wav", transcription_config: config, job_id: "dup1" };
    expect((await fetch(jsonRequest("POST", "/v1/batch/jobs", body))).status).toBe(202);
    expect((await fetch(jsonRequest("POST", "/v1/batch/jobs", body))).status).toBe(400);
    const model = await fetch(
      jsonRequest("POST", "/v1/batch/jobs", { ...body, job_id: "m1", model_code: "slng/nothing:1" }),
    );
    expect([model.status, ((await model.json()) as any).error]).toEqual([
      400,
      "Unsupported model_code: slng/nothing:1",
    ]);
    const huge = new Request(`${BASE}/v1/batch/jobs`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${KEY}`,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(2 ** 30 + 2 * 1024 * 1024),
      },
      body: "--x--\r\n",
    });
    const refused = await fetch(huge);
    expect([refused.status, await refused.json()]).toEqual([
      413,
      { error: "File too large. Maximum size is 1 GB." },
    ]);
  });

  it("refuses a file part over the limit as read (413)", async () => {
    const { fetch } = simulator({ maxUploadBytes: 100 });
    const response = await fetch(post(multipartForm(new Blob([new Uint8Array(101)]))));
    expect(response.status).toBe(413);
  });

  it("deletes only DONE or FAILED jobs (409 before), and keeps them listed as DELETED", async () => {
    const { state, fetch } = simulator();
    const job = state.addJob({ source: { kind: "url", url: "https://e.com/a.wav" } });
    const early = await fetch(jsonRequest("DELETE", `/v1/batch/jobs/${job.job_id}`));
    expect([early.status, await early.json()]).toEqual([
      409,
      { error: "Job must be DONE or FAILED to delete" },
    ]);
    state.runToCompletion(job.job_id);
    const deleted = await fetch(jsonRequest("DELETE", `/v1/batch/jobs/${job.job_id}`));
    expect([deleted.status, await deleted.json()]).toEqual([202, { job_id: job.job_id, status: "DELETED" }]);
    expect(
      ((await (await fetch(jsonRequest("GET", `/v1/batch/jobs/${job.job_id}`))).json()) as any).deleted_at,
    ).not.toBeNull();
    expect((await fetch(jsonRequest("DELETE", `/v1/batch/jobs/${job.job_id}`))).status).toBe(409);
    expect((await fetch(jsonRequest("DELETE", "/v1/batch/jobs/nothere"))).status).toBe(404);
  });

  it("signs download URLs per format once DONE, serving json, txt and srt until they expire", async () => {
    const { state, fetch, clock } = simulator();
    const job = state.addJob({
      source: { kind: "multipart", filename: "a.wav", size_bytes: 320_000, mime_type: "audio/wav" },
      output_config: { srt_overrides: { max_line_length: 20, max_lines: 1 } },
    });
    const before = (await (
      await fetch(jsonRequest("GET", `/v1/batch/jobs/${job.job_id}/files`))
    ).json()) as any;
    expect(before.outputs).toEqual([]);
    expect(before.inputs).toHaveLength(1);
    state.runToCompletion();
    const files = (await (
      await fetch(jsonRequest("GET", `/v1/batch/jobs/${job.job_id}/files`))
    ).json()) as any;
    expect(files.outputs.map((o: any) => [o.format, o.key])).toEqual([
      ["json", `outputs/${job.job_id}.json`],
      ["txt", `outputs/${job.job_id}.txt`],
      ["srt", `outputs/${job.job_id}.srt`],
    ]);
    const url = (format: string) => files.outputs.find((o: any) => o.format === format).download_url;
    expect(url("json")).toMatch(/^https:\/\/slng-sim-downloads\.test\/outputs\/.*X-Amz-Expires=3600/);
    const json = (await (await fetch(new Request(url("json")))).json()) as any;
    expect(json.job.id).toBe(job.job_id);
    expect(json.results.length).toBeGreaterThan(3);
    const txt = await (await fetch(new Request(url("txt")))).text();
    expect(txt.split(" ").length).toBe(json.results.length - 1);
    const srt = await (await fetch(new Request(url("srt")))).text();
    expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\n\S/);
    for (const line of srt.split("\n").filter((l) => /[a-z]/.test(l)))
      expect(line.length).toBeLessThanOrEqual(20);
    expect((await fetch(new Request(files.inputs[0].download_url))).status).toBe(200);
    // HEAD: the headers a GET would get, no body.
    const head = await fetch(new Request(url("srt"), { method: "HEAD" }));
    expect([head.status, head.headers.get("content-type"), await head.text()]).toEqual([
      200,
      "application/x-subrip; charset=utf-8",
      "",
    ]);
    expect((await fetch(new Request(url("txt").replace("outputs/", "outputs/x")))).status).toBe(403);
    clock.tick(3601);
    const expired = await fetch(new Request(url("txt")));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/Request has expired/);
  });

  it("answers 403 with {error} for a missing or unknown key, and 404 for another key's job", async () => {
    const { state, fetch } = simulator({ apiKeys: ["conformance-token", "other"] });
    const job = state.addJob({ source: { kind: "url", url: "https://e.com/a.wav" } });
    for (const key of [null, "wrong"]) {
      const response = await fetch(jsonRequest("GET", `/v1/batch/jobs/${job.job_id}`, undefined, key));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: key === null ? "Missing API key" : "API key id not found",
      });
    }
    expect((await fetch(jsonRequest("GET", `/v1/batch/jobs/${job.job_id}`, undefined, "other"))).status).toBe(
      404,
    );
    const listed = (await (
      await fetch(jsonRequest("GET", "/v1/batch/jobs", undefined, "other"))
    ).json()) as any;
    expect(listed.meta.total).toBe(0);
  });
});
