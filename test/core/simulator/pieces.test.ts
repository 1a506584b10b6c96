import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CursorBook,
  FaultQueue,
  isoSeconds,
  numberedPage,
  PositionIndex,
  RequestLog,
  steppingClock,
} from "../../../src/core/simulator/index.ts";

describe("CursorBook", () => {
  it("gives back the position of a cursor it issued, for the listing it was issued for", () => {
    const book = new CursorBook<number>();
    const cursor = book.issue("files:job_1", 1000);
    expect(book.redeem(cursor, "files:job_1")).toBe(1000);
    expect(book.redeem(cursor, "files:job_2")).toBeUndefined();
  });

  it("refuses cursors it never issued, however they look", () => {
    const book = new CursorBook<number>();
    const issued = book.issue("jobs", 7);
    for (const forged of ["", "not a cursor!", issued.slice(1), `${issued}x`, "eyJhZnRlciI6MTB9"])
      expect(book.redeem(forged, "jobs")).toBeUndefined();
  });

  it("refuses every cursor issued before a reset, even when the same position is issued again", () => {
    const book = new CursorBook<number>();
    const before = book.issue("jobs", 3);
    book.clear();
    const after = book.issue("jobs", 3);
    expect(after).not.toBe(before);
    expect(book.redeem(before, "jobs")).toBeUndefined();
    expect(book.redeem(after, "jobs")).toBe(3);
  });

  it("keeps only the latest cursors up to its capacity", () => {
    const book = new CursorBook<number>(2);
    const [a, b, c] = [book.issue("s", 1), book.issue("s", 2), book.issue("s", 3)];
    expect([book.redeem(a, "s"), book.redeem(b, "s"), book.redeem(c, "s")]).toEqual([undefined, 2, 3]);
  });
});

describe("numberedPage", () => {
  it("slices a page and counts the pages, the last one short", () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    expect(numberedPage(items, 3, 3)).toEqual({ items: [6], page: 3, limit: 3, total: 7, totalPages: 3 });
    expect(numberedPage(items, 4, 3).items).toEqual([]);
    expect(numberedPage([], 1, 50)).toMatchObject({ items: [], total: 0, totalPages: 0 });
  });

  it("refuses a page or limit below 1", () => {
    expect(() => numberedPage([1], 0, 10)).toThrow(/page 0/);
    expect(() => numberedPage([1], 1, 0)).toThrow(/limit 0/);
  });
});

describe("RequestLog", () => {
  it("keeps the latest requests up to its capacity, oldest first", () => {
    const log = new RequestLog(2);
    for (const operationId of ["a", "b", "c"])
      log.push({ method: "GET", operationId, url: "https://x.test", status: 200 });
    expect(log.entries.map((e) => e.operationId)).toEqual(["b", "c"]);
    log.clear();
    expect(log.length).toBe(0);
  });

  it("keeps them in order however many times it wraps around", () => {
    const log = new RequestLog(3);
    const pushed: string[] = [];
    for (let i = 0; i < 11; i++) {
      pushed.push(String(i));
      log.push({ method: "GET", operationId: String(i), url: "https://x.test", status: 200 });
      expect(log.entries.map((e) => e.operationId)).toEqual(pushed.slice(-3));
    }
    log.clear();
    log.push({ method: "GET", operationId: "again", url: "https://x.test", status: 200 });
    expect(log.entries.map((e) => e.operationId)).toEqual(["again"]);
  });
});

describe("PositionIndex", () => {
  it("finds the nearest earlier position in a category, as a scan back would, through moves and growth", () => {
    const categories = ["a", "b", "c"];
    const op = fc.oneof(
      fc.record({ push: fc.constantFrom(...categories) }),
      fc.record({ move: fc.nat(), to: fc.constantFrom(...categories) }),
      fc.record({
        previous: fc.constantFrom(...categories, "none"),
        before: fc.integer({ min: -1, max: 5000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.nat(2500), (ops, prefill) => {
        const index = new PositionIndex<string>();
        const model: string[] = [];
        // Enough positions to cross a growth of the trees (1024, 2048).
        for (let i = 0; i < prefill; i++) (model.push(categories[i % 3]!), index.push(categories[i % 3]!));
        for (const o of ops) {
          if ("push" in o) expect(index.push(o.push)).toBe(model.push(o.push) - 1);
          else if ("move" in o) {
            index.move(o.move, o.to);
            if (o.move < model.length) model[o.move] = o.to;
          } else {
            let expected = Math.min(o.before, model.length) - 1;
            while (expected >= 0 && model[expected] !== o.previous) expected--;
            expect(index.previous(o.previous, o.before)).toBe(Math.max(expected, -1));
          }
        }
        expect(index.size).toBe(model.length);
      }),
      { numRuns: 200 },
    );
  });

  it("forgets every position on clear", () => {
    const index = new PositionIndex<string>();
    for (let i = 0; i < 3000; i++) index.push("a");
    index.clear();
    expect([index.size, index.previous("a", 3000)]).toEqual([0, -1]);
    expect(index.push("b")).toBe(0);
    expect(index.previous("b", 1)).toBe(0);
  });
});

describe("FaultQueue", () => {
  it("answers a fault as many times as asked, then lets requests through", () => {
    const q = new FaultQueue();
    q.inject({ status: 503, times: 2 });
    expect(q.take("a")?.status).toBe(503);
    expect(q.take("b")?.status).toBe(503);
    expect(q.take("a")).toBeUndefined();
  });

  it("keeps a fault for one operation away from the others", () => {
    const q = new FaultQueue();
    q.inject({ status: 429, operationId: "list", retryAfter: 3 });
    expect(q.take("create")).toBeUndefined();
    expect(q.take("list")).toMatchObject({ status: 429, retryAfter: 3 });
  });

  it("refuses a status that is not HTTP, and a count below one", () => {
    expect(() => new FaultQueue().inject({ status: 99 })).toThrow(/fault.status: 99/);
    expect(() => new FaultQueue().inject({ status: 500, times: 0 })).toThrow(/fault.times/);
  });
});

describe("steppingClock", () => {
  it("starts at the given instant and moves one second per reading", () => {
    const now = steppingClock("2026-01-05T18:34:12Z");
    expect([now(), now()].map(isoSeconds)).toEqual(["2026-01-05T18:34:12Z", "2026-01-05T18:34:13Z"]);
    expect(() => steppingClock("not a date")).toThrow(/not a date/);
  });
});
