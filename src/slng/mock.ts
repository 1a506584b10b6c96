// The SLNG simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state, on the
// core simulator kit (src/slng/simulator/), plus the two simulated S3 origins SLNG's URLs point at
// (presigned uploads, signed downloads).
//
//   const state = createSlngState({ apiKeys: ["test-key"], advanceOnGet: true });
//   const server = setupServer(...slngHandlers(state));
//   // or, with no global interception: createSlngClient({ apiKey: "test-key", fetch: slngFetch(state) })
import { http as mswHttp, type HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { paths } from "../../generated/slng.ts";
import { fetchFromHandlers, guard, simulate } from "../core/simulator/index.ts";
import { s3Error, slngOperations } from "./simulator/operations.ts";
import { slngPipeline } from "./simulator/pipeline.ts";
import { createSlngState, type SlngState } from "./simulator/state.ts";
import { SLNG_BASE_URL } from "./spec.ts";

export { createSlngState };
export type {
  JobSource,
  JobStatus,
  NewJob,
  SimulatedJob,
  SimulatedUpload,
  SlngSettings,
  SlngSimulatorOptions,
  SlngState,
} from "./simulator/state.ts";
export { DEFAULT_MODEL, LIFECYCLE, ONE_GB } from "./simulator/state.ts";
export type { SlngErrorBody } from "./simulator/operations.ts";
export { INVALID_REQUEST, SLNG_HONOURS, slngPipeline } from "./simulator/pipeline.ts";

export interface SlngHandlerOptions {
  /** Where the simulated API lives. Default: the spec's server, `https://api.batch.slng.ai`. */
  baseUrl?: string;
}

/** A handler of a simulated S3 origin that never throws (an unexpected error is S3's 500). */
function origin(base: string, answer: (request: Request) => Response | Promise<Response>): HttpHandler {
  const under = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/`);
  return mswHttp.all(under, async ({ request }) => {
    try {
      return await answer(request);
    } catch {
      return s3Error(500, "InternalError", "We encountered an internal error. Please try again.");
    }
  });
}

/**
 * The guard, then the five operations, then the upload and download origins. MSW (and
 * `fetchFromHandlers`) try handlers in this order and the first that matches answers; the literal
 * `/files` path comes before the job path it would otherwise look like.
 */
export function slngHandlers(state: SlngState, options: SlngHandlerOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? SLNG_BASE_URL).replace(/\/+$/, "");
  const pipeline = slngPipeline(state);
  const http = simulate(createOpenApiHttp<paths>({ baseUrl }), pipeline);
  const op = slngOperations(state);
  return [
    guard(pipeline, baseUrl),
    http.post("/v1/batch/jobs", async ({ request, response }) => {
      const r = await op.create(request);
      if (r.status === 200) return response(200).json(r.body);
      if (r.status === 202) return response(202).json(r.body);
      return response(r.status).json(r.body);
    }),
    http.get("/v1/batch/jobs", ({ request, response }) => {
      const r = op.list(request);
      return r.status === 200 ? response(200).json(r.body) : response(r.status).json(r.body);
    }),
    http.get("/v1/batch/jobs/{jobId}/files", ({ params, request, response }) => {
      const r = op.files(params.jobId, request);
      return r.status === 200 ? response(200).json(r.body) : response(r.status).json(r.body);
    }),
    http.get("/v1/batch/jobs/{jobId}", ({ params, request, response }) => {
      const r = op.get(params.jobId, request);
      return r.status === 200 ? response(200).json(r.body) : response(r.status).json(r.body);
    }),
    http.delete("/v1/batch/jobs/{jobId}", ({ params, request, response }) => {
      const r = op.delete(params.jobId, request);
      return r.status === 202 ? response(202).json(r.body) : response(r.status).json(r.body);
    }),
    origin(state.options.uploadOrigin, (request) => op.upload(request)),
    origin(state.options.downloadOrigin, (request) => op.download(request)),
  ];
}

/** A fetch answered by the simulator with no global interception: `createSlngClient({ apiKey, fetch })`. */
export function slngFetch(state: SlngState, options: SlngHandlerOptions = {}) {
  return fetchFromHandlers(slngHandlers(state, options));
}
