// The Zoom Scribe simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state.
//
//   const state = createZoomScribeState({ objects: ["s3://acme-bucket/audio/a.wav"] });
//   const server = setupServer(...zoomScribeHandlers(state));
//
// What Scribe shares with Translator is in src/zoom/simulator/ (on the core simulator kit); here is
// what is Scribe's own: audio files, output naming, the SINGLE-layout refusal, and each file's duration.
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { components, paths } from "../../generated/zoom-scribe.ts";
import { fetchFromHandlers } from "../core/simulator/index.ts";
import {
  createZoomState,
  withoutExtension,
  zoomSimulator,
  type FileOutcome,
  type ZoomHandlerOptions,
  type ZoomSimProduct,
  type ZoomSimulatorOptions,
  type ZoomState,
} from "../zoom/simulator/index.ts";
import { ZOOM_SCRIBE, ZOOM_SCRIBE_BASE_URL } from "./spec.ts";
import { zoomScribeValidator } from "./validation.ts";

export type { FileOutcome, SimulatedFile, SimulatedJob, WebhookDelivery } from "../zoom/simulator/index.ts";
export type ZoomScribeSimulatorOptions = ZoomSimulatorOptions;
export type ZoomScribeState = ZoomState<components["schemas"]["CreateJobRequest"]>;

const AUDIO = /\.(wav|mp3|m4a|mp4)$/i; // batch audio formats (seed 000)

export const zoomScribeProduct: ZoomSimProduct<components["schemas"]["CreateJobRequest"]> = {
  ...ZOOM_SCRIBE,
  validator: zoomScribeValidator,
  // Seen by a third-party integration without a Build plan (shared/providers/zoom.md §1.2).
  forbidden: {
    code: "BILLING_SCRIBE_API_PLAN_REQUIRED",
    message: "A Build plan with Scribe API access is required.",
  },
  defaultOutcome(uri): FileOutcome {
    if (!AUDIO.test(uri))
      return {
        state: "FILE_FAILED",
        error: { code: "UNSUPPORTED_MEDIA", message: "The file is not WAV, MP3, M4A or MP4." },
      };
    // A stable, made-up duration so the same file always reports the same length.
    let h = 0;
    for (const c of uri) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return { state: "FILE_SUCCEEDED", durationSec: 30 + (h % 3000) / 10 };
  },
  outputUri(output, input) {
    const layout = output.layout ?? "ADJACENT"; // the official quickstart's default; Zoom documents none
    if (layout === "SINGLE") return output.uri;
    if (layout === "ADJACENT") return `${withoutExtension(input.uri)}.json`;
    return `${output.uri.endsWith("/") ? output.uri : `${output.uri}/`}${withoutExtension(input.relative)}.json`;
  },
  refuse(body, inputs) {
    if (body.output.layout === "SINGLE" && inputs > 1) {
      return {
        status: 422,
        message: `output.layout: SINGLE takes one input file, but the input resolves to ${inputs}`,
      };
    }
    return undefined;
  },
  fileExtras: (file) =>
    file.outcome.state === "FILE_SUCCEEDED" && file.outcome.durationSec !== undefined
      ? { duration_sec: file.outcome.durationSec }
      : {},
};

export function createZoomScribeState(options: ZoomScribeSimulatorOptions = {}): ZoomScribeState {
  return createZoomState(zoomScribeProduct.defaultOutcome, options);
}

export type ZoomScribeHandlerOptions = ZoomHandlerOptions;

export function zoomScribeHandlers(
  state: ZoomScribeState,
  options: ZoomScribeHandlerOptions = {},
): HttpHandler[] {
  const baseUrl = (options.baseUrl ?? ZOOM_SCRIBE_BASE_URL).replace(/\/+$/, "");
  const { http, op, guard } = zoomSimulator(
    zoomScribeProduct,
    state,
    baseUrl,
    createOpenApiHttp<paths>({ baseUrl }),
  );
  return [
    guard,
    http.post("/aiservices/scribe/jobs", async ({ request, response }) => {
      const r = op.create(await request.json());
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/scribe/jobs", ({ request, response }) => {
      const r = op.list(new URL(request.url).searchParams);
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/scribe/jobs/{jobId}", ({ params, response }) => {
      const r = op.get(params.jobId);
      return response(r.status).json(r.body);
    }),
    http.delete("/aiservices/scribe/jobs/{jobId}", ({ params, response }) => {
      const r = op.cancel(params.jobId);
      return r.status === 204 ? response(204).empty() : response(r.status).json(r.body);
    }),
    http.get("/aiservices/scribe/jobs/{jobId}/files", ({ request, params, response }) => {
      const r = op.listFiles(params.jobId, new URL(request.url).searchParams);
      return response(r.status).json(r.body);
    }),
    http.get("/aiservices/scribe/jobs/{jobId}/files/{fileId}", ({ params, response }) => {
      const r = op.getFile(params.jobId, params.fileId);
      return response(r.status).json(r.body);
    }),
  ];
}

/** A fetch answered by the simulator with no global interception: `createZoomScribeClient({ token, fetch })`. */
export function zoomScribeFetch(state: ZoomScribeState, options: ZoomScribeHandlerOptions = {}) {
  return fetchFromHandlers(zoomScribeHandlers(state, options));
}
