// A new batch: each input becomes a file (an uploaded file keeps its id, a source gets a fresh one),
// each file its chunk jobs, all queued. Made in O(jobs) with one object shape per kind, since a batch
// may hold 100,000 files.
import { lastSegmentOf, tenthsOfSource } from "./audio.ts";
import { RankIndex } from "./rank-index.ts";
import type { BatchFile, BatchInput, JobStatus, SimulatedBatch, SimulatedJob } from "./state.ts";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export interface BatchMaking {
  batch_id: string;
  /** Tenths of a second of audio per chunk job. */
  chunkTenths: number;
  nextFileId(): string;
  nextJobId(): string;
  /** Whether a file's transcription ends failed (`failingTranscriptions`). */
  fails(file: { filename: string; url?: string | undefined; gcs_key?: string | undefined }): boolean;
}

/** A file of the batch, its jobs still to add. */
function batchFileOf(input: BatchInput, position: number, making: BatchMaking): Writable<BatchFile> {
  const upload = "upload" in input ? input.upload : undefined;
  const url = "url" in input ? input.url : undefined;
  const gcs_key = "gcs_key" in input ? input.gcs_key : undefined;
  const where = url ?? gcs_key ?? "";
  const named = "filename" in input ? input.filename : undefined;
  return {
    position,
    file_id: upload ? upload.file_id : making.nextFileId(),
    filename: upload ? upload.filename : named || lastSegmentOf(where),
    batch_id: making.batch_id,
    upload,
    url,
    gcs_key,
    tenths: upload ? upload.tenths : tenthsOfSource(where),
    jobs: [],
    counts: { queued: 0, processing: 0, retrying: 0, completed: 0, failed: 0 },
    status: "queued",
    deleted: false,
  };
}

export function makeBatch(inputs: readonly BatchInput[], making: BatchMaking): SimulatedBatch {
  const { batch_id, chunkTenths } = making;
  const files: BatchFile[] = [];
  const jobs: SimulatedJob[] = [];
  let tenths = 0;
  for (let position = 0; position < inputs.length; position++) {
    const file = batchFileOf(inputs[position]!, position, making);
    const fails = making.fails(file);
    const count = Math.max(1, Math.ceil(file.tenths / chunkTenths));
    const own: SimulatedJob[] = [];
    for (let chunk = 0; chunk < count; chunk++) {
      const job: SimulatedJob = {
        position: jobs.length,
        job_id: making.nextJobId(),
        batch_id,
        file,
        chunk_index: chunk,
        start: chunk * chunkTenths,
        end: Math.min(file.tenths, (chunk + 1) * chunkTenths),
        status: "queued",
        // A failing file fails in its last chunk: the others still complete.
        outcome: fails && chunk === count - 1 ? "failed" : "completed",
      };
      own.push(job);
      jobs.push(job);
    }
    file.jobs = own;
    (file.counts as Record<JobStatus, number>).queued = count;
    tenths += file.tenths;
    files.push(file);
  }
  return {
    batch_id,
    files,
    jobs,
    fileIndex: RankIndex.filled<JobStatus>(files.length, "queued"),
    jobIndex: RankIndex.filled<JobStatus>(jobs.length, "queued"),
    tenths,
    remainingTenths: tenths,
    status: "queued",
  };
}
