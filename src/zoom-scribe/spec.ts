// Zoom Scribe's spec as the code uses it: the generated operations table and servers, the bundled spec
// with its run-time validator (built on first use), and the operationIds of the six batch operations.
import document from "../../generated/zoom-scribe.openapi.json" with { type: "json" };
import { OPERATIONS, SERVERS } from "../../generated/zoom-scribe.operations.ts";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator } from "../core/openapi-validator.ts";

export { OPERATIONS as ZOOM_SCRIBE_OPERATION_TABLE };
export const ZOOM_SCRIBE_BASE_URL = SERVERS[0];
export const zoomScribeSpec = document as unknown as OpenApiDocument;
export const zoomScribeValidator = lazyValidator(zoomScribeSpec);

/** The operationIds of the six batch operations, by what they do. */
export const ZOOM_SCRIBE_OPERATIONS = {
  create: "submitBatchAsr",
  list: "listBatchJobs",
  get: "getBatchJobStatus",
  cancel: "cancelBatchJob",
  listFiles: "listBatchJobFiles",
  getFile: "getBatchScribeJobFile",
} as const satisfies Record<string, keyof typeof OPERATIONS>;
