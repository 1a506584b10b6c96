// Zoom Translator as the code knows it, once for its client, simulator and suite: the spec id, the
// server, the generated operations table, the run-time validator (built on first use) and the
// operationIds of the six batch operations.
import document from "../../generated/zoom-translator.openapi.json" with { type: "json" };
import { OPERATIONS, SERVERS } from "../../generated/zoom-translator.operations.ts";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator } from "../core/openapi-validator.ts";
import type { ZoomApi } from "../zoom/client.ts";

export const ZOOM_TRANSLATOR_BASE_URL = SERVERS[0];
export const zoomTranslatorSpec = document as unknown as OpenApiDocument;

export const ZOOM_TRANSLATOR = {
  provider: "zoom-translator",
  baseUrl: ZOOM_TRANSLATOR_BASE_URL,
  operations: OPERATIONS,
  validator: lazyValidator(zoomTranslatorSpec),
  ids: {
    create: "submitBatchTranslator",
    list: "listBatchTranslatorJobs",
    get: "getBatchTranslatorJob",
    cancel: "cancelBatchTranslatorJob",
    listFiles: "listBatchTranslatorJobFiles",
    getFile: "getBatchTranslatorJobFile",
  },
} as const satisfies ZoomApi<Record<string, keyof typeof OPERATIONS> & ZoomApi["ids"]>;
