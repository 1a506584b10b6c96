// batchspec/soket: the client, its types from the spec, the error hierarchy, and the upload failure.
export * from "./client.ts";
export type { HelperOptions, IterateOptions } from "../core/client.ts";
export { UploadFailedError } from "./errors.ts";
export type { paths, components, operations } from "../../generated/soket.ts";
export * from "../core/errors-public.ts";
