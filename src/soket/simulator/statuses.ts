// The statuses Soket reports for an upload, a file of a batch and a batch, each derived from the counts
// of what they are made of (so each is O(1) however large they are).
import type { RankIndex } from "./rank-index.ts";
import type { JobStatus, UploadStatus } from "./state.ts";

/**
 * An upload's status from its files' (spec, UploadProgress.status x-inferred): pending while any waits,
 * uploading while any is copied, failed when any failed, else completed.
 */
export function uploadStatusOf(upload: {
  readonly counts: Readonly<Record<UploadStatus, number>>;
}): UploadStatus {
  const c = upload.counts;
  if (c.pending > 0) return "pending";
  if (c.uploading > 0) return "uploading";
  return c.failed > 0 ? "failed" : "completed";
}

/** A file's status from its jobs': completed when all completed, failed when any failed and none is pending. */
export function fileStatusOf(counts: Readonly<Record<JobStatus, number>>, jobs: number): JobStatus {
  if (counts.completed === jobs) return "completed";
  const pending = counts.queued + counts.processing + counts.retrying;
  if (pending === 0) return "failed";
  if (counts.queued === jobs) return "queued";
  return counts.retrying > 0 && counts.processing === 0 ? "retrying" : "processing";
}

/**
 * A batch's status from its files' (spec, BatchStatus.status x-inferred): queued until any file starts,
 * processing while any is pending, then completed when at least one completed, else failed (a batch
 * whose every file was deleted too).
 */
export function batchStatusOf(batch: { readonly fileIndex: RankIndex<JobStatus> }): JobStatus {
  const count = (status?: JobStatus) => batch.fileIndex.count(status);
  const total = count();
  if (total > 0 && count("queued") === total) return "queued";
  if (count("queued") + count("processing") + count("retrying") > 0) return "processing";
  return count("completed") > 0 ? "completed" : "failed";
}
