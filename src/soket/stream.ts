// results.stream, the batch's results from one download (loaded on first use): NDJSON parsed line by
// line as it arrives, or one JSON array read whole.
import { helperKit } from "../core/helper-kit.ts";
import type { SoketResultItem, SoketStreamOptions } from "./client.ts";
import type { SoketHelperKit } from "./kit.ts";
import { defined } from "./values.ts";

/** results.stream (see client.ts). */
export async function* stream<Raw extends boolean = false>(
  { api, refuseId }: SoketHelperKit,
  batchId: string,
  { format, status, raw, chunks, speech_information, ...opts }: SoketStreamOptions<Raw> = {},
): AsyncGenerator<SoketResultItem<Raw>, void, undefined> {
  const { invalid } = helperKit(api);
  const op = "downloadBatchResults";
  await refuseId(op, "batch_id", batchId);
  const body = await api.send(
    op,
    {
      params: {
        path: { batch_id: batchId },
        query: defined({ format, status, raw, chunks, speech_information }),
      },
      parseAs: "stream",
    },
    opts,
  );
  if (body === null || body === undefined) {
    // No body at all: no results, in NDJSON; in JSON, not the array the spec documents.
    if (format === "json") throw await invalid(op, "has an empty body, where a JSON array is documented", "");
    return;
  }
  // The readers of a body as it arrives (read-body.ts), loaded with the first download.
  const { readLines, readText } = await import("./read-body.ts");
  const fail = (problem: string, text: string) =>
    invalid(op, problem, text, format === "json" ? "application/json" : "application/x-ndjson");
  if (format === "json") {
    // One array: read whole (through the guarded body, so the timeout holds), then parsed.
    let text = "";
    for await (const piece of readText(body, fail, opts.signal, () => `after ${text.length} characters`))
      text += piece;
    if (text === "") throw await fail("has an empty body, where a JSON array is documented", "");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw await fail("is not valid JSON", text);
    }
    if (!Array.isArray(value)) throw await fail("is not a JSON array of results", text);
    for (const [i, item] of value.entries()) {
      if (item === null || typeof item !== "object" || Array.isArray(item))
        throw await fail(`has item ${i} that is not a JSON object`, JSON.stringify(item) ?? "");
      yield item as SoketResultItem<Raw>;
    }
    return;
  }
  for await (const { text, number } of readLines(body, fail, opts.signal)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw await fail(`is not NDJSON: line ${number} is not valid JSON`, text);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw await fail(`is not NDJSON of results: line ${number} is not a JSON object`, text);
    opts.signal?.throwIfAborted(); // a chunk may hold many lines: none after the caller's abort
    yield value as SoketResultItem<Raw>;
  }
}
