// The Zoom Translator simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state.
// What it shares with Scribe's lives in src/zoom/batch-simulator.ts; here is what is Translator's own:
// text files, the `{original_filename}_{file_id}.json` output, and the refusals Zoom documents (two
// target languages and ADJACENT with a MANIFEST input are refused by the spec's schema; a pair with no
// English side here).
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { paths } from "../../generated/zoom-translator.ts";
import { fetchFromHandlers } from "../core/handlers-fetch.ts";
import {
  baseName,
  createZoomBatchState,
  bindZoomHandlers,
  withoutExtension,
  zoomBatchOperations,
  type FileOutcome,
  type ZoomBatchState,
  type ZoomSimProduct,
  type ZoomSimulatorOptions,
} from "../zoom/batch-simulator.ts";
import { ZOOM_TRANSLATOR_BASE_URL } from "./client.ts";
import { zoomTranslatorValidator, ZOOM_TRANSLATOR_JOBS_PATH, ZOOM_TRANSLATOR_OPERATIONS } from "./spec.ts";

export type { FileOutcome, SimulatedFile, SimulatedJob, WebhookDelivery } from "../zoom/batch-simulator.ts";
export type ZoomTranslatorSimulatorOptions = ZoomSimulatorOptions;
export type ZoomTranslatorState = ZoomBatchState;

const translator: ZoomSimProduct = {
  provider: "zoom-translator",
  validator: zoomTranslatorValidator,
  forbidden: {
    code: "BILLING_TRANSLATOR_API_PLAN_REQUIRED",
    message: "A Build plan with Translator API access is required.",
  },
  defaultOutcome(uri): FileOutcome {
    // Batch input is plain text (shared/providers/zoom.md §3.4); files over 4,000 characters or 16 KB
    // fail: a simulated bucket has no sizes, so `outcome` is the way to make one.
    return /\.txt$/i.test(uri)
      ? { state: "FILE_SUCCEEDED" }
      : {
          state: "FILE_FAILED",
          code: "UNSUPPORTED_MEDIA",
          message: "The file is not a plain-text (.txt) file.",
        };
  },
  outputUri(output, input, fileId) {
    // `{original_filename}_{file_id}.json` (seed 001), the name taken without its extension.
    const name = `${withoutExtension(baseName(input.relative))}_${fileId}.json`;
    if ((output.layout ?? "ADJACENT") === "ADJACENT")
      return `${input.uri.slice(0, input.uri.lastIndexOf("/") + 1)}${name}`;
    const dir = input.relative.includes("/")
      ? input.relative.slice(0, input.relative.lastIndexOf("/") + 1)
      : "";
    return `${output.uri.endsWith("/") ? output.uri : `${output.uri}/`}${dir}${name}`;
  },
  refuse(body) {
    // "One side must be English" (shared/providers/zoom.md §3.2): 400, as third parties saw it.
    const config = body.config as { source_language: string; target_languages: string[] };
    if (config.source_language !== "en-US" && !config.target_languages.includes("en-US")) {
      return { status: 400, message: "config: one side must be English (en-US)" };
    }
    return undefined;
  },
};

export function createZoomTranslatorState(options: ZoomTranslatorSimulatorOptions = {}): ZoomTranslatorState {
  return createZoomBatchState(translator, options);
}

export interface ZoomTranslatorHandlerOptions {
  /** Where the simulated API lives. Default `https://api.zoom.us/v2`. */
  baseUrl?: string;
}

export function zoomTranslatorHandlers(
  state: ZoomTranslatorState,
  options: ZoomTranslatorHandlerOptions = {},
): HttpHandler[] {
  const http = createOpenApiHttp<paths>({
    baseUrl: (options.baseUrl ?? ZOOM_TRANSLATOR_BASE_URL).replace(/\/+$/, ""),
  });
  return bindZoomHandlers(
    http,
    ZOOM_TRANSLATOR_JOBS_PATH,
    zoomBatchOperations(translator, state, ZOOM_TRANSLATOR_OPERATIONS),
  );
}

/** A fetch answered by the simulator with no global interception: `createZoomTranslatorClient({ token, fetch })`. */
export function zoomTranslatorFetch(state: ZoomTranslatorState, options: ZoomTranslatorHandlerOptions = {}) {
  return fetchFromHandlers(zoomTranslatorHandlers(state, options));
}
