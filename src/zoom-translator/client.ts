import type { Client } from "openapi-fetch";
import type { components, paths } from "../../generated/zoom-translator.ts";
import type { BatchApiError } from "../core/errors.ts";
import {
  createZoomBatchClient,
  ZOOM_BASE_URL,
  type ZoomBatchHelpers,
  type ZoomClientOptions,
  type ZoomTypesOf,
  type ZoomWaitOptions,
} from "../zoom/batch-client.ts";
import { zoomTranslatorValidator, ZOOM_TRANSLATOR_JOBS_PATH, ZOOM_TRANSLATOR_OPERATIONS } from "./spec.ts";

export type { HelperOptions, ListFilesQuery } from "../zoom/batch-client.ts";

/** Zoom's API server (`servers[0]` of specs/zoom-translator). */
export const ZOOM_TRANSLATOR_BASE_URL = ZOOM_BASE_URL;

type Schemas = components["schemas"];
export type ZoomTranslatorJob = Schemas["JobStatus"];
export type ZoomTranslatorJobListItem = Schemas["Job"];
export type ZoomTranslatorFile = Schemas["JobFile"];
export type ZoomTranslatorCreateJobRequest = Schemas["CreateJobRequest"];
/** The contents of each `{original_filename}_{file_id}.json` output file. */
export type ZoomTranslatorOutputFile = Schemas["TranslationOutputFile"];
export type ZoomTranslatorJobNotification = Schemas["JobNotification"];
export type ListJobsQuery = import("../zoom/batch-client.ts").ListJobsQuery<Schemas["JobState"]>;
/** What the helpers throw for an error status: the body is Zoom's error body from the spec. */
export type ZoomTranslatorApiError = BatchApiError<Schemas["Error"]>;
export type ZoomTranslatorClientOptions = ZoomClientOptions;
export type ZoomTranslatorWaitOptions = ZoomWaitOptions<ZoomTranslatorJob>;

type TranslatorTypes = ZoomTypesOf<Schemas>;

/**
 * The typed openapi-fetch client over specs/zoom-translator (`GET`, `POST`, `DELETE` with `{data, error,
 * response}`), plus helpers (`jobs`, `files`, `waitForJob`) that return data and throw batchspec's errors.
 */
export type ZoomTranslatorClient = Client<paths> & ZoomBatchHelpers<TranslatorTypes>;

export function createZoomTranslatorClient(options: ZoomTranslatorClientOptions): ZoomTranslatorClient {
  return createZoomBatchClient<paths, TranslatorTypes>(
    {
      provider: "zoom-translator",
      jobsPath: ZOOM_TRANSLATOR_JOBS_PATH,
      operations: ZOOM_TRANSLATOR_OPERATIONS,
      validator: zoomTranslatorValidator,
    },
    "createZoomTranslatorClient",
    options,
  );
}
