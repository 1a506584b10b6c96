// What the SLNG client's lazily loaded modules (submit.ts, presigned-upload.ts, transcribe.ts) use of
// the client: given to them by client.ts on each call. Types only.
import type { operations, paths } from "../../generated/slng.ts";
import type { ApiClient } from "../core/client.ts";
import type { Transport } from "../core/transport.ts";
import type { SlngClient } from "./client.ts";

export interface SlngKit {
  /** The client's core: `send`, its provider id, clock and secrets (helperKit's waits and errors). */
  api: ApiClient<paths, operations>;
  /** The transport to storage (the presigned PUT, the signed downloads): no credential. */
  storage: Transport;
  refuse(operation: string, problem: string): Promise<never>;
  /** Refuses a value that is not SLNG's alphanumeric job id. */
  /** The refusal of a malformed id, or undefined for a good one (await it either way). */
  refuseId(operation: string, value: unknown, name?: string): Promise<never> | undefined;
  jobs: SlngClient["jobs"];
  waitForJob: SlngClient["waitForJob"];
}
