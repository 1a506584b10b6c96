// The nine operations of Sofer's batch API, each from a request the pipeline has already admitted
// (key and spec checked) to the status and body Sofer would answer. mock.ts binds them to their paths
// with openapi-msw, which checks each status and body against the spec.
import type { components } from "../../../generated/sofer.ts";
import { SOFER_LIMITS } from "../spec.ts";
import { jsonEntries, jsonlEntries, jsonlOf, measure, rssPage, type ManifestItem } from "./manifests.ts";
import type { SoferState } from "./state.ts";
import {
  batchCreatedView,
  batchFileDetail,
  batchFileSummary,
  batchFileUploaded,
  batchStatusView,
  transcriptionInfo,
  transcriptionView,
} from "./views.ts";

type Schemas = components["schemas"];
/** Sofer's error body (spec, Error: `{detail}` assumed). */
export type SoferErrorBody = { detail: string };
type Refused<S extends 400 | 404> = { status: S; body: SoferErrorBody };

const refused = <S extends 400 | 404>(status: S, detail: string): Refused<S> => ({
  status,
  body: { detail },
});
const ok = <B>(body: B) => ({ status: 200 as const, body });

/** The default and largest `limit` of an RSS import: the standard manifest limit (spec, x-inferred). */
const RSS_LIMIT = SOFER_LIMITS.standard;

// Path ids are uuids, which compare without regard to case; the simulator issues them in lower case.
const idOf = (id: string) => id.toLowerCase();

export function soferOperations(state: SoferState) {
  const batchOf = (batchId: string) => state.batches.get(idOf(batchId));
  const transcriptionOf = (id: string) => state.transcriptions.get(idOf(id));
  const batchNotFound = (batchId: string) => refused(404, `Batch ${batchId} not found.`);
  const transcriptionNotFound = (id: string) => refused(404, `Transcription ${id} not found.`);
  /** With `advanceOnGet`, a read of a batch's progress moves it one step. */
  const polled = (batchId: string) => {
    if (state.options.advanceOnGet) state.advance(batchId);
  };

  /** The items of a standard batch: its manifest's, once VALID (a 400 otherwise, spec x-inferred). */
  const manifestItems = (batchFileId: string): readonly ManifestItem[] | Refused<400> => {
    const file = state.batchFiles.get(idOf(batchFileId));
    if (!file) return refused(400, `body.batch_file_id: no manifest ${batchFileId}`);
    if (file.status === "PENDING_VALIDATION")
      return refused(
        400,
        `body.batch_file_id: manifest ${file.id} is still PENDING_VALIDATION; wait until it is VALID`,
      );
    if (file.status === "INVALID")
      return refused(
        400,
        `body.batch_file_id: manifest ${file.id} is INVALID (${file.validation_errors?.length ?? 0} problems); see its validation_errors`,
      );
    return file.items;
  };

  /** Express items must not repeat a client_item_id (seed 002: unique within the batch). */
  const repeatedClientItemId = (items: readonly ManifestItem[]): Refused<400> | undefined => {
    const first = new Map<string, number>();
    for (const [i, item] of items.entries()) {
      const id = item.client_item_id;
      if (typeof id !== "string") continue;
      const seen = first.get(id);
      if (seen !== undefined)
        return refused(
          400,
          `body.audio_sources[${i}].client_item_id: repeats audio_sources[${seen}]'s; a client_item_id must be unique within the batch`,
        );
      first.set(id, i);
    }
    return undefined;
  };

  return {
    batchTranscribe_createBatchTranscription(body: Schemas["BatchTranscriptionRequest"]) {
      // The schema has already made it exactly one of audio_sources and batch_file_id; each goes with
      // its mode (spec, x-inferred): audio_sources with express, batch_file_id with standard or none.
      const express = body.processing_mode === "express";
      if (body.audio_sources && !express)
        return refused(
          400,
          "body.processing_mode: audio_sources are for an express batch; send processing_mode express",
        );
      if (!body.audio_sources && express)
        return refused(
          400,
          "body.processing_mode: an express batch carries audio_sources, not a batch_file_id",
        );
      const items = body.audio_sources ?? manifestItems(body.batch_file_id!);
      if ("status" in items) return items;
      const repeated = body.audio_sources ? repeatedClientItemId(items) : undefined;
      if (repeated) return repeated;
      return ok(batchCreatedView(state.addBatch(body, items)));
    },

    async batchTranscribe_uploadBatchFile(body: Schemas["BatchFileUploadRequest"]) {
      const entries = body.json_items
        ? jsonEntries(body.json_items)
        : jsonlEntries(body.jsonl ?? "", SOFER_LIMITS.standard);
      if (entries.length === 0) return refused(400, "body.jsonl: holds no items (every line is blank)");
      if (entries.length > SOFER_LIMITS.standard)
        return refused(
          400,
          `body.jsonl: more than ${SOFER_LIMITS.standard} items (non-blank lines); a manifest holds at most ${SOFER_LIMITS.standard}`,
        );
      // The manifest's text: the JSONL as sent, or the JSON array of items.
      const text = body.json_items ? JSON.stringify(body.json_items) : body.jsonl!;
      const file = state.addBatchFile({
        content_type: body.content_type,
        entries,
        ...(await measure(text)),
        title: body.metadata?.title ?? null,
        description: body.metadata?.description ?? null,
      });
      return ok(batchFileUploaded(file));
    },

    batchTranscribe_listBatchFiles(cursor: string | null) {
      const scope = "batch-files";
      let after: number | undefined;
      if (cursor !== null) {
        after = state.cursors.redeem(cursor, scope);
        if (after === undefined)
          return refused(400, "query.cursor: not a cursor this API issued for this listing");
      }
      // Newest first from the cursor's position, one past the page telling whether there is a next.
      const size = state.options.batchFilesPageSize;
      const page: ReturnType<typeof batchFileSummary>[] = [];
      let last = 0;
      let more = false;
      for (const file of state.newestBatchFiles(after)) {
        if (page.length === size) {
          more = true;
          break;
        }
        page.push(batchFileSummary(file));
        last = file.seq;
      }
      return ok({ files: page, next_cursor: more ? state.cursors.issue(scope, last) : null });
    },

    async batchTranscribe_createBatchFileFromRss(body: Schemas["BatchFileCreateFromRssRequest"]) {
      const feed = state.feeds.get(body.rss_url);
      if (!feed) return refused(400, "body.rss_url: no feed could be read at this URL");
      const offset = body.offset ?? 0;
      const limit = body.limit ?? RSS_LIMIT;
      const { items, hasMore } = rssPage(feed, offset, limit);
      if (items.length === 0)
        return refused(
          400,
          `body.offset: the feed has ${feed.episodes.length} episodes, none after offset ${offset}`,
        );
      const file = state.addBatchFile({
        content_type: "jsonl",
        entries: jsonEntries(items),
        ...(await measure(jsonlOf(items))),
        // Sofer: "if omitted, the podcast title is used".
        title: body.metadata?.title ?? feed.title ?? null,
        description: body.metadata?.description ?? null,
      });
      return ok({
        ...batchFileUploaded(file),
        offset,
        limit,
        has_more: hasMore,
        // Left out when there is no more (Sofer's BatchFileCreateFromRssResponse).
        ...(hasMore ? { next_offset: offset + items.length } : {}),
      });
    },

    batchTranscribe_getBatchFile(batchFileId: string) {
      const file = state.batchFiles.get(idOf(batchFileId));
      if (!file) return refused(404, `Batch file ${batchFileId} not found.`);
      if (state.options.advanceOnGet) state.validateBatchFile(file.id);
      return ok(batchFileDetail(file));
    },

    batchTranscribe_getBatchStatus(batchId: string) {
      const batch = batchOf(batchId);
      if (!batch) return batchNotFound(batchId);
      polled(batch.batch_id);
      return ok(batchStatusView(batch));
    },

    batchTranscribe_getBatchTranscriptionByClientItemId(batchId: string, clientItemId: string) {
      const batch = batchOf(batchId);
      if (!batch) return batchNotFound(batchId);
      const t = state.transcriptionOf(batch, clientItemId);
      if (!t) return refused(404, `No item of batch ${batch.batch_id} has this client_item_id.`);
      polled(batch.batch_id);
      return ok(transcriptionInfo(t));
    },

    transcribe_getTranscriptionStatus(id: string) {
      const t = transcriptionOf(id);
      if (!t) return transcriptionNotFound(id);
      polled(t.batch_id);
      return ok(transcriptionInfo(t));
    },

    transcribe_getTranscription(id: string, filter: Schemas["LettersLanguage"] | null) {
      const t = transcriptionOf(id);
      if (!t) return transcriptionNotFound(id);
      return ok(transcriptionView(t, filter ?? undefined));
    },
  };
}
