// What the Soket client's lazily loaded modules (writes.ts, wait.ts, stream.ts) use of the client:
// given to them by client.ts on each call. Types only.
import type { operations, paths } from "../../generated/soket.ts";
import type { createApiClient, HelperOptions } from "../core/client.ts";
import type { SoketBatchStatus, SoketUploadProgress } from "./client.ts";

export type SoketApi = ReturnType<typeof createApiClient<paths, operations>>;

export interface SoketHelperKit {
  /** The client's core: `send`, its provider id, clock and secrets (helperKit's waits and errors). */
  api: SoketApi;
  refuse(operation: string, problem: string): Promise<never>;
  /** Refuses a path parameter that names nothing. */
  /** The refusal of an empty id, or undefined for a good one (await it either way). */
  refuseId(operation: string, name: string, value: unknown): Promise<never> | undefined;
  /** The client's files.uploadStatus and batches.status. */
  uploadStatus(batchUploadId: string, opts?: HelperOptions): Promise<SoketUploadProgress>;
  batchStatus(batchId: string, opts?: HelperOptions): Promise<SoketBatchStatus>;
}
