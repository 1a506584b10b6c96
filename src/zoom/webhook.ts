// Zoom AI Services webhook signatures (shared/seeds/001_f3a0e4e9e0803f6e.txt): `x-zm-signature` is
// `sha256=` + hex HMAC-SHA256(secret, "v0:{x-zm-request-timestamp}:{raw body}"), the timestamp in Unix
// seconds. Verification is a pure function: it returns a result, and throws only on misuse.
import { ConfigurationError } from "../core/auth.ts";
import { concatBytes, headerValue, hmacSha256Hex, timingSafeEqual, type BytesLike } from "../core/hmac.ts";

export const ZOOM_SIGNATURE_HEADER = "x-zm-signature";
export const ZOOM_TIMESTAMP_HEADER = "x-zm-request-timestamp";

export type ZoomWebhookFailure =
  | "missing-signature"
  | "missing-timestamp"
  | "malformed-signature"
  | "malformed-timestamp"
  | "stale-timestamp"
  | "future-timestamp"
  | "signature-mismatch"
  | "empty-body"
  | "body-not-json";

export type ZoomWebhookResult<TPayload> =
  { valid: true; payload: TPayload; timestamp: number } | { valid: false; reason: ZoomWebhookFailure };

export interface VerifyZoomWebhookOptions {
  /** The `notifications.secret` the job was created with; or `secrets` during a rotation. */
  secret?: string;
  /** Several secrets, any of which may have signed the request (rotation). */
  secrets?: readonly string[];
  /** The request body exactly as received (string or bytes): not a parsed and re-serialised object. */
  rawBody: BytesLike;
  /** The request headers (Fetch `Headers`, or Node's `req.headers`). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** How far the timestamp may be from now, either way, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The current time in milliseconds (for tests). Default `Date.now()`. */
  now?: () => number;
}

function secretsOf(options: VerifyZoomWebhookOptions): string[] {
  const list = [...(options.secret !== undefined ? [options.secret] : []), ...(options.secrets ?? [])];
  if (list.length === 0)
    throw new ConfigurationError("verifyZoomWebhook: give `secret` or a non-empty `secrets`");
  for (const s of list) {
    if (typeof s !== "string" || s === "")
      throw new ConfigurationError("verifyZoomWebhook: every secret must be a non-empty string");
  }
  return list;
}

/**
 * Checks a Zoom job notification: the signature against each secret (in constant time), and the
 * timestamp within `toleranceSeconds` of now. Returns the parsed payload only when all holds.
 */
export async function verifyZoomWebhook<TPayload = unknown>(
  options: VerifyZoomWebhookOptions,
): Promise<ZoomWebhookResult<TPayload>> {
  const secrets = secretsOf(options);
  const { rawBody } = options;
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new ConfigurationError(
      "verifyZoomWebhook.rawBody: pass the body exactly as received (a string or bytes), not a parsed object",
    );
  }
  const tolerance = options.toleranceSeconds ?? 300;
  if (!(tolerance >= 0))
    throw new ConfigurationError(
      `verifyZoomWebhook.toleranceSeconds: expected ≥ 0, got ${String(tolerance)}`,
    );

  const signature = headerValue(options.headers, ZOOM_SIGNATURE_HEADER)?.trim();
  const timestamp = headerValue(options.headers, ZOOM_TIMESTAMP_HEADER)?.trim();
  if (!signature) return { valid: false, reason: "missing-signature" };
  if (!timestamp) return { valid: false, reason: "missing-timestamp" };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature);
  if (!match) return { valid: false, reason: "malformed-signature" };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: "malformed-timestamp" };

  const seconds = Number(timestamp);
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  if (nowSeconds - seconds > tolerance) return { valid: false, reason: "stale-timestamp" };
  if (seconds - nowSeconds > tolerance) return { valid: false, reason: "future-timestamp" };

  const message = concatBytes(`v0:${timestamp}:`, rawBody);
  const given = match[1]!.toLowerCase();
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    if (timingSafeEqual(await hmacSha256Hex(secret, message), given)) matched = true;
  }
  if (!matched) return { valid: false, reason: "signature-mismatch" };

  const text = typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody);
  if (text.trim() === "") return { valid: false, reason: "empty-body" };
  try {
    return { valid: true, payload: JSON.parse(text) as TPayload, timestamp: seconds };
  } catch {
    return { valid: false, reason: "body-not-json" };
  }
}

/** The two headers Zoom would send with `rawBody` signed by `secret`: for tests and simulators. */
export async function signZoomWebhook(options: {
  secret: string;
  rawBody: BytesLike;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}): Promise<Record<typeof ZOOM_SIGNATURE_HEADER | typeof ZOOM_TIMESTAMP_HEADER, string>> {
  if (typeof options.secret !== "string" || options.secret === "") {
    throw new ConfigurationError("signZoomWebhook.secret: expected a non-empty string");
  }
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const digest = await hmacSha256Hex(options.secret, concatBytes(`v0:${timestamp}:`, options.rawBody));
  return { [ZOOM_SIGNATURE_HEADER]: `sha256=${digest}`, [ZOOM_TIMESTAMP_HEADER]: timestamp };
}
