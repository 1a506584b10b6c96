// The bundled spec (generated/zoom-scribe.openapi.json) and its run-time validator, built once on first use.
import document from "../../generated/zoom-scribe.openapi.json" with { type: "json" };
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { createOpenApiValidator, type OpenApiValidator } from "../core/openapi-validator.ts";

export const zoomScribeSpec = document as unknown as OpenApiDocument;

let validator: OpenApiValidator | undefined;
export function zoomScribeValidator(): OpenApiValidator {
  return (validator ??= createOpenApiValidator(zoomScribeSpec));
}

/** Where the jobs live, and the operationIds of the six batch operations (from the spec). */
export const ZOOM_SCRIBE_JOBS_PATH = "/aiservices/scribe/jobs";
export const ZOOM_SCRIBE_OPERATIONS = {
  create: "submitBatchAsr",
  list: "listBatchJobs",
  get: "getBatchJobStatus",
  cancel: "cancelBatchJob",
  listFiles: "listBatchJobFiles",
  getFile: "getBatchScribeJobFile",
} as const;
