// SLNG's public surface as types: helpers take and return the spec's shapes, the list's filters are the
// spec's values, a transcript's type follows its format, a caught error narrows to SLNG's `{error}` body
// without a cast, and the simulator's handlers cannot answer what the spec does not document.
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { components, paths } from "../../generated/slng.ts";
import { simulate, type SimulatorPipeline } from "../../src/core/simulator/index.ts";
import {
  isSlngApiError,
  PresignedUploadError,
  type PresignedUploadStep,
  type SlngClient,
  type SlngJsonTranscript,
  type SlngUploadable,
} from "../../src/slng/index.ts";

type Schemas = components["schemas"];
declare const slng: SlngClient;
declare const pipeline: SimulatorPipeline;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe("SLNG helpers are typed from the spec", () => {
  it("takes files of every kind and the spec's job settings", () => {
    expectTypeOf<Parameters<typeof slng.jobs.submitFile>[0]>().toEqualTypeOf<SlngUploadable>();
    const config = { transcription_config: { language: "en" } };
    void slng.jobs.submitFile(new File([], "a.wav"), config);
    void slng.jobs.submitFile("/tmp/a.wav", config);
    void slng.jobs.submitFile({ data: new Uint8Array(), filename: "a.wav" }, config);
    void slng.jobs.submitViaPresignedUpload("/tmp/big.wav", config);
    void slng.jobs.submitUrl("https://example.com/a.wav", config);
    // @ts-expect-error bytes need a file name
    void slng.jobs.submitFile({ data: new Uint8Array() }, config);
    // @ts-expect-error transcription_config is required
    void slng.jobs.submitUrl("https://example.com/a.wav", {});
    // @ts-expect-error diarization is "none", "speaker" or "channel"
    void slng.jobs.submitUrl("u", { transcription_config: { diarization: "everyone" } });
    expectTypeOf<
      Same<Parameters<typeof slng.jobs.submitUrl>[1]["transcription_config"], Schemas["TranscriptionConfig"]>
    >().toEqualTypeOf<true>();
  });

  it("filters and sorts the list by the spec's values", () => {
    void slng.jobs.iterate({ status: ["DONE", "FAILED"], sort_by: "status", sort_order: "asc" });
    // @ts-expect-error the list cannot filter on POST_PROCESSING
    void slng.jobs.iterate({ status: ["POST_PROCESSING"] });
    // @ts-expect-error jobs sort by submitted_at, status or model_code
    void slng.jobs.iterate({ sort_by: "duration" });
    // @ts-expect-error ascending or descending
    void slng.jobs.list({ sort_order: "up" });
  });

  it("returns the bodies the spec documents", async () => {
    expectTypeOf<
      Same<Result<typeof slng.jobs.submitFile>, Schemas["JobAcknowledgement"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof slng.jobs.submitViaPresignedUpload>, Schemas["JobAcknowledgement"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof slng.jobs.list>, Schemas["JobList"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof slng.jobs.get>, Schemas["BatchJob"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof slng.jobs.files>, Schemas["JobFiles"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof slng.waitForJob>, Schemas["BatchJob"]>>().toEqualTypeOf<true>();
    for await (const job of slng.jobs.iterate())
      expectTypeOf<Same<typeof job, Schemas["BatchJob"]>>().toEqualTypeOf<true>();
  });

  it("types a transcript by its format", async () => {
    expectTypeOf(await slng.downloadTranscript("j")).toEqualTypeOf<SlngJsonTranscript>();
    expectTypeOf(await slng.downloadTranscript("j", "srt")).toEqualTypeOf<string>();
    const done = await slng.transcribe(
      "https://example.com/a.wav",
      { transcription_config: {} },
      { format: "txt" },
    );
    expectTypeOf(done.transcript).toEqualTypeOf<string>();
    expectTypeOf(done.via).toEqualTypeOf<"url" | "multipart" | "presigned">();
    // @ts-expect-error SLNG makes json, txt and srt
    void slng.downloadTranscript("j", "vtt");
  });

  it("narrows a caught error to SLNG's error body without a cast", async () => {
    try {
      await slng.jobs.get("j");
    } catch (error) {
      if (isSlngApiError(error)) expectTypeOf(error.body).toEqualTypeOf<Schemas["Error"] | undefined>();
      if (error instanceof PresignedUploadError) {
        expectTypeOf(error.step).toEqualTypeOf<PresignedUploadStep>();
        expectTypeOf(error.jobId).toEqualTypeOf<string | undefined>();
      }
    }
  });
});

describe("the SLNG simulator's handlers are typed from the spec", () => {
  it("refuses a status or a body its path does not document", () => {
    const http = simulate(createOpenApiHttp<paths>(), pipeline);
    const job = "/v1/batch/jobs/{jobId}" as const;
    // @ts-expect-error getting a job documents no 409
    http.get(job, ({ response }) => response(409).json({ error: "x" }));
    // @ts-expect-error SLNG documents no 401 (auth failures are 403)
    http.delete(job, ({ response }) => response(401).json({ error: "x" }));
    // @ts-expect-error a job has no `state`
    http.get(job, ({ response }) => response(200).json({ state: "DONE" }));
    // @ts-expect-error SLNG has no cancel endpoint
    http.post("/v1/batch/jobs/{jobId}/cancel", () => undefined);
  });
});
