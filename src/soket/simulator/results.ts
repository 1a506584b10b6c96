// A batch's results one numbered page at a time, and all of them as one lazily made stream. Both reach
// their items through the batch's indexes by status, so a page costs O(page · log n) and the download
// holds one page at a time, however large the batch.
import type { NumberedPage } from "../../core/simulator/index.ts";
import { SOKET_MAX_PAGE } from "../spec.ts";
import type { RankIndex } from "./rank-index.ts";
import type { JobStatus, SimulatedBatch } from "./state.ts";
import { fileResultView, jobResultView, type ResultDetail } from "./views.ts";

/**
 * Page `page` of the items of `index` in `status` (all when left out), oldest first or newest first.
 * The kit's `numberedPage` slices an array; here the list is an index, so a filtered page is found by
 * rank instead of filtering the whole list. A page beyond the last is empty (its numbers still true).
 */
export function indexPage<C extends string, T>(
  index: RankIndex<C>,
  itemAt: (position: number) => T,
  request: { page: number; limit: number; status?: C | undefined; newestFirst?: boolean },
): NumberedPage<T> {
  const { page, limit, status } = request;
  const total = index.count(status);
  const items: T[] = [];
  for (let i = (page - 1) * limit; i < Math.min(page * limit, total); i++) {
    const rank = request.newestFirst ? total - 1 - i : i;
    items.push(itemAt(index.select(rank, status)));
  }
  return { items, page, limit, total, totalPages: Math.ceil(total / limit) };
}

/** What a reader of a batch's results chose: raw jobs or merged files, a status, the details. */
export interface ResultsQuery extends ResultDetail {
  raw: boolean;
  status?: JobStatus | undefined;
}

/** The result item at a position of the batch's file (or, raw, job) index. */
export function resultAt(batch: SimulatedBatch, query: ResultsQuery) {
  return query.raw
    ? (position: number) => jobResultView(batch.jobs[position]!, query)
    : (position: number) => fileResultView(batch.files[position]!, query);
}

/** How many results each pull of the download makes: one page at the largest `limit`. */
const PULL_SIZE = SOKET_MAX_PAGE;

const encoder = new TextEncoder();

/**
 * Every result of the batch, as NDJSON lines or one JSON array, made a page at a time when the reader
 * pulls. It walks the index by position, so a result that changes status while the download runs is
 * sent at most once.
 */
export function resultStream(
  batch: SimulatedBatch,
  query: ResultsQuery,
  format: "ndjson" | "json",
): ReadableStream<Uint8Array> {
  const index: RankIndex<JobStatus> = query.raw ? batch.jobIndex : batch.fileIndex;
  const at = resultAt(batch, query);
  let from = 0;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const texts: string[] = [];
      while (texts.length < PULL_SIZE) {
        const position = index.next(from, query.status);
        if (position < 0) break;
        texts.push(JSON.stringify(at(position)));
        from = position + 1;
      }
      const last = texts.length < PULL_SIZE;
      let chunk: string;
      if (format === "ndjson") chunk = texts.map((t) => `${t}\n`).join("");
      else chunk = `${sent === 0 ? "[" : texts.length > 0 ? "," : ""}${texts.join(",")}${last ? "]" : ""}`;
      sent += texts.length;
      if (chunk !== "") controller.enqueue(encoder.encode(chunk));
      if (last) controller.close();
    },
  });
}
