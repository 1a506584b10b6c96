// The Sofer simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state, on the
// core simulator kit (src/sofer/simulator/).
//
//   const state = createSoferState({ apiKeys: ["test-key"] });
//   const server = setupServer(...soferHandlers(state));
//   // or, with no global interception: createSoferClient({ apiKey: "test-key", fetch: soferFetch(state) })
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { paths } from "../../generated/sofer.ts";
import { fetchFromHandlers, guard, simulate } from "../core/simulator/index.ts";
import { soferOperations } from "./simulator/operations.ts";
import { soferPipeline } from "./simulator/pipeline.ts";
import { createSoferState, type SoferState } from "./simulator/state.ts";
import { SOFER_BASE_URL } from "./spec.ts";

export { createSoferState };
export type {
  BatchFileStatus,
  BatchStatus,
  NewBatchFile,
  SimulatedBatch,
  SimulatedBatchFile,
  SimulatedTranscription,
  SoferSimulatorOptions,
  SoferState,
  TranscriptionOutcome,
  TranscriptionStatus,
} from "./simulator/state.ts";
export type { ManifestEntry, ManifestItem, RssEpisode, RssFeed } from "./simulator/manifests.ts";
export type { SoferErrorBody } from "./simulator/operations.ts";
export { SOFER_HONOURS, soferPipeline } from "./simulator/pipeline.ts";

export interface SoferHandlerOptions {
  /** Where the simulated API lives. Default: the spec's server, `https://api.sofer.ai`. */
  baseUrl?: string;
}

/**
 * The guard, then the nine operations. MSW (and `fetchFromHandlers`) try handlers in this order and the
 * first that matches answers, and Sofer's paths overlap: `/v1/transcriptions/batch-files` also matches
 * `/v1/transcriptions/{transcription_id}`, and `/v1/transcriptions/batch-files/status` matches both
 * `batch-files/{batch_file_id}` and `{transcription_id}/status`. So each literal path comes before the
 * templated paths it overlaps (ids are uuids: `batch-files` is never a transcription's id).
 */
export function soferHandlers(state: SoferState, options: SoferHandlerOptions = {}): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? SOFER_BASE_URL).replace(/\/+$/, "");
  const pipeline = soferPipeline(state);
  const http = simulate(createOpenApiHttp<paths>({ baseUrl }), pipeline);
  const op = soferOperations(state);
  return [
    guard(pipeline, baseUrl),
    http.post("/v1/transcriptions/batch", async ({ request, response }) => {
      const r = op.batchTranscribe_createBatchTranscription(await request.json());
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/batch-files", ({ query, response }) => {
      const r = op.batchTranscribe_listBatchFiles(query.get("cursor"));
      return response(r.status).json(r.body);
    }),
    http.post("/v1/transcriptions/batch-files", async ({ request, response }) => {
      const r = await op.batchTranscribe_uploadBatchFile(await request.json());
      return response(r.status).json(r.body);
    }),
    http.post("/v1/transcriptions/batch-files/from-rss", async ({ request, response }) => {
      const r = await op.batchTranscribe_createBatchFileFromRss(await request.json());
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/batch-files/{batch_file_id}", ({ params, response }) => {
      const r = op.batchTranscribe_getBatchFile(params.batch_file_id);
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/batch/{batch_id}/status", ({ params, response }) => {
      const r = op.batchTranscribe_getBatchStatus(params.batch_id);
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/batch/{batch_id}/items/by-client-item-id", ({ params, query, response }) => {
      const r = op.batchTranscribe_getBatchTranscriptionByClientItemId(
        params.batch_id,
        query.get("client_item_id"),
      );
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/{transcription_id}/status", ({ params, response }) => {
      const r = op.transcribe_getTranscriptionStatus(params.transcription_id);
      return response(r.status).json(r.body);
    }),
    http.get("/v1/transcriptions/{transcription_id}", ({ params, query, response }) => {
      const r = op.transcribe_getTranscription(
        params.transcription_id,
        query.get("filter_hebrew_word_format"),
      );
      return response(r.status).json(r.body);
    }),
  ];
}

/** A fetch answered by the simulator with no global interception: `createSoferClient({ apiKey, fetch })`. */
export function soferFetch(state: SoferState, options: SoferHandlerOptions = {}) {
  return fetchFromHandlers(soferHandlers(state, options));
}
