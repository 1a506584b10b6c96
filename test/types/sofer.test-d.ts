// Sofer's public surface as types: helpers take and return the spec's shapes, a caught error narrows to
// Sofer's error body without a cast, and the simulator's handlers cannot answer what the spec does not
// document.
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { components, paths } from "../../generated/sofer.ts";
import { simulate, type SimulatorPipeline } from "../../src/core/simulator/index.ts";
import { isSoferApiError, type SoferClient, type SoferItemResult } from "../../src/sofer/index.ts";

type Schemas = components["schemas"];
declare const sofer: SoferClient;
declare const pipeline: SimulatorPipeline;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe("Sofer helpers are typed from the spec", () => {
  it("takes the spec's items and settings", () => {
    expectTypeOf<
      Same<Parameters<typeof sofer.batches.createExpress>[0][number], Schemas["BatchAudioSource"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<
        NonNullable<Parameters<typeof sofer.batches.createExpress>[1]>,
        Schemas["BatchTranscriptionRequestInfo"]
      >
    >().toEqualTypeOf<true>();
    // @ts-expect-error an item needs its audio_url
    void sofer.batches.createExpress([{ title: "no audio" }]);
    // @ts-expect-error "fr-CA" is not a Language
    void sofer.batches.createExpress([{ audio_url: "u" }], { primary_language: "fr-CA" });
    // @ts-expect-error "latin" is not a LettersLanguage
    void sofer.transcriptions.get("id", { hebrewWordFormat: "latin" });
  });

  it("returns the bodies the spec documents", async () => {
    expectTypeOf<
      Same<Result<typeof sofer.batches.createExpress>, Schemas["BatchTranscriptionResponse"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.batches.status>, Schemas["BatchStatusResponse"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.waitForBatch>, Schemas["BatchStatusResponse"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.batches.item>, Schemas["TranscriptionInfo"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.transcriptions.get>, Schemas["Transcription"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.manifests.upload>, Schemas["BatchFileUploadResponse"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof sofer.manifests.waitUntilValid>, Schemas["BatchFileDetail"]>
    >().toEqualTypeOf<true>();
    for await (const m of sofer.manifests.iterate())
      expectTypeOf<Same<typeof m, Schemas["BatchFileSummary"]>>().toEqualTypeOf<true>();
    for await (const r of sofer.transcribeBatch([{ audio_url: "u" }])) {
      expectTypeOf(r).toEqualTypeOf<SoferItemResult>();
      expectTypeOf<
        Same<NonNullable<typeof r.transcription>, Schemas["Transcription"]>
      >().toEqualTypeOf<true>();
    }
  });

  it("narrows a caught error to Sofer's error body without a cast", async () => {
    try {
      await sofer.batches.status("id");
    } catch (error) {
      if (isSoferApiError(error)) expectTypeOf(error.body).toEqualTypeOf<Schemas["Error"] | undefined>();
    }
  });
});

describe("the Sofer simulator's handlers are typed from the spec", () => {
  it("refuses a status or a body its path does not document", () => {
    const http = simulate(createOpenApiHttp<paths>(), pipeline);
    const status = "/v1/transcriptions/batch/{batch_id}/status" as const;
    http.get(status, ({ response }) =>
      // @ts-expect-error batchTranscribe_getBatchStatus documents no 409
      response(409).json({ detail: "x" }),
    );
    // @ts-expect-error a batch status has no `state`
    http.get(status, ({ response }) => response(200).json({ state: "DONE" }));
    // @ts-expect-error Sofer has no list of batches
    http.get("/v1/transcriptions/batches", () => undefined);
  });
});
