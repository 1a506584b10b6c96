// batchspec/zoom-translator: the client, its types from the spec, the error hierarchy, and webhook verification.
export * from "./client.ts";
export type { HelperOptions, IterateOptions } from "../core/client.ts";
export { nextZoomCursor, type ZoomPage } from "../zoom/pagination.ts";
export * from "../zoom/webhook.ts";
export type { paths, components, operations, webhooks } from "../../generated/zoom-translator.ts";
export * from "../core/errors-public.ts";
