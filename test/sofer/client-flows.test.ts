// The Sofer client's helpers end to end against the simulator: express and standard batches, manifests
// (valid, invalid, from RSS, listed), waiting with progress, transcripts, and transcribeBatch over more
// items than one batch takes — once under MSW's setupServer, as the README recommends.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSoferClient,
  JobFailedError,
  ManifestInvalidError,
  NotFoundError,
  type SoferClient,
  type SoferItem,
  type SoferItemResult,
} from "../../src/sofer/index.ts";
import {
  createSoferState,
  soferFetch,
  soferHandlers,
  type SoferSimulatorOptions,
} from "../../src/sofer/mock.ts";

const KEY = "test-key";
const noWait = async () => undefined;

function setup(options: SoferSimulatorOptions = {}) {
  const state = createSoferState({ apiKeys: [KEY], advanceOnGet: true, ...options });
  const client = createSoferClient({ apiKey: KEY, fetch: soferFetch(state), sleep: noWait });
  return { state, client };
}

const items = (count: number, prefix = "ep"): SoferItem[] =>
  Array.from({ length: count }, (_, i) => ({
    audio_url: `https://cdn.example.com/${prefix}-${i + 1}.mp3`,
    client_item_id: `${prefix}-${i + 1}`,
  }));

async function collect(results: AsyncIterable<SoferItemResult>): Promise<SoferItemResult[]> {
  const out: SoferItemResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

describe("express batches", () => {
  it("create → wait with progress → item by client id → transcript with speakers", async () => {
    const { client } = setup();
    const created = await client.batches.createExpress(
      [
        { audio_url: "https://cdn.example.com/a.mp3", client_item_id: "a" },
        { audio_url: "https://cdn.example.com/b.mp3", client_item_id: "b", num_speakers: 2 },
      ],
      { primary_language: "en" },
      { batchTitle: "Shiurim" },
    );
    expect(created).toMatchObject({ total_count: 2, status: "RECEIVED" });
    const progress: number[][] = [];
    const batch = await client.waitForBatch(created.batch_id, {
      initialDelayMs: 0,
      onProgress: (p) => progress.push([p.completed, p.failed, p.pending, p.total]),
    });
    expect(batch.status).toBe("COMPLETED");
    expect(progress.at(-1)).toEqual([2, 0, 0, 2]);
    for (const [completed, failed, pending, total] of progress)
      expect(completed! + failed! + pending!).toBe(total);

    const b = await client.batches.item(created.batch_id, "b");
    expect(b.title).toBe("Shiurim - Item 2");
    const transcript = await client.transcriptions.get(b.id);
    expect(transcript.timestamps?.length).toBeGreaterThan(0);
    expect(transcript.timestamps?.every((w) => typeof w.speaker === "string")).toBe(true);
    const a = await client.transcriptions.get((await client.batches.item(created.batch_id, "a")).id);
    expect(a.timestamps?.every((w) => w.speaker === null || w.speaker === undefined)).toBe(true);
    await expect(client.batches.item(created.batch_id, "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("waitForBatch throws JobFailedError when every item failed", async () => {
    const { client } = setup({ failingUrls: ["https://cdn.example.com/bad.mp3"] });
    const created = await client.batches.createExpress([{ audio_url: "https://cdn.example.com/bad.mp3" }]);
    const error = await client.waitForBatch(created.batch_id, { initialDelayMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError<{ failed_count: number }>).job.failed_count).toBe(1);
  });
});

describe("manifests and standard batches", () => {
  it("createStandard from items uploads a manifest, waits until VALID, then creates the batch", async () => {
    const { client, state } = setup();
    const created = await client.batches.createStandard(items(3), { num_speakers: 1 });
    const batch = state.batches.get(created.batch_id)!;
    expect(batch.processing_mode).toBe("standard");
    expect(state.batchFiles.get(batch.batch_file_id!)?.status).toBe("VALID");
    expect(created.total_count).toBe(3);
  });

  it("sends a JSONL string as jsonl, and waitUntilValid throws ManifestInvalidError with the errors", async () => {
    const { client } = setup();
    const jsonl = [
      '{"audio_url": "https://cdn.example.com/1.mp3"}',
      '{"title": "no audio"}',
      "not json",
    ].join("\n");
    const uploaded = await client.manifests.upload(jsonl, { metadata: { title: "broken" } });
    expect(uploaded.status).toBe("PENDING_VALIDATION");
    const error = await client.manifests
      .waitUntilValid(uploaded.batch_file_id, { initialDelayMs: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestInvalidError);
    const invalid = error as ManifestInvalidError;
    expect(invalid.validationErrors).toHaveLength(2);
    expect(invalid.validationErrors.join("\n")).toMatch(/item 2: .*audio_url/);
    expect(invalid.message).toContain("is INVALID");
  });

  it("fromRss makes one manifest per call, paging the feed with offset and next_offset", async () => {
    const episodes = Array.from({ length: 1200 }, (_, i) => ({
      audio_url: `https://feeds.example.com/e${i}.mp3`,
      guid: `e${i}`,
    }));
    const { client } = setup({
      feeds: { "https://feeds.example.com/podcast.xml": { title: "Pod", episodes } },
    });
    const manifests = await collectAll(client.manifests.fromRss("https://feeds.example.com/podcast.xml"));
    expect(manifests.map((m) => [m.offset, m.item_count, m.has_more])).toEqual([
      [0, 500, true],
      [500, 500, true],
      [1000, 200, false],
    ]);
  });

  it("iterate walks every manifest once, newest first, across pages", async () => {
    const { client } = setup({ batchFilesPageSize: 50 });
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push((await client.manifests.upload(items(1, `m${i}`))).batch_file_id);
    const seen = await collectAll(client.manifests.iterate());
    expect(seen.map((m) => m.id)).toEqual(ids.reverse());
  });
});

describe("transcriptions", () => {
  it("asks for one Hebrew word format when told", async () => {
    const sent: string[] = [];
    const state = createSoferState({ apiKeys: [KEY] });
    const simulated = soferFetch(state);
    const client = createSoferClient({
      apiKey: KEY,
      fetch: (r: Request) => (sent.push(r.url), simulated(r)),
    });
    const created = await client.batches.createExpress(items(1));
    state.runToCompletion(created.batch_id);
    await client.transcriptions.get(created.transcription_ids[0]!, { hebrewWordFormat: "he" });
    expect(sent.at(-1)).toMatch(/\?filter_hebrew_word_format=he$/);
  });
});

describe("transcribeBatch", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("splits 600 items into two standard batches and yields every item's transcript once (setupServer)", async () => {
    const state = createSoferState({ apiKeys: [KEY], advanceOnGet: true, itemsPerStep: 150 });
    server.resetHandlers(...soferHandlers(state));
    const client: SoferClient = createSoferClient({ apiKey: KEY, sleep: noWait });
    const batches: number[] = [];
    const results = await collect(
      client.transcribeBatch(
        items(600),
        { primary_language: "en" },
        { onBatchCreated: (b) => batches.push(b.total_count) },
      ),
    );
    expect(batches).toEqual([500, 100]);
    expect(results).toHaveLength(600);
    expect(new Set(results.map((r) => r.item.client_item_id)).size).toBe(600);
    for (const r of results) {
      expect(r.info.status).toBe("COMPLETED");
      expect(r.info.client_item_id).toBe(r.item.client_item_id);
      expect(r.transcription?.info.id).toBe(r.info.id);
    }
  });

  it("splits express items by ten, names items without a client id, and yields failures without a transcript", async () => {
    const { client, state } = setup({ failingUrls: ["https://cdn.example.com/x-3.mp3"] });
    const input = items(25, "x").map(({ audio_url }) => ({ audio_url }));
    const results = await collect(client.transcribeBatch(input, {}, { mode: "express" }));
    expect([...state.batches.values()].map((b) => b.transcriptions.length)).toEqual([10, 10, 5]);
    expect(results.map((r) => r.item.client_item_id).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `item-${i + 1}`).sort(),
    );
    const failed = results.filter((r) => r.info.status !== "COMPLETED");
    expect(failed.map((r) => [r.item.audio_url, r.info.status, r.transcription])).toEqual([
      ["https://cdn.example.com/x-3.mp3", "FAILED", undefined],
    ]);
  });

  it("yields INSUFFICIENT_FUNDS items without a transcript", async () => {
    const { client } = setup({ insufficientFunds: true });
    const results = await collect(client.transcribeBatch(items(2), {}, { mode: "express" }));
    expect(results.map((r) => [r.info.status, r.transcription])).toEqual([
      ["INSUFFICIENT_FUNDS", undefined],
      ["INSUFFICIENT_FUNDS", undefined],
    ]);
  });

  /** A simulator whose batch status answers are changed by `edit` on the way back. */
  function editedStatus(edit: (batch: any) => void) {
    const state = createSoferState({ apiKeys: [KEY], advanceOnGet: true });
    const simulated = soferFetch(state);
    const fetch = async (request: Request) => {
      const response = await simulated(request);
      if (!/\/status$/.test(new URL(request.url).pathname) || !response.ok) return response;
      const batch = await response.json();
      if (batch.transcriptions) edit(batch);
      return Response.json(batch);
    };
    return createSoferClient({ apiKey: KEY, fetch, sleep: noWait });
  }

  it("matches transcriptions by id when the status leaves out their client ids", async () => {
    const client = editedStatus((b) => b.transcriptions.forEach((t: any) => (t.client_item_id = null)));
    const results = await collect(client.transcribeBatch(items(12), {}, { mode: "express" }));
    expect(results.map((r) => r.item.client_item_id).sort()).toEqual(
      items(12)
        .map((i) => i.client_item_id)
        .sort(),
    );
    for (const r of results) expect(r.transcription?.info.id).toBe(r.info.id);
  });

  it("throws JobFailedError, naming the items, when a batch ends without accounting for them", async () => {
    const client = editedStatus((b) => (b.transcriptions = b.transcriptions.slice(1)));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const r of client.transcribeBatch(items(3), {}, { mode: "express" }))
        seen.push(r.item.client_item_id!);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toContain("no final transcription for 1 item(s): ep-1");
    expect(seen).toEqual(["ep-2", "ep-3"]);
  });

  it("gives up with PollTimeoutError when items never end", async () => {
    const { client } = setup({ advanceOnGet: false });
    const error = await collect(
      client.transcribeBatch(items(1), {}, { mode: "express", timeoutMs: 0 }),
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe("PollTimeoutError");
  });
});

async function collectAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

it("gives a standard batch's manifest wait what is left of transcribeBatch's deadline, not a fresh one", async () => {
  // Manifests that never validate (nothing advances them): the wait ends at the deadline.
  const state = createSoferState({ apiKeys: [KEY] });
  const simulated = soferFetch(state);
  const client = createSoferClient({
    apiKey: KEY,
    // The upload takes 40 ms: time the manifest wait must not get again.
    fetch: async (request: Request) => {
      if (request.method === "POST") await new Promise((r) => setTimeout(r, 40));
      return simulated(request);
    },
    sleep: (ms: number) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
  });
  const started = Date.now();
  const error = (await collect(client.transcribeBatch(items(2), {}, { timeoutMs: 150 })).catch(
    (e: unknown) => e,
  )) as Error;
  expect(error.name).toBe("PollTimeoutError");
  const within = Number(/within (\d+) ms/.exec(error.message)?.[1]);
  // The upload came first, so at most 110 of the 150 ms were left for the wait.
  expect(within).toBeLessThanOrEqual(110);
  expect(Date.now() - started).toBeLessThan(2000);
});
