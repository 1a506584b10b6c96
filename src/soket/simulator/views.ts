// Uploads, files, batches, jobs and results as Soket's API reports them: the bodies the simulator sends.
import type { components } from "../../../generated/soket.ts";
import { completionSecondsOf, gcsKeyOf, secondsOf } from "./audio.ts";
import type { BatchFile, SimulatedBatch, SimulatedFile, SimulatedJob, SimulatedUpload } from "./state.ts";
import { uploadStatusOf } from "./statuses.ts";
import { chunkTextOf, segmentsOf } from "./transcript.ts";

type Schemas = components["schemas"];

/** What a reader of results asked to see (`chunks`, `speech_information`; development mode's counters). */
export interface ResultDetail {
  chunks: boolean;
  speech: boolean;
  development: boolean;
}

/** Disk to spool to: 200 MB/s, for the made-up `spool_seconds`. */
const SPOOL_BYTES_PER_SECOND = 200_000_000;

export function uploadedFileView(file: SimulatedFile): Schemas["UploadedFile"] {
  return {
    file_id: file.file_id,
    filename: file.filename,
    size_bytes: file.size_bytes,
    estimated_duration_seconds: secondsOf(file.tenths),
    upload_status: file.upload_status,
    // Only a completed file is in storage (Soket: "present for completed files only").
    ...(file.upload_status === "completed"
      ? { gcs_key: gcsKeyOf(file.file_id, file.filename, file.content_type, file.uploaded_at) }
      : {}),
  };
}

export function fileRecordView(file: SimulatedFile): Schemas["FileRecord"] {
  return {
    batch_upload_id: file.batch_upload_id,
    ...uploadedFileView(file),
    content_type: file.content_type,
  };
}

export function uploadAcceptedView(upload: SimulatedUpload): Schemas["UploadAccepted"] {
  const bytes = upload.files.reduce((sum, f) => sum + f.size_bytes, 0);
  return {
    batch_upload_id: upload.batch_upload_id,
    status: "accepted",
    total_files: upload.files.length,
    spool_seconds: Math.round((bytes / SPOOL_BYTES_PER_SECOND) * 100) / 100,
    files: upload.files.map(uploadedFileView),
  };
}

/** O(upload size): its undeleted files (`live`), and the counts the state keeps. */
export function uploadProgressView(
  upload: SimulatedUpload,
  live: (file: SimulatedFile) => boolean,
): Schemas["UploadProgress"] {
  const files = upload.files.filter(live);
  return {
    batch_upload_id: upload.batch_upload_id,
    status: uploadStatusOf(upload),
    total_files: files.length,
    ...upload.counts,
    files: files.map(uploadedFileView),
  };
}

export function batchAcceptedView(batch: SimulatedBatch): Schemas["BatchAccepted"] {
  return {
    batch_id: batch.batch_id,
    total_jobs: batch.jobs.length,
    estimated_audio_seconds: secondsOf(batch.tenths),
    estimated_completion_seconds: completionSecondsOf(batch.tenths),
    jobs: batch.jobs.map((job) => ({
      file_id: job.file.file_id,
      filename: job.file.filename,
      batch_id: batch.batch_id,
      status: job.status,
    })),
  };
}

/** O(1): every number is a count the batch keeps. */
export function batchStatusView(batch: SimulatedBatch, development: boolean): Schemas["BatchStatus"] {
  const files = batch.fileIndex;
  const jobs = batch.jobIndex;
  return {
    batch_id: batch.batch_id,
    total_files: files.count(),
    files_completed: files.count("completed"),
    files_failed: files.count("failed"),
    estimated_audio_seconds: secondsOf(batch.tenths),
    // What is left to do: the audio of the jobs not ended yet.
    estimated_completion_seconds: completionSecondsOf(batch.remainingTenths),
    status: batch.status,
    ...(development
      ? {
          total_jobs: jobs.count(),
          completed_jobs: jobs.count("completed"),
          failed_jobs: jobs.count("failed"),
          processing_jobs: jobs.count("processing"),
          queued_jobs: jobs.count("queued"),
          files_processing: files.count("processing"),
        }
      : {}),
  };
}

/** A failed chunk's error (Soket shows none: the shape is ours, spec FileResult.errors x-inferred). */
const errorOf = (job: SimulatedJob) => ({
  job_id: job.job_id,
  chunk_index: job.chunk_index,
  error: `chunk ${job.chunk_index} of ${job.file.filename} could not be transcribed`,
});

/** A completed chunk's transcript: its text, and its segments with `speech_information`. */
function chunkTranscript(job: SimulatedJob, speech: boolean) {
  const { filename } = job.file;
  return {
    text: chunkTextOf(filename, job.chunk_index),
    ...(speech
      ? { segments: segmentsOf(filename, job.chunk_index, secondsOf(job.start), secondsOf(job.end)) }
      : {}),
  };
}

/** One chunk in a file's `chunk_results` (`chunks=true`). */
function chunkResultView(job: SimulatedJob, speech: boolean) {
  return {
    job_id: job.job_id,
    chunk_index: job.chunk_index,
    start_seconds: secondsOf(job.start),
    end_seconds: secondsOf(job.end),
    status: job.status,
    ...(job.status === "completed" ? chunkTranscript(job, speech) : {}),
    ...(job.status === "failed" ? { error: errorOf(job).error } : {}),
  };
}

/**
 * A file's merged result: its transcript once completed (its chunks' texts in order; their segments with
 * `speech_information`), its failed chunks' errors once failed, each chunk with `chunks`.
 */
export function fileResultView(entry: BatchFile, detail: ResultDetail): Schemas["FileResult"] {
  const { jobs } = entry;
  const completed = entry.status === "completed";
  return {
    file_id: entry.file_id,
    filename: entry.filename,
    status: entry.status,
    ...(completed
      ? {
          result: {
            text: jobs.map((job) => chunkTextOf(entry.filename, job.chunk_index)).join(" "),
            duration_seconds: secondsOf(entry.tenths),
            ...(detail.speech
              ? { segments: jobs.flatMap((job) => chunkTranscript(job, true).segments ?? []) }
              : {}),
          },
          errors: [],
        }
      : {}),
    ...(entry.status === "failed" ? { errors: jobs.filter((j) => j.status === "failed").map(errorOf) } : {}),
    ...(detail.chunks ? { chunk_results: jobs.map((job) => chunkResultView(job, detail.speech)) } : {}),
    ...(detail.development
      ? {
          total_chunks: jobs.length,
          completed_chunks: entry.counts.completed,
          failed_chunks: entry.counts.failed,
        }
      : {}),
  };
}

/** A chunk job's result (`raw=true`); `chunks` adds its span of the file. */
export function jobResultView(job: SimulatedJob, detail: ResultDetail): Schemas["JobResult"] {
  return {
    job_id: job.job_id,
    file_id: job.file.file_id,
    filename: job.file.filename,
    batch_id: job.batch_id,
    chunk_index: job.chunk_index,
    status: job.status,
    ...(detail.chunks ? { start_seconds: secondsOf(job.start), end_seconds: secondsOf(job.end) } : {}),
    ...(job.status === "completed" ? { result: chunkTranscript(job, detail.speech) } : {}),
    ...(job.status === "failed" ? { errors: [errorOf(job)] } : {}),
  };
}
