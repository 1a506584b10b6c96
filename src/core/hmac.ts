// HMAC-SHA256 and constant-time comparison on Web Crypto, so webhook verification runs the same on Node,
// in browsers and on edge runtimes.

const encoder = new TextEncoder();

export type BytesLike = string | Uint8Array;

const toBytes = (value: BytesLike): Uint8Array => (typeof value === "string" ? encoder.encode(value) : value);

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new TypeError("Web Crypto (globalThis.crypto.subtle) is not available in this runtime");
  return s;
}

/** Concatenates byte sequences (strings as UTF-8). */
export function concatBytes(...parts: BytesLike[]): Uint8Array {
  const bytes = parts.map(toBytes);
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of bytes) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

/** The lowercase hex HMAC-SHA256 of `message` keyed with `secret`. */
export async function hmacSha256Hex(secret: BytesLike, message: BytesLike): Promise<string> {
  const key = await subtle().importKey(
    "raw",
    toBytes(secret) as BufferSource,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(await subtle().sign("HMAC", key, toBytes(message) as BufferSource));
  return Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Compares two strings in time that depends only on their length; strings of different lengths are
 * simply unequal (never an exception).
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/** A header's value from a Fetch `Headers` or a Node-style record (any case; first of repeated values). */
export function headerValue(
  headers: Headers | Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v[0] : v;
  }
  return undefined;
}
