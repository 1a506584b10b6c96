// The public surface as types: helpers' parameters and results come from the spec, a caught error
// narrows to the spec's error body without a cast, and a simulator handler that answers a status or a
// body its path does not document does not compile.
import { createOpenApiHttp } from "openapi-msw";
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations, paths } from "../../generated/zoom-scribe.ts";
import type { OperationQuery } from "../../src/core/client.ts";
import { simulate, type SimulatorPipeline } from "../../src/core/simulator/index.ts";
import {
  createZoomScribeClient,
  isZoomScribeApiError,
  type ZoomScribeClient,
} from "../../src/zoom-scribe/index.ts";

type Schemas = components["schemas"];
declare const scribe: ZoomScribeClient;
declare const pipeline: SimulatorPipeline;

/** A and B are the same type, by assignability both ways (the spec's shapes come back as openapi-fetch reads them). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe("Zoom Scribe helpers are typed from the spec", () => {
  it("takes the query and body the spec declares", () => {
    expectTypeOf(scribe.jobs.list)
      .parameter(0)
      .toEqualTypeOf<OperationQuery<operations["listBatchJobs"]> | undefined>();
    expectTypeOf<
      Same<Parameters<typeof scribe.jobs.create>[0], Schemas["CreateJobRequest"]>
    >().toEqualTypeOf<true>();
    // @ts-expect-error DONE is not a JobState
    void scribe.jobs.list({ state: "DONE" });
    // @ts-expect-error page_size is a number
    void scribe.files.list("job_1", { page_size: "10" });
    // @ts-expect-error a create needs its input, output and config
    void scribe.jobs.create({ config: {} });
  });

  it("returns the bodies the spec documents", async () => {
    type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;
    expectTypeOf<Same<Result<typeof scribe.jobs.get>, Schemas["JobStatus"]>>().toEqualTypeOf<true>();
    expectTypeOf<
      Same<Result<typeof scribe.jobs.create>, Schemas["CreateJobResponse"]>
    >().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof scribe.jobs.list>, Schemas["JobList"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof scribe.files.get>, Schemas["JobFile"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof scribe.waitForJob>, Schemas["JobStatus"]>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Result<typeof scribe.jobs.get>, Schemas["JobFile"]>>().toEqualTypeOf<false>();
    for await (const job of scribe.jobs.iterate())
      expectTypeOf<Same<typeof job, Schemas["Job"]>>().toEqualTypeOf<true>();
    for await (const file of scribe.files.iterate("job_1"))
      expectTypeOf<Same<typeof file, Schemas["JobFile"]>>().toEqualTypeOf<true>();
  });

  it("narrows a caught error to Zoom's error body without a cast", async () => {
    try {
      await createZoomScribeClient({ token: "t" }).jobs.get("job_1");
    } catch (error) {
      expectTypeOf(error).toBeUnknown();
      if (isZoomScribeApiError(error)) {
        expectTypeOf(error.body).toEqualTypeOf<Schemas["Error"] | undefined>();
        expectTypeOf(error.status).toEqualTypeOf<number | undefined>();
      }
    }
  });
});

describe("simulator handlers are typed from the spec", () => {
  const http = simulate(createOpenApiHttp<paths>({ baseUrl: "https://api.zoom.us/v2" }), pipeline);

  it("keeps openapi-msw's per-path and per-status checks through the pipeline", () => {
    expectTypeOf(http).toEqualTypeOf<ReturnType<typeof createOpenApiHttp<paths>>>();
    http.get("/aiservices/scribe/jobs/{jobId}", ({ params, response }) => {
      expectTypeOf(params.jobId).toEqualTypeOf<string>();
      // @ts-expect-error 201 is not a status of getBatchJobStatus
      return response(201).json({ job_id: "j", state: "QUEUED", submitted_at: "2026-01-05T18:34:12Z" });
    });
    http.get("/aiservices/scribe/jobs/{jobId}/files/{fileId}", ({ response }) =>
      // @ts-expect-error a JobFile's state is a FileState
      response(200).json({ file_id: "f", input_uri: "s3://a/b", output_uri: null, state: "DONE" }),
    );
    // @ts-expect-error not a path of the spec
    http.get("/aiservices/scribe/nowhere", ({ response }) => response.untyped(new Response()));
  });
});
