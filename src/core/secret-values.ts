// The parts of redaction a client needs on every request (what counts as a credential, the URL as it
// may be logged), apart from redact.ts, which errors load when they are made.

export const REDACTED = "[redacted]";

/**
 * Property names whose values are credentials, wherever they sit in a body: cloud storage keys
 * (`auth.aws.secret_access_key`, `session_token`), webhook `secret`s, and the usual others.
 */
export const SECRET_KEYS =
  /^(secret|secret_access_key|session_token|access_token|refresh_token|id_token|token|api_key|apikey|password|client_secret|private_key|signature)$/i;

/** Query parameter names whose values are credentials (a pre-signed URL's signature, `?token=`). */
export const SECRET_QUERY_NAMES =
  "token|access_token|api_key|apikey|key|secret|signature|x-amz-signature|x-amz-security-token|x-amz-credential|x-goog-signature|x-goog-credential|sig";
const SECRET_QUERY = new RegExp(`^(${SECRET_QUERY_NAMES})$`, "i");

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

/** How deep redaction goes into a body (deeper parts are replaced by a marker, or not searched). */
export const MAX_DEPTH = 64;

/**
 * The credentials in a URL given as a value (a pre-signed audio URL's `X-Amz-Signature`, a `?token=`),
 * added to `out`. Only strings that look like http(s) URLs with a query are parsed.
 */
export function urlSecrets(value: string, out: string[]): void {
  if (!value.includes("?") || !/^https?:\/\//i.test(value)) return;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return;
  }
  for (const [key, v] of parsed.searchParams) if (v !== "" && SECRET_QUERY.test(key)) out.push(v);
}

/**
 * The string values at credential keys in a body, and the credentials in URLs it carries: scrubbed from
 * messages in case a provider echoes them.
 */
export function secretValues(value: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (typeof node === "string") return urlSecrets(node, out);
    if (depth >= MAX_DEPTH || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) node.forEach((item) => walk(item, depth + 1));
    else {
      for (const [k, v] of Object.entries(node)) {
        if (SECRET_KEYS.test(k) && typeof v === "string") out.push(v);
        else walk(v, depth + 1);
      }
    }
  };
  walk(value, 0);
  return out;
}
