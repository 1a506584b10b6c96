// Manifests in the Sofer simulator, over HTTP: uploads (JSON and JSONL) and their validation, RSS
// imports page by page, the newest-first list paged by cursor, and standard batches over manifests.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSoferState, soferFetch, type SoferSimulatorOptions } from "../../../src/sofer/mock.ts";

const BASE = "https://api.sofer.ai/v1/transcriptions";

function simulator(options: SoferSimulatorOptions = {}) {
  const state = createSoferState(options);
  const fetch = soferFetch(state);
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers: { Authorization: "Bearer conformance-token", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as any };
  };
  return { state, send };
}
const line = (item: object) => JSON.stringify(item);
const jsonl = (...lines: string[]) => ({ content_type: "jsonl", jsonl: lines.join("\n") });
const standard = (batch_file_id: string) => ({ batch_file_id, info: {}, batch_title: "Archive" });

describe("uploading a manifest", () => {
  it("stores it PENDING_VALIDATION, with its item count, byte size and SHA-256", async () => {
    const { send } = simulator();
    const text = [
      line({ audio_url: "https://a.test/ep-1.mp3" }),
      line({ audio_url: "https://a.test/é.mp3" }),
    ].join("\n");
    const { status, body } = await send("POST", "/batch-files", { content_type: "jsonl", jsonl: text });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      item_count: 2,
      size_bytes: Buffer.byteLength(text),
      checksum: createHash("sha256").update(text).digest("hex"),
      status: "PENDING_VALIDATION",
      validation_errors: null,
    });
  });

  it("becomes VALID when validated, and INVALID with one error per problem, each naming its item", async () => {
    const { state, send } = simulator();
    const good = await send("POST", "/batch-files", {
      content_type: "json",
      json_items: [{ audio_url: "https://a.test/1.mp3", client_item_id: "one" }],
    });
    const bad = await send(
      "POST",
      "/batch-files",
      jsonl(
        line({ audio_url: "https://a.test/1.mp3", client_item_id: "one" }),
        "{not json",
        "[1, 2]",
        line({ title: "no audio" }),
        line({ audio_url: "https://a.test/2.mp3", num_speakers: 2, auto_detect_speakers: true }),
        line({ audio_url: "https://a.test/3.mp3", client_item_id: "one" }),
        line({ audio_url: "https://a.test/4.mp3", num_speakers: "two" }),
      ),
    );
    expect(state.validateBatchFile(good.body.batch_file_id)).toBe("VALID");
    expect(state.validateBatchFile(bad.body.batch_file_id)).toBe("INVALID");
    const detail = await send("GET", `/batch-files/${bad.body.batch_file_id}`);
    expect(detail.body).toMatchObject({ status: "INVALID", item_count: 7 });
    expect(detail.body.validation_errors).toEqual([
      "item 2: not valid JSON",
      "item 3: not a JSON object",
      "item 4: audio_url is missing",
      "item 5: num_speakers and auto_detect_speakers cannot be given together",
      "item 6: client_item_id repeats item 1's",
      "item 7: num_speakers: must be integer or null, not string",
    ]);
    expect((await send("GET", `/batch-files/${good.body.batch_file_id}`)).body.validation_errors).toBeNull();
  });

  it("is validated at once with validateOnUpload, and when read with advanceOnGet", async () => {
    const upload = jsonl(line({ audio_url: "https://a.test/1.mp3" }));
    expect(
      (await simulator({ validateOnUpload: true }).send("POST", "/batch-files", upload)).body.status,
    ).toBe("VALID");
    const { send } = simulator({ advanceOnGet: true });
    const { body } = await send("POST", "/batch-files", upload);
    expect(body.status).toBe("PENDING_VALIDATION");
    expect((await send("GET", `/batch-files/${body.batch_file_id}`)).body.status).toBe("VALID");
  });

  it("numbers JSONL items by their line, skipping blank lines, and counts only items against the limit", async () => {
    const { state, send } = simulator();
    const lines = Array.from({ length: 500 }, (_, i) => line({ audio_url: `https://a.test/${i}.mp3` }));
    const full = await send("POST", "/batch-files", jsonl(...lines, ""));
    expect(full.body.item_count).toBe(500);
    const gap = await send("POST", "/batch-files", jsonl(line({ audio_url: "u" }), "", "  ", "nope"));
    state.validateBatchFile(gap.body.batch_file_id);
    expect(state.batchFiles.get(gap.body.batch_file_id)!.validation_errors).toEqual([
      "item 4: not valid JSON",
    ]);
  });

  it.each([
    [
      "a JSONL manifest of 501 lines",
      jsonl(...Array.from({ length: 501 }, () => line({ audio_url: "u" }))),
      "more than 500 items (non-blank lines)",
    ],
    ["a JSONL manifest of blank lines", jsonl("", " ", ""), "no items"],
    [
      "json_items with content_type jsonl",
      { content_type: "jsonl", json_items: [{ audio_url: "u" }] },
      "body.jsonl",
    ],
    [
      "501 json_items",
      { content_type: "json", json_items: Array.from({ length: 501 }, () => ({ audio_url: "u" })) },
      "501 items, at most 500",
    ],
  ])("refuses %s with 400, storing nothing", async (_what, body, says) => {
    const { state, send } = simulator();
    const answer = await send("POST", "/batch-files", body);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain(says);
    expect(state.batchFiles.size).toBe(0);
  });
});

describe("a standard batch over a manifest", () => {
  it("has one transcription per manifest item, in order, once the manifest is VALID", async () => {
    const { state, send } = simulator();
    const { body } = await send(
      "POST",
      "/batch-files",
      jsonl(
        line({ audio_url: "https://a.test/1.mp3", client_item_id: "ep-1" }),
        line({ audio_url: "https://a.test/2.mp3" }),
      ),
    );
    state.validateBatchFile(body.batch_file_id);
    const created = await send("POST", "/batch", standard(body.batch_file_id));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ total_count: 2, status: "RECEIVED" });
    const batch = state.batches.get(created.body.batch_id)!;
    expect(batch.transcriptions.map((t) => t.id)).toEqual(created.body.transcription_ids);
    expect(batch.transcriptions.map((t) => [t.client_item_id, t.title])).toEqual([
      ["ep-1", "Archive - Item 1"],
      [null, "Archive - Item 2"],
    ]);
  });

  it("is refused with 400 while the manifest is unknown, PENDING_VALIDATION or INVALID", async () => {
    const { state, send } = simulator();
    const pending = await send("POST", "/batch-files", jsonl(line({ audio_url: "u" })));
    const invalid = await send("POST", "/batch-files", jsonl("{"));
    state.validateBatchFile(invalid.body.batch_file_id);
    const unknown = "f0000000-0000-4000-8000-0000000000ff";
    for (const [id, says] of [
      [unknown, "no manifest"],
      [pending.body.batch_file_id, "PENDING_VALIDATION"],
      [invalid.body.batch_file_id, "INVALID"],
    ]) {
      const answer = await send("POST", "/batch", standard(id!));
      expect(answer.status).toBe(400);
      expect(answer.body.detail).toMatch(new RegExp(`^body\\.batch_file_id: .*${says}`));
    }
    expect(state.batches.size).toBe(0);
  });
});

describe("a manifest from an RSS feed", () => {
  const episodes = Array.from({ length: 1200 }, (_, i) => ({
    audio_url: `https://pod.test/ep-${i + 1}.mp3`,
    title: `Episode ${i + 1}`,
    ...(i % 2 === 0 ? { guid: `guid-${i + 1}` } : {}),
  }));
  const feeds = { "https://pod.test/feed.xml": { title: "The Podcast", episodes } };

  it("reads `limit` episodes (500 by default) after `offset`, paging with next_offset until has_more is false", async () => {
    const { state, send } = simulator({ feeds });
    const pages = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const { status, body } = await send("POST", "/batch-files/from-rss", {
        rss_url: "https://pod.test/feed.xml",
        offset,
      });
      expect(status).toBe(200);
      pages.push([body.offset, body.limit, body.item_count, body.has_more, body.next_offset]);
      offset = body.next_offset;
    }
    expect(pages).toEqual([
      [0, 500, 500, true, 500],
      [500, 500, 500, true, 1000],
      [1000, 500, 200, false, undefined],
    ]);
    expect(state.batchFiles.size).toBe(3);
  });

  it("gives each episode a stable client_item_id (its guid, else its audio URL) and the feed's title", async () => {
    const { state, send } = simulator({ feeds });
    const { body } = await send("POST", "/batch-files/from-rss", {
      rss_url: "https://pod.test/feed.xml",
      offset: 10,
      limit: 2,
    });
    expect(body).toMatchObject({ item_count: 2, has_more: true, next_offset: 12 });
    expect(state.validateBatchFile(body.batch_file_id)).toBe("VALID");
    const file = state.batchFiles.get(body.batch_file_id)!;
    expect(file.items).toEqual([
      { audio_url: "https://pod.test/ep-11.mp3", title: "Episode 11", client_item_id: "guid-11" },
      {
        audio_url: "https://pod.test/ep-12.mp3",
        title: "Episode 12",
        client_item_id: "https://pod.test/ep-12.mp3",
      },
    ]);
    expect(file.title).toBe("The Podcast");
  });

  it.each([
    ["a feed it cannot read", { rss_url: "https://pod.test/unknown.xml" }, "body.rss_url"],
    [
      "an offset past the last episode",
      { rss_url: "https://pod.test/feed.xml", offset: 1200 },
      "body.offset",
    ],
    ["a limit above 500", { rss_url: "https://pod.test/feed.xml", limit: 501 }, "body.limit"],
  ])("refuses %s with 400", async (_what, body, field) => {
    const { state, send } = simulator({ feeds });
    const answer = await send("POST", "/batch-files/from-rss", body);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain(field);
    expect(state.batchFiles.size).toBe(0);
  });
});

describe("the list of manifests", () => {
  it("pages newest first by cursor, each manifest once, next_cursor null on the last page", async () => {
    const { send } = simulator({ batchFilesPageSize: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await send("POST", "/batch-files", jsonl(line({ audio_url: `u${i}` })))).body.batch_file_id);
    const pages: string[][] = [];
    let path = "/batch-files";
    for (;;) {
      const { status, body } = await send("GET", path);
      expect(status).toBe(200);
      pages.push(body.files.map((f: { id: string }) => f.id));
      if (body.next_cursor === null) break;
      path = `/batch-files?cursor=${body.next_cursor}`;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(ids.reverse());
  });

  it("ends with a null cursor when the last page is full, and refuses a cursor it never issued or issued before a reset", async () => {
    const { state, send } = simulator({ batchFilesPageSize: 2 });
    for (let i = 0; i < 2; i++) await send("POST", "/batch-files", jsonl(line({ audio_url: `u${i}` })));
    expect((await send("GET", "/batch-files")).body.next_cursor).toBeNull();
    await send("POST", "/batch-files", jsonl(line({ audio_url: "u2" })));
    const first = await send("GET", "/batch-files");
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const forged = await send("GET", `/batch-files?cursor=${btoa(JSON.stringify({ offset: 2 }))}`);
    expect(forged).toEqual({ status: 400, body: { detail: expect.stringContaining("query.cursor") } });
    state.reset();
    expect((await send("GET", `/batch-files?cursor=${first.body.next_cursor}`)).status).toBe(400);
  });
});
