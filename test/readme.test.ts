// The README's examples, run as written (under MSW's setupServer, the test setup the README recommends).
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSlngClient } from "../src/slng/index.ts";
import { createSlngState, slngFetch, slngHandlers } from "../src/slng/mock.ts";
import { createSoferClient, ManifestInvalidError } from "../src/sofer/index.ts";
import { createSoketClient, UploadFailedError } from "../src/soket/index.ts";
import { createSoketState, soketFetch, soketHandlers } from "../src/soket/mock.ts";
import { createSoferState, soferFetch, soferHandlers } from "../src/sofer/mock.ts";
import { createZoomScribeClient, isZoomScribeApiError } from "../src/zoom-scribe/index.ts";
import { createZoomScribeState, zoomScribeHandlers } from "../src/zoom-scribe/mock.ts";
import {
  signZoomWebhook,
  verifyZoomWebhook,
  type ZoomTranslatorJobNotification,
} from "../src/zoom-translator/index.ts";

const state = createZoomScribeState({
  token: "test-token",
  objects: [
    "s3://acme-bucket/audio/a.wav",
    "s3://acme-bucket/audio/b.wav",
    "s3://acme-bucket/audio/notes.txt",
  ],
  advanceOnGet: true, // the job moves as it is polled, as a real one would
});
const server = setupServer(...zoomScribeHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the README's examples", () => {
  it("creates a Scribe job, waits for it with progress, and iterates its files", async () => {
    const mintZoomJwt = async () => "test-token";
    const scribe = createZoomScribeClient({ token: async () => mintZoomJwt(), sleep: async () => {} });
    const { job_id } = await scribe.jobs.create({
      input: {
        mode: "PREFIX",
        source: "S3",
        uri: "s3://acme-bucket/audio/",
        filters: { include_globs: ["**/*.wav"] },
      },
      output: { destination: "S3", uri: "s3://acme-bucket/transcripts/", layout: "PREFIX" },
      config: { language: "en-US", word_time_offsets: true },
    });
    const progress: string[] = [];
    const job = await scribe.waitForJob(job_id, {
      onProgress: (j) => progress.push(`${j.state} ${j.summary.succeeded}`),
    });
    expect(job.state).toBe("SUCCEEDED");
    expect(progress.at(-1)).toBe("SUCCEEDED 2");
    const files: string[] = [];
    for await (const file of scribe.files.iterate(job_id, { page_size: 1000 }))
      files.push(`${file.file_id} ${file.state}`);
    expect(files).toEqual(["f_001 FILE_SUCCEEDED", "f_002 FILE_SUCCEEDED"]);

    // The error guard: a finished job cannot be canceled.
    let said: string | undefined;
    try {
      await scribe.jobs.cancel(job_id);
    } catch (error) {
      if (isZoomScribeApiError(error) && error.status === 409) said = error.body?.message;
      else throw error;
    }
    expect(said).toBe(`Job ${job_id} is SUCCEEDED and cannot be canceled.`);
  });

  it("verifies a Translator notification against its raw body", async () => {
    const rawBody = JSON.stringify({
      event_type: "batch_job.succeeded",
      job: { job_id: "job_1", state: "SUCCEEDED" },
    });
    const request = new Request("https://hooks.example/zoom", {
      method: "POST",
      headers: await signZoomWebhook({ secret: "current", rawBody }),
      body: rawBody,
    });
    const result = await verifyZoomWebhook<ZoomTranslatorJobNotification>({
      secrets: ["current", "previous"],
      rawBody: await request.text(),
      headers: request.headers,
    });
    expect(result.valid && [result.payload.event_type, result.payload.job.state]).toEqual([
      "batch_job.succeeded",
      "SUCCEEDED",
    ]);
  });
});

describe("the README's Sofer examples", () => {
  it("transcribes a batch with transcribeBatch, each item's transcript as it ends (under setupServer)", async () => {
    const sofer = createSoferState({ apiKeys: ["sofer-key"], advanceOnGet: true });
    server.use(...soferHandlers(sofer));
    const client = createSoferClient({ apiKey: "sofer-key", sleep: async () => {} });
    const episodes = [{ audio_url: "https://cdn.example.com/ep-1.mp3", client_item_id: "ep-1" }];
    const seen: string[] = [];
    try {
      for await (const { item, info, transcription } of client.transcribeBatch(episodes, {
        primary_language: "he",
      }))
        seen.push(`${item.client_item_id} ${info.status} ${transcription!.text.length > 0}`);
    } catch (error) {
      if (error instanceof ManifestInvalidError) seen.push(...error.validationErrors);
      else throw error;
    }
    expect(seen).toEqual(["ep-1 COMPLETED true"]);
    server.resetHandlers();
  });

  it("simulates a batch moved by the test", async () => {
    const state = createSoferState({
      apiKeys: ["test-key"],
      failingUrls: ["https://cdn.example.com/bad.mp3"],
    });
    const client = createSoferClient({ apiKey: "test-key", fetch: soferFetch(state) });
    const { batch_id } = await client.batches.createExpress([{ audio_url: "https://cdn.example.com/a.mp3" }]);
    expect(state.advance(batch_id)).toBe("PROCESSING");
    expect(state.runToCompletion(batch_id)).toBe("COMPLETED");
    expect((await client.batches.status(batch_id)).completed_count).toBe(1);
  });
});

describe("the README's Soket examples", () => {
  it("transcribes files from disk with transcribeFiles (under setupServer)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "batchspec-readme-"));
    for (const name of ["a.wav", "b.mp3"]) writeFileSync(join(dir, name), new Uint8Array(64_000));
    const soketState = createSoketState({ tokens: ["soket-jwt"], advanceOnGet: true });
    server.use(...soketHandlers(soketState));
    const mintSoketJwt = async () => "soket-jwt";
    const soket = createSoketClient({ token: async () => mintSoketJwt(), sleep: async () => {} });
    const seen: string[] = [];
    try {
      for await (const { file, result } of soket.transcribeFiles([join(dir, "a.wav"), join(dir, "b.mp3")]))
        seen.push(`${file.filename} ${result.status} ${typeof result.result}`);
    } catch (error) {
      if (error instanceof UploadFailedError) seen.push(String(error.failedFiles));
      else throw error;
    }
    expect(seen.sort()).toEqual(["a.wav completed object", "b.mp3 completed object"]);
    server.resetHandlers();
  });

  it("simulates an upload and a batch moved by the test", async () => {
    const state = createSoketState({ tokens: ["test-jwt"], failingFiles: ["broken.wav"] });
    const soket = createSoketClient({ token: "test-jwt", fetch: soketFetch(state), sleep: async () => {} });
    const upload = await soket.files.upload([
      new File([new Uint8Array(64_000)], "a.wav", { type: "audio/wav" }),
    ]);
    state.completeUploads(upload.batch_upload_id);
    const { batch_id } = await soket.batches.submit({ batch_upload_id: upload.batch_upload_id });
    expect(state.runToCompletion(batch_id)).toBe("completed");
    expect((await soket.batches.status(batch_id)).files_completed).toBe(1);
  });
});

describe("the README's SLNG examples", () => {
  it("transcribes a file from disk, by multipart and by presigned upload, and lists failed jobs (under setupServer)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "batchspec-readme-"));
    writeFileSync(join(dir, "board-meeting.wav"), new Uint8Array(64_000));
    const slngState = createSlngState({
      apiKeys: ["slng-key"],
      advanceOnGet: true,
      failingJobs: ["bad.wav"],
    });
    server.use(...slngHandlers(slngState));
    const slng = createSlngClient({ apiKey: "slng-key", sleep: async () => {} });
    const config = { transcription_config: { language: "en", diarization: "speaker" as const } };
    const path = join(dir, "board-meeting.wav");
    const small = await slng.transcribe(path, config, { format: "srt" });
    expect(small.via).toBe("multipart");
    expect(small.transcript).toMatch(/^1\r?\n00:00:00,000 --> /);
    const large = await slng.transcribe(path, config, { format: "txt", multipartMaxBytes: 1000 });
    expect(large.via).toBe("presigned");
    expect(typeof large.transcript).toBe("string");
    await slng.transcribe(new File([new Uint8Array(8)], "bad.wav"), config).catch(() => undefined);
    const failed: unknown[] = [];
    for await (const job of slng.jobs.iterate({ status: ["FAILED"], sort_by: "submitted_at" }))
      failed.push(job.error_message);
    expect(failed).toHaveLength(1);
    server.resetHandlers();
  });

  it("simulates a presigned upload and a job moved by the test", async () => {
    const state = createSlngState({ apiKeys: ["test-key"], failingJobs: ["broken.wav"] });
    const slng = createSlngClient({ apiKey: "test-key", fetch: slngFetch(state), sleep: async () => {} });
    const audio = new File([new Uint8Array(64_000)], "a.wav", { type: "audio/wav" });
    const { job_id } = await slng.jobs.submitViaPresignedUpload(audio, { transcription_config: {} });
    expect(state.runToCompletion(job_id)).toBe("DONE");
    expect(await slng.downloadTranscript(job_id, "srt")).toMatch(/-->/);
  });
});
