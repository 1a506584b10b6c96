// The Soket simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state, on the
// core simulator kit (src/soket/simulator/).
//
//   const state = createSoketState({ tokens: ["test-jwt"], advanceOnGet: true });
//   const server = setupServer(...soketHandlers(state));
//   // or, with no global interception: createSoketClient({ token: "test-jwt", fetch: soketFetch(state) })
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { paths } from "../../generated/soket.ts";
import { fetchFromHandlers, guard, simulate } from "../core/simulator/index.ts";
import { soketOperations } from "./simulator/operations.ts";
import { soketPipeline } from "./simulator/pipeline.ts";
import { createSoketState, type SoketState } from "./simulator/state.ts";
import { SOKET_BASE_URL } from "./spec.ts";

export { createSoketState };
export type {
  BatchFile,
  BatchInput,
  DeletedFiles,
  JobStatus,
  NewFile,
  Outcome,
  SimulatedBatch,
  SimulatedFile,
  SimulatedJob,
  SimulatedUpload,
  SoketSettings,
  SoketSimulatorOptions,
  SoketState,
  UploadStatus,
} from "./simulator/state.ts";
export { batchStatusOf, fileStatusOf, uploadStatusOf } from "./simulator/state.ts";
export type { SoketErrorBody } from "./simulator/operations.ts";
export { INVALID_REQUEST, SOKET_HONOURS, soketPipeline } from "./simulator/pipeline.ts";

export interface SoketHandlerOptions {
  /** Where the simulated API lives. Default: the spec's server, `https://api.soket.ai/transcribe`. */
  baseUrl?: string;
}

/**
 * The guard, then the nine operations. MSW (and `fetchFromHandlers`) try handlers in this order and the
 * first that matches answers. Soket's paths do not overlap (each templated path has its own literal
 * prefix and length), but the literal ones still come first, so a path added later cannot be shadowed.
 */
export function soketHandlers(state: SoketState, options: SoketHandlerOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? SOKET_BASE_URL).replace(/\/+$/, "");
  const pipeline = soketPipeline(state);
  const http = simulate(createOpenApiHttp<paths>({ baseUrl }), pipeline);
  const op = soketOperations(state);
  const queryOf = (request: Request) => new URL(request.url).searchParams;
  return [
    guard(pipeline, baseUrl),
    http.post("/files/upload", async ({ request, response }) => {
      const r = await op.uploadFiles(request);
      return response(r.status).json(r.body);
    }),
    http.get("/files", ({ request, response }) => {
      const r = op.listFiles(queryOf(request));
      return response(r.status).json(r.body);
    }),
    http.delete("/files", async ({ request, response }) => {
      const r = op.deleteFiles(await request.json());
      return response(r.status).json(r.body);
    }),
    http.post("/batch", async ({ request, response }) => {
      const r = op.submitBatch(await request.json());
      return response(r.status).json(r.body);
    }),
    http.get("/files/upload/{batch_upload_id}", ({ params, response }) => {
      const r = op.getUploadStatus(params.batch_upload_id);
      return response(r.status).json(r.body);
    }),
    http.get("/status/batch/{batch_id}", ({ params, response }) => {
      const r = op.getBatchStatus(params.batch_id);
      return response(r.status).json(r.body);
    }),
    http.get("/results/batch/{batch_id}", ({ params, request, response }) => {
      const r = op.getBatchResults(params.batch_id, queryOf(request));
      return response(r.status).json(r.body);
    }),
    http.get("/results/file/{file_id}", ({ params, request, response }) => {
      const r = op.getFileResult(params.file_id, queryOf(request));
      return response(r.status).json(r.body);
    }),
    http.get("/download/batch/{batch_id}", ({ params, request, response }) => {
      const r = op.downloadBatchResults(params.batch_id, queryOf(request));
      if (!("stream" in r)) return response(r.status).json(r.body);
      // A stream, not one string: openapi-msw's typed helpers take only a whole body.
      return response.untyped(
        new Response(r.stream, { status: r.status, headers: { "Content-Type": r.contentType } }),
      );
    }),
  ];
}

/** A fetch answered by the simulator with no global interception: `createSoketClient({ token, fetch })`. */
export function soketFetch(state: SoketState, options: SoketHandlerOptions = {}) {
  return fetchFromHandlers(soketHandlers(state, options));
}
