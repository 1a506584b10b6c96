export { createZoomScribeClient, ZOOM_SCRIBE_BASE_URL } from "./client.ts";
export type { ZoomScribeClient, ZoomScribeClientOptions } from "./client.ts";
export type { paths, components, operations, webhooks } from "../../generated/zoom-scribe.ts";
export type { TokenSource } from "../core/auth.ts";
export { ConfigurationError } from "../core/auth.ts";
export { nextZoomCursor, type ZoomPage } from "./pagination.ts";
