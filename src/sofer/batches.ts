// Sofer's batch creates (loaded on first use): their checks before sending (the limits, repeated
// client_item_ids, both speaker settings) and, for a standard batch from items, the manifest's upload
// and wait.
import { refuseBeforeSending } from "../core/client.ts";
import { helperKit } from "../core/helper-kit.ts";
import { countProblem, infoProblem, itemProblem } from "./checks.ts";
import type {
  BatchOptions,
  SoferBatchInfo,
  SoferItem,
  SoferManifest,
  SoferManifestDetail,
  SoferWaitOptions,
  StandardBatchOptions,
  UploadManifestOptions,
} from "./client.ts";
import type { SoferApi } from "./kit.ts";
import { SOFER_LIMITS } from "./spec.ts";

/** The client's manifests, as createStandard uses them (called through the client's object). */
export interface ManifestSteps {
  upload(items: readonly SoferItem[], opts: UploadManifestOptions): Promise<SoferManifest>;
  waitUntilValid(batchFileId: string, options?: SoferWaitOptions<SoferManifestDetail>): Promise<unknown>;
}

/** An express batch: 1 to 10 items, transcribed sooner and at a higher price. */
export async function createExpress(
  { send, provider }: SoferApi,
  items: readonly SoferItem[],
  info: SoferBatchInfo = {},
  { batchTitle, ...opts }: BatchOptions = {},
) {
  const op = "batchTranscribe_createBatchTranscription";
  if (!Array.isArray(items))
    return refuseBeforeSending(provider, op, "audio_sources: expected an array of items");
  const problem =
    countProblem(items.length, SOFER_LIMITS.express, "audio_sources", "an express batch", opts) ??
    itemProblem(items, "audio_sources") ??
    infoProblem(info);
  if (problem) await refuseBeforeSending(provider, op, problem);
  return send(
    op,
    {
      body: {
        processing_mode: "express",
        audio_sources: [...items],
        info,
        ...(batchTitle !== undefined ? { batch_title: batchTitle } : {}),
      },
    },
    opts,
  );
}

/**
 * A standard batch over a manifest: its id (it must be VALID), or items (1 to 500), which are uploaded
 * as a manifest and waited for until VALID first.
 */
export async function createStandard(
  api: SoferApi,
  manifests: ManifestSteps,
  manifestIdOrItems: string | readonly SoferItem[],
  info: SoferBatchInfo = {},
  { batchTitle, metadata, wait: waitOptions, ...opts }: StandardBatchOptions = {},
) {
  const { send, provider } = api;
  const op = "batchTranscribe_createBatchTranscription";
  const problem = infoProblem(info);
  if (problem) await refuseBeforeSending(provider, op, problem);
  let batchFileId: string;
  if (typeof manifestIdOrItems === "string") batchFileId = manifestIdOrItems;
  else {
    const uploaded = await manifests.upload(manifestIdOrItems, {
      ...opts,
      ...(metadata ? { metadata } : {}),
    });
    if (typeof uploaded?.batch_file_id !== "string")
      throw await helperKit(api).invalid(
        "batchTranscribe_uploadBatchFile",
        "is an upload's answer without its batch_file_id",
        uploaded,
      );
    batchFileId = uploaded.batch_file_id;
    if (uploaded.status !== "VALID") await manifests.waitUntilValid(batchFileId, waitOptions);
  }
  return send(
    op,
    {
      body: {
        processing_mode: "standard",
        batch_file_id: batchFileId,
        info,
        ...(batchTitle !== undefined ? { batch_title: batchTitle } : {}),
      },
    },
    opts,
  );
}
