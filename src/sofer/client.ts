// The Sofer client: the typed openapi-fetch client over specs/sofer, and helpers that do what a Sofer
// user does — upload a manifest and wait until it is VALID, create express or standard batches (limits
// and exclusivity checked before sending), wait for a batch, read transcripts, and `transcribeBatch`,
// the whole job over any number of items. Shapes come from the generated `components`/`operations`.
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/sofer.ts";
import { ConfigurationError, type TokenSource } from "../core/auth.ts";
import {
  apiErrorGuard,
  createApiClient,
  refuseBeforeSending,
  type ApiClientOptions,
  type HelperOptions,
  type IterateOptions,
} from "../core/client.ts";
import type { BatchApiError } from "../core/errors.ts";
import { helperKit, type HelperWaitOptions } from "../core/helper-kit.ts";
import { paginateOnUse } from "../core/on-use.ts";
import { cursorStrategy } from "../core/page-strategies.ts";
import type { Paginator } from "../core/paginate.ts";
import { soferIssues } from "./error-body.ts";
import { setsBothSpeakerSettings } from "./speakers.ts";
import { SOFER, SOFER_BASE_URL, SOFER_LIMITS, SOFER_STAGING_URL } from "./spec.ts";
import type { SoferKit } from "./transcribe-batch.ts";

export { SOFER_BASE_URL, SOFER_LIMITS, SOFER_STAGING_URL };

type Schemas = components["schemas"];
/** One item to transcribe: an audio URL, and optionally its title, client id and speaker setting. */
export type SoferItem = Schemas["BatchAudioSource"];
/** Settings of every transcription of a batch (model, language, Hebrew word format, speakers). */
export type SoferBatchInfo = Schemas["BatchTranscriptionRequestInfo"];
export type SoferBatchCreated = Schemas["BatchTranscriptionResponse"];
export type SoferBatch = Schemas["BatchStatusResponse"];
export type SoferManifest = Schemas["BatchFileUploadResponse"];
export type SoferManifestDetail = Schemas["BatchFileDetail"];
export type SoferManifestPage = Schemas["ListBatchFilesResponse"];
export type SoferManifestSummary = Schemas["BatchFileSummary"];
export type SoferRssManifest = Schemas["BatchFileCreateFromRssResponse"];
export type SoferManifestMetadata = Schemas["BatchFileMetadata"];
export type SoferTranscriptionInfo = Schemas["TranscriptionInfo"];
export type SoferTranscription = Schemas["Transcription"];
export type SoferLettersLanguage = Schemas["LettersLanguage"];
/** What the helpers throw for an error status (Sofer documents no error body: it is kept as sent). */
export type SoferApiError = BatchApiError<Schemas["Error"]>;
/** Narrows a caught error to a Sofer API error. */
export const isSoferApiError = /* @__PURE__ */ apiErrorGuard<Schemas["Error"]>("sofer");

export interface SoferClientOptions extends Omit<ApiClientOptions, "token"> {
  /** Your Sofer API key, or a function returning one before each request. */
  apiKey: TokenSource;
  /** Default production, `https://api.sofer.ai`; `SOFER_STAGING_URL` for staging. */
  baseUrl?: string;
}

/** Options of a wait: the backoff and deadline of `waitForJob`, and the options of each poll's GET. */
export type SoferWaitOptions<T> = HelperWaitOptions<T>;

/** A batch's progress, from its counts. */
export interface SoferBatchProgress {
  status: SoferBatch["status"];
  total: number;
  completed: number;
  failed: number;
  pending: number;
  polls: number;
  elapsedMs: number;
}

export interface SoferBatchWaitOptions extends Omit<SoferWaitOptions<SoferBatch>, "onProgress"> {
  onProgress?(progress: SoferBatchProgress, batch: SoferBatch): void;
}

export interface UploadManifestOptions extends HelperOptions {
  metadata?: SoferManifestMetadata;
}

export interface BatchOptions extends HelperOptions {
  /** Title prefix of the items without a title ("{batchTitle} - Item N"). */
  batchTitle?: string;
}

export interface StandardBatchOptions extends BatchOptions {
  /** For a manifest made from items: its label. */
  metadata?: SoferManifestMetadata;
  /** For a manifest made from items: how to wait until it is VALID. */
  wait?: SoferWaitOptions<SoferManifestDetail>;
}

export interface TranscribeBatchOptions {
  /** `standard` (default: up to 500 items a batch, within 24 hours) or `express` (up to 10, sooner, dearer). */
  mode?: "standard" | "express";
  batchTitle?: string;
  /** The Hebrew word format of the transcripts fetched. */
  hebrewWordFormat?: SoferLettersLanguage;
  /** Called once per batch created, with the items it holds. */
  onBatchCreated?(batch: SoferBatchCreated, items: readonly SoferItem[]): void;
  /** Delay after a round of polls that found nothing new: 1 s, doubling to `maxDelayMs` (30 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Give up (PollTimeoutError) after this long. Default 25 hours: standard batches take up to 24. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Options of each request. */
  request?: HelperOptions;
}

/** One item's outcome: its transcription's info, and the transcript when it COMPLETED. */
export interface SoferItemResult {
  /** The item as sent (with the `client_item_id` transcribeBatch gave it, if it had none). */
  item: SoferItem;
  batchId: string;
  info: SoferTranscriptionInfo;
  /** Present when `info.status` is COMPLETED. */
  transcription?: SoferTranscription;
}

export type SoferClient = Client<paths> & ReturnType<typeof soferHelpers>;

export function createSoferClient(options: SoferClientOptions): SoferClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(`${SOFER.factory}: expected an options object with an \`apiKey\``);
  }
  const { apiKey, ...rest } = options;
  if (typeof apiKey !== "function" && (typeof apiKey !== "string" || apiKey.trim() === "")) {
    throw new ConfigurationError(
      `${SOFER.factory}.apiKey: expected a non-empty string or a function returning one, got ${
        typeof apiKey === "string" ? "an empty string" : typeof apiKey
      }`,
    );
  }
  const api = createApiClient<paths, operations>(
    { ...SOFER, validator: SOFER.loadValidator, issuesFromBody: soferIssues },
    { ...rest, token: apiKey },
  );
  return Object.assign(api.raw, soferHelpers(api));
}

type Api = ReturnType<typeof createApiClient<paths, operations>>;

function soferHelpers(api: Api) {
  const { send, provider } = api;
  const refuse = (operation: string, problem: string) => refuseBeforeSending(provider, operation, problem);
  // Loaded before the first wait: a bundle that never waits does not carry it.
  const sleep = async (ms: number, signal?: AbortSignal) =>
    (api.timing.sleep ?? (await import("../core/sleep.ts")).sleep)(ms, signal);

  /** The first rule a list of items breaks: a repeated client_item_id, or both speaker settings. */
  const itemProblem = (
    items: readonly SoferItem[],
    where: string,
    unique = "it must be unique within a batch",
  ): string | undefined => {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (item === null || typeof item !== "object") return `${where}[${i}]: expected an item object`;
      if (setsBothSpeakerSettings(item))
        return `${where}[${i}]: num_speakers and auto_detect_speakers cannot be given together`;
      const id = item.client_item_id;
      if (id !== undefined && id !== null) {
        if (seen.has(id)) return `${where}[${i}].client_item_id: "${id}" is used twice; ${unique}`;
        seen.add(id);
      }
    }
    return undefined;
  };
  const infoProblem = (info: SoferBatchInfo | undefined) =>
    setsBothSpeakerSettings(info)
      ? "info: num_speakers and auto_detect_speakers cannot be given together"
      : undefined;
  /** The documented limit; `{ validate: false }` lifts it, for an account whose limits Sofer raised. */
  const countProblem = (count: number, max: number, where: string, what: string, opts: HelperOptions) =>
    count === 0
      ? `${where}: at least one item is needed`
      : count > max && opts.validate !== false
        ? `${where}: ${count} items, at most ${max} in ${what} (transcribeBatch splits larger sets into several batches)`
        : undefined;

  const { wait, invalid } = helperKit(api);

  const manifests = {
    /**
     * Uploads a manifest: an array of items goes as `json_items`, a JSONL string (one item per line) as
     * `jsonl`. At most 500 items; refused before sending otherwise.
     */
    async upload(items: readonly SoferItem[] | string, { metadata, ...opts }: UploadManifestOptions = {}) {
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
        if (problem) await refuse(op, problem);
        return send(
          op,
          { body: { content_type: "jsonl", jsonl: items, ...(metadata ? { metadata } : {}) } },
          opts,
        );
      }
      if (!Array.isArray(items)) return refuse(op, "items: expected an array of items or a JSONL string");
      const problem =
        countProblem(items.length, SOFER_LIMITS.standard, "json_items", "a manifest", opts) ??
        itemProblem(items, "json_items");
      if (problem) await refuse(op, problem);
      return send(
        op,
        { body: { content_type: "json", json_items: [...items], ...(metadata ? { metadata } : {}) } },
        opts,
      );
    },
    get: (batchFileId: string, opts?: HelperOptions) =>
      send("batchTranscribe_getBatchFile", { params: { path: { batch_file_id: batchFileId } } }, opts),
    list: (query: { cursor?: string } = {}, opts?: HelperOptions) =>
      send("batchTranscribe_listBatchFiles", { params: { query } }, opts),
    /** Every manifest, newest first, page after page. */
    iterate({ maxPages, ...opts }: IterateOptions = {}): Paginator<SoferManifestPage, SoferManifestSummary> {
      return paginateOnUse(
        (cursor: string | undefined) => manifests.list(cursor ? { cursor } : {}, opts),
        cursorStrategy((page: SoferManifestPage) => page?.files, ["next_cursor"]),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      );
    },
    /**
     * Polls the manifest until Sofer has validated it: returns it when VALID, throws
     * ManifestInvalidError (with `validationErrors`) when INVALID, PollTimeoutError past the deadline.
     */
    async waitUntilValid(batchFileId: string, options: SoferWaitOptions<SoferManifestDetail> = {}) {
      const { request } = options;
      const manifest = await wait(
        (signal) => manifests.get(batchFileId, { ...request, ...(signal ? { signal } : {}) }),
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
    },
    /**
     * Manifests made from an RSS feed, `limit` episodes each (default 500), one call per manifest, from
     * `offset` on while the feed has more: `for await (const manifest of client.manifests.fromRss(url))`.
     * Each call creates a manifest, so stop iterating when you have enough.
     */
    fromRss(
      rssUrl: string,
      {
        limit,
        offset,
        metadata,
        maxPages,
        ...opts
      }: IterateOptions & { limit?: number; offset?: number; metadata?: SoferManifestMetadata } = {},
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
    },
  };

  const batches = {
    /** An express batch: 1 to 10 items, transcribed sooner and at a higher price. */
    async createExpress(
      items: readonly SoferItem[],
      info: SoferBatchInfo = {},
      { batchTitle, ...opts }: BatchOptions = {},
    ) {
      const op = "batchTranscribe_createBatchTranscription";
      if (!Array.isArray(items)) return refuse(op, "audio_sources: expected an array of items");
      const problem =
        countProblem(items.length, SOFER_LIMITS.express, "audio_sources", "an express batch", opts) ??
        itemProblem(items, "audio_sources") ??
        infoProblem(info);
      if (problem) await refuse(op, problem);
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
    },
    /**
     * A standard batch over a manifest: its id (it must be VALID), or items (1 to 500), which are
     * uploaded as a manifest and waited for until VALID first.
     */
    async createStandard(
      manifestIdOrItems: string | readonly SoferItem[],
      info: SoferBatchInfo = {},
      { batchTitle, metadata, wait: waitOptions, ...opts }: StandardBatchOptions = {},
    ) {
      const op = "batchTranscribe_createBatchTranscription";
      const problem = infoProblem(info);
      if (problem) await refuse(op, problem);
      let batchFileId: string;
      if (typeof manifestIdOrItems === "string") batchFileId = manifestIdOrItems;
      else {
        const uploaded = await manifests.upload(manifestIdOrItems, {
          ...opts,
          ...(metadata ? { metadata } : {}),
        });
        if (typeof uploaded?.batch_file_id !== "string")
          throw await invalid(
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
    },
    status: (batchId: string, opts?: HelperOptions) =>
      send("batchTranscribe_getBatchStatus", { params: { path: { batch_id: batchId } } }, opts),
    /** The transcription of the item sent with `clientItemId` (NotFoundError when none). */
    item: (batchId: string, clientItemId: string, opts?: HelperOptions) =>
      send(
        "batchTranscribe_getBatchTranscriptionByClientItemId",
        { params: { path: { batch_id: batchId }, query: { client_item_id: clientItemId } } },
        opts,
      ),
  };

  const transcriptions = {
    get: (
      transcriptionId: string,
      { hebrewWordFormat, ...opts }: HelperOptions & { hebrewWordFormat?: SoferLettersLanguage } = {},
    ) =>
      send(
        "transcribe_getTranscription",
        {
          params: {
            path: { transcription_id: transcriptionId },
            query: hebrewWordFormat !== undefined ? { filter_hebrew_word_format: hebrewWordFormat } : {},
          },
        },
        opts,
      ),
    status: (transcriptionId: string, opts?: HelperOptions) =>
      send(
        "transcribe_getTranscriptionStatus",
        { params: { path: { transcription_id: transcriptionId } } },
        opts,
      ),
  };

  /**
   * Polls the batch until every item has ended: returns it COMPLETED, throws JobFailedError when FAILED
   * (no item completed), PollTimeoutError past the deadline. `onProgress` gets the counts after each poll.
   */
  /** A batch's status, its list of transcriptions checked: what waiting and transcribeBatch rely on. */
  async function checkedStatus(batchId: string, opts: HelperOptions): Promise<SoferBatch> {
    const batch = await batches.status(batchId, opts);
    const fine =
      typeof batch?.status === "string" &&
      Array.isArray(batch.transcriptions) &&
      batch.transcriptions.every((t) => typeof t?.id === "string" && typeof t.status === "string");
    if (!fine)
      throw await invalid(
        "batchTranscribe_getBatchStatus",
        "is a batch status without its status or a list of transcriptions each with an id and a status",
        batch,
      );
    return batch;
  }

  function waitForBatch(batchId: string, { onProgress, ...options }: SoferBatchWaitOptions = {}) {
    const { request } = options;
    return wait(
      (signal) => checkedStatus(batchId, { ...request, ...(signal ? { signal } : {}) }),
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

  const kit: SoferKit = {
    api,
    manifests,
    batches,
    transcriptions,
    checkedStatus,
    invalid,
    refuse,
    itemProblem,
    infoProblem,
    sleep,
  };
  /**
   * The whole job: items split into batches of the mode's size (500 standard, 10 express), each
   * uploaded as a manifest (standard) and created; then each item's outcome is yielded as its
   * transcription ends, with the transcript when it COMPLETED. Items without a `client_item_id` get one
   * (`item-<n>`, n from 1 in the order given), so each outcome names its item. (transcribe-batch.ts,
   * loaded when the first one starts.)
   */
  async function* transcribeBatch(
    items: readonly SoferItem[],
    info: SoferBatchInfo = {},
    options: TranscribeBatchOptions = {},
  ): AsyncGenerator<SoferItemResult> {
    yield* (await import("./transcribe-batch.ts")).transcribeBatch(kit, items, info, options);
  }

  return { manifests, batches, transcriptions, waitForBatch, transcribeBatch };
}

/**
 * A JSONL line as the item it holds, for the checks before sending (a line that is not a JSON object is
 * left to Sofer's validation, which names it in the manifest's validation_errors).
 */
function parsedLine(line: string): SoferItem {
  try {
    const value: unknown = JSON.parse(line);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as SoferItem;
  } catch {
    // not JSON: Sofer says so
  }
  return { audio_url: "" };
}
