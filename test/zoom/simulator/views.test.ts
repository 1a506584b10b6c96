import { describe, expect, it } from "vitest";
import { createZoomState } from "../../../src/zoom/simulator/state.ts";
import { fileView, jobView } from "../../../src/zoom/simulator/views.ts";
import { zoomScribeValidator } from "../../../src/zoom-scribe/validation.ts";

const request = {
  input: {
    mode: "PREFIX" as const,
    source: "S3" as const,
    uri: "s3://acme/in/",
    auth: { aws: { access_key_id: "AKIA", secret_access_key: "wJalrXUtnFEMI" } },
  },
  output: { destination: "S3" as const, uri: "s3://acme/out/", layout: "PREFIX" as const },
  config: { language: "en-US" },
  notifications: { webhook_url: "https://hooks.test/z", secret: "hook-secret" },
  reference_id: "ref-1",
};

describe("how a Zoom simulator reports jobs and files", () => {
  const state = createZoomState(() => ({ state: "FILE_SUCCEEDED" }), {
    webhookFetch: async () => new Response(),
  });
  const job = state.addJob(request, "PREFIX", [
    {
      file_id: "f_001",
      input_uri: "s3://acme/in/a.wav",
      output_uri: "s3://acme/out/a.json",
      outcome: { state: "FILE_SUCCEEDED" },
    },
    {
      file_id: "f_002",
      input_uri: "s3://acme/in/b.ogg",
      output_uri: "s3://acme/out/b.json",
      outcome: { state: "FILE_FAILED", error: { code: "UNSUPPORTED_MEDIA", message: "no" } },
    },
  ]);

  it("reports a job as the spec's JobStatus, echoing the request without its credentials", () => {
    const view = jobView(job);
    expect(zoomScribeValidator().validateSchema("JobStatus", view)).toEqual([]);
    expect(view.input).toEqual({ mode: "PREFIX", source: "S3", uri: "s3://acme/in/" });
    expect(JSON.stringify(view)).not.toMatch(/wJalrX|hook-secret|AKIA/);
    expect(view.reference_id).toBe("ref-1");
  });

  it("gives a file its output and extras only once it succeeded, and its error only when it failed", () => {
    const [a, b] = job.files;
    expect(fileView(a!, { duration_sec: 3 })).toMatchObject({
      output_uri: null,
      error: null,
      state: "FILE_QUEUED",
    });
    expect(fileView(a!, { duration_sec: 3 })).not.toHaveProperty("duration_sec");
    state.runToCompletion(job.job_id);
    expect(fileView(a!, { duration_sec: 3 })).toMatchObject({
      output_uri: "s3://acme/out/a.json",
      duration_sec: 3,
    });
    expect(fileView(b!)).toMatchObject({
      output_uri: null,
      error: { code: "UNSUPPORTED_MEDIA", message: "no" },
    });
    for (const file of job.files)
      expect(zoomScribeValidator().validateSchema("JobFile", fileView(file))).toEqual([]);
  });
});
