// Soket's public surface as types: helpers take and return the spec's shapes, the results' items follow
// `raw` (files merged, or chunk jobs), a caught error narrows to Soket's `{error}` body without a cast,
// and the simulator's handlers cannot answer what the spec does not document.
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { components, paths } from "../../generated/soket.ts";
import { simulate, type SimulatorPipeline } from "../../src/core/simulator/index.ts";
import {
  isSoketApiError,
  UploadFailedError,
  type SoketClient,
  type SoketFileOutcome,
  type SoketUploadable,
} from "../../src/soket/index.ts";

type Schemas = components["schemas"];
declare const soket: SoketClient;
declare const pipeline: SimulatorPipeline;
declare const someRaw: boolean;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe("Soket helpers are typed from the spec", () => {
  it("takes files of every kind, and the spec's batch request", () => {
    expectTypeOf<Parameters<typeof soket.files.upload>[0][number]>().toEqualTypeOf<SoketUploadable>();
    void soket.files.upload([
      new File([], "a.wav"),
      "/tmp/a.wav",
      { data: new Uint8Array(), filename: "b.wav" },
    ]);
    // @ts-expect-error bytes need a file name
    void soket.files.upload([{ data: new Uint8Array() }]);
    // @ts-expect-error a number is not a file
    void soket.files.upload([42]);
    expectTypeOf<
      Same<Parameters<typeof soket.batches.submit>[0], Schemas["BatchRequest"]>
    >().toEqualTypeOf<true>();
    // @ts-expect-error a batch has no `urls`
    void soket.batches.submit({ urls: ["https://example.com/a.wav"] });
    // @ts-expect-error file_ids is a list
    void soket.batches.submit({ file_ids: "f1" });
    // @ts-expect-error "queued" is not a status results filter on
    void soket.results.page("b", { status: "queued" });
    // @ts-expect-error the download does not filter on "retrying"
    void soket.results.stream("b", { status: "retrying" });
    // @ts-expect-error the download comes as ndjson or json
    void soket.results.stream("b", { format: "csv" });
    // @ts-expect-error "done" is not an upload status
    void soket.files.iterate({ upload_status: "done" });
  });

  it("returns the bodies the spec documents", async () => {
    expectTypeOf<Same<Result<typeof soket.files.upload>, Schemas["UploadAccepted"]>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof soket.files.waitForUpload>, Schemas["UploadProgress"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof soket.files.list>, Schemas["FileListPage"]>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof soket.files.delete>, Schemas["DeleteFilesResult"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof soket.batches.submit>, Schemas["BatchAccepted"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof soket.batches.status>, Schemas["BatchStatus"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof soket.waitForBatch>, Schemas["BatchStatus"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof soket.results.file>, Schemas["FileResult"]>>().toEqualTypeOf<true>();
    for await (const f of soket.files.iterate())
      expectTypeOf<Same<typeof f, Schemas["FileRecord"]>>().toEqualTypeOf<true>();
    for await (const o of soket.transcribeFiles(["a.wav"])) {
      expectTypeOf(o).toEqualTypeOf<SoketFileOutcome>();
      expectTypeOf<Same<typeof o.result, Schemas["FileResult"]>>().toEqualTypeOf<true>();
      expectTypeOf(o.item).toEqualTypeOf<SoketUploadable>();
    }
  });

  it("types the results by raw: files merged by default, chunk jobs with raw: true, either for a boolean", async () => {
    const merged = await soket.results.page("b", { page: 2 });
    expectTypeOf<Same<typeof merged, Schemas["MergedResultsPage"]>>().toEqualTypeOf<true>();
    const raw = await soket.results.page("b", { raw: true });
    expectTypeOf<Same<typeof raw, Schemas["RawResultsPage"]>>().toEqualTypeOf<true>();
    expectTypeOf(raw.jobs).toEqualTypeOf<Schemas["JobResult"][]>();
    // @ts-expect-error a raw page has jobs, not files
    void raw.files;

    for await (const r of soket.results.iterate("b", { status: "completed" }))
      expectTypeOf<Same<typeof r, Schemas["FileResult"]>>().toEqualTypeOf<true>();
    for await (const j of soket.results.iterate("b", { raw: true }))
      expectTypeOf<Same<typeof j, Schemas["JobResult"]>>().toEqualTypeOf<true>();
    for await (const x of soket.results.iterate("b", { raw: someRaw }))
      expectTypeOf<Same<typeof x, Schemas["FileResult"] | Schemas["JobResult"]>>().toEqualTypeOf<true>();
    for await (const page of soket.results.iterate("b", { raw: true }).pages())
      expectTypeOf<Same<typeof page, Schemas["RawResultsPage"]>>().toEqualTypeOf<true>();

    for await (const r of soket.results.stream("b"))
      expectTypeOf<Same<typeof r, Schemas["FileResult"]>>().toEqualTypeOf<true>();
    for await (const j of soket.results.stream("b", { raw: true, format: "json" }))
      expectTypeOf<Same<typeof j, Schemas["JobResult"]>>().toEqualTypeOf<true>();
  });

  it("narrows a caught error to Soket's error body without a cast", async () => {
    try {
      await soket.batches.status("id");
    } catch (error) {
      if (isSoketApiError(error)) expectTypeOf(error.body).toEqualTypeOf<Schemas["Error"] | undefined>();
      if (error instanceof UploadFailedError) {
        expectTypeOf(error.job).toEqualTypeOf<Schemas["UploadProgress"]>();
        expectTypeOf(error.failedFiles).toEqualTypeOf<Schemas["UploadedFile"][]>();
      }
    }
  });
});

describe("the Soket simulator's handlers are typed from the spec", () => {
  it("refuses a status or a body its path does not document", () => {
    const http = simulate(createOpenApiHttp<paths>(), pipeline);
    const status = "/status/batch/{batch_id}" as const;
    // @ts-expect-error getBatchStatus documents no 409
    http.get(status, ({ response }) => response(409).json({ error: "x" }));
    // @ts-expect-error a batch status has no `state`
    http.get(status, ({ response }) => response(200).json({ state: "done" }));
    // @ts-expect-error Soket has no list of batches
    http.get("/batches", () => undefined);
  });
});
