// The Sofer client: the typed openapi-fetch client over specs/sofer, and helpers that do what a Sofer
// user does — upload a manifest and wait until it is VALID, create express or standard batches (limits
// and exclusivity checked before sending), wait for a batch, read transcripts, and `transcribeBatch`,
// the whole job over any number of items. Shapes come from the generated `components`/`operations`.
// What a bundle that only reads does not need loads on first use, from sibling modules: the manifests'
// upload, wait and RSS walk (manifests.ts), the batch creates (batches.ts) and their checks (checks.ts),
// waitForBatch (wait.ts), transcribeBatch (transcribe-batch.ts, handed its kit by batch-kit.ts).
import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "../../generated/sofer.ts";
import { lazy } from "../core/lazy.ts";
import { ConfigurationError, type TokenSource } from "../core/auth.ts";
import {
  apiErrorGuard,
  createApiClient,
  type ApiClientOptions,
  type HelperOptions,
  type IterateOptions,
} from "../core/client.ts";
import type { BatchApiError } from "../core/errors.ts";
import type { HelperWaitOptions } from "../core/helper-kit.ts";
import { paginateOnUse } from "../core/on-use.ts";
import { walkOnUse } from "../core/walk-on-use.ts";
import type { Paginator } from "../core/paginate.ts";
import { soferIssues } from "./error-body.ts";
import { SOFER, SOFER_BASE_URL, SOFER_LIMITS, SOFER_STAGING_URL } from "./spec.ts";

// Loaded on first use, once (see core/lazy.ts).
const batchesModule = /* @__PURE__ */ lazy(() => import("./batches.ts"));
const manifestsModule = /* @__PURE__ */ lazy(() => import("./manifests.ts"));

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

  const manifests = {
    /**
     * Uploads a manifest: an array of items goes as `json_items`, a JSONL string (one item per line) as
     * `jsonl`. At most 500 items; refused before sending otherwise. (manifests.ts, loaded on first use.)
     */
    async upload(items: readonly SoferItem[] | string, options?: UploadManifestOptions) {
      return (await manifestsModule()).upload(api, items, options);
    },
    get: (batchFileId: string, opts?: HelperOptions) =>
      send("batchTranscribe_getBatchFile", { params: { path: { batch_file_id: batchFileId } } }, opts),
    list: (query: { cursor?: string } = {}, opts?: HelperOptions) =>
      send("batchTranscribe_listBatchFiles", { params: { query } }, opts),
    /** Every manifest, newest first, page after page. */
    iterate({ maxPages, ...opts }: IterateOptions = {}): Paginator<SoferManifestPage, SoferManifestSummary> {
      return paginateOnUse(
        (cursor: string | undefined) => manifests.list(cursor ? { cursor } : {}, opts),
        ({ cursorStrategy }) => cursorStrategy((page: SoferManifestPage) => page?.files, ["next_cursor"]),
        { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
      );
    },
    /**
     * Polls the manifest until Sofer has validated it: returns it when VALID, throws
     * ManifestInvalidError (with `validationErrors`) when INVALID, PollTimeoutError past the deadline.
     * (manifests.ts, loaded on first use.)
     */
    async waitUntilValid(
      batchFileId: string,
      options?: SoferWaitOptions<SoferManifestDetail>,
    ): Promise<SoferManifestDetail> {
      return (await manifestsModule()).waitUntilValid(
        api,
        (id, opts) => manifests.get(id, opts),
        batchFileId,
        options,
      );
    },
    /**
     * Manifests made from an RSS feed, `limit` episodes each (default 500), one call per manifest, from
     * `offset` on while the feed has more: `for await (const manifest of client.manifests.fromRss(url))`.
     * Each call creates a manifest, so stop iterating when you have enough. (manifests.ts, loaded when
     * the walk starts.)
     */
    fromRss(
      rssUrl: string,
      options: IterateOptions & { limit?: number; offset?: number; metadata?: SoferManifestMetadata } = {},
    ): Paginator<SoferRssManifest, SoferRssManifest> {
      return walkOnUse(async () => (await manifestsModule()).fromRss(api, rssUrl, options));
    },
  };

  const batches = {
    /**
     * An express batch: 1 to 10 items, transcribed sooner and at a higher price. (batches.ts, loaded on
     * first use.)
     */
    async createExpress(items: readonly SoferItem[], info?: SoferBatchInfo, options?: BatchOptions) {
      return (await batchesModule()).createExpress(api, items, info, options);
    },
    /**
     * A standard batch over a manifest: its id (it must be VALID), or items (1 to 500), which are
     * uploaded as a manifest and waited for until VALID first. (batches.ts, loaded on first use.)
     */
    async createStandard(
      manifestIdOrItems: string | readonly SoferItem[],
      info?: SoferBatchInfo,
      options?: StandardBatchOptions,
    ) {
      return (await batchesModule()).createStandard(api, manifests, manifestIdOrItems, info, options);
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
   * (wait.ts, loaded on first use.)
   */
  function waitForBatch(batchId: string, { onProgress, ...options }: SoferBatchWaitOptions = {}) {
    return import("./wait.ts").then((m) =>
      m.waitForBatch(api, (id, opts) => batches.status(id, opts), batchId, onProgress, options),
    );
  }

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
    const [run, kit] = await Promise.all([import("./transcribe-batch.ts"), import("./batch-kit.ts")]);
    yield* run.transcribeBatch(
      kit.soferKit(api, { manifests, batches, transcriptions }),
      items,
      info,
      options,
    );
  }

  return { manifests, batches, transcriptions, waitForBatch, transcribeBatch };
}
