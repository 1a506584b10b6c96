export { createZoomScribeClient, ZOOM_SCRIBE_BASE_URL } from "./client.ts";
export type {
  HelperOptions,
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
export { nextZoomCursor, type ZoomPage } from "./pagination.ts";
export type { paths, components, operations, webhooks } from "../../generated/zoom-scribe.ts";
export * from "../core/errors-public.ts";
