export { createZoomScribeClient, isZoomScribeApiError, ZOOM_SCRIBE_BASE_URL } from "./client.ts";
export type { HelperOptions } from "../core/client.ts";
export type {
  ListFilesQuery,
  ListJobsQuery,
  ZoomScribeApiError,
  ZoomScribeClient,
  ZoomScribeClientOptions,
  ZoomScribeCreateJobRequest,
  ZoomScribeFile,
  ZoomScribeJob,
  ZoomScribeJobListItem,
  ZoomScribeWaitOptions,
} from "./client.ts";
export { nextZoomCursor, type ZoomPage } from "../zoom/pagination.ts";
export type { paths, components, operations, webhooks } from "../../generated/zoom-scribe.ts";
export * from "../core/errors-public.ts";
export {
  signZoomWebhook,
  verifyZoomWebhook,
  ZOOM_SIGNATURE_HEADER,
  ZOOM_TIMESTAMP_HEADER,
  type VerifyZoomWebhookOptions,
  type ZoomWebhookFailure,
  type ZoomWebhookResult,
} from "../zoom/webhook.ts";
/** The body of a Scribe job notification: `verifyZoomWebhook<ZoomScribeJobNotification>(...)`. */
export type ZoomScribeJobNotification =
  import("../../generated/zoom-scribe.ts").components["schemas"]["JobNotification"];
