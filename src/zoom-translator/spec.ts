// Zoom Translator's spec as the code uses it: the generated operations table and servers, the bundled spec
// with its run-time validator (built on first use), and the operationIds of the six batch operations.
import document from "../../generated/zoom-translator.openapi.json" with { type: "json" };
import { OPERATIONS, SERVERS } from "../../generated/zoom-translator.operations.ts";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator } from "../core/openapi-validator.ts";

export { OPERATIONS as ZOOM_TRANSLATOR_OPERATION_TABLE };
export const ZOOM_TRANSLATOR_BASE_URL = SERVERS[0];
export const zoomTranslatorSpec = document as unknown as OpenApiDocument;
export const zoomTranslatorValidator = lazyValidator(zoomTranslatorSpec);

/** The operationIds of the six batch operations, by what they do. */
export const ZOOM_TRANSLATOR_OPERATIONS = {
  create: "submitBatchTranslator",
  list: "listBatchTranslatorJobs",
  get: "getBatchTranslatorJob",
  cancel: "cancelBatchTranslatorJob",
  listFiles: "listBatchTranslatorJobFiles",
  getFile: "getBatchTranslatorJobFile",
} as const satisfies Record<string, keyof typeof OPERATIONS>;
