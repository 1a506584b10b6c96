import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/zoom-translator.ts";
import { apiErrorGuard, type OperationQuery } from "../core/client.ts";
import type { BatchApiError } from "../core/errors.ts";
import {
  createZoomBatchClient,
  type ZoomBatchHelpers,
  type ZoomClientOptions,
  type ZoomWaitOptions,
} from "../zoom/client.ts";
import { ZOOM_TRANSLATOR, ZOOM_TRANSLATOR_BASE_URL } from "./spec.ts";

export { ZOOM_TRANSLATOR_BASE_URL };

type Schemas = components["schemas"];
export type ZoomTranslatorJob = Schemas["JobStatus"];
export type ZoomTranslatorJobListItem = Schemas["Job"];
export type ZoomTranslatorFile = Schemas["JobFile"];
export type ZoomTranslatorCreateJobRequest = Schemas["CreateJobRequest"];
/** The contents of each `{original_filename}_{file_id}.json` output file. */
export type ZoomTranslatorOutputFile = Schemas["TranslationOutputFile"];
export type ZoomTranslatorJobNotification = Schemas["JobNotification"];
export type ListJobsQuery = OperationQuery<operations["listBatchTranslatorJobs"]>;
export type ListFilesQuery = OperationQuery<operations["listBatchTranslatorJobFiles"]>;
/** What the helpers throw for an error status: the body is Zoom's error body from the spec. */
export type ZoomTranslatorApiError = BatchApiError<Schemas["Error"]>;
/** Narrows a caught error to a Zoom Translator API error, its body typed from the spec. */
export const isZoomTranslatorApiError = /* @__PURE__ */ apiErrorGuard<Schemas["Error"]>("zoom-translator");
export type ZoomTranslatorClientOptions = ZoomClientOptions;
export type ZoomTranslatorWaitOptions = ZoomWaitOptions<ZoomTranslatorJob>;

/**
 * The typed openapi-fetch client over specs/zoom-translator (`GET`, `POST`, `DELETE` with `{data, error,
 * response}`), plus helpers (`jobs`, `files`, `waitForJob`) that return data and throw batchspec's errors.
 */
export type ZoomTranslatorClient = Client<paths> & ZoomBatchHelpers<operations, typeof ZOOM_TRANSLATOR.ids>;

export function createZoomTranslatorClient(options: ZoomTranslatorClientOptions): ZoomTranslatorClient {
  return createZoomBatchClient<paths, operations, typeof ZOOM_TRANSLATOR.ids>(
    { ...ZOOM_TRANSLATOR, factory: "createZoomTranslatorClient" },
    options,
  );
}
