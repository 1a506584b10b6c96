// What a POST /batch body resolves to: the files of the batch, or why it is refused. The pipeline has
// already checked the body against BatchRequest; what the schema cannot say is checked here, in this
// order: unknown ids (404), uploads still running (409, seed 003), then what leaves nothing or something
// unusable to transcribe (400).
import type { components } from "../../../generated/soket.ts";
import type { BatchInput, SimulatedFile, SoketState } from "./state.ts";

type BatchRequest = components["schemas"]["BatchRequest"];
export type BatchRefusal = { status: 400 | 404 | 409; error: string };

/** A few ids for a message (a caller's id can be any length: each is cut short). */
export function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((id) => (id.length > 64 ? `${id.slice(0, 64)}…` : id));
  return ids.length > 5 ? `${shown.join(", ")} and ${ids.length - 5} more` : shown.join(", ");
}

const inProgress = (file: SimulatedFile) =>
  file.upload_status === "pending" || file.upload_status === "uploading";

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * The uploaded files the body names: every completed file of `batch_upload_id` (its failed ones are
 * left out: "include all completed files"), then each of `file_ids`, each file once.
 */
function uploadedFiles(state: SoketState, body: BatchRequest): SimulatedFile[] | BatchRefusal {
  const chosen = new Map<string, SimulatedFile>();
  const unfinished: string[] = [];
  if (body.batch_upload_id === "")
    return { status: 400, error: "body.batch_upload_id: empty; name an upload or leave it out" };
  if (body.batch_upload_id !== undefined) {
    const upload = state.uploads.get(body.batch_upload_id);
    if (!upload) return { status: 404, error: `upload not found: ${listIds([body.batch_upload_id])}` };
    for (const file of upload.files) {
      if (!state.files.has(file.file_id)) continue; // deleted
      if (inProgress(file)) unfinished.push(file.file_id);
      else if (file.upload_status === "completed") chosen.set(file.file_id, file);
    }
  }
  const ids = body.file_ids ?? [];
  const unknown = ids.filter((id) => !state.files.has(id));
  if (unknown.length > 0) return { status: 404, error: `file not found: ${listIds(unknown)}` };
  const failed: string[] = [];
  for (const id of ids) {
    const file = state.files.get(id)!;
    if (inProgress(file)) unfinished.push(id);
    else if (file.upload_status === "failed") failed.push(id);
    else chosen.set(id, file);
  }
  if (unfinished.length > 0)
    return {
      status: 409,
      error: `uploads still in progress: ${listIds([...new Set(unfinished)])} not yet completed`,
    };
  if (failed.length > 0)
    return {
      status: 400,
      error: `body.file_ids: ${listIds(failed)} failed to upload; only completed files can be transcribed`,
    };
  return [...chosen.values()];
}

/** Each source as an input; a storage key is taken over a URL when both are given (nothing to fetch). */
function sourceInputs(body: BatchRequest): BatchInput[] | BatchRefusal {
  const inputs: BatchInput[] = [];
  for (const [i, source] of (body.sources ?? []).entries()) {
    const filename = source.filename || undefined;
    if (source.gcs_key) inputs.push({ gcs_key: source.gcs_key, ...(filename ? { filename } : {}) });
    else if (source.url) {
      if (!isHttpUrl(source.url)) return { status: 400, error: `body.sources[${i}].url: not an http(s) URL` };
      inputs.push({ url: source.url, ...(filename ? { filename } : {}) });
    } else return { status: 400, error: `body.sources[${i}]: needs gcs_key or url` };
  }
  return inputs;
}

export function resolveBatch(state: SoketState, body: BatchRequest): BatchInput[] | BatchRefusal {
  const uploaded = uploadedFiles(state, body);
  if (!Array.isArray(uploaded)) return uploaded;
  const sources = sourceInputs(body);
  if (!Array.isArray(sources)) return sources;
  const inputs: BatchInput[] = [...uploaded.map((upload) => ({ upload })), ...sources];
  if (inputs.length === 0)
    return {
      status: 400,
      error:
        "body: resolves to no file to transcribe (no completed file in the upload, and no file_ids or sources)",
    };
  return inputs;
}
