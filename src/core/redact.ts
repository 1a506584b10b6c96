// Credentials never leave the client in an error message, an error's JSON or a log line: everything
// that describes a request or a response goes through these functions first.

export const REDACTED = "[redacted]";

/** Header names whose values are credentials. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
]);

/**
 * Property names whose values are credentials, wherever they sit in a body: cloud storage keys
 * (`auth.aws.secret_access_key`, `session_token`), webhook `secret`s, and the usual others.
 */
const SECRET_KEYS =
  /^(secret|secret_access_key|session_token|access_token|refresh_token|id_token|token|api_key|apikey|password|client_secret|private_key|signature)$/i;

const SECRET_QUERY =
  /^(token|access_token|api_key|apikey|key|secret|signature|x-amz-signature|x-amz-security-token|sig)$/i;

export function redactHeaders(headers: Headers | Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) out[lower] = value;
    else if (lower === "authorization" || lower === "proxy-authorization") {
      // Keep the scheme: "Bearer [redacted]" still tells what kind of credential was sent.
      const scheme = /^(\S+)\s/.exec(value)?.[1];
      out[lower] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else out[lower] = REDACTED;
  }
  return out;
}

/**
 * A deep copy of `value` with every credential property replaced by `[redacted]`, and bearer tokens and
 * the given secret values scrubbed from every other string (a provider may echo them in a message).
 */
export function redactBody<T>(value: T, secrets: readonly string[] = []): T {
  const seen = new WeakSet<object>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === "string") return redactText(node, secrets);
    if (node === null || typeof node !== "object") return node;
    if (seen.has(node)) return "[circular]";
    seen.add(node);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        SECRET_KEYS.test(k) && v !== null && v !== undefined && typeof v !== "object" ? REDACTED : walk(v);
    }
    return out;
  };
  return walk(value) as T;
}

/** The URL with credential-like query parameters (pre-signed URL signatures, `?token=`) and user info redacted. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}

/**
 * Removes known secret values from free text (a message a server echoed back, say). Used as a last
 * line of defence on messages built from provider bodies.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, `Bearer ${REDACTED}`);
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** The string values at credential keys in a body: scrubbed from messages in case a provider echoes them. */
export function secretValues(value: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (SECRET_KEYS.test(k) && typeof v === "string") out.push(v);
        else walk(v);
      }
    }
  };
  walk(value);
  return out;
}
