// batchspec/sofer: the client, its types from the spec, the error hierarchy, and Sofer's speaker rule.
export * from "./client.ts";
export type { HelperOptions, IterateOptions } from "../core/client.ts";
export { ManifestInvalidError } from "./errors.ts";
export { effectiveSpeakers, type EffectiveSpeakers } from "./speakers.ts";
export type { paths, components, operations } from "../../generated/sofer.ts";
export * from "../core/errors-public.ts";
