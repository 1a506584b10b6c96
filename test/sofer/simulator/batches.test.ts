// Batches in the Sofer simulator, over HTTP: what a create refuses (400, naming the field), polling a
// batch to its end with advanceOnGet, items found by client_item_id, and the insufficient-funds switch.
import { describe, expect, it } from "vitest";
import { createSoferState, soferFetch, type SoferSimulatorOptions } from "../../../src/sofer/mock.ts";

const BASE = "https://api.sofer.ai/v1/transcriptions";

function simulator(options: SoferSimulatorOptions = {}) {
  const state = createSoferState({ apiKeys: ["key-1", "key-2"], ...options });
  const fetch = soferFetch(state);
  const send = async (method: string, path: string, body?: unknown, key = "key-1") => {
    const response = await fetch(
      new Request(`${BASE}${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: response.status, body: (await response.json()) as any };
  };
  return { state, send };
}
const source = (n: number, extra: object = {}) => ({ audio_url: `https://a.test/${n}.mp3`, ...extra });
const express = (...audio_sources: object[]) => ({ processing_mode: "express", info: {}, audio_sources });

describe("creating a batch", () => {
  it.each([
    [
      "11 express items",
      express(...Array.from({ length: 11 }, (_, i) => source(i))),
      "body.audio_sources: 11 items, at most 10",
    ],
    [
      "audio_sources without processing_mode express",
      { info: {}, audio_sources: [source(1)] },
      "body.processing_mode: audio_sources are for an express batch",
    ],
    [
      "a batch_file_id with processing_mode express",
      { processing_mode: "express", info: {}, batch_file_id: "f0000000-0000-4000-8000-000000000001" },
      "body.processing_mode: an express batch carries audio_sources",
    ],
    [
      "both audio_sources and batch_file_id",
      { ...express(source(1)), batch_file_id: "f0000000-0000-4000-8000-000000000001" },
      "body.batch_file_id",
    ],
    [
      "neither audio_sources nor batch_file_id",
      { processing_mode: "standard", info: {} },
      "body.batch_file_id: is required",
    ],
    [
      "both speaker settings in info",
      { ...express(source(1)), info: { num_speakers: 2, auto_detect_speakers: true } },
      "body.info: num_speakers and auto_detect_speakers cannot be given together",
    ],
    [
      "both speaker settings in an item",
      express(source(1, { num_speakers: 2, auto_detect_speakers: false })),
      "body.audio_sources[0]: num_speakers and auto_detect_speakers cannot",
    ],
    [
      "a repeated client_item_id",
      express(
        source(1, { client_item_id: "a" }),
        source(2, { client_item_id: "b" }),
        source(3, { client_item_id: "a" }),
      ),
      "body.audio_sources[2].client_item_id: repeats audio_sources[0]'s",
    ],
  ])("refuses %s with 400, creating nothing", async (_what, body, says) => {
    const { state, send } = simulator();
    const answer = await send("POST", "/batch", body);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain(says);
    expect(state.batches.size).toBe(0);
  });

  it("takes an express batch of 10 items, answering their ids in the items' order", async () => {
    const { state, send } = simulator();
    const created = await send("POST", "/batch", express(...Array.from({ length: 10 }, (_, i) => source(i))));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ total_count: 10, status: "RECEIVED" });
    const batch = state.batches.get(created.body.batch_id)!;
    expect(batch.transcriptions.map((t) => t.audio_url)).toEqual(
      Array.from({ length: 10 }, (_, i) => source(i).audio_url),
    );
    expect(batch.transcriptions.map((t) => t.id)).toEqual(created.body.transcription_ids);
  });

  it("accepts every key the state holds, and none it does not (401)", async () => {
    const { state, send } = simulator();
    expect((await send("POST", "/batch", express(source(1)), "key-2")).status).toBe(200);
    state.apiKeys.delete("key-2");
    expect(await send("POST", "/batch", express(source(1)), "key-2")).toEqual({
      status: 401,
      body: { detail: "Invalid or missing API key." },
    });
    expect(state.batches.size).toBe(1);
  });
});

describe("following a batch", () => {
  it("polls to the end with advanceOnGet, its counts adding up at every poll", async () => {
    const { send } = simulator({ advanceOnGet: true, itemsPerStep: 1, failingUrls: [source(2).audio_url] });
    const created = await send("POST", "/batch", express(source(1), source(2), source(3)));
    const seen: string[] = [];
    for (let poll = 0; poll < 10 && seen.at(-1) !== "COMPLETED"; poll++) {
      const { body } = await send("GET", `/batch/${created.body.batch_id}/status`);
      expect(body.completed_count + body.failed_count + body.pending_count).toBe(body.total_count);
      seen.push(body.status);
    }
    expect(seen).toEqual(["PROCESSING", "PROCESSING", "PROCESSING", "COMPLETED"]);
    const { body } = await send("GET", `/batch/${created.body.batch_id}/status`);
    expect(body.transcriptions.map((t: { status: string }) => t.status)).toEqual([
      "COMPLETED",
      "FAILED",
      "COMPLETED",
    ]);
  });

  it("finds an item by its client_item_id (404 for an id no item has, or a batch it does not have)", async () => {
    const { send } = simulator();
    const created = await send(
      "POST",
      "/batch",
      express(source(1, { client_item_id: "shiur-1" }), source(2)),
    );
    const path = (batch: string, id: string) =>
      `/batch/${batch}/items/by-client-item-id?client_item_id=${id}`;
    const found = await send("GET", path(created.body.batch_id, "shiur-1"));
    expect(found.body).toMatchObject({ id: created.body.transcription_ids[0], client_item_id: "shiur-1" });
    expect((await send("GET", path(created.body.batch_id, "shiur-2"))).status).toBe(404);
    expect((await send("GET", path("b0000000-0000-4000-8000-0000000000ff", "shiur-1"))).status).toBe(404);
  });

  it("ends a batch created while funds are short with every item INSUFFICIENT_FUNDS", async () => {
    const { state, send } = simulator({ insufficientFunds: true });
    const created = await send("POST", "/batch", express(source(1), source(2)));
    expect(created.body.status).toBe("RECEIVED");
    state.runToCompletion(created.body.batch_id);
    const { body } = await send("GET", `/batch/${created.body.batch_id}/status`);
    expect(body).toMatchObject({ status: "FAILED", completed_count: 0, failed_count: 2, pending_count: 0 });
    expect(body.transcriptions.map((t: { status: string }) => t.status)).toEqual([
      "INSUFFICIENT_FUNDS",
      "INSUFFICIENT_FUNDS",
    ]);
    const one = await send("GET", `/${created.body.transcription_ids[0]}`);
    expect(one.body).toMatchObject({
      text: "",
      timestamps: null,
      info: { status: "INSUFFICIENT_FUNDS", duration: null },
    });
  });
});
