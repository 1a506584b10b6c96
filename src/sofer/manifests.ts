// Sofer's manifest helpers that create or wait (loaded on first use): the upload of items or JSONL,
// the wait until a manifest is VALID, and the manifests made from an RSS feed.
import { refuseBeforeSending, type HelperOptions, type IterateOptions } from "../core/client.ts";
import { helperKit } from "../core/helper-kit.ts";
import { paginateOnUse } from "../core/on-use.ts";
import type { Paginator } from "../core/paginate.ts";
import { countProblem, itemProblem, parsedLine } from "./checks.ts";
import type {
  SoferItem,
  SoferManifestDetail,
  SoferManifestMetadata,
  SoferRssManifest,
  SoferWaitOptions,
  UploadManifestOptions,
} from "./client.ts";
import type { SoferApi } from "./kit.ts";
import { SOFER_LIMITS } from "./spec.ts";

/**
 * Uploads a manifest: an array of items goes as `json_items`, a JSONL string (one item per line) as
 * `jsonl`. At most 500 items; refused before sending otherwise.
 */
export async function upload(
  { send, provider }: SoferApi,
  items: readonly SoferItem[] | string,
  { metadata, ...opts }: UploadManifestOptions = {},
) {
  const op = "batchTranscribe_uploadBatchFile";
  if (typeof items === "string") {
    const lines = items.split("\n");
    const count = lines.filter((line) => line.trim() !== "").length;
    const problem =
      countProblem(count, SOFER_LIMITS.standard, "jsonl", "a manifest", opts) ??
      // Named by line number, as Sofer's validation_errors name them.
      itemProblem(lines.map(parsedLine), "jsonl")?.replace(
        /^jsonl\[(\d+)\]/,
        (_, i) => `jsonl line ${Number(i) + 1}`,
      );
    if (problem) await refuseBeforeSending(provider, op, problem);
    return send(
      op,
      { body: { content_type: "jsonl", jsonl: items, ...(metadata ? { metadata } : {}) } },
      opts,
    );
  }
  if (!Array.isArray(items))
    return refuseBeforeSending(provider, op, "items: expected an array of items or a JSONL string");
  const problem =
    countProblem(items.length, SOFER_LIMITS.standard, "json_items", "a manifest", opts) ??
    itemProblem(items, "json_items");
  if (problem) await refuseBeforeSending(provider, op, problem);
  return send(
    op,
    { body: { content_type: "json", json_items: [...items], ...(metadata ? { metadata } : {}) } },
    opts,
  );
}

/**
 * Polls the manifest until Sofer has validated it: returns it when VALID, throws ManifestInvalidError
 * (with `validationErrors`) when INVALID, PollTimeoutError past the deadline.
 */
export async function waitUntilValid(
  api: SoferApi,
  get: (batchFileId: string, opts?: HelperOptions) => Promise<SoferManifestDetail>,
  batchFileId: string,
  options: SoferWaitOptions<SoferManifestDetail> = {},
): Promise<SoferManifestDetail> {
  const { provider } = api;
  const { wait, invalid } = helperKit(api);
  const { request } = options;
  const manifest = await wait(
    (signal) => get(batchFileId, { ...request, ...(signal ? { signal } : {}) }),
    (m) => m?.status !== "PENDING_VALIDATION",
    options,
  );
  if (manifest?.status !== "VALID" && manifest?.status !== "INVALID")
    throw await invalid(
      "batchTranscribe_getBatchFile",
      `is a manifest whose status is ${JSON.stringify(manifest?.status)}, not one the spec documents`,
      manifest,
    );
  if (manifest.status === "INVALID") {
    const { ManifestInvalidError } = await import("./errors.ts");
    throw new ManifestInvalidError({
      provider,
      operation: "batchTranscribe_getBatchFile",
      job: manifest,
      batchFileId,
      validationErrors: manifest.validation_errors ?? [],
      secrets: api.secrets(),
    });
  }
  return manifest;
}

/** Manifests made from an RSS feed, `limit` episodes each, one call per manifest (see client.ts). */
export function fromRss(
  { send, provider }: SoferApi,
  rssUrl: string,
  {
    limit,
    offset,
    metadata,
    maxPages,
    ...opts
  }: IterateOptions & { limit?: number; offset?: number; metadata?: SoferManifestMetadata },
): Paginator<SoferRssManifest, SoferRssManifest> {
  return paginateOnUse(
    (next: number | undefined) =>
      send(
        "batchTranscribe_createBatchFileFromRss",
        {
          body: {
            rss_url: rssUrl,
            ...(limit !== undefined ? { limit } : {}),
            ...((next ?? offset) !== undefined ? { offset: next ?? offset } : {}),
            ...(metadata ? { metadata } : {}),
          },
        },
        opts,
      ),
    {
      items: (page: SoferRssManifest) => (page && typeof page === "object" ? [page] : undefined),
      // next_offset is where the next call starts; a page that says there is more but not where
      // starts after what it read.
      next: (page: SoferRssManifest) =>
        page.has_more ? (page.next_offset ?? page.offset + page.limit) : undefined,
    },
    { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
  );
}
