// Waiting for a Soket upload or batch (loaded on first use): the timing options and each poll's answer
// checked, UploadFailedError or JobFailedError at a failed end; and the kit transcribeFiles is handed.
import { ConfigurationError } from "../core/auth.ts";
import type { HelperOptions } from "../core/client.ts";
import { helperKit } from "../core/helper-kit.ts";
import type {
  SoketBatchStatus,
  SoketBatchWaitOptions,
  SoketClient,
  SoketJobStatus,
  SoketUploadProgress,
  SoketUploadStatus,
  SoketWaitOptions,
} from "./client.ts";
import type { SoketHelperKit } from "./kit.ts";
import type { SoketKit } from "./transcribe-files.ts";
import { defined } from "./values.ts";

// The spec's enums, as the answers are checked against them at run time: an object keyed by the generated
// type, so a status added to or dropped from the spec fails to compile here rather than drifting.
const UPLOAD_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({ pending: 1, uploading: 1, completed: 1, failed: 1 } satisfies Record<SoketUploadStatus, 1>),
);
const JOB_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({
    queued: 1,
    processing: 1,
    retrying: 1,
    completed: 1,
    failed: 1,
  } satisfies Record<SoketJobStatus, 1>),
);
const BATCH_TIMEOUT_MS = 24 * 3_600_000;
const BATCH_MAX_DELAY_MS = 60_000;

/** A wait's timing options must be numbers ≥ 0 (a ConfigurationError names the one that is not). */
function checkTiming(
  options: { initialDelayMs?: number; maxDelayMs?: number; timeoutMs?: number },
  where: string,
): void {
  for (const name of ["initialDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0))
      throw new ConfigurationError(`${where}.${name}: expected a finite number ≥ 0, got ${String(value)}`);
  }
}

/** An upload's progress, each file with its id and a status the spec documents: what waiting relies on. */
async function checkedUpload(
  kit: SoketHelperKit,
  batchUploadId: string,
  opts: HelperOptions,
): Promise<SoketUploadProgress> {
  const progress = await kit.uploadStatus(batchUploadId, opts);
  const fine =
    Array.isArray(progress?.files) &&
    progress.files.length > 0 &&
    progress.files.every((f) => typeof f?.file_id === "string" && UPLOAD_STATUSES.has(f.upload_status));
  if (!fine)
    throw await helperKit(kit.api).invalid(
      "getUploadStatus",
      "is an upload's progress without a list of files, each with a file_id and an upload_status the spec documents",
      progress,
    );
  return progress;
}

/** files.waitForUpload (see client.ts). */
export async function waitForUpload(
  kit: SoketHelperKit,
  batchUploadId: string,
  options: SoketWaitOptions<SoketUploadProgress> = {},
): Promise<SoketUploadProgress> {
  const { api } = kit;
  await kit.refuseId("getUploadStatus", "batch_upload_id", batchUploadId);
  checkTiming(options, "waitForUpload");
  const { request } = options;
  const progress = await helperKit(api).wait(
    (signal) => checkedUpload(kit, batchUploadId, { ...request, ...(signal ? { signal } : {}) }),
    (p) => p.files.every((f) => f.upload_status === "completed" || f.upload_status === "failed"),
    options,
  );
  if (progress.files.some((f) => f.upload_status === "failed")) {
    const { UploadFailedError } = await import("./errors.ts");
    throw new UploadFailedError({
      provider: api.provider,
      operation: "getUploadStatus",
      job: progress,
      batchUploadId,
      secrets: api.secrets(),
    });
  }
  return progress;
}

/** A batch's status with a status the spec documents and its counts: what waiting relies on. */
async function checkedBatch(
  kit: SoketHelperKit,
  batchId: string,
  opts: HelperOptions,
): Promise<SoketBatchStatus> {
  const batch = await kit.batchStatus(batchId, opts);
  const count = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  const fine =
    JOB_STATUSES.has(batch?.status) &&
    count(batch.total_files) &&
    count(batch.files_completed) &&
    count(batch.files_failed);
  if (!fine)
    throw await helperKit(kit.api).invalid(
      "getBatchStatus",
      "is a batch status without a status the spec documents or without its counts (total_files, files_completed, files_failed)",
      batch,
    );
  return batch;
}

/** waitForBatch (see client.ts). */
export async function waitForBatch(
  kit: SoketHelperKit,
  batchId: string,
  { onProgress, ...options }: SoketBatchWaitOptions = {},
): Promise<SoketBatchStatus> {
  const { provider } = kit.api;
  await kit.refuseId("getBatchStatus", "batch_id", batchId);
  checkTiming(options, "waitForBatch");
  const { request } = options;
  return helperKit(kit.api).wait(
    (signal) => checkedBatch(kit, batchId, { ...request, ...(signal ? { signal } : {}) }),
    (b) => b.status === "completed",
    {
      timeoutMs: BATCH_TIMEOUT_MS,
      maxDelayMs: BATCH_MAX_DELAY_MS,
      ...defined(options), // an option given as undefined keeps its default
      ...(onProgress
        ? {
            onProgress: (b: SoketBatchStatus, { polls, elapsedMs }: { polls: number; elapsedMs: number }) =>
              onProgress(
                {
                  status: b.status,
                  total: b.total_files,
                  completed: b.files_completed,
                  failed: b.files_failed,
                  pending: Math.max(0, b.total_files - b.files_completed - b.files_failed),
                  polls,
                  elapsedMs,
                },
                b,
              ),
          }
        : {}),
    },
    {
      isFailed: (b) => b.status === "failed",
      describe: (b) =>
        `${provider}: batch ${batchId} failed (${b.files_failed} of ${b.total_files} files failed)`,
    },
  );
}

/** The kit transcribeFiles (transcribe-files.ts) is handed, made when it first runs. */
export function transcribeKit(
  kit: SoketHelperKit,
  client: Pick<SoketClient, "files" | "batches" | "results" | "waitForBatch">,
): SoketKit {
  return {
    ...client,
    invalid: helperKit(kit.api).invalid,
    checkTiming,
    defined,
    batchDefaults: { timeoutMs: BATCH_TIMEOUT_MS, maxDelayMs: BATCH_MAX_DELAY_MS },
  };
}
