// The bundled spec (generated/zoom-translator.openapi.json) and its run-time validator, built once on first use.
import document from "../../generated/zoom-translator.openapi.json" with { type: "json" };
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { createOpenApiValidator, type OpenApiValidator } from "../core/openapi-validator.ts";

export const zoomTranslatorSpec = document as unknown as OpenApiDocument;

let validator: OpenApiValidator | undefined;
export function zoomTranslatorValidator(): OpenApiValidator {
  return (validator ??= createOpenApiValidator(zoomTranslatorSpec));
}

/** Where the jobs live, and the operationIds of the six batch operations (from the spec). */
export const ZOOM_TRANSLATOR_JOBS_PATH = "/aiservices/translator/jobs";
export const ZOOM_TRANSLATOR_OPERATIONS = {
  create: "submitBatchTranslator",
  list: "listBatchTranslatorJobs",
  get: "getBatchTranslatorJob",
  cancel: "cancelBatchTranslatorJob",
  listFiles: "listBatchTranslatorJobFiles",
  getFile: "getBatchTranslatorJobFile",
} as const;
