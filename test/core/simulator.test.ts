import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  FaultQueue,
  isoSeconds,
  steppingClock,
} from "../../src/core/simulator.ts";

describe("opaque cursors", () => {
  it("round-trips what a provider puts inside, including non-ASCII text", () => {
    const value = { k: "files", j: "job_ü", after: 1000 };
    const cursor = encodeCursor(value);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(value);
  });

  it.each([
    ["empty", ""],
    ["not base64url", "not a cursor!"],
    ["truncated", encodeCursor({ after: 10 }).slice(0, 5)],
    ["a JSON array", "WzEsMl0"],
    ["JSON null", "bnVsbA"],
    ["invalid UTF-8", "_w"],
  ])("reads a cursor that is %s as no cursor at all", (_what, text) => {
    expect(decodeCursor(text)).toBeUndefined();
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

  it("refuses a status that is not HTTP", () => {
    expect(() => new FaultQueue().inject({ status: 99 })).toThrow(/fault.status: 99/);
  });
});

describe("steppingClock", () => {
  it("starts at the given instant and moves one second per reading", () => {
    const now = steppingClock("2026-01-05T18:34:12Z");
    expect([now(), now()].map(isoSeconds)).toEqual(["2026-01-05T18:34:12Z", "2026-01-05T18:34:13Z"]);
    expect(() => steppingClock("not a date")).toThrow(/not a date/);
  });
});
