// Manifests, batches and transcriptions as Sofer's API reports them: the bodies the simulator sends.
import type { components } from "../../../generated/sofer.ts";
import type { SimulatedBatch, SimulatedBatchFile, SimulatedTranscription } from "./state.ts";
import { countsOf } from "./state.ts";
import { detectedSpeakersOf, durationOf, transcriptOf } from "./transcript.ts";

type Schemas = components["schemas"];

/** The number of speakers a transcription reports: asked for, or detected once it is done (null before). */
function numSpeakersOf(t: SimulatedTranscription): number | null {
  if ("num_speakers" in t.speakers) return t.speakers.num_speakers;
  return t.status === "COMPLETED" ? detectedSpeakersOf(t.audio_url) : null;
}

export function transcriptionInfo(t: SimulatedTranscription): Schemas["TranscriptionInfo"] {
  return {
    id: t.id,
    client_item_id: t.client_item_id,
    title: t.title,
    created_at: t.created_at,
    primary_language: t.primary_language,
    hebrew_word_format: t.hebrew_word_format,
    num_speakers: numSpeakersOf(t),
    status: t.status,
    // The audio's length is known once it has been transcribed.
    duration: t.status === "COMPLETED" ? durationOf(t.audio_url) : null,
    model: t.model,
  };
}

/**
 * A transcription's transcript. Until it is COMPLETED there is none: the answer is still 200, with empty
 * `text` and null `timestamps`, and its status in `info`. Our choice: the spec's 404 means no such
 * transcription, and `text` is required, so an empty text is the only 200 that validates; it also lets
 * a caller read the status from the same call.
 */
export function transcriptionView(
  t: SimulatedTranscription,
  filter?: Schemas["LettersLanguage"],
): Schemas["Transcription"] {
  const info = transcriptionInfo(t);
  if (t.status !== "COMPLETED") return { text: "", info, timestamps: null };
  // Words carry speakers only when speakers were asked for: more than one, or detection.
  const labelled = "auto_detect_speakers" in t.speakers || t.speakers.num_speakers > 1;
  const { text, timestamps } = transcriptOf({
    audio_url: t.audio_url,
    formats: t.hebrew_word_format,
    ...(filter ? { filter } : {}),
    ...(labelled ? { speakers: info.num_speakers! } : {}),
  });
  return { text, info, timestamps };
}

/** O(batch size): every transcription of it, and the counts the state keeps. */
export function batchStatusView(batch: SimulatedBatch): Schemas["BatchStatusResponse"] {
  const { total, completed, failed, pending } = countsOf(batch);
  return {
    batch_id: batch.batch_id,
    status: batch.status,
    total_count: total,
    completed_count: completed,
    failed_count: failed,
    pending_count: pending,
    transcriptions: batch.transcriptions.map(transcriptionInfo),
  };
}

export function batchCreatedView(batch: SimulatedBatch): Schemas["BatchTranscriptionResponse"] {
  return {
    batch_id: batch.batch_id,
    transcription_ids: batch.transcriptions.map((t) => t.id),
    total_count: batch.transcriptions.length,
    status: batch.status,
  };
}

export function batchFileSummary(file: SimulatedBatchFile): Schemas["BatchFileSummary"] {
  return {
    id: file.id,
    created_at: file.created_at,
    item_count: file.entries.length,
    size_bytes: file.size_bytes,
    status: file.status,
    checksum: file.checksum,
    title: file.title,
  };
}

export function batchFileDetail(file: SimulatedBatchFile): Schemas["BatchFileDetail"] {
  return {
    ...batchFileSummary(file),
    description: file.description,
    validation_errors: file.validation_errors ? [...file.validation_errors] : null,
  };
}

export function batchFileUploaded(file: SimulatedBatchFile): Schemas["BatchFileUploadResponse"] {
  return {
    batch_file_id: file.id,
    item_count: file.entries.length,
    size_bytes: file.size_bytes,
    checksum: file.checksum,
    created_at: file.created_at,
    status: file.status,
    validation_errors: file.validation_errors ? [...file.validation_errors] : null,
  };
}
