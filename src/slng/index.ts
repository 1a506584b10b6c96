// batchspec/slng: the client, its types from the spec, the error hierarchy, and the presigned-upload failure.
export * from "./client.ts";
export type { HelperOptions, IterateOptions } from "../core/client.ts";
export { PresignedUploadError, type PresignedUploadStep } from "./errors.ts";
export type { paths, components, operations } from "../../generated/slng.ts";
export * from "../core/errors-public.ts";
