// The kit transcribeBatch (transcribe-batch.ts) is handed, made when it first runs from the client's
// objects and the lazily loaded checks and status check.
import { helperKit } from "../core/helper-kit.ts";
import { refuseBeforeSending } from "../core/client.ts";
import { infoProblem, itemProblem } from "./checks.ts";
import type { SoferClient } from "./client.ts";
import type { SoferApi } from "./kit.ts";
import type { SoferKit } from "./transcribe-batch.ts";
import { checkedStatus } from "./wait.ts";

export function soferKit(
  api: SoferApi,
  { manifests, batches, transcriptions }: Pick<SoferClient, "manifests" | "batches" | "transcriptions">,
): SoferKit {
  return {
    api,
    manifests,
    batches,
    transcriptions,
    checkedStatus: (batchId, opts) => checkedStatus(api, (id, o) => batches.status(id, o), batchId, opts),
    invalid: helperKit(api).invalid,
    refuse: (operation, problem) => refuseBeforeSending(api.provider, operation, problem),
    itemProblem,
    infoProblem,
    // Loaded before the first wait.
    sleep: async (ms, signal) => (api.timing.sleep ?? (await import("../core/sleep.ts")).sleep)(ms, signal),
  };
}
