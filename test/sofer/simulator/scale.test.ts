// How much of its state the Sofer simulator touches: advancing a batch is O(items it moves), a batch's
// status O(its size), a page of manifests O(page size), whatever else the state holds; the request log
// stays bounded. Not timed: objects are instrumented so that reading any field marks them touched.
import { describe, expect, it } from "vitest";
import { createSoferState, soferFetch, type SoferState } from "../../../src/sofer/mock.ts";

const BASE = "https://api.sofer.ai/v1/transcriptions";

/** Makes every field of each object an accessor that adds the object to `touched` when read. */
function instrument(objects: Iterable<object>, touched: Set<object>): void {
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      let value = (object as Record<string, unknown>)[key];
      Object.defineProperty(object, key, {
        get: () => (touched.add(object), value),
        set: (v) => void (value = v),
        enumerable: true,
        configurable: true,
      });
    }
  }
}

const items = (n: number, prefix = "u") =>
  Array.from({ length: n }, (_, i) => ({ audio_url: `${prefix}${i}` }));
const express = { processing_mode: "express" as const, info: {} };

function withBatches(state: SoferState, count: number, size: number) {
  return Array.from({ length: count }, () => state.addBatch(express, items(size)));
}

describe("the Sofer simulator with many batches", () => {
  it("advances one batch touching only its own items, itemsPerStep at a time", () => {
    const state = createSoferState({ itemsPerStep: 50 });
    const batches = withBatches(state, 40, 500);
    const touched = new Set<object>();
    instrument(
      batches.flatMap((b) => b.transcriptions),
      touched,
    );
    const target = batches[23]!;
    state.advance(target.batch_id); // RECEIVED → PROCESSING: each of its 500 items moves
    expect(touched.size).toBe(500);
    expect([...touched].every((t) => target.transcriptions.includes(t as never))).toBe(true);
    for (let step = 0; step < 10; step++) {
      touched.clear();
      state.advance(target.batch_id);
      expect(touched.size).toBe(50); // never the items already done
    }
    expect(target.status).toBe("COMPLETED");
  });

  it("reports a batch's status touching only that batch's items", async () => {
    const state = createSoferState();
    const batches = withBatches(state, 100, 100);
    const touched = new Set<object>();
    instrument(
      batches.flatMap((b) => b.transcriptions),
      touched,
    );
    const fetch = soferFetch(state);
    const response = await fetch(
      new Request(`${BASE}/batch/${batches[7]!.batch_id}/status`, {
        headers: { Authorization: "Bearer conformance-token" },
      }),
    );
    expect((await response.json()).total_count).toBe(100);
    expect(touched.size).toBe(100);
    expect([...touched].every((t) => batches[7]!.transcriptions.includes(t as never))).toBe(true);
  });

  it("lists a page of manifests touching only the page (and the one after it)", async () => {
    const state = createSoferState({ batchFilesPageSize: 20 });
    const files = Array.from({ length: 3000 }, (_, i) =>
      state.addBatchFile({
        content_type: "json",
        entries: [{ number: 1, value: { audio_url: `u${i}` } }],
        size_bytes: 1,
        checksum: null,
        title: null,
        description: null,
      }),
    );
    const touched = new Set<object>();
    instrument(files, touched);
    const fetch = soferFetch(state);
    let url = `${BASE}/batch-files`;
    for (let page = 0; page < 10; page++) {
      touched.clear();
      const response = await fetch(
        new Request(url, { headers: { Authorization: "Bearer conformance-token" } }),
      );
      const body = await response.json();
      expect(body.files).toHaveLength(20);
      expect(touched.size).toBeLessThanOrEqual(21);
      url = `${BASE}/batch-files?cursor=${body.next_cursor}`;
    }
  });

  it("keeps at most requestLogSize requests, the newest", async () => {
    const state = createSoferState({ requestLogSize: 5 });
    const fetch = soferFetch(state);
    for (let i = 0; i < 12; i++)
      await fetch(
        new Request(`${BASE}/batch-files?n=${i}`, { headers: { Authorization: "Bearer conformance-token" } }),
      );
    expect(state.requests.length).toBe(5);
    expect(state.requests.entries.map((e) => new URL(e.url).searchParams.get("n"))).toEqual([
      "7",
      "8",
      "9",
      "10",
      "11",
    ]);
  });
});
