// The kit's pipeline hooks for Soket: who may call (a token the state accepts, else 401), Soket's error
// body, the query parameters the simulator's handlers honour, and how large a body it reads.
import { bearerTokenOf, type Refusal, type SimulatorPipeline } from "../../core/simulator/index.ts";
import { SOKET } from "../spec.ts";
import { soketValidator } from "../validation.ts";
import type { SoketErrorBody } from "./operations.ts";
import type { SoketState } from "./state.ts";

/** The query parameters the simulator's handlers implement, by operation (every one the spec declares). */
export const SOKET_HONOURS: Readonly<Record<string, readonly string[]>> = {
  listFiles: ["page", "limit", "upload_status"],
  getBatchResults: ["page", "limit", "status", "raw", "chunks", "speech_information"],
  getFileResult: ["chunks", "speech_information"],
  downloadBatchResults: ["status", "format", "raw", "chunks", "speech_information"],
};

/** How a refusal for breaking the spec starts (the handlers' own refusals never do). */
export const INVALID_REQUEST = "Invalid request: ";

/**
 * Room for a multipart body's framing (boundaries, part headers) beyond `maxUploadBytes` of files: the
 * pipeline refuses a body larger than that before reading it, the upload handler counts the files.
 */
const MULTIPART_FRAMING_BYTES = 1024 * 1024;

/** The spec's two `not`s, in words: what they forbid (the validator only says "must NOT be valid"). */
function said(location: string, message: string): string {
  if (message !== "must NOT be valid") return message;
  return location === "body" ? "needs batch_upload_id, file_ids or sources" : "needs gcs_key or url";
}

/**
 * Soket's body for a refusal: `{error}`, the spec's Error (the 401 and 429 messages are the spec's
 * examples). A refusal for issues says each as `location: message`, after INVALID_REQUEST.
 */
export function soketErrorBody(refusal: Refusal): SoketErrorBody {
  if (refusal.status === 401) return { error: "invalid token" };
  if (refusal.status === 429) return { error: "rate limit exceeded" };
  if (!refusal.issues?.length) return { error: refusal.message };
  return {
    error: `${INVALID_REQUEST}${refusal.issues.map((i) => `${i.location}: ${said(i.location, i.message)}`).join("; ")}`,
  };
}

export function soketPipeline(state: SoketState): SimulatorPipeline {
  return {
    provider: SOKET.provider,
    operations: SOKET.operations,
    validator: soketValidator,
    faults: state.faults,
    log: state.requests,
    authenticate(request) {
      const token = bearerTokenOf(request);
      return token !== undefined && state.tokens.has(token)
        ? undefined
        : { status: 401, message: "invalid token" };
    },
    errorBody: soketErrorBody,
    honours: SOKET_HONOURS,
    limits: { bytes: state.options.maxUploadBytes + MULTIPART_FRAMING_BYTES },
  };
}
