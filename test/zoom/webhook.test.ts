import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/core/auth.ts";
import { signZoomWebhook, verifyZoomWebhook } from "../../src/zoom/webhook.ts";

const SECRET = "hmac-secret";
const BODY = '{"event_type":"batch_job.succeeded","job":{"job_id":"job_abc123","state":"SUCCEEDED"}}';
const TS = 1767638052;
// Computed outside this code base (Python's hmac module) over "v0:1767638052:" + BODY.
const KNOWN_SIGNATURE = "sha256=16eca458f644d94147f4d588018feedffa8b7f7a90ee8befc6133bfde3d5a6a7";
const now = () => TS * 1000;

/** Webhook headers; `null` leaves one out. */
const headers = (signature: string | null, timestamp: string | null = String(TS)) => {
  const h = new Headers();
  if (signature !== null) h.set("x-zm-signature", signature);
  if (timestamp !== null) h.set("x-zm-request-timestamp", timestamp);
  return h;
};

describe("verifyZoomWebhook", () => {
  it("accepts the known-answer signature and returns the parsed payload", async () => {
    const result = await verifyZoomWebhook<{ job: { job_id: string } }>({
      secret: SECRET,
      rawBody: BODY,
      headers: headers(KNOWN_SIGNATURE),
      now,
    });
    expect(result).toEqual({ valid: true, payload: JSON.parse(BODY), timestamp: TS });
  });

  it("agrees with node:crypto on a body of bytes, with Node-style headers", async () => {
    const bytes = new TextEncoder().encode('{"emoji":"🎙️","n":1}');
    const digest = createHmac("sha256", "s3cr3t")
      .update(Buffer.concat([Buffer.from(`v0:${TS}:`), bytes]))
      .digest("hex");
    const result = await verifyZoomWebhook({
      secret: "s3cr3t",
      rawBody: bytes,
      headers: { "X-Zm-Signature": `sha256=${digest}`, "x-zm-request-timestamp": [String(TS)] },
      now,
    });
    expect(result).toMatchObject({ valid: true, payload: { emoji: "🎙️", n: 1 } });
  });

  it.each([
    ["a tampered body", { rawBody: BODY.replace("SUCCEEDED", "FAILED") }, "signature-mismatch"],
    ["the wrong secret", { secret: "other-secret" }, "signature-mismatch"],
    ["a stale timestamp", { now: () => (TS + 301) * 1000 }, "stale-timestamp"],
    ["a timestamp from the future", { now: () => (TS - 301) * 1000 }, "future-timestamp"],
  ])("refuses %s", async (_what, change, reason) => {
    const result = await verifyZoomWebhook({
      secret: SECRET,
      rawBody: BODY,
      headers: headers(KNOWN_SIGNATURE),
      now,
      ...change,
    });
    expect(result).toEqual({ valid: false, reason });
  });

  it("accepts a timestamp exactly at the tolerance, and a custom tolerance", async () => {
    expect(
      (
        await verifyZoomWebhook({
          secret: SECRET,
          rawBody: BODY,
          headers: headers(KNOWN_SIGNATURE),
          now: () => (TS + 300) * 1000,
        })
      ).valid,
    ).toBe(true);
    expect(
      await verifyZoomWebhook({
        secret: SECRET,
        rawBody: BODY,
        headers: headers(KNOWN_SIGNATURE),
        now: () => (TS + 60) * 1000,
        toleranceSeconds: 30,
      }),
    ).toEqual({ valid: false, reason: "stale-timestamp" });
  });

  it.each([
    ["no signature header", headers(null), "missing-signature"],
    ["no timestamp header", headers(KNOWN_SIGNATURE, null), "missing-timestamp"],
    ["a signature without the sha256= prefix", headers(KNOWN_SIGNATURE.slice(7)), "malformed-signature"],
    [
      "a v0= prefix (Marketplace style)",
      headers(KNOWN_SIGNATURE.replace("sha256=", "v0=")),
      "malformed-signature",
    ],
    ["a signature that is not hex", headers(`sha256=${"z".repeat(64)}`), "malformed-signature"],
    ["a signature of the wrong length", headers(KNOWN_SIGNATURE.slice(0, -2)), "malformed-signature"],
    ["a timestamp that is not a number", headers(KNOWN_SIGNATURE, "yesterday"), "malformed-timestamp"],
  ])("refuses %s without throwing", async (_what, h, reason) => {
    expect(await verifyZoomWebhook({ secret: SECRET, rawBody: BODY, headers: h, now })).toEqual({
      valid: false,
      reason,
    });
  });

  it("accepts a signature in uppercase hex", async () => {
    const upper = `sha256=${KNOWN_SIGNATURE.slice(7).toUpperCase()}`;
    expect(
      (await verifyZoomWebhook({ secret: SECRET, rawBody: BODY, headers: headers(upper), now })).valid,
    ).toBe(true);
  });

  it("ignores secrets that are not set, as in [current, previous] outside a rotation", async () => {
    const result = await verifyZoomWebhook({
      secrets: [SECRET, process.env.BATCHSPEC_NO_SUCH_SECRET as string, ""],
      rawBody: BODY,
      headers: headers(KNOWN_SIGNATURE),
      now,
    });
    expect(result.valid).toBe(true);
  });

  it("does not take a secret string as a list of one-character secrets", async () => {
    // Signed with "h", the first character of SECRET: had the string been split, this would verify.
    const forged = await signZoomWebhook({ secret: "h", rawBody: BODY, timestamp: TS });
    const run = verifyZoomWebhook({ secrets: SECRET as never, rawBody: BODY, headers: forged, now });
    await expect(run).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("accepts any of several secrets, for rotation", async () => {
    const result = await verifyZoomWebhook({
      secrets: ["new-secret", SECRET],
      rawBody: BODY,
      headers: headers(KNOWN_SIGNATURE),
      now,
    });
    expect(result.valid).toBe(true);
    expect(
      (
        await verifyZoomWebhook({
          secrets: ["new-secret", "older"],
          rawBody: BODY,
          headers: headers(KNOWN_SIGNATURE),
          now,
        })
      ).valid,
    ).toBe(false);
  });

  it("refuses a correctly signed empty body, and a signed body that is not JSON", async () => {
    const empty = await signZoomWebhook({ secret: SECRET, rawBody: "", timestamp: TS });
    expect(await verifyZoomWebhook({ secret: SECRET, rawBody: "", headers: empty, now })).toEqual({
      valid: false,
      reason: "empty-body",
    });
    const text = await signZoomWebhook({ secret: SECRET, rawBody: "not json", timestamp: TS });
    expect(await verifyZoomWebhook({ secret: SECRET, rawBody: "not json", headers: text, now })).toEqual({
      valid: false,
      reason: "body-not-json",
    });
  });

  it.each([
    ["no secret at all", { secret: undefined }, /no secret \(give `secret`, or `secrets` with at least one/],
    ["only empty secrets", { secret: "", secrets: [undefined, ""] }, /no secret/],
    [
      "secrets as a string",
      { secret: undefined, secrets: SECRET },
      /secrets: expected a list of strings, got a string/,
    ],
    [
      "a secret that is not a string",
      { secret: undefined, secrets: [SECRET, 42] },
      /secrets\[1\]: expected a string, got number/,
    ],
    ["no headers", { headers: undefined }, /headers: expected the request's headers/],
    [
      "a parsed body instead of the raw one",
      { rawBody: JSON.parse(BODY) },
      /pass the body exactly as received/,
    ],
    ["a negative tolerance", { toleranceSeconds: -1 }, /toleranceSeconds: expected ≥ 0, got -1/],
  ])("throws a ConfigurationError for misuse: %s", async (_what, change, message) => {
    const run = verifyZoomWebhook({
      secret: SECRET,
      rawBody: BODY,
      headers: headers(KNOWN_SIGNATURE),
      now,
      ...(change as object),
    });
    await expect(run).rejects.toBeInstanceOf(ConfigurationError);
    await expect(
      verifyZoomWebhook({
        secret: SECRET,
        rawBody: BODY,
        headers: headers(KNOWN_SIGNATURE),
        now,
        ...(change as object),
      }),
    ).rejects.toThrow(message);
  });
});

describe("signZoomWebhook", () => {
  it("produces the known-answer headers", async () => {
    expect(await signZoomWebhook({ secret: SECRET, rawBody: BODY, timestamp: TS })).toEqual({
      "x-zm-signature": KNOWN_SIGNATURE,
      "x-zm-request-timestamp": String(TS),
    });
  });

  it("signs with the current time by default, which verifies", async () => {
    const h = await signZoomWebhook({ secret: SECRET, rawBody: BODY });
    expect((await verifyZoomWebhook({ secret: SECRET, rawBody: BODY, headers: h })).valid).toBe(true);
  });
});
