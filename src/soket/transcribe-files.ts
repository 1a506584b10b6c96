// transcribeFiles, the whole job, loaded when the first one starts: a bundle of the Soket client that
// never runs it does not carry it.
import { ConfigurationError } from "../core/auth.ts";
import type { helperKit } from "../core/helper-kit.ts";
import type {
  SoketClient,
  SoketFileOutcome,
  SoketFileResult,
  SoketUploadable,
  SoketUploadAccepted,
  SoketUploadedFile,
  TranscribeFilesOptions,
} from "./client.ts";

/** What transcribeFiles uses of the client's helpers (given by client.ts). */
export interface SoketKit {
  files: SoketClient["files"];
  batches: SoketClient["batches"];
  results: SoketClient["results"];
  waitForBatch: SoketClient["waitForBatch"];
  invalid: ReturnType<typeof helperKit>["invalid"];
  /** A wait's timing options must be numbers ≥ 0 (a ConfigurationError names the one that is not). */
  checkTiming(
    options: { initialDelayMs?: number; maxDelayMs?: number; timeoutMs?: number },
    where: string,
  ): void;
  /** The object without its undefined values. */
  defined<T extends object>(values: T): T;
  /** A batch's default deadline and longest delay between polls (waitForBatch's). */
  batchDefaults: { timeoutMs: number; maxDelayMs: number };
}

/**
 * The whole job: upload the files, wait until every one reached storage (UploadFailedError if any
 * failed), submit a batch over them (by their `file_ids`, which Soket says keep their ids in the
 * results), wait for it (a batch in which every file failed included), then yield each file's result — completed or
 * failed — with the item it came from, as the results are read (the NDJSON download, or pages with
 * `via: "pages"`). The request is sent when iteration starts; the deadline counts from then.
 */
export async function* transcribeFiles(
  { files, batches, results, waitForBatch, invalid, checkTiming, defined, batchDefaults }: SoketKit,
  items: readonly SoketUploadable[],
  givenOptions: TranscribeFilesOptions = {},
): AsyncGenerator<SoketFileOutcome, void, undefined> {
  const options = givenOptions ?? {};
  if (typeof options !== "object")
    throw new ConfigurationError("transcribeFiles: expected an options object");
  checkTiming(options, "transcribeFiles");
  const via = options.via ?? "stream";
  if (via !== "stream" && via !== "pages")
    throw new ConfigurationError(`transcribeFiles.via: expected "stream" or "pages", got ${String(via)}`);
  const started = Date.now();
  const {
    initialDelayMs,
    maxDelayMs = batchDefaults.maxDelayMs,
    timeoutMs = batchDefaults.timeoutMs,
    signal,
  } = options;
  const call = { ...options.request, ...(signal ? { signal } : {}) };
  const timing = () => ({
    ...(initialDelayMs !== undefined ? { initialDelayMs } : {}),
    maxDelayMs,
    timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)),
    ...(signal ? { signal } : {}),
    request: call,
  });

  const accepted = await files.upload(items, call);
  const uploaded = matchUploads(items, accepted);
  if (typeof accepted?.batch_upload_id !== "string" || !uploaded)
    throw await invalid(
      "uploadFiles",
      `is an upload that does not name the ${items.length} file(s) sent, each once with a file_id`,
      accepted,
    );
  options.onUploaded?.(accepted);
  await files.waitForUpload(accepted.batch_upload_id, timing());

  const byId = new Map(uploaded.map((file, index) => [file.file_id, { file, index, item: items[index]! }]));
  const submitted = await batches.submit({ file_ids: [...byId.keys()] }, call);
  if (typeof submitted?.batch_id !== "string" || submitted.batch_id === "")
    throw await invalid("submitBatch", "is an accepted batch without its batch_id", submitted);
  const batchId = submitted.batch_id;
  options.onSubmitted?.(submitted);
  try {
    await waitForBatch(batchId, {
      ...timing(),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    // A batch in which every file failed still has each file's result (with its errors): yielded
    // as when some completed.
    if ((error as Error)?.name !== "JobFailedError") throw error;
  }

  const query = defined({ chunks: options.chunks, speech_information: options.speech_information });
  const all: AsyncIterable<SoketFileResult> =
    via === "stream"
      ? results.stream(batchId, { ...call, ...query })
      : results.iterate(batchId, { ...call, ...query });
  const op = via === "stream" ? "downloadBatchResults" : "getBatchResults";
  for await (const result of all) {
    const id = (result as { file_id?: unknown } | null)?.file_id;
    const from = typeof id === "string" ? byId.get(id) : undefined;
    if (!from)
      throw await invalid(
        op,
        typeof id !== "string"
          ? "has a result without its file_id"
          : `has a result for file ${id}, which is not one of this batch's files or came twice`,
        result,
      );
    byId.delete(id as string);
    yield { item: from.item, index: from.index, file: from.file, batchId, result };
  }
  if (byId.size > 0) {
    const missing = [...byId.keys()];
    throw await invalid(
      op,
      `has no result for ${missing.length} of the batch's files (${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", ..." : ""}), though the batch completed`,
      "",
    );
  }
}

/**
 * The uploaded records in the order of the items sent: by file name when the names sent are distinct and
 * each comes back once, else by position (Soket does not say it keeps the order: inferred). Undefined
 * when the upload does not name as many files, each with a file_id.
 */
function matchUploads(
  items: readonly SoketUploadable[],
  accepted: SoketUploadAccepted,
): SoketUploadedFile[] | undefined {
  const records = accepted?.files;
  if (!Array.isArray(records) || records.length !== items.length) return undefined;
  if (!records.every((f) => typeof f?.file_id === "string" && f.file_id !== "")) return undefined;
  if (new Set(records.map((f) => f.file_id)).size !== records.length) return undefined;
  // By name when the names are distinct; else by name and size; only when even those repeat, by
  // position (Soket does not say it keeps the order, so that is the last resort).
  const keyed = (keys: string[], recordKey: (f: SoketUploadedFile) => string) => {
    const byKey = new Map(records.map((f) => [recordKey(f), f]));
    const distinct = new Set(keys).size === keys.length && byKey.size === records.length;
    return distinct && keys.every((k) => byKey.has(k)) ? keys.map((k) => byKey.get(k)!) : undefined;
  };
  const names = items.map(nameOf);
  return (
    keyed(names, (f) => f.filename) ??
    keyed(
      items.map((item, i) => `${names[i]}\u0000${sizeOf(item) ?? "?"}`),
      (f) => `${f.filename}\u0000${f.size_bytes}`,
    ) ?? [...records]
  );
}

/** An item's size in bytes, when it can be known without reading it. */
function sizeOf(item: SoketUploadable): number | undefined {
  if (item instanceof Blob) return item.size;
  if (typeof item === "string") {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const fs = proc?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
    try {
      return fs?.statSync(item).size;
    } catch {
      return undefined;
    }
  }
  const data = item.data;
  return data instanceof Blob ? data.size : data.byteLength;
}

/** The file name an item is sent under. */
function nameOf(item: SoketUploadable): string {
  if (typeof item === "string") return item.split(/[\\/]/).pop() || item;
  if (item instanceof Blob) return (item as File).name;
  return item.filename;
}
