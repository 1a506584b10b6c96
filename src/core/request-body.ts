// What a helper call does with a body before sending it, loaded by the first call that has one: the
// media type it goes as, the credentials it carries (secrets of the client from then on) and whether
// it nests too deep to send, and how openapi-fetch should serialize it.
import { mediaKind, mediaType } from "./media-type.ts";
import { MAX_DEPTH, SECRET_KEYS, urlSecrets } from "./secret-values.ts";

/**
 * The media type a body goes as: the Content-Type the call names; else a form when the body is
 * `FormData` or carries a file (a Blob) and the operation takes a form; else JSON when the operation
 * takes it; else the first the operation takes.
 */
export function chooseMediaType(
  declared: readonly string[],
  headers: HeadersInit | undefined,
  body: unknown,
): string | undefined {
  const named = headers === undefined ? null : new Headers(headers).get("content-type");
  if (named) return named;
  const form = declared.find((t) => mediaKind(t) === "multipart");
  if (!form) return declared.find((t) => mediaKind(t) === "json") ?? declared[0];
  const isFile = (v: unknown) => v instanceof Blob || (Array.isArray(v) && v.some((i) => i instanceof Blob));
  const hasFile =
    body instanceof FormData ||
    (body !== null && typeof body === "object" && Object.values(body).some(isFile));
  if (form && hasFile) return form;
  return declared.find((t) => mediaKind(t) === "json") ?? declared[0];
}

/**
 * A body about to be sent: its media type, and, in one walk, the credentials it carries (told to
 * `remember`: a later call's error may echo them too) and whether it nests so deep that serializing it
 * would overflow the stack (then `refusal` says why it cannot be sent).
 */
export function prepareBody(
  declared: readonly string[],
  headers: HeadersInit | undefined,
  body: unknown,
  remember: (secret: string) => void,
): { contentType: string | undefined; refusal?: string } {
  const contentType = chooseMediaType(declared, headers, body);
  const { secrets, tooDeep } = inspectBody(body);
  for (const secret of secrets) remember(secret);
  return tooDeep
    ? { contentType, refusal: `body: nested more than ${MAX_BODY_DEPTH} levels deep; it cannot be sent` }
    : { contentType };
}

/**
 * How openapi-fetch should send a body of this media type, or undefined where its default (JSON) is
 * it: a multipart form as `FormData` (built by form-body.ts: files as file parts, objects as JSON text;
 * the runtime writes its Content-Type with the boundary), a urlencoded form as such, anything else as
 * it is, under its own Content-Type.
 */
export function serializeBody(
  contentType: string | undefined,
  body: unknown,
  headers: HeadersInit | undefined,
):
  | Promise<{ body: unknown; headers: HeadersInit | undefined; bodySerializer: (body: unknown) => unknown }>
  | undefined {
  const kind = mediaKind(mediaType(contentType));
  if (contentType === undefined || kind === "json") return undefined;
  return (async () => {
    const multipart = kind === "multipart";
    // A form carrying files goes as FormData (form-body.ts is loaded only by those who send forms).
    if (multipart && !(body instanceof FormData))
      body = (await import("./form-body.ts")).toFormData(body as Record<string, unknown>);
    const merged = mergeHeaders(multipart ? undefined : { "Content-Type": contentType }, headers);
    // The runtime writes a form's Content-Type itself, with its boundary.
    if (multipart) merged.delete("content-type");
    return { body, headers: merged, bodySerializer: kind === "form" ? urlEncoded : asIs };
  })();
}

const asIs = (body: unknown) => body;
const urlEncoded = (body: unknown) =>
  body instanceof URLSearchParams
    ? body
    : new URLSearchParams(
        Object.entries(body as Record<string, unknown>).flatMap(([k, v]) =>
          (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map((x) => [k, String(x)]),
        ),
      );

export function mergeHeaders(...all: (HeadersInit | undefined)[]): Headers {
  const out = new Headers();
  for (const headers of all) new Headers(headers).forEach((value, name) => out.set(name, value));
  return out;
}

/** How deep a body a client sends may nest (deeper would overflow the stack of JSON.stringify). */
const MAX_BODY_DEPTH = 1000;

/**
 * A body to send, walked once without recursion: the string values at credential keys and the
 * credentials in URLs (as secretValues finds them, down to its depth), and whether it nests deeper
 * than MAX_BODY_DEPTH.
 */
function inspectBody(body: unknown): { secrets: string[]; tooDeep: boolean } {
  const secrets: string[] = [];
  const nodes: unknown[] = [body];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (typeof node === "string") {
      if (depth < MAX_DEPTH) urlSecrets(node, secrets);
      continue;
    }
    if (node === null || typeof node !== "object" || node instanceof Blob) continue;
    if (depth >= MAX_BODY_DEPTH) return { secrets, tooDeep: true };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        nodes.push(node[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "string") {
        if (depth >= MAX_DEPTH) continue;
        if (SECRET_KEYS.test(key)) secrets.push(value);
        else urlSecrets(value, secrets);
      } else if (value !== null && typeof value === "object") {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  return { secrets, tooDeep: false };
}
