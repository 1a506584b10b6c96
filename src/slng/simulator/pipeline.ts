// The kit's pipeline hooks for SLNG: who may call (an API key the state accepts, else 403: SLNG
// documents no 401), SLNG's `{error}` body, the query parameters the handlers honour, and how large a
// body it reads (1 GB of file, 413 beyond, by Content-Length before reading).
import { bearerTokenOf, type Refusal, type SimulatorPipeline } from "../../core/simulator/index.ts";
import { SLNG } from "../spec.ts";
import { slngValidator } from "../validation.ts";
import { TOO_LARGE, type SlngErrorBody } from "./operations.ts";
import type { SlngState } from "./state.ts";

/** The query parameters the simulator's handlers implement, by operation (every one the spec declares). */
export const SLNG_HONOURS: Readonly<Record<string, readonly string[]>> = {
  batchJobsList: [
    "page",
    "page_size",
    "status",
    "model_code",
    "submitted_after",
    "submitted_before",
    "sort_by",
    "sort_order",
  ],
};

/** How a refusal for breaking the spec starts (the handlers' own refusals never do). */
export const INVALID_REQUEST = "Invalid request: ";

/** Room for a multipart body's framing and JSON parts beyond the file's bytes. */
const MULTIPART_FRAMING_BYTES = 1024 * 1024;

/** SLNG's body for a refusal: `{error}` (the 403, 413 and 500 messages are the spec's examples). */
export function slngErrorBody(refusal: Refusal): SlngErrorBody {
  if (refusal.status === 413) return { error: TOO_LARGE };
  if (refusal.status === 500) return { error: "Internal server error" };
  if (!refusal.issues?.length) return { error: refusal.message };
  return {
    error: `${INVALID_REQUEST}${refusal.issues.map((i) => `${i.location}: ${i.message}`).join("; ")}`,
  };
}

export function slngPipeline(state: SlngState): SimulatorPipeline {
  return {
    provider: SLNG.provider,
    operations: SLNG.operations,
    validator: slngValidator,
    faults: state.faults,
    log: state.requests,
    authenticate(request) {
      const key = bearerTokenOf(request);
      if (key === undefined) return { status: 403, message: "Missing API key" };
      return state.apiKeys.has(key) ? undefined : { status: 403, message: "API key id not found" };
    },
    errorBody: slngErrorBody,
    honours: SLNG_HONOURS,
    limits: { bytes: state.options.maxUploadBytes + MULTIPART_FRAMING_BYTES },
  };
}
