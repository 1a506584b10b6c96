import type { components, paths } from "../../generated/zoom-scribe.ts";
import type { BatchApiError } from "../core/errors.ts";
import {
  createZoomBatchClient,
  ZOOM_BASE_URL,
  type ZoomBatchHelpers,
  type ZoomClientOptions,
  type ZoomTypesOf,
  type ZoomWaitOptions,
} from "../zoom/batch-client.ts";
import type { Client } from "openapi-fetch";
import { zoomScribeValidator, ZOOM_SCRIBE_JOBS_PATH, ZOOM_SCRIBE_OPERATIONS } from "./spec.ts";

export type { HelperOptions, ListFilesQuery } from "../zoom/batch-client.ts";

/** Zoom's API server (`servers[0]` of specs/zoom-scribe). */
export const ZOOM_SCRIBE_BASE_URL = ZOOM_BASE_URL;

type Schemas = components["schemas"];
export type ZoomScribeJob = Schemas["JobStatus"];
export type ZoomScribeJobListItem = Schemas["Job"];
export type ZoomScribeFile = Schemas["JobFile"];
export type ZoomScribeCreateJobRequest = Schemas["CreateJobRequest"];
export type ListJobsQuery = import("../zoom/batch-client.ts").ListJobsQuery<Schemas["JobState"]>;
/** What the helpers throw for an error status: the body is Zoom's error body from the spec. */
export type ZoomScribeApiError = BatchApiError<Schemas["Error"]>;
export type ZoomScribeClientOptions = ZoomClientOptions;
export type ZoomScribeWaitOptions = ZoomWaitOptions<ZoomScribeJob>;

type ScribeTypes = ZoomTypesOf<Schemas>;

/**
 * The typed openapi-fetch client over specs/zoom-scribe (`GET`, `POST`, `DELETE` with `{data, error,
 * response}`), plus helpers (`jobs`, `files`, `waitForJob`) that return data and throw batchspec's errors.
 */
export type ZoomScribeClient = Client<paths> & ZoomBatchHelpers<ScribeTypes>;

export function createZoomScribeClient(options: ZoomScribeClientOptions): ZoomScribeClient {
  return createZoomBatchClient<paths, ScribeTypes>(
    {
      provider: "zoom-scribe",
      jobsPath: ZOOM_SCRIBE_JOBS_PATH,
      operations: ZOOM_SCRIBE_OPERATIONS,
      validator: zoomScribeValidator,
    },
    "createZoomScribeClient",
    options,
  );
}
