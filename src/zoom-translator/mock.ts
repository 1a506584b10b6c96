// The Zoom Translator simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state.
// What it shares with Scribe's is in src/zoom/simulator/ (on the core simulator kit); here is what is
// Translator's own: text files, the `{original_filename}_{file_id}.json` output, and the refusals Zoom
// documents (two target languages and ADJACENT with a MANIFEST input are refused by the spec's
// schema; a pair with no English side here).
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { components, paths } from "../../generated/zoom-translator.ts";
import { fetchFromHandlers } from "../core/simulator/index.ts";
import {
  baseName,
  createZoomState,
  withoutExtension,
  zoomSimulator,
  type FileOutcome,
  type ZoomHandlerOptions,
  type ZoomSimProduct,
  type ZoomSimulatorOptions,
  type ZoomState,
} from "../zoom/simulator/index.ts";
import { ZOOM_TRANSLATOR, ZOOM_TRANSLATOR_BASE_URL } from "./spec.ts";
import { zoomTranslatorValidator } from "./validation.ts";

export type { FileOutcome, SimulatedFile, SimulatedJob, WebhookDelivery } from "../zoom/simulator/index.ts";
export type ZoomTranslatorSimulatorOptions = ZoomSimulatorOptions;
export type ZoomTranslatorState = ZoomState<components["schemas"]["CreateJobRequest"]>;

export const zoomTranslatorProduct: ZoomSimProduct<components["schemas"]["CreateJobRequest"]> = {
  ...ZOOM_TRANSLATOR,
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
          error: { code: "UNSUPPORTED_MEDIA", message: "The file is not a plain-text (.txt) file." },
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
    const { source_language, target_languages } = body.config;
    if (source_language !== "en-US" && !target_languages.includes("en-US")) {
      return { status: 400, message: "config: one side must be English (en-US)" };
    }
    return undefined;
  },
};

export function createZoomTranslatorState(options: ZoomTranslatorSimulatorOptions = {}): ZoomTranslatorState {
  return createZoomState(zoomTranslatorProduct.defaultOutcome, options);
}

export type ZoomTranslatorHandlerOptions = ZoomHandlerOptions;

export function zoomTranslatorHandlers(
  state: ZoomTranslatorState,
  options: ZoomTranslatorHandlerOptions = {},
): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? ZOOM_TRANSLATOR_BASE_URL).replace(/\/+$/, "");
  const { http, op, guard } = zoomSimulator(
    zoomTranslatorProduct,
    state,
    baseUrl,
    createOpenApiHttp<paths>({ baseUrl }),
  );
  return [
    guard,
    http.post("/aiservices/translator/jobs", async ({ request, response }) => {
      const r = op.create(await request.json());
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/translator/jobs", ({ request, response }) => {
      const r = op.list(new URL(request.url).searchParams);
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/translator/jobs/{jobId}", ({ params, response }) => {
      const r = op.get(params.jobId);
      return response(r.status).json(r.body);
    }),
    http.delete("/aiservices/translator/jobs/{jobId}", ({ params, response }) => {
      const r = op.cancel(params.jobId);
      return r.status === 204 ? response(204).empty() : response(r.status).json(r.body);
    }),
    http.get("/aiservices/translator/jobs/{jobId}/files", ({ request, params, response }) => {
      const r = op.listFiles(params.jobId, new URL(request.url).searchParams);
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/translator/jobs/{jobId}/files/{fileId}", ({ params, response }) => {
      const r = op.getFile(params.jobId, params.fileId);
      return response(r.status).json(r.body);
    }),
  ];
}

/** A fetch answered by the simulator with no global interception: `createZoomTranslatorClient({ token, fetch })`. */
export function zoomTranslatorFetch(state: ZoomTranslatorState, options: ZoomTranslatorHandlerOptions = {}) {
  return fetchFromHandlers(zoomTranslatorHandlers(state, options));
}
