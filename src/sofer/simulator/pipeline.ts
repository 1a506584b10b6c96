// The kit's pipeline hooks for Sofer: who may call (a key the state accepts, else 401), Sofer's error
// body, and the query parameters the simulator's handlers honour.
import { bearerTokenOf, type Refusal, type SimulatorPipeline } from "../../core/simulator/index.ts";
import { SOFER } from "../spec.ts";
import { soferValidator } from "../validation.ts";
import type { SoferErrorBody } from "./operations.ts";
import type { SoferState } from "./state.ts";

/** The query parameters the simulator's handlers implement, by operation (every one the spec declares). */
export const SOFER_HONOURS: Readonly<Record<string, readonly string[]>> = {
  batchTranscribe_listBatchFiles: ["cursor"],
  batchTranscribe_getBatchTranscriptionByClientItemId: ["client_item_id"],
  transcribe_getTranscription: ["filter_hebrew_word_format"],
};

/** How a refusal for breaking the spec starts (the handlers' own refusals never do). */
export const INVALID_REQUEST = "Invalid request: ";

const BOTH_SPEAKERS = "num_speakers and auto_detect_speakers cannot be given together";

/**
 * Sofer's body for a refusal: `{detail}`, the spec's Error (Sofer documents no body; the 401 and 429
 * details are the spec's examples). A refusal for issues says each as `location: message`, after
 * INVALID_REQUEST.
 */
export function soferErrorBody(refusal: Refusal): SoferErrorBody {
  if (refusal.status === 429) return { detail: "Rate limit exceeded." };
  if (!refusal.issues?.length) return { detail: refusal.message };
  // The spec's one `not` is BothSpeakerSettings: say what it forbids (its own 400 example's words),
  // not the validator's "must NOT be valid".
  const said = (message: string) => (message === "must NOT be valid" ? BOTH_SPEAKERS : message);
  return {
    detail: `${INVALID_REQUEST}${refusal.issues.map((i) => `${i.location}: ${said(i.message)}`).join("; ")}`,
  };
}

export function soferPipeline(state: SoferState): SimulatorPipeline {
  return {
    provider: SOFER.provider,
    operations: SOFER.operations,
    validator: soferValidator,
    faults: state.faults,
    log: state.requests,
    authenticate(request) {
      const key = bearerTokenOf(request);
      return key !== undefined && state.apiKeys.has(key)
        ? undefined
        : { status: 401, message: "Invalid or missing API key." };
    },
    errorBody: soferErrorBody,
    honours: SOFER_HONOURS,
    // A JSONL manifest of 500 items with pre-signed URLs runs to a few hundred kB: its lines are checked
    // one by one (manifests.ts), not the string as a whole.
    limits: { documentFields: ["jsonl"] },
  };
}
