// transcribeBatch, the whole job over any number of items, loaded when the first one starts: a bundle
// of the Sofer client that never runs it does not carry it.
import type { HelperOptions } from "../core/client.ts";
import type { helperKit } from "../core/helper-kit.ts";
import type {
  SoferBatch,
  SoferBatchInfo,
  SoferClient,
  SoferItem,
  SoferItemResult,
  TranscribeBatchOptions,
} from "./client.ts";
import { SOFER_LIMITS } from "./spec.ts";

/** What transcribeBatch uses of the client's helpers (given by client.ts). */
export interface SoferKit {
  /** The client's provider id and its secrets, for the errors thrown. */
  api: { provider: string; secrets(): string[] };
  manifests: SoferClient["manifests"];
  batches: SoferClient["batches"];
  transcriptions: SoferClient["transcriptions"];
  /** A batch's status, its list of transcriptions checked. */
  checkedStatus(batchId: string, opts: HelperOptions): Promise<SoferBatch>;
  invalid: ReturnType<typeof helperKit>["invalid"];
  refuse(operation: string, problem: string): Promise<never>;
  itemProblem(items: readonly SoferItem[], where: string, unique?: string): string | undefined;
  infoProblem(info: SoferBatchInfo | undefined): string | undefined;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** transcribeBatch's default deadline: standard batches take up to 24 hours. */
const DEFAULT_TIMEOUT_MS = 25 * 3_600_000;
/** Statuses a transcription stays in. */
const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED", "INSUFFICIENT_FUNDS"]);

/**
 * The whole job: items split into batches of the mode's size (500 standard, 10 express), each
 * uploaded as a manifest (standard) and created; then each item's outcome is yielded as its
 * transcription ends, with the transcript when it COMPLETED. Items without a `client_item_id` get one
 * (`item-<n>`, n from 1 in the order given), so each outcome names its item.
 */
export async function* transcribeBatch(
  {
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
  }: SoferKit,
  items: readonly SoferItem[],
  info: SoferBatchInfo = {},
  givenOptions: TranscribeBatchOptions = {},
): AsyncGenerator<SoferItemResult> {
  const { provider } = api;
  const op = "batchTranscribe_createBatchTranscription";
  const options = givenOptions ?? {};
  const started = Date.now(); // the deadline counts the uploads and manifest waits too
  for (const name of ["initialDelayMs", "maxDelayMs", "timeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= 0))
      throw new RangeError(`transcribeBatch.${name}: expected a finite number ≥ 0, got ${String(value)}`);
  }
  const mode = options.mode ?? "standard";
  if (mode !== "standard" && mode !== "express")
    await refuse(op, `processing_mode: expected "standard" or "express", got ${String(mode)}`);
  if (!Array.isArray(items)) await refuse(op, "items: expected an array of items");
  const problem =
    (items.length === 0 ? "items: at least one item is needed" : undefined) ??
    itemProblem(items, "items", "each outcome names its item by it, so it must be unique among the items") ??
    infoProblem(info);
  if (problem) await refuse(op, problem);
  const named = withClientIds(items);
  const size = SOFER_LIMITS[mode];
  const request = options.request ?? {};
  const signal = options.signal;
  const call = { ...request, ...(signal ? { signal } : {}) };
  const batchTitle = options.batchTitle !== undefined ? { batchTitle: options.batchTitle } : {};

  /** A chunk uploaded as a manifest, once VALID: its id (the wait gets what is left of the deadline). */
  const validManifest = async (chunk: SoferItem[]): Promise<string> => {
    const uploaded = await manifests.upload(chunk, call);
    if (typeof uploaded?.batch_file_id !== "string")
      throw await invalid(
        "batchTranscribe_uploadBatchFile",
        "is an upload's answer without its batch_file_id",
        uploaded,
      );
    if (uploaded.status !== "VALID") {
      const left = (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) - (Date.now() - started);
      await manifests.waitUntilValid(uploaded.batch_file_id, {
        ...timing(options),
        timeoutMs: Math.max(0, left),
        request: call,
      });
    }
    return uploaded.batch_file_id;
  };

  // What is still to come, by batch: each item by its client_item_id, and by the id of its
  // transcription (the create's `transcription_ids`, in the items' order: inferred, as Sofer does not
  // say), for a status that leaves the client id out.
  const pending = new Map<
    string,
    { byClientId: Map<string, SoferItem>; byId: Map<string, SoferItem>; idOf: Map<SoferItem, string> }
  >();
  for (let start = 0; start < named.length; start += size) {
    const chunk = named.slice(start, start + size);
    const created =
      mode === "express"
        ? await batches.createExpress(chunk, info, { ...call, ...batchTitle })
        : await batches.createStandard(await validManifest(chunk), info, { ...call, ...batchTitle });
    const ids = created?.transcription_ids;
    if (typeof created?.batch_id !== "string" || !Array.isArray(ids) || ids.length !== chunk.length)
      throw await invalid(
        op,
        `names ${Array.isArray(ids) ? ids.length : "no"} transcriptions for ${chunk.length} items`,
        created,
      );
    if (pending.has(created.batch_id))
      throw await invalid(
        op,
        `gives batch ${created.batch_id} again, the id of a batch created before`,
        created,
      );
    options.onBatchCreated?.(created, chunk);
    pending.set(created.batch_id, {
      byClientId: new Map(chunk.map((item) => [item.client_item_id!, item])),
      byId: new Map(chunk.map((item, i) => [created.transcription_ids[i]!, item])),
      idOf: new Map(chunk.map((item, i) => [item, created.transcription_ids[i]!])),
    });
  }

  const { initialDelayMs = 1000, maxDelayMs = 30_000, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const now = Date.now;
  let delay = initialDelayMs;
  let polls = 0;
  let last: SoferBatch | undefined;
  while (pending.size > 0) {
    signal?.throwIfAborted();
    let progressed = false;
    for (const [batchId, waiting] of pending) {
      const batch = (last = await checkedStatus(batchId, call));
      polls++;
      for (const t of batch.transcriptions ?? []) {
        if (!FINAL.has(t?.status)) continue;
        const item =
          (t.client_item_id != null ? waiting.byClientId.get(t.client_item_id) : undefined) ??
          waiting.byId.get(t.id);
        if (!item) continue; // yielded already
        waiting.byClientId.delete(item.client_item_id!);
        waiting.byId.delete(waiting.idOf.get(item)!);
        progressed = true;
        const transcription =
          t.status === "COMPLETED"
            ? await transcriptions.get(t.id, {
                ...call,
                ...(options.hebrewWordFormat ? { hebrewWordFormat: options.hebrewWordFormat } : {}),
              })
            : undefined;
        if (transcription !== undefined) {
          const says = transcription?.info?.client_item_id;
          if (typeof transcription?.text !== "string" || (says != null && says !== item.client_item_id))
            throw await invalid(
              "transcribe_getTranscription",
              typeof transcription?.text !== "string"
                ? `is a transcript without its text (for item ${item.client_item_id})`
                : `is the transcript of item ${says}, asked for as that of item ${item.client_item_id}`,
              transcription,
            );
        }
        yield { item, batchId, info: t, ...(transcription ? { transcription } : {}) };
      }
      if (waiting.byClientId.size === 0) pending.delete(batchId);
      else if (batch.status === "COMPLETED" || batch.status === "FAILED") {
        // The batch has ended, yet its status does not account for these items: waiting longer would
        // not bring them.
        const { JobFailedError } = await import("../core/errors.ts");
        const missing = [...waiting.byClientId.keys()];
        throw new JobFailedError(
          `${provider}: batch ${batchId} ended ${batch.status}, but its status has no final transcription for ${missing.length} item(s): ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}`,
          { provider, operation: "batchTranscribe_getBatchStatus", job: batch, secrets: api.secrets() },
        );
      }
    }
    if (pending.size === 0) break;
    const elapsedMs = now() - started;
    if (elapsedMs >= timeoutMs) {
      const { PollTimeoutError } = await import("../core/errors.ts");
      throw new PollTimeoutError({
        provider,
        lastState: last,
        polls,
        elapsedMs,
        timeoutMs,
        secrets: api.secrets(),
      });
    }
    delay = progressed ? initialDelayMs : Math.min(maxDelayMs, delay * 2);
    await sleep(Math.min(delay, timeoutMs - elapsedMs), signal);
  }
}

const timing = ({ initialDelayMs, maxDelayMs, timeoutMs, signal }: TranscribeBatchOptions) => ({
  ...(initialDelayMs !== undefined ? { initialDelayMs } : {}),
  ...(maxDelayMs !== undefined ? { maxDelayMs } : {}),
  ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  ...(signal ? { signal } : {}),
});

/** The items, each with a client_item_id: its own, or `item-<n>` (n from 1) not used by another. */
function withClientIds(items: readonly SoferItem[]): SoferItem[] {
  const taken = new Set(
    items.map((i) => i.client_item_id).filter((id): id is string => typeof id === "string"),
  );
  let n = 0;
  const fresh = () => {
    let id: string;
    do id = `item-${++n}`;
    while (taken.has(id));
    return id;
  };
  // Only a missing id is filled in: any other value is sent as given (and checked against the spec).
  return items.map((item) => (item.client_item_id == null ? { ...item, client_item_id: fresh() } : item));
}
