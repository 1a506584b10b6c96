// The Zoom Scribe simulator: MSW handlers (typed from the spec with openapi-msw) over explicit state.
//
//   const state = createZoomScribeState({ objects: ["s3://acme-bucket/audio/a.wav"] });
//   const server = setupServer(...zoomScribeHandlers(state));
//
// The behaviour shared with Translator lives in src/zoom/batch-simulator.ts: every request validated
// against specs/zoom-scribe (400 naming the field), the bearer token checked (401, 403), PREFIX inputs
// expanded with their globs over a simulated bucket listing, jobs moved QUEUED → PROCESSING → SUCCEEDED /
// PARTIAL / FAILED only when the test says so, opaque cursors, cancel 204 / 409, injected faults, and
// signed job notifications. What is Scribe's own is here.
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import type { paths } from "../../generated/zoom-scribe.ts";
import { fetchFromHandlers } from "../core/handlers-fetch.ts";
import {
  createZoomBatchState,
  bindZoomHandlers,
  withoutExtension,
  zoomBatchOperations,
  type FileOutcome,
  type ZoomBatchState,
  type ZoomSimProduct,
  type ZoomSimulatorOptions,
} from "../zoom/batch-simulator.ts";
import { ZOOM_SCRIBE_BASE_URL } from "./client.ts";
import { zoomScribeValidator, ZOOM_SCRIBE_JOBS_PATH, ZOOM_SCRIBE_OPERATIONS } from "./spec.ts";

export type { FileOutcome, SimulatedFile, SimulatedJob, WebhookDelivery } from "../zoom/batch-simulator.ts";
export type ZoomScribeSimulatorOptions = ZoomSimulatorOptions;
export type ZoomScribeState = ZoomBatchState;

const AUDIO = /\.(wav|mp3|m4a|mp4)$/i; // batch audio formats (seed 000)

const scribe: ZoomSimProduct = {
  provider: "zoom-scribe",
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
        code: "UNSUPPORTED_MEDIA",
        message: "The file is not WAV, MP3, M4A or MP4.",
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
  return createZoomBatchState(scribe, options);
}

export interface ZoomScribeHandlerOptions {
  /** Where the simulated API lives. Default `https://api.zoom.us/v2`. */
  baseUrl?: string;
}

export function zoomScribeHandlers(
  state: ZoomScribeState,
  options: ZoomScribeHandlerOptions = {},
): HttpHandler[] {
  const http = createOpenApiHttp<paths>({
    baseUrl: (options.baseUrl ?? ZOOM_SCRIBE_BASE_URL).replace(/\/+$/, ""),
  });
  return bindZoomHandlers(
    http,
    ZOOM_SCRIBE_JOBS_PATH,
    zoomBatchOperations(scribe, state, ZOOM_SCRIBE_OPERATIONS),
  );
}

/** A fetch answered by the simulator with no global interception: `createZoomScribeClient({ token, fetch })`. */
export function zoomScribeFetch(state: ZoomScribeState, options: ZoomScribeHandlerOptions = {}) {
  return fetchFromHandlers(zoomScribeHandlers(state, options));
}
