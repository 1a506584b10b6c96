// Verifying and signing webhook deliveries that carry an HMAC-SHA256 signature over a timestamp and the
// raw body, in headers. Verification is a pure function: it
// returns a result, rejects stale and future timestamps, accepts any of several secrets (rotation), and
// throws only on misuse. A provider gives its scheme: header names, signature format, signed message.
import { ConfigurationError } from "./auth.ts";
import { headerValue, hmacSha256Hex, timingSafeEqual, type BytesLike } from "./hmac.ts";

export interface SignatureScheme {
  /** The verifier's public name, for misuse errors (`verify<Provider>Webhook`). */
  name: string;
  signatureHeader: string;
  timestampHeader: string;
  /** The hex digest in a signature header's value, or undefined when it is malformed. */
  digestOf(signature: string): string | undefined;
  /** The header value for a digest. */
  signatureOf(digest: string): string;
  /** The bytes that are signed. */
  message(timestamp: string, rawBody: BytesLike): BytesLike;
}

export type WebhookFailure =
  | "missing-signature"
  | "missing-timestamp"
  | "malformed-signature"
  | "malformed-timestamp"
  | "stale-timestamp"
  | "future-timestamp"
  | "signature-mismatch"
  | "empty-body"
  | "body-not-json";

export type WebhookResult<TPayload> =
  { valid: true; payload: TPayload; timestamp: number } | { valid: false; reason: WebhookFailure };

export interface VerifyWebhookOptions {
  /** The secret the deliveries are signed with; or `secrets` during a rotation. */
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

/**
 * The secrets to try. Entries that are undefined or empty are left out (`[current, previous]` outside
 * a rotation), as long as one remains; a string where a list belongs, or a value that is not a string,
 * is misuse.
 */
function secretsOf(scheme: SignatureScheme, options: VerifyWebhookOptions): string[] {
  const { secret, secrets } = options as { secret?: unknown; secrets?: unknown };
  if (secrets !== undefined && !Array.isArray(secrets)) {
    throw new ConfigurationError(
      `${scheme.name}.secrets: expected a list of strings, got ${typeof secrets === "string" ? "a string (give one secret as `secret`)" : typeof secrets}`,
    );
  }
  const given: [string, unknown][] = [
    ...(secret !== undefined ? [["secret", secret] as [string, unknown]] : []),
    ...((secrets as unknown[] | undefined) ?? []).map((s, i) => [`secrets[${i}]`, s] as [string, unknown]),
  ];
  for (const [where, value] of given) {
    if (value !== undefined && value !== null && typeof value !== "string")
      throw new ConfigurationError(`${scheme.name}.${where}: expected a string, got ${typeof value}`);
  }
  const list = given.map(([, v]) => v).filter((v): v is string => typeof v === "string" && v !== "");
  if (list.length === 0)
    throw new ConfigurationError(
      `${scheme.name}: no secret (give \`secret\`, or \`secrets\` with at least one non-empty string)`,
    );
  return list;
}

/**
 * Checks a delivery: the signature against each secret (in constant time), and the timestamp (Unix
 * seconds) within `toleranceSeconds` of now. Returns the parsed JSON payload only when all holds.
 */
export async function verifyWebhook<TPayload = unknown>(
  scheme: SignatureScheme,
  options: VerifyWebhookOptions,
): Promise<WebhookResult<TPayload>> {
  const secrets = secretsOf(scheme, options);
  const { rawBody } = options;
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new ConfigurationError(
      `${scheme.name}.rawBody: pass the body exactly as received (a string or bytes), not a parsed object`,
    );
  }
  const headers = options.headers as unknown;
  if (headers === null || typeof headers !== "object") {
    throw new ConfigurationError(
      `${scheme.name}.headers: expected the request's headers (Fetch Headers or Node's req.headers), got ${headers === null ? "null" : typeof headers}`,
    );
  }
  const tolerance = options.toleranceSeconds ?? 300;
  if (!(tolerance >= 0))
    throw new ConfigurationError(`${scheme.name}.toleranceSeconds: expected ≥ 0, got ${String(tolerance)}`);

  const signature = headerValue(options.headers, scheme.signatureHeader)?.trim();
  const timestamp = headerValue(options.headers, scheme.timestampHeader)?.trim();
  if (!signature) return { valid: false, reason: "missing-signature" };
  if (!timestamp) return { valid: false, reason: "missing-timestamp" };
  const digest = scheme.digestOf(signature);
  if (digest === undefined) return { valid: false, reason: "malformed-signature" };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: "malformed-timestamp" };

  const seconds = Number(timestamp);
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  if (nowSeconds - seconds > tolerance) return { valid: false, reason: "stale-timestamp" };
  if (seconds - nowSeconds > tolerance) return { valid: false, reason: "future-timestamp" };

  const message = scheme.message(timestamp, rawBody);
  let matched = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    if (timingSafeEqual(await hmacSha256Hex(secret, message), digest.toLowerCase())) matched = true;
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

/** The headers a provider would send with `rawBody` signed by `secret`: for tests and simulators. */
export async function signWebhook(
  scheme: SignatureScheme,
  options: { secret: string; rawBody: BytesLike; /** Unix seconds. Default: now. */ timestamp?: number },
): Promise<Record<string, string>> {
  if (typeof options.secret !== "string" || options.secret === "") {
    throw new ConfigurationError(
      `${scheme.name.replace(/^verify/, "sign")}.secret: expected a non-empty string`,
    );
  }
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const digest = await hmacSha256Hex(options.secret, scheme.message(timestamp, options.rawBody));
  return { [scheme.signatureHeader]: scheme.signatureOf(digest), [scheme.timestampHeader]: timestamp };
}
