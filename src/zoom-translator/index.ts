export { createZoomTranslatorClient, isZoomTranslatorApiError, ZOOM_TRANSLATOR_BASE_URL } from "./client.ts";
export type { HelperOptions } from "../core/client.ts";
export type {
  ListFilesQuery,
  ListJobsQuery,
  ZoomTranslatorApiError,
  ZoomTranslatorClient,
  ZoomTranslatorClientOptions,
  ZoomTranslatorCreateJobRequest,
  ZoomTranslatorFile,
  ZoomTranslatorJob,
  ZoomTranslatorJobListItem,
  ZoomTranslatorJobNotification,
  ZoomTranslatorOutputFile,
  ZoomTranslatorWaitOptions,
} from "./client.ts";
export { nextZoomCursor, type ZoomPage } from "../zoom/pagination.ts";
export {
  signZoomWebhook,
  verifyZoomWebhook,
  ZOOM_SIGNATURE_HEADER,
  ZOOM_TIMESTAMP_HEADER,
  type VerifyZoomWebhookOptions,
  type ZoomWebhookFailure,
  type ZoomWebhookResult,
} from "../zoom/webhook.ts";
export type { paths, components, operations, webhooks } from "../../generated/zoom-translator.ts";
export * from "../core/errors-public.ts";
