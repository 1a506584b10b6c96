// Waiting for a Sofer batch (loaded on first use): each poll's status checked, the counts handed to
// onProgress, JobFailedError when it FAILED.
import type { HelperOptions } from "../core/client.ts";
import { helperKit } from "../core/helper-kit.ts";
import type { SoferBatch, SoferBatchWaitOptions } from "./client.ts";
import type { SoferApi } from "./kit.ts";

/** A batch's status, its list of transcriptions checked: what waiting and transcribeBatch rely on. */
export async function checkedStatus(
  api: SoferApi,
  status: (batchId: string, opts?: HelperOptions) => Promise<SoferBatch>,
  batchId: string,
  opts: HelperOptions,
): Promise<SoferBatch> {
  const batch = await status(batchId, opts);
  const fine =
    typeof batch?.status === "string" &&
    Array.isArray(batch.transcriptions) &&
    batch.transcriptions.every((t) => typeof t?.id === "string" && typeof t.status === "string");
  if (!fine)
    throw await helperKit(api).invalid(
      "batchTranscribe_getBatchStatus",
      "is a batch status without its status or a list of transcriptions each with an id and a status",
      batch,
    );
  return batch;
}

/** Polls the batch until every item has ended (see client.ts's waitForBatch). */
export function waitForBatch(
  api: SoferApi,
  status: (batchId: string, opts?: HelperOptions) => Promise<SoferBatch>,
  batchId: string,
  onProgress: SoferBatchWaitOptions["onProgress"],
  options: Omit<SoferBatchWaitOptions, "onProgress">,
): Promise<SoferBatch> {
  const { provider } = api;
  const { request } = options;
  return helperKit(api).wait(
    (signal) => checkedStatus(api, status, batchId, { ...request, ...(signal ? { signal } : {}) }),
    (b) => b?.status === "COMPLETED",
    {
      // Standard batches take up to 24 hours.
      timeoutMs: 25 * 3_600_000,
      ...options,
      ...(onProgress
        ? {
            onProgress: (b: SoferBatch, { polls, elapsedMs }: { polls: number; elapsedMs: number }) =>
              onProgress(
                {
                  status: b?.status,
                  total: b?.total_count,
                  completed: b?.completed_count,
                  failed: b?.failed_count,
                  pending: b?.pending_count,
                  polls,
                  elapsedMs,
                },
                b,
              ),
          }
        : {}),
    },
    {
      isFailed: (b) => b?.status === "FAILED",
      describe: (b) =>
        `${provider}: batch ${b.batch_id} FAILED (${b.failed_count} of ${b.total_count} items failed)`,
    },
  );
}
