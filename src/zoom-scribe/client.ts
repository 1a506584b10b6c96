import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/zoom-scribe.ts";
import { apiErrorGuard, type OperationQuery } from "../core/client.ts";
import type { BatchApiError } from "../core/errors.ts";
import {
  createZoomBatchClient,
  type ZoomBatchHelpers,
  type ZoomClientOptions,
  type ZoomWaitOptions,
} from "../zoom/client.ts";
import { ZOOM_SCRIBE, ZOOM_SCRIBE_BASE_URL } from "./spec.ts";

export { ZOOM_SCRIBE_BASE_URL };

type Schemas = components["schemas"];
export type ZoomScribeJob = Schemas["JobStatus"];
export type ZoomScribeJobListItem = Schemas["Job"];
export type ZoomScribeFile = Schemas["JobFile"];
export type ZoomScribeCreateJobRequest = Schemas["CreateJobRequest"];
/** The body of a Scribe job notification: `verifyZoomWebhook<ZoomScribeJobNotification>(...)`. */
export type ZoomScribeJobNotification = Schemas["JobNotification"];
export type ListJobsQuery = OperationQuery<operations["listBatchJobs"]>;
export type ListFilesQuery = OperationQuery<operations["listBatchJobFiles"]>;
/** What the helpers throw for an error status: the body is Zoom's error body from the spec. */
export type ZoomScribeApiError = BatchApiError<Schemas["Error"]>;
/** Narrows a caught error to a Zoom Scribe API error, its body typed from the spec. */
export const isZoomScribeApiError = /* @__PURE__ */ apiErrorGuard<Schemas["Error"]>("zoom-scribe");
export type ZoomScribeClientOptions = ZoomClientOptions;
export type ZoomScribeWaitOptions = ZoomWaitOptions<ZoomScribeJob>;

/**
 * The typed openapi-fetch client over specs/zoom-scribe (`GET`, `POST`, `DELETE` with `{data, error,
 * response}`), plus helpers (`jobs`, `files`, `waitForJob`) that return data and throw batchspec's errors.
 */
export type ZoomScribeClient = Client<paths> & ZoomBatchHelpers<operations, typeof ZOOM_SCRIBE.ids>;

export function createZoomScribeClient(options: ZoomScribeClientOptions): ZoomScribeClient {
  return createZoomBatchClient<paths, operations, typeof ZOOM_SCRIBE.ids>(
    { ...ZOOM_SCRIBE, factory: "createZoomScribeClient" },
    options,
  );
}
