import { describe, expect, it } from "vitest";
import {
  isIdempotentMethod,
  RETRY_DEFAULTS,
  retryDelayMs,
  shouldRetry,
  type AttemptOutcome,
} from "../../src/core/retry.ts";

const decide = (outcome: AttemptOutcome, idempotent: boolean, retriesSoFar = 0) =>
  shouldRetry({ retriesSoFar, maxRetries: 2, idempotent, outcome });

describe("shouldRetry", () => {
  it.each([408, 500, 502, 503, 504])("retries an idempotent request that got %i", (status) => {
    expect(decide({ kind: "response", status }, true)).toBe(true);
  });

  it.each([408, 500, 502, 503, 504])("does not retry a non-idempotent request that got %i", (status) => {
    expect(decide({ kind: "response", status }, false)).toBe(false);
  });

  it("always retries a 429: the provider did nothing", () => {
    expect(decide({ kind: "response", status: 429 }, false)).toBe(true);
  });

  it.each([200, 201, 204, 400, 401, 403, 404, 409, 422, 501])("never retries %i", (status) => {
    expect(decide({ kind: "response", status }, true)).toBe(false);
  });

  it("never retries any response below 400 (the transport loads these rules only for the others)", () => {
    const below400 = Array.from({ length: 300 }, (_, i) => 100 + i);
    expect(below400.filter((status) => decide({ kind: "response", status }, true))).toEqual([]);
  });

  it("retries a connection refused before sending, even for a POST", () => {
    expect(decide({ kind: "connection", beforeSend: true }, false)).toBe(true);
  });

  it("retries a broken connection or a timeout only when idempotent", () => {
    expect(decide({ kind: "connection", beforeSend: false }, false)).toBe(false);
    expect(decide({ kind: "connection", beforeSend: false }, true)).toBe(true);
    expect(decide({ kind: "timeout" }, false)).toBe(false);
    expect(decide({ kind: "timeout" }, true)).toBe(true);
  });

  it("never retries the caller's abort, and stops at maxRetries", () => {
    expect(decide({ kind: "aborted" }, true)).toBe(false);
    expect(decide({ kind: "response", status: 429 }, true, 2)).toBe(false);
  });

  it("counts GET, HEAD, OPTIONS, PUT and DELETE as idempotent, POST and PATCH not", () => {
    expect(["GET", "head", "OPTIONS", "PUT", "DELETE"].every(isIdempotentMethod)).toBe(true);
    expect(["POST", "PATCH"].some(isIdempotentMethod)).toBe(false);
  });
});

describe("retryDelayMs", () => {
  const noJitter = () => 0;
  const headers = (h: Record<string, string>) => new Headers(h);

  it("waits the Retry-After seconds", () => {
    expect(retryDelayMs(0, headers({ "Retry-After": "3" }), RETRY_DEFAULTS, noJitter)).toBe(3000);
  });

  it("waits until a Retry-After HTTP date", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    const later = new Date(now + 5000).toUTCString();
    expect(retryDelayMs(0, headers({ "Retry-After": later }), RETRY_DEFAULTS, noJitter, now)).toBe(5000);
  });

  it("prefers retry-after-ms to Retry-After", () => {
    expect(
      retryDelayMs(0, headers({ "retry-after-ms": "250", "Retry-After": "9" }), RETRY_DEFAULTS, noJitter),
    ).toBe(250);
  });

  it("does not wait out a Retry-After longer than maxRetryAfterMs", () => {
    expect(retryDelayMs(0, headers({ "Retry-After": "3600" }), RETRY_DEFAULTS, noJitter)).toBeUndefined();
  });

  it("backs off from 0.5 s, doubling to an 8 s cap, when the provider says nothing", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, undefined, RETRY_DEFAULTS, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("takes up to a quarter off each backoff delay as jitter", () => {
    expect(retryDelayMs(1, undefined, RETRY_DEFAULTS, () => 0.999)).toBe(750);
    expect(retryDelayMs(1, headers({ "Retry-After": "junk" }), RETRY_DEFAULTS, () => 0.5)).toBe(875);
  });
});
