// The Sofer simulator's state: batches move only when advanced, their status and counts follow their
// items (completed + failed + pending = total at every step), and the test switches (failing URLs,
// insufficient funds) decide where items end.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSoferState, type SoferState } from "../../../src/sofer/mock.ts";
import type { BatchRequest } from "../../../src/sofer/simulator/state.ts";
import { batchStatusView } from "../../../src/sofer/simulator/views.ts";

const express = (extra: Partial<BatchRequest> = {}): BatchRequest => ({
  processing_mode: "express",
  info: {},
  ...extra,
});
const items = (...urls: string[]) => urls.map((audio_url) => ({ audio_url }));
const countsOf = (state: SoferState, batchId: string) => {
  const { status, total_count, completed_count, failed_count, pending_count } = batchStatusView(
    state.batches.get(batchId)!,
  );
  return { status, total_count, completed_count, failed_count, pending_count };
};

describe("a Sofer simulator's batches", () => {
  it("move RECEIVED → PROCESSING → COMPLETED only when advanced", () => {
    const state = createSoferState();
    const batch = state.addBatch(express(), items("https://a.test/1.mp3", "https://a.test/2.mp3"));
    expect(batch.status).toBe("RECEIVED");
    expect(batch.transcriptions.map((t) => t.status)).toEqual(["RECEIVED", "RECEIVED"]);
    expect(state.advance(batch.batch_id)).toBe("PROCESSING");
    expect(countsOf(state, batch.batch_id)).toMatchObject({ pending_count: 2, completed_count: 0 });
    expect(state.advance(batch.batch_id)).toBe("COMPLETED");
    expect(countsOf(state, batch.batch_id)).toEqual({
      status: "COMPLETED",
      total_count: 2,
      completed_count: 2,
      failed_count: 0,
      pending_count: 0,
    });
    expect(state.advance(batch.batch_id)).toBe("COMPLETED");
  });

  it("end COMPLETED when some items fail, FAILED when none completed", () => {
    const state = createSoferState({ failingUrls: ["https://a.test/bad.mp3"] });
    const mixed = state.addBatch(express(), items("https://a.test/ok.mp3", "https://a.test/bad.mp3"));
    expect(state.runToCompletion(mixed.batch_id)).toBe("COMPLETED");
    expect(countsOf(state, mixed.batch_id)).toMatchObject({ completed_count: 1, failed_count: 1 });
    expect(mixed.transcriptions.map((t) => t.status)).toEqual(["COMPLETED", "FAILED"]);
    const broken = state.addBatch(express(), items("https://a.test/bad.mp3"));
    expect(state.runToCompletion(broken.batch_id)).toBe("FAILED");
  });

  it("end every item created while insufficientFunds is on INSUFFICIENT_FUNDS, counted as failed", () => {
    const state = createSoferState();
    state.insufficientFunds = true;
    const poor = state.addBatch(express(), items("https://a.test/1.mp3", "https://a.test/2.mp3"));
    state.insufficientFunds = false;
    const paid = state.addBatch(express(), items("https://a.test/3.mp3"));
    // Created RECEIVED like any batch; funds are checked at the first step, before any processing.
    expect(poor.status).toBe("RECEIVED");
    expect(state.advance(poor.batch_id)).toBe("FAILED");
    expect(poor.transcriptions.map((t) => t.status)).toEqual(["INSUFFICIENT_FUNDS", "INSUFFICIENT_FUNDS"]);
    expect(countsOf(state, poor.batch_id)).toMatchObject({ failed_count: 2, pending_count: 0 });
    expect(state.runToCompletion(paid.batch_id)).toBe("COMPLETED");
  });

  it("finish itemsPerStep items a step, staying PROCESSING until the last", () => {
    const state = createSoferState({ itemsPerStep: 2 });
    const batch = state.addBatch(express(), items("1", "2", "3", "4", "5"));
    const seen = [state.advance(batch.batch_id)];
    const completed = [countsOf(state, batch.batch_id).completed_count];
    while (seen.at(-1) === "PROCESSING") {
      seen.push(state.advance(batch.batch_id));
      completed.push(countsOf(state, batch.batch_id).completed_count);
    }
    expect(seen).toEqual(["PROCESSING", "PROCESSING", "PROCESSING", "COMPLETED"]);
    expect(completed).toEqual([0, 2, 4, 5]);
  });

  it("keep completed + failed + pending = total, and the status the rule gives, whatever happens", () => {
    const outcome = fc.constantFrom("ok", "bad", "poor");
    const step = fc.oneof(
      fc.record({ add: fc.array(outcome, { minLength: 1, maxLength: 6 }) }),
      fc.record({ advance: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(step, { maxLength: 60 }), (perStep, steps) => {
        const state = createSoferState({ itemsPerStep: perStep, failingUrls: ["bad"] });
        for (const s of steps) {
          const ids = [...state.batches.keys()];
          if ("add" in s) {
            // "poor" items come in a batch of their own, made while funds are short.
            state.insufficientFunds = s.add.includes("poor");
            state.addBatch(express(), items(...s.add));
          } else if (ids.length) state.advance(ids[s.advance % ids.length]!);
          for (const batch of state.batches.values()) {
            const c = countsOf(state, batch.batch_id);
            expect(c.completed_count + c.failed_count + c.pending_count).toBe(c.total_count);
            const statuses = batch.transcriptions.map((t) => t.status);
            const ended = statuses.every((x) => ["COMPLETED", "FAILED", "INSUFFICIENT_FUNDS"].includes(x));
            const expected = statuses.every((x) => x === "RECEIVED")
              ? "RECEIVED"
              : !ended
                ? "PROCESSING"
                : statuses.includes("COMPLETED")
                  ? "COMPLETED"
                  : "FAILED";
            expect(c.status).toBe(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("say so, rather than run forever, when an item was changed by hand instead of by advance", () => {
    const state = createSoferState();
    const batch = state.addBatch(express(), items("1", "2"));
    state.advance(batch.batch_id);
    (batch.transcriptions[0] as { status: string }).status = "PENDING"; // what the types forbid
    expect(() => state.runToCompletion(batch.batch_id)).toThrow(/changed other than by advance\(\)/);
  });

  it("title untitled items after the batch title, else info.title, else Untitled", () => {
    const state = createSoferState();
    const titled = (extra: Partial<BatchRequest>) =>
      state.addBatch(express(extra), [{ audio_url: "1", title: "Own" }, { audio_url: "2" }]).transcriptions;
    expect(titled({ batch_title: "Shiur" }).map((t) => t.title)).toEqual(["Own", "Shiur - Item 2"]);
    expect(titled({ info: { title: "Info" } }).map((t) => t.title)).toEqual(["Own", "Info - Item 2"]);
    expect(titled({}).map((t) => t.title)).toEqual(["Own", "Untitled - Item 2"]);
  });

  it("give each item its speaker setting by the speaker rule, and Sofer's defaults", () => {
    const state = createSoferState();
    const batch = state.addBatch(express({ info: { num_speakers: 3, primary_language: "he" } }), [
      { audio_url: "1" },
      { audio_url: "2", auto_detect_speakers: true },
      { audio_url: "3", auto_detect_speakers: false },
    ]);
    expect(batch.transcriptions.map((t) => t.speakers)).toEqual([
      { num_speakers: 3 },
      { auto_detect_speakers: true },
      { num_speakers: 1 },
    ]);
    expect(batch.transcriptions[0]).toMatchObject({ model: "v1", hebrew_word_format: ["he"] });
    const english = state.addBatch(express(), items("4")).transcriptions[0]!;
    expect(english).toMatchObject({ primary_language: "en", hebrew_word_format: ["en", "he"] });
  });

  it("give deterministic uuids that say what they name, restarting after a reset", () => {
    const state = createSoferState();
    const first = state.addBatch(express(), items("1", "2"));
    expect(first.batch_id).toBe("b0000000-0000-4000-8000-000000000001");
    expect(first.transcriptions.map((t) => t.id)).toEqual([
      "a0000000-0000-4000-8000-000000000001",
      "a0000000-0000-4000-8000-000000000002",
    ]);
    state.reset();
    expect(state.addBatch(express(), items("1")).batch_id).toBe(first.batch_id);
  });

  it("are forgotten on reset, with requests, faults, cursors and the funds switch (keys and feeds stay)", () => {
    const state = createSoferState({ apiKeys: ["k"], feeds: { "https://f.test": [] } });
    state.addBatch(express(), items("1"));
    state.insufficientFunds = true;
    state.faults.inject({ status: 429 });
    state.requests.push({ method: "GET", operationId: "x", url: "https://x.test", status: 200 });
    const cursor = state.cursors.issue("batch-files", 1);
    state.reset();
    expect([state.batches.size, state.transcriptions.size, state.faults.size, state.requests.length]).toEqual(
      [0, 0, 0, 0],
    );
    expect(state.cursors.redeem(cursor, "batch-files")).toBeUndefined();
    expect(state.insufficientFunds).toBe(false);
    expect([...state.apiKeys, ...state.feeds.keys()]).toEqual(["k", "https://f.test"]);
  });

  it("refuse to advance a batch they do not have, and settings out of range", () => {
    expect(() => createSoferState().advance("nope")).toThrow(/no batch nope/);
    expect(() => createSoferState({ itemsPerStep: 0 })).toThrow(/itemsPerStep/);
    expect(() => createSoferState({ batchFilesPageSize: 0 })).toThrow(/batchFilesPageSize/);
  });
});
