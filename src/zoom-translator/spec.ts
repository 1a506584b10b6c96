// Zoom Translator as the code knows it, once for its client, simulator and suite: the spec id, the
// server, the generated operations table, how to load its validator (validation.ts, on first use) and
// the operationIds of the six batch operations.
import { OPERATIONS, SERVERS } from "../../generated/zoom-translator.operations.ts";
import type { ZoomApi } from "../zoom/client.ts";

export const ZOOM_TRANSLATOR_BASE_URL = SERVERS[0];

export const ZOOM_TRANSLATOR = {
  provider: "zoom-translator",
  baseUrl: ZOOM_TRANSLATOR_BASE_URL,
  operations: OPERATIONS,
  // Loaded on first use, so a bundle that never validates does not carry the spec or its validators.
  loadValidator: () => import("./validation.ts").then((m) => m.zoomTranslatorValidator()),
  ids: {
    create: "submitBatchTranslator",
    list: "listBatchTranslatorJobs",
    get: "getBatchTranslatorJob",
    cancel: "cancelBatchTranslatorJob",
    listFiles: "listBatchTranslatorJobFiles",
    getFile: "getBatchTranslatorJobFile",
  },
} as const satisfies ZoomApi<Record<string, keyof typeof OPERATIONS> & ZoomApi["ids"]>;
