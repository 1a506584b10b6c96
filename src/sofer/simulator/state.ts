// The explicit state of the Sofer simulator: its options, the accepted API keys, simulated feeds, the
// manifests, batches and their transcriptions, and the kit's pieces (faults, request log, cursors).
// Manifests are validated and batches move along their lifecycle only when a test says so
// (`validateBatchFile`, `advance`, `runToCompletion`), or on reads with `advanceOnGet`.
import type { components } from "../../../generated/sofer.ts";
import { CursorBook, FaultQueue, isoSeconds, RequestLog, steppingClock } from "../../core/simulator/index.ts";
import { effectiveSpeakers, type EffectiveSpeakers } from "../speakers.ts";
import {
  checkManifest,
  type ManifestEntry,
  type ManifestItem,
  type RssEpisode,
  type RssFeed,
} from "./manifests.ts";

type Schemas = components["schemas"];
export type TranscriptionStatus = Schemas["Status"];
export type BatchStatus = Schemas["BatchStatus"];
export type BatchFileStatus = Schemas["BatchFileStatus"];
export type BatchRequest = Schemas["BatchTranscriptionRequest"];

/** What becomes of a transcription when it is processed (INSUFFICIENT_FUNDS: see `insufficientFunds`). */
export type TranscriptionOutcome = "COMPLETED" | "FAILED" | "CANCELLED" | "INSUFFICIENT_FUNDS";

export interface SimulatedTranscription {
  id: string;
  batch_id: string;
  /** Its number in the batch, from 1 (what "Item N" titles count). */
  item: number;
  audio_url: string;
  client_item_id: string | null;
  title: string;
  created_at: string;
  primary_language: Schemas["Language"];
  hebrew_word_format: Schemas["LettersLanguage"][];
  model: string;
  /** What was asked for, by the speaker rule (src/sofer/speakers.ts). */
  speakers: EffectiveSpeakers;
  /** Moved only by the state, which keeps its batch's counts with it. */
  readonly status: TranscriptionStatus;
  /** Decided when it is created: where `advance` takes it. */
  outcome: TranscriptionOutcome;
}

export interface SimulatedBatch {
  /** Creation order. */
  seq: number;
  batch_id: string;
  processing_mode: "express" | "standard";
  batch_file_id: string | null;
  created_at: string;
  /** In the order of the request's items (so `transcription_ids` keeps it too). */
  transcriptions: readonly SimulatedTranscription[];
  /** How many of its transcriptions are in each status, kept as they move. */
  readonly counts: Readonly<Record<TranscriptionStatus, number>>;
  /** Derived from the counts whenever one moves (see `batchStatusOf`). */
  readonly status: BatchStatus;
}

export interface SimulatedBatchFile {
  /** Creation order; the list is newest first. */
  seq: number;
  id: string;
  created_at: string;
  content_type: Schemas["BatchFileContentType"];
  /** The items as they were sent, checked when the manifest is validated. */
  entries: readonly ManifestEntry[];
  size_bytes: number;
  checksum: string | null;
  title: string | null;
  description: string | null;
  /** Moved only by the state (`validateBatchFile`). */
  readonly status: BatchFileStatus;
  /** One per problem found, once INVALID; else null. */
  readonly validation_errors: readonly string[] | null;
  /** The items a batch over it gets, once VALID. */
  readonly items: readonly ManifestItem[];
}

export interface SoferSimulatorOptions {
  /** The API keys the simulator accepts (`Authorization: Bearer <key>`). Default `["conformance-token"]`. */
  apiKeys?: Iterable<string>;
  /** Simulated podcast feeds by URL, for batchTranscribe_createBatchFileFromRss: a feed, or just its episodes. */
  feeds?: Record<string, RssFeed | readonly RssEpisode[]>;
  /** Audio URLs whose transcriptions end FAILED (the state's `failingUrls`, which a test may change). */
  failingUrls?: Iterable<string>;
  /** Where each item's transcription ends. Default: FAILED for `failingUrls`, else COMPLETED. */
  outcome?: (item: ManifestItem) => "COMPLETED" | "FAILED" | "CANCELLED";
  /** Items created while this is on end INSUFFICIENT_FUNDS (the state's `insufficientFunds`). Default false. */
  insufficientFunds?: boolean;
  /** How many PROCESSING transcriptions of a batch one `advance` finishes. Default: all of them. */
  itemsPerStep?: number;
  /** Validate a manifest as soon as it is uploaded (else only by `validateBatchFile`). Default false. */
  validateOnUpload?: boolean;
  /**
   * Advance a batch one step each time its status (or one of its transcriptions' status) is read, and
   * validate a manifest when it is read while PENDING_VALIDATION. Default false.
   */
  advanceOnGet?: boolean;
  /** Manifests per page of batchTranscribe_listBatchFiles. Default 50. */
  batchFilesPageSize?: number;
  /** The clock for `created_at`. Default: the real clock (`steppingClock(start)` for fixed times). */
  now?: () => Date;
  /** How many requests `state.requests` keeps (the oldest go first). Default 1000. */
  requestLogSize?: number;
}

type Settings = Readonly<
  Required<Omit<SoferSimulatorOptions, "apiKeys" | "feeds" | "failingUrls" | "insufficientFunds" | "outcome">>
> & { outcome?: SoferSimulatorOptions["outcome"] };

export interface SoferState {
  readonly options: Settings;
  /** The keys that authenticate (mutable: add or remove keys in a test). */
  readonly apiKeys: Set<string>;
  /** The simulated feeds by URL (mutable). */
  readonly feeds: Map<string, RssFeed>;
  /** Audio URLs whose transcriptions end FAILED, read when a batch is created (mutable). */
  readonly failingUrls: Set<string>;
  /** While true, every transcription created ends INSUFFICIENT_FUNDS (at its first step). */
  insufficientFunds: boolean;
  readonly batchFiles: ReadonlyMap<string, SimulatedBatchFile>;
  readonly batches: ReadonlyMap<string, SimulatedBatch>;
  readonly transcriptions: ReadonlyMap<string, SimulatedTranscription>;
  /** The requests the simulator handled, oldest first (bounded). */
  readonly requests: RequestLog;
  /** Failures to answer instead of handling the next matching request(s): `state.faults.inject({ status: 429 })`. */
  readonly faults: FaultQueue;
  /** The cursors the simulator issued (others are refused with 400). */
  readonly cursors: CursorBook<number>;
  /** Adds a manifest of these entries, PENDING_VALIDATION (or already checked with `validateOnUpload`). */
  addBatchFile(file: NewBatchFile): SimulatedBatchFile;
  /** Checks a PENDING_VALIDATION manifest, making it VALID or INVALID; returns its status. */
  validateBatchFile(id: string): BatchFileStatus;
  /** The manifests newest first, starting just below `beforeSeq` (from the newest when left out). */
  newestBatchFiles(beforeSeq?: number): Iterable<SimulatedBatchFile>;
  /** Adds a batch of one RECEIVED transcription per item, with the request's settings; returns it. */
  addBatch(request: BatchRequest, items: readonly ManifestItem[]): SimulatedBatch;
  /** The transcription of a batch's item by its client_item_id, in O(1). */
  transcriptionOf(batch: SimulatedBatch, clientItemId: string): SimulatedTranscription | undefined;
  /**
   * Moves a batch one step: its RECEIVED transcriptions to PROCESSING (or INSUFFICIENT_FUNDS), then,
   * step by step, `itemsPerStep` PROCESSING ones to their outcome. Returns the batch's status.
   */
  advance(batchId: string): BatchStatus;
  /** Advances a batch until every transcription of it has ended. */
  runToCompletion(batchId: string): BatchStatus;
  /** Forgets every manifest, batch, request, fault and cursor (options, keys, feeds and failing URLs stay). */
  reset(): void;
}

export type NewBatchFile = Pick<
  SimulatedBatchFile,
  "content_type" | "entries" | "size_bytes" | "checksum" | "title" | "description"
>;

const PENDING: readonly TranscriptionStatus[] = ["RECEIVED", "PENDING", "PROCESSING", "UPLOADED"];
/** Ended without a transcript: what a batch's `failed_count` counts (spec, BatchStatusResponse). */
export const FAILED_STATUSES: readonly TranscriptionStatus[] = ["FAILED", "CANCELLED", "INSUFFICIENT_FUNDS"];

/** The counts a batch reports; completed + failed + pending = total whatever the statuses. */
export function countsOf(batch: SimulatedBatch) {
  const c = batch.counts;
  return {
    total: batch.transcriptions.length,
    completed: c.COMPLETED,
    failed: FAILED_STATUSES.reduce((n, s) => n + c[s], 0),
    pending: PENDING.reduce((n, s) => n + c[s], 0),
  };
}

/**
 * A batch's status from its items' (spec, BatchStatus x-inferred): RECEIVED until any item moves,
 * PROCESSING while any is pending, then COMPLETED when at least one completed, else FAILED.
 */
export function batchStatusOf(batch: SimulatedBatch): BatchStatus {
  const { total, completed, pending } = countsOf(batch);
  if (batch.counts.RECEIVED === total) return "RECEIVED";
  if (pending > 0) return "PROCESSING";
  return completed > 0 ? "COMPLETED" : "FAILED";
}

/**
 * A deterministic uuid: a letter for what it names (b batch, f manifest, a transcription of an audio
 * item) and a counter, so a test run gives the same ids each time and an id says what it is.
 */
const uuid = (kind: "a" | "b" | "f", n: number) =>
  `${kind}0000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Counts = Record<TranscriptionStatus, number>;
const noCounts = (): Counts => ({
  RECEIVED: 0,
  PENDING: 0,
  PROCESSING: 0,
  COMPLETED: 0,
  CANCELLED: 0,
  FAILED: 0,
  UPLOADED: 0,
  INSUFFICIENT_FUNDS: 0,
});

const feedOf = (feed: RssFeed | readonly RssEpisode[]): RssFeed =>
  Array.isArray(feed) ? { episodes: feed } : (feed as RssFeed);

export function createSoferState(options: SoferSimulatorOptions = {}): SoferState {
  const settings: Settings = {
    itemsPerStep: options.itemsPerStep ?? Number.POSITIVE_INFINITY,
    validateOnUpload: options.validateOnUpload ?? false,
    advanceOnGet: options.advanceOnGet ?? false,
    batchFilesPageSize: options.batchFilesPageSize ?? 50,
    now: options.now ?? steppingClock(),
    requestLogSize: options.requestLogSize ?? 1000,
    outcome: options.outcome,
  };
  if (!(settings.itemsPerStep >= 1)) throw new RangeError("itemsPerStep: must be at least 1");
  if (!(Number.isInteger(settings.batchFilesPageSize) && settings.batchFilesPageSize >= 1))
    throw new RangeError("batchFilesPageSize: must be an integer of at least 1");

  const failingUrls = new Set(options.failingUrls ?? []);
  const outcomeOf =
    settings.outcome ?? ((item: ManifestItem) => (failingUrls.has(item.audio_url) ? "FAILED" : "COMPLETED"));
  const batchFiles = new Map<string, SimulatedBatchFile>();
  let files: SimulatedBatchFile[] = []; // creation order: a manifest's position is its seq - 1
  const batches = new Map<string, SimulatedBatch>();
  const transcriptions = new Map<string, SimulatedTranscription>();
  const byClientItemId = new WeakMap<SimulatedBatch, Map<string, SimulatedTranscription>>();
  // Where each PROCESSING batch's next step starts: the transcriptions before it have ended.
  const nextItem = new WeakMap<SimulatedBatch, number>();
  let counters = { a: 0, b: 0, f: 0 };
  const next = (kind: "a" | "b" | "f") => uuid(kind, (counters[kind] += 1));

  const fileOf = (id: string) => {
    const file = batchFiles.get(id);
    if (!file) throw new RangeError(`no manifest ${id} in the simulator`);
    return file;
  };
  const batchOf = (id: string) => {
    const batch = batches.get(id);
    if (!batch) throw new RangeError(`no batch ${id} in the simulator`);
    return batch;
  };
  const move = (batch: SimulatedBatch, t: SimulatedTranscription, status: TranscriptionStatus) => {
    const counts = batch.counts as Counts;
    counts[t.status] -= 1;
    counts[status] += 1;
    (t as Writable<SimulatedTranscription>).status = status;
  };

  const validateBatchFile = (id: string): BatchFileStatus => {
    const file = fileOf(id) as Writable<SimulatedBatchFile>;
    if (file.status !== "PENDING_VALIDATION") return file.status;
    const checked = checkManifest(file.entries);
    if (checked.valid) {
      file.items = checked.items;
      file.status = "VALID";
    } else {
      file.validation_errors = checked.problems;
      file.status = "INVALID";
    }
    return file.status;
  };

  const advance = (batchId: string): BatchStatus => {
    const batch = batchOf(batchId) as Writable<SimulatedBatch>;
    const all = batch.transcriptions;
    if (batch.status === "RECEIVED") {
      // Funds are checked before any work: those items end here, never PROCESSING.
      for (const t of all)
        if (t.status === "RECEIVED")
          move(batch, t, t.outcome === "INSUFFICIENT_FUNDS" ? t.outcome : "PROCESSING");
      nextItem.set(batch, 0);
    } else if (batch.status === "PROCESSING") {
      // Each step goes on from where the last stopped: O(items it moves), not O(items done).
      let at = nextItem.get(batch) ?? 0;
      for (let budget = settings.itemsPerStep; budget > 0 && at < all.length; at++) {
        const t = all[at]!;
        if (t.status !== "PROCESSING") continue;
        move(batch, t, t.outcome);
        budget -= 1;
      }
      nextItem.set(batch, at);
    }
    batch.status = batchStatusOf(batch);
    return batch.status;
  };

  function* newestBatchFiles(beforeSeq?: number): Generator<SimulatedBatchFile> {
    const start = Math.min(beforeSeq === undefined ? files.length : Math.floor(beforeSeq) - 1, files.length);
    for (let at = start - 1; at >= 0; at--) yield files[at]!;
  }

  const addBatch = (request: BatchRequest, items: readonly ManifestItem[]): SimulatedBatch => {
    const { info } = request;
    const batch_id = next("b");
    const seq = counters.b;
    const created_at = isoSeconds(settings.now());
    const language = info.primary_language ?? "en";
    // Sofer's defaults (spec, BatchTranscriptionRequestInfo): both formats for English, else Hebrew letters.
    const formats = info.hebrew_word_format ?? (language === "en" ? ["en", "he"] : ["he"]);
    // An untitled item is "{batch_title} - Item N" (seed 002); with no batch title, the batch's
    // info.title or Sofer's default title "Untitled" takes its place (our choice: Sofer says nothing).
    const prefix = request.batch_title || info.title || "Untitled";
    const outcome = (item: ManifestItem): TranscriptionOutcome =>
      state.insufficientFunds ? "INSUFFICIENT_FUNDS" : outcomeOf(item);
    const counts = noCounts();
    counts.RECEIVED = items.length;
    const batch: SimulatedBatch = {
      seq,
      batch_id,
      processing_mode: request.processing_mode === "express" ? "express" : "standard",
      batch_file_id: request.batch_file_id ?? null,
      created_at,
      // One literal shape for every transcription (V8 keeps them fast to move along).
      transcriptions: items.map((item, i) => ({
        id: next("a"),
        batch_id,
        item: i + 1,
        audio_url: item.audio_url,
        client_item_id: item.client_item_id ?? null,
        title: item.title ?? `${prefix} - Item ${i + 1}`,
        created_at,
        primary_language: language,
        hebrew_word_format: [...formats],
        model: info.model ?? "v1",
        speakers: effectiveSpeakers(item, info),
        status: "RECEIVED" as const,
        outcome: outcome(item),
      })),
      counts,
      status: "RECEIVED",
    };
    const index = new Map<string, SimulatedTranscription>();
    for (const t of batch.transcriptions) {
      transcriptions.set(t.id, t);
      if (t.client_item_id !== null && !index.has(t.client_item_id)) index.set(t.client_item_id, t);
    }
    byClientItemId.set(batch, index);
    batches.set(batch_id, batch);
    return batch;
  };

  const state: SoferState = {
    options: settings,
    apiKeys: new Set(options.apiKeys ?? ["conformance-token"]),
    feeds: new Map(Object.entries(options.feeds ?? {}).map(([url, feed]) => [url, feedOf(feed)])),
    failingUrls,
    insufficientFunds: options.insufficientFunds ?? false,
    batchFiles,
    batches,
    transcriptions,
    requests: new RequestLog(settings.requestLogSize),
    faults: new FaultQueue(),
    cursors: new CursorBook<number>(),
    addBatchFile(input) {
      const file: SimulatedBatchFile = {
        seq: files.length + 1,
        id: next("f"),
        created_at: isoSeconds(settings.now()),
        content_type: input.content_type,
        entries: input.entries,
        size_bytes: input.size_bytes,
        checksum: input.checksum,
        title: input.title,
        description: input.description,
        status: "PENDING_VALIDATION",
        validation_errors: null,
        items: [],
      };
      batchFiles.set(file.id, file);
      files.push(file);
      if (settings.validateOnUpload) validateBatchFile(file.id);
      return file;
    },
    validateBatchFile,
    newestBatchFiles,
    addBatch,
    transcriptionOf: (batch, clientItemId) => byClientItemId.get(batch)?.get(clientItemId),
    advance,
    runToCompletion(batchId) {
      // The first step starts every item and each later one ends at least one, so a batch ends within
      // this many steps, unless its items were changed other than by advance: then say so.
      const limit = batchOf(batchId).transcriptions.length + 2;
      let status = advance(batchId);
      for (let steps = 1; status === "RECEIVED" || status === "PROCESSING"; steps++) {
        if (steps > limit)
          throw new Error(
            `runToCompletion(${batchId}): the batch did not finish in ${limit} steps; its transcriptions were changed other than by advance()`,
          );
        status = advance(batchId);
      }
      return status;
    },
    reset() {
      batchFiles.clear();
      files = [];
      batches.clear();
      transcriptions.clear();
      state.requests.clear();
      state.faults.clear();
      state.cursors.clear();
      state.insufficientFunds = options.insufficientFunds ?? false;
      counters = { a: 0, b: 0, f: 0 };
    },
  };
  return state;
}
