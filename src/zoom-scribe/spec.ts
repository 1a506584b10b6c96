// Zoom Scribe as the code knows it, once for its client, simulator and suite: the spec id, the
// server, the generated operations table, the run-time validator (built on first use) and the
// operationIds of the six batch operations.
import document from "../../generated/zoom-scribe.openapi.json" with { type: "json" };
import { OPERATIONS, SERVERS } from "../../generated/zoom-scribe.operations.ts";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator } from "../core/openapi-validator.ts";
import type { ZoomApi } from "../zoom/client.ts";

export const ZOOM_SCRIBE_BASE_URL = SERVERS[0];
export const zoomScribeSpec = document as unknown as OpenApiDocument;

export const ZOOM_SCRIBE = {
  provider: "zoom-scribe",
  baseUrl: ZOOM_SCRIBE_BASE_URL,
  operations: OPERATIONS,
  validator: lazyValidator(zoomScribeSpec),
  ids: {
    create: "submitBatchAsr",
    list: "listBatchJobs",
    get: "getBatchJobStatus",
    cancel: "cancelBatchJob",
    listFiles: "listBatchJobFiles",
    getFile: "getBatchScribeJobFile",
  },
} as const satisfies ZoomApi<Record<string, keyof typeof OPERATIONS> & ZoomApi["ids"]>;
