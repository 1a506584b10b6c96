// Conformance of Sofer.ai's batch API with specs/sofer, on the harness: every operation, every documented
// status provoked by a real request (429 alone is left to a fault), the refusals as a table, the express
// and standard flows end to end, RSS manifests paged by offset, a manifest walk by cursor, and
// transcribeBatch over 1,200 items. Every exchange is validated against the spec by the harness. Runs
// against the simulator, or a live API when BATCHSPEC_SOFER_BASE_URL and BATCHSPEC_SOFER_TOKEN are set:
// then only checks that create nothing run (a batch costs money).
import { expect } from "../harness/expect.ts";
import { unhonouredParameters } from "../../src/core/simulator/index.ts";
import { soferIssues } from "../../src/sofer/error-body.ts";
import { createSoferClient, type SoferClient, type SoferItem } from "../../src/sofer/index.ts";
import {
  createSoferState,
  SOFER_HONOURS,
  soferHandlers,
  type SoferSimulatorOptions,
  type SoferState,
} from "../../src/sofer/mock.ts";
import { SOFER } from "../../src/sofer/spec.ts";
import { soferValidator } from "../../src/sofer/validation.ts";
import { defineConformanceSuite, type CheckContext } from "../harness/index.ts";

type Json = any; // bodies are checked against the spec by the harness; checks read a few fields
type Ctx = CheckContext<SoferClient, SoferState>;
type RawResult = { data?: Json; error?: Json; response: Response };
/** The typed client seen loosely: checks build requests the types would refuse, and read a few fields. */
const api = (c: Ctx) =>
  c.api as unknown as {
    GET(path: string, init?: object): Promise<RawResult>;
    POST(path: string, init: object): Promise<RawResult>;
  };

const TOKEN = "conformance-token";
const FEED = "https://feeds.conformance.test/podcast.xml";
const FAILING = "https://cdn.conformance.test/broken.mp3";
const { operations } = SOFER;
const path = (operationId: keyof typeof operations) => operations[operationId].path;
const P = {
  batch: path("batchTranscribe_createBatchTranscription"),
  files: path("batchTranscribe_uploadBatchFile"),
  rss: path("batchTranscribe_createBatchFileFromRss"),
  file: path("batchTranscribe_getBatchFile"),
  status: path("batchTranscribe_getBatchStatus"),
  item: path("batchTranscribe_getBatchTranscriptionByClientItemId"),
  tStatus: path("transcribe_getTranscriptionStatus"),
  transcript: path("transcribe_getTranscription"),
};
/** Well-formed ids that no API has issued. */
const UNKNOWN = "0f0f0f0f-0000-4000-8000-00000000beef";

const options: SoferSimulatorOptions = {
  apiKeys: [TOKEN],
  failingUrls: [FAILING],
  feeds: {
    [FEED]: {
      title: "Conformance FM",
      episodes: Array.from({ length: 1200 }, (_, i) => ({
        audio_url: `https://cdn.conformance.test/episode-${i + 1}.mp3`,
        guid: `episode-${i + 1}`,
      })),
    },
  },
};
const state = createSoferState(options);
/** Another simulator, set up differently (checks swap it in with `c.use`). */
const simulatorWith = (c: Ctx, extra: SoferSimulatorOptions) => {
  const other = createSoferState({ ...options, ...extra });
  c.use(...soferHandlers(other, { baseUrl: c.target.baseUrl }));
  return other;
};

const items = (count: number, prefix = "item"): SoferItem[] =>
  Array.from({ length: count }, (_, i) => ({
    audio_url: `https://cdn.conformance.test/${prefix}-${i + 1}.mp3`,
    client_item_id: `${prefix}-${i + 1}`,
  }));
const express = (sources: SoferItem[], extra: Json = {}): Json => ({
  processing_mode: "express",
  info: { primary_language: "en" },
  audio_sources: sources,
  ...extra,
});

async function createExpress(c: Ctx, body: Json): Promise<Json> {
  const { data, error, response } = await api(c).POST(P.batch, { body });
  expect(error, `create failed with ${response.status}`).toBeUndefined();
  return data;
}
async function upload(c: Ctx, body: Json): Promise<Json> {
  const { data, error, response } = await api(c).POST(P.files, { body });
  expect(error, `upload failed with ${response.status}`).toBeUndefined();
  return data;
}
const status = async (c: Ctx, batchId: string): Promise<Json> =>
  (await api(c).GET(P.status, { params: { path: { batch_id: batchId } } })).data;
const result = ({ response, error }: { response: Response; error?: unknown }) => ({
  status: response.status,
  body: error,
});
const sim = { simulatorOnly: true };

export default defineConformanceSuite<SoferClient, SoferState>(
  {
    id: SOFER.provider,
    validator: soferValidator,
    operations,
    baseUrl: SOFER.baseUrl,
    client: ({ token, ...rest }) => createSoferClient({ apiKey: token, ...rest }),
    issuesFromBody: soferIssues,
    simulatorToken: TOKEN,
    simulator: {
      state,
      handlers: (baseUrl) => soferHandlers(state, { baseUrl }),
      faults: state.faults,
      reset: () => state.reset(),
      unhonoured: () => unhonouredParameters({ operations, honours: SOFER_HONOURS }),
    },
    resources: [
      {
        noun: "manifest",
        create: { operationId: "batchTranscribe_uploadBatchFile", id: (b) => b?.batch_file_id },
        get: { operationId: "batchTranscribe_getBatchFile", param: "batch_file_id", id: (b) => b?.id },
        list: {
          operationId: "batchTranscribe_listBatchFiles",
          query: {},
          items: (b) => b?.files,
          id: (f) => f?.id,
          next: (b, q) => (b?.next_cursor ? { ...q, cursor: b.next_cursor } : undefined),
        },
      },
    ],
    notProvokable: Object.fromEntries(
      Object.keys(operations).map((op) => [
        `${op} 429`,
        "Sofer documents no rate limit to reach on purpose, and flooding the API is no test",
      ]),
    ),
  },
  (s) => {
    // ---- express ----
    s.check(
      "creates an express batch from the spec's example: 200, RECEIVED, one transcription per item",
      { ...sim, provokes: ["batchTranscribe_createBatchTranscription 200"] },
      async (c) => {
        const body = c.example("batchTranscribe_createBatchTranscription", "express");
        const created = await createExpress(c, body);
        expect(created.status).toBe("RECEIVED");
        expect(created.transcription_ids).toHaveLength(body.audio_sources.length);
        expect(created.total_count).toBe(body.audio_sources.length);
      },
    );

    s.check(
      "express flow: create → poll the batch until COMPLETED → item by client id → status → transcript with speakers",
      {
        ...sim,
        provokes: [
          "batchTranscribe_getBatchStatus 200",
          "batchTranscribe_getBatchTranscriptionByClientItemId 200",
          "transcribe_getTranscriptionStatus 200",
          "transcribe_getTranscription 200",
        ],
        exercises: ["batchTranscribe_getBatchTranscriptionByClientItemId query.client_item_id"],
      },
      async (c) => {
        const created = await createExpress(
          c,
          express([
            { audio_url: "https://cdn.conformance.test/a.mp3", client_item_id: "a" },
            {
              audio_url: "https://cdn.conformance.test/b.mp3",
              client_item_id: "b",
              auto_detect_speakers: true,
            },
          ]),
        );
        const seen: string[] = [];
        for (let i = 0; i < 5; i++) {
          const batch = await status(c, created.batch_id);
          seen.push(batch.status);
          expect(batch.completed_count + batch.failed_count + batch.pending_count).toBe(batch.total_count);
          if (batch.status === "COMPLETED") break;
          c.state.advance(created.batch_id);
        }
        expect(seen).toEqual(["RECEIVED", "PROCESSING", "COMPLETED"]);
        const { data: b } = await api(c).GET(P.item, {
          params: { path: { batch_id: created.batch_id }, query: { client_item_id: "b" } },
        });
        expect(b.id).toBe(created.transcription_ids[1]);
        const { data: info } = await api(c).GET(P.tStatus, { params: { path: { transcription_id: b.id } } });
        expect(info).toMatchObject({ status: "COMPLETED", client_item_id: "b" });
        expect(info.duration).toBeGreaterThan(0);
        const { data: transcript } = await api(c).GET(P.transcript, {
          params: { path: { transcription_id: b.id } },
        });
        expect(transcript.timestamps.length).toBeGreaterThan(0);
        expect(transcript.timestamps.every((w: Json) => /^\d+$/.test(w.speaker))).toBe(true);
        const { data: single } = await api(c).GET(P.transcript, {
          params: { path: { transcription_id: created.transcription_ids[0] } },
        });
        expect(single.timestamps.every((w: Json) => w.speaker == null)).toBe(true);
      },
    );

    s.check(
      "keeps a batch's counts consistent with its items while they move, and ends FAILED when none completed",
      sim,
      async (c) => {
        const slow = simulatorWith(c, { itemsPerStep: 1 });
        const created = await createExpress(c, express([...items(3), { audio_url: FAILING }]));
        for (let i = 0; i < 6; i++) {
          const batch = await status(c, created.batch_id);
          const byStatus = (s: string[]) =>
            batch.transcriptions.filter((t: Json) => s.includes(t.status)).length;
          expect(batch.completed_count).toBe(byStatus(["COMPLETED"]));
          expect(batch.failed_count).toBe(byStatus(["FAILED", "CANCELLED", "INSUFFICIENT_FUNDS"]));
          expect(batch.pending_count).toBe(byStatus(["RECEIVED", "PENDING", "PROCESSING", "UPLOADED"]));
          slow.advance(created.batch_id);
        }
        expect((await status(c, created.batch_id)).status).toBe("COMPLETED");
        const failed = await createExpress(c, express([{ audio_url: FAILING }]));
        slow.runToCompletion(failed.batch_id);
        expect(await status(c, failed.batch_id)).toMatchObject({ status: "FAILED", failed_count: 1 });
      },
    );

    s.check("ends items INSUFFICIENT_FUNDS while the account has no funds", sim, async (c) => {
      c.state.insufficientFunds = true;
      const created = await createExpress(c, express(items(2)));
      c.state.runToCompletion(created.batch_id);
      const batch = await status(c, created.batch_id);
      expect(batch).toMatchObject({
        status: "FAILED",
        failed_count: 2,
        completed_count: 0,
        pending_count: 0,
      });
      expect(batch.transcriptions.map((t: Json) => t.status)).toEqual([
        "INSUFFICIENT_FUNDS",
        "INSUFFICIENT_FUNDS",
      ]);
    });

    // ---- manifests and standard batches ----
    s.check(
      "standard flow: upload a manifest → PENDING_VALIDATION → VALID → batch over it → transcripts",
      {
        ...sim,
        provokes: [
          "batchTranscribe_uploadBatchFile 200",
          "batchTranscribe_getBatchFile 200",
          "batchTranscribe_createBatchTranscription 400",
        ],
      },
      async (c) => {
        const manifest = await upload(c, c.example("batchTranscribe_uploadBatchFile", "json"));
        expect(manifest).toMatchObject({ status: "PENDING_VALIDATION", item_count: 2 });
        expect(manifest.size_bytes).toBeGreaterThan(0);
        const standard = { batch_file_id: manifest.batch_file_id, info: {}, batch_title: "Archive" };
        const early = await api(c).POST(P.batch, { body: standard });
        c.expectRefused(result(early), 400);
        expect(JSON.stringify(early.error)).toContain("PENDING_VALIDATION");
        c.state.validateBatchFile(manifest.batch_file_id);
        const { data: valid } = await api(c).GET(P.file, {
          params: { path: { batch_file_id: manifest.batch_file_id } },
        });
        expect(valid).toMatchObject({ status: "VALID", title: "Archive 2025" });
        const created = await createExpress(c, standard);
        expect(created.total_count).toBe(2);
        c.state.runToCompletion(created.batch_id);
        expect(await status(c, created.batch_id)).toMatchObject({ status: "COMPLETED", completed_count: 2 });
      },
    );

    s.check(
      "makes a manifest with a broken JSONL line INVALID, one validation error per problem",
      sim,
      async (c) => {
        const jsonl = [
          JSON.stringify({ audio_url: "https://cdn.conformance.test/1.mp3", client_item_id: "x" }),
          JSON.stringify({ audio_url: "https://cdn.conformance.test/2.mp3", client_item_id: "x" }),
          "{not json",
        ].join("\n");
        const manifest = await upload(c, { content_type: "jsonl", jsonl });
        c.state.validateBatchFile(manifest.batch_file_id);
        const { data } = await api(c).GET(P.file, {
          params: { path: { batch_file_id: manifest.batch_file_id } },
        });
        expect(data.status).toBe("INVALID");
        expect(data.validation_errors).toHaveLength(2);
        const refused = await api(c).POST(P.batch, {
          body: { batch_file_id: manifest.batch_file_id, info: {} },
        });
        c.expectRefused(result(refused), 400);
      },
    );

    s.check(
      "makes manifests of an RSS feed 500 episodes at a time, paged with offset and next_offset",
      { ...sim, provokes: ["batchTranscribe_createBatchFileFromRss 200"] },
      async (c) => {
        const pages: Json[] = [];
        let offset: number | undefined = 0;
        while (offset !== undefined && pages.length < 10) {
          const { data } = await api(c).POST(P.rss, { body: { rss_url: FEED, offset } });
          pages.push(data);
          offset = data.has_more ? data.next_offset : undefined;
        }
        expect(
          pages.map((p) => [p.offset, p.limit, p.item_count, p.has_more, p.next_offset ?? null]),
        ).toEqual([
          [0, 500, 500, true, 500],
          [500, 500, 500, true, 1000],
          [1000, 500, 200, false, null],
        ]);
      },
    );

    s.check(
      "walks every manifest exactly once, newest first, the last page without a cursor",
      {
        provokes: ["batchTranscribe_listBatchFiles 200"],
        exercises: ["batchTranscribe_listBatchFiles query.cursor"],
      },
      async (c) => {
        const made: string[] = [];
        if (c.simulated)
          for (let i = 0; i < 120; i++)
            made.push((await upload(c, { content_type: "json", json_items: items(1) })).batch_file_id);
        const seen: string[] = [];
        const cursors = new Set<string>();
        let cursor: string | undefined;
        let pages = 0;
        // Stops at the first page that comes back again (an API that ignores the cursor would serve the
        // first page for ever), and after 50 pages against a live API: enough to show the walk works.
        do {
          const { data, error } = await api(c).GET(P.files, { params: { query: cursor ? { cursor } : {} } });
          expect(error).toBeUndefined();
          const ids: string[] = data.files.map((f: Json) => f.id);
          expect(
            ids.filter((id) => seen.includes(id)),
            `page ${pages + 1} repeats manifests of earlier pages`,
          ).toEqual([]);
          seen.push(...ids);
          cursor = data.next_cursor ?? undefined;
          if (cursor !== undefined) {
            expect(cursors.has(cursor), `page ${pages + 1} gives a cursor given before`).toBe(false);
            cursors.add(cursor);
          }
          pages++;
        } while (cursor && pages < (c.simulated ? 1000 : 50));
        if (!c.simulated) return;
        expect(cursor).toBeUndefined();
        expect(pages).toBe(3);
        expect(seen).toEqual(made.reverse());
      },
    );

    s.check(
      "renders Hebrew words in the one format filter_hebrew_word_format asks for",
      { ...sim, exercises: ["transcribe_getTranscription query.filter_hebrew_word_format"] },
      async (c) => {
        // Five items: about one word in four is Hebrew, so together they have some.
        const created = await createExpress(
          c,
          express(items(5), { info: { primary_language: "en", hebrew_word_format: ["en", "he"] } }),
        );
        c.state.runToCompletion(created.batch_id);
        const formats = async (filter?: string) => {
          const query = filter ? { filter_hebrew_word_format: filter } : {};
          const found = new Set<string>();
          for (const id of created.transcription_ids) {
            const { data } = await api(c).GET(P.transcript, {
              params: { path: { transcription_id: id }, query },
            });
            for (const w of data.timestamps) for (const f of w.hebrew_word_format ?? []) found.add(f);
          }
          return found;
        };
        expect(await formats()).toEqual(new Set(["en", "he"]));
        expect(await formats("he")).toEqual(new Set(["he"]));
      },
    );

    // ---- the whole job ----
    s.check(
      "transcribeBatch: 1,200 items in three standard batches, every item's transcript exactly once",
      sim,
      async (c) => {
        simulatorWith(c, { advanceOnGet: true, itemsPerStep: 200 });
        const sizes: number[] = [];
        const ids = new Map<string, string>();
        for await (const r of c.api.transcribeBatch(
          items(1200),
          { primary_language: "en" },
          { initialDelayMs: 0, onBatchCreated: (b) => sizes.push(b.total_count) },
        )) {
          expect(ids.has(r.item.client_item_id!), `${r.item.client_item_id} came twice`).toBe(false);
          expect(r.transcription?.info.client_item_id).toBe(r.item.client_item_id);
          ids.set(r.item.client_item_id!, r.info.id);
        }
        expect(sizes).toEqual([500, 500, 200]);
        expect(ids.size).toBe(1200);
        expect(new Set(ids.values()).size).toBe(1200);
      },
    );

    // ---- refusals ----
    const post = (p: string, body: unknown) => async (c: Ctx) => result(await api(c).POST(p, { body }));
    const get = (p: string) => (c: Ctx) => c.raw("GET", p);
    s.refusals([
      ...(
        [
          ["11 express items", express(items(11)), "body.audio_sources"],
          ["an empty express batch", express([]), "body.audio_sources"],
          [
            "both batch_file_id and audio_sources",
            express(items(1), { batch_file_id: UNKNOWN }),
            "body.batch_file_id",
          ],
          [
            "num_speakers with auto_detect_speakers in info",
            express(items(1), { info: { num_speakers: 2, auto_detect_speakers: true } }),
            "num_speakers and auto_detect_speakers cannot be given together",
          ],
          [
            "num_speakers with auto_detect_speakers in an item",
            express([{ ...items(1)[0]!, num_speakers: 2, auto_detect_speakers: true }]),
            "num_speakers and auto_detect_speakers cannot be given together",
          ],
        ] as const
      ).map(([name, body, says]) => ({
        name,
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        says,
        breaksSpec: true,
        simulatorOnly: true, // a live API that took it would start a paid batch
        send: post(P.batch, body),
      })),
      ...(
        [
          ["audio_sources without the express mode", { info: {}, audio_sources: items(1) }],
          [
            "a batch_file_id with the express mode",
            { processing_mode: "express", info: {}, batch_file_id: UNKNOWN },
          ],
        ] as const
      ).map(([name, body]) => ({
        name,
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        says: "body.processing_mode",
        simulatorOnly: true, // a live API that took it would start a paid batch
        send: post(P.batch, body),
      })),
      {
        name: "a client_item_id used twice in one batch",
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        says: "client_item_id",
        simulatorOnly: true,
        send: post(P.batch, express([...items(1), ...items(1)])),
      },
      // Refusals that could create nothing even if an API took them run against a live API too.
      {
        name: "neither batch_file_id nor audio_sources",
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        says: "body.batch_file_id",
        breaksSpec: true,
        send: post(P.batch, { info: {} }),
      },
      {
        name: "a batch over a manifest that does not exist",
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        says: "body.batch_file_id",
        send: post(P.batch, { batch_file_id: UNKNOWN, info: {} }),
      },
      {
        name: "a body that is not JSON",
        operationId: "batchTranscribe_createBatchTranscription",
        status: 400,
        breaksSpec: true,
        send: (c) => c.raw("POST", P.batch, { body: "{not json", contentType: "application/json" }),
      },
      ...(
        [
          [
            "a manifest of 501 json_items",
            { content_type: "json", json_items: items(501) },
            "body.json_items",
          ],
          [
            "json_items under content_type jsonl",
            { content_type: "jsonl", json_items: items(1) },
            "body.jsonl",
          ],
          [
            "a jsonl string under content_type json",
            { content_type: "json", jsonl: "{}" },
            "body.json_items",
          ],
        ] as const
      ).map(([name, body, says]) => ({
        name,
        operationId: "batchTranscribe_uploadBatchFile",
        status: 400,
        says,
        breaksSpec: true,
        simulatorOnly: true,
        send: post(P.files, body),
      })),
      {
        name: "a JSONL manifest of 501 lines",
        operationId: "batchTranscribe_uploadBatchFile",
        status: 400,
        says: "more than 500 items",
        simulatorOnly: true,
        send: post(P.files, {
          content_type: "jsonl",
          jsonl: items(501)
            .map((i) => JSON.stringify(i))
            .join("\n"),
        }),
      },
      {
        name: "an RSS feed it cannot read",
        operationId: "batchTranscribe_createBatchFileFromRss",
        status: 400,
        says: "rss_url",
        send: post(P.rss, { rss_url: "https://feeds.conformance.test/missing.xml" }),
      },
      {
        name: "an RSS limit over the manifest limit",
        operationId: "batchTranscribe_createBatchFileFromRss",
        status: 400,
        says: "body.limit",
        breaksSpec: true,
        simulatorOnly: true,
        send: post(P.rss, { rss_url: FEED, limit: 501 }),
      },
      {
        name: "a manifest cursor it did not issue",
        operationId: "batchTranscribe_listBatchFiles",
        status: 400,
        says: "cursor",
        send: get(`${P.files}?cursor=not-a-cursor`),
      },
      // Malformed and unknown ids, for every operation that takes one.
      ...(
        [
          ["batchTranscribe_getBatchFile", P.file.replace("{batch_file_id}", "%s")],
          ["batchTranscribe_getBatchStatus", P.status.replace("{batch_id}", "%s")],
          [
            "batchTranscribe_getBatchTranscriptionByClientItemId",
            `${P.item.replace("{batch_id}", "%s")}?client_item_id=a`,
          ],
          ["transcribe_getTranscriptionStatus", P.tStatus.replace("{transcription_id}", "%s")],
          ["transcribe_getTranscription", P.transcript.replace("{transcription_id}", "%s")],
        ] as const
      ).flatMap(([operationId, template]) => [
        {
          name: `${operationId} of an id that is not a UUID`,
          operationId,
          status: 400,
          breaksSpec: true,
          send: get(template.replace("%s", "not-a-uuid")),
        },
        {
          name: `${operationId} of an unknown id`,
          operationId,
          status: 404,
          send: get(template.replace("%s", UNKNOWN)),
        },
      ]),
      {
        name: "an item lookup without client_item_id",
        operationId: "batchTranscribe_getBatchTranscriptionByClientItemId",
        status: 400,
        says: "query.client_item_id",
        breaksSpec: true,
        send: get(P.item.replace("{batch_id}", UNKNOWN)),
      },
      {
        name: "a Hebrew word format that does not exist",
        operationId: "transcribe_getTranscription",
        status: 400,
        says: "query.filter_hebrew_word_format",
        breaksSpec: true,
        send: get(`${P.transcript.replace("{transcription_id}", UNKNOWN)}?filter_hebrew_word_format=latin`),
      },
      // Credentials, for every operation: none, and a key Sofer does not know.
      ...Object.keys(operations).flatMap((operationId) => [
        {
          name: `${operationId} without a key`,
          operationId,
          status: 401,
          breaksSpec: true,
          send: (c: Ctx) => c.sample(operationId, null),
        },
        {
          name: `${operationId} with an unknown key`,
          operationId,
          status: 401,
          send: (c: Ctx) => c.sample(operationId, "not-a-sofer-key"),
        },
      ]),
    ]);

    s.check(
      "answers 404 for a client item id the batch does not have",
      { ...sim, provokes: ["batchTranscribe_getBatchTranscriptionByClientItemId 404"] },
      async (c) => {
        const created = await createExpress(c, express(items(1)));
        const missing = await api(c).GET(P.item, {
          params: { path: { batch_id: created.batch_id }, query: { client_item_id: "nobody" } },
        });
        c.expectRefused(result(missing), 404);
      },
    );
  },
);
