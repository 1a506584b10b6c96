// Credentials never leave the client in an error message, an error's JSON or a log line: everything
// that describes a request or a response goes through these functions first.

import { MAX_DEPTH, REDACTED, SECRET_KEYS, SECRET_QUERY_NAMES } from "./secret-values.ts";
export { REDACTED, redactUrl, secretValues } from "./secret-values.ts";

/**
 * A credential-like query parameter inside free text (a URL quoted in a message): the name and `=`
 * (group 1), then the value up to the next `&`, `#`, quote, space or end.
 */
const SECRET_QUERY_IN_TEXT = new RegExp(
  // A value already redacted (by redactUrl, which encodes the brackets) is left as it is.
  `([?&](?:${SECRET_QUERY_NAMES})=)(?!%5Bredacted%5D|\\[redacted\\])[^&#\\s"'<>\\\\]+`,
  "gi",
);

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

/** Headers as a plain object: credential headers by name, and every secret value wherever it appears. */
export function redactHeaders(
  headers: Headers | Record<string, string> | undefined,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) out[lower] = redactText(value, secrets);
    else if (lower === "authorization" || lower === "proxy-authorization") {
      // Keep the scheme when it is one ("Bearer [redacted]" still tells what kind of credential was sent).
      const scheme = /^([A-Za-z][A-Za-z0-9-]{0,19})\s/.exec(value)?.[1];
      out[lower] = scheme && redactText(scheme, secrets) === scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else out[lower] = REDACTED;
  }
  return out;
}

/**
 * A deep copy of `value` with every credential property replaced by `[redacted]`, and bearer tokens and
 * the given secret values scrubbed from every other string (a provider may echo them in a message).
 */
export function redactBody<T>(value: T, secrets: readonly string[] = []): T {
  // The depth it goes down to is bounded, so a body nested thousands deep cannot overflow the stack:
  // what lies below MAX_DEPTH is replaced by a marker.
  const seen = new WeakSet<object>();
  const copy = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return redactText(node, secrets);
    if (node === null || typeof node !== "object") return node;
    if (depth >= MAX_DEPTH) return "[nested too deep]";
    if (seen.has(node)) return "[circular]";
    seen.add(node);
    if (Array.isArray(node)) return node.map((item) => copy(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[redactText(k, secrets)] =
        SECRET_KEYS.test(k) && v !== null && v !== undefined && typeof v !== "object"
          ? REDACTED
          : copy(v, depth + 1);
    }
    return out;
  };
  return copy(value, 0) as T;
}

/**
 * Removes bearer tokens, credential-like query parameters of URLs and known secret values from free
 * text (a message a server echoed back, say). Used as a last line of defence on messages built from
 * provider bodies.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  // Known secrets first, whole: a pattern below could cut one short (a token with a quote in it ends
  // the Bearer match there) and leave its tail for no rule to find.
  // Longest first, so a secret that is part of another cannot leave the rest of it behind; each also
  // as JSON would escape it (`/` as `\/`, quotes, control characters), as a provider may echo it so.
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 2) continue; // one character would scrub half a message
    forms.add(secret);
    const json = JSON.stringify(secret).slice(1, -1);
    forms.add(json);
    forms.add(json.replace(/\//g, "\\/"));
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  out = out.replace(/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED}`);
  // Credentials in any URL quoted in the text, known to this client or not (a pre-signed URL sent long
  // ago, or inside a JSONL manifest).
  out = out.replace(SECRET_QUERY_IN_TEXT, `$1${REDACTED}`);
  // What a storage service says back about a signature it refused (S3's and GCS's XML errors).
  out = out.replace(/<(SignatureProvided|StringToSign)>[^<]*<\/\1>/g, `<$1>${REDACTED}</$1>`);
  return out;
}

/**
 * An error as it may travel in a `cause`: its name, code and message with the secrets scrubbed, and its
 * own cause likewise (a few levels), never the original object (which may hold the request, its headers...).
 */
export function redactError(error: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? redactText(error, secrets) : undefined;
  const copy = new Error(redactText(error.message, secrets), {
    ...(error.cause !== undefined && depth < 4
      ? { cause: redactError(error.cause, secrets, depth + 1) }
      : {}),
  });
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
