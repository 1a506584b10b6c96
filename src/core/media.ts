// Media types: what kind of body a Content-Type announces, and reading a request's or response's body
// into the form the validator checks (JSON values, NDJSON text, multipart and form fields, text, bytes).
// Reading never throws: a body that cannot be read as its Content-Type says is reported as malformed.

export { isJsonMediaType, mediaKind, mediaType, type MediaKind } from "./media-type.ts";
import { mediaKind, mediaType, type MediaKind } from "./media-type.ts";

/**
 * Whether `type` is covered by `pattern` as OpenAPI writes media-type keys and `encoding.contentType`:
 * exact, `audio/*`, `*\/*`, or a comma-separated list of those.
 */
export function mediaTypeMatches(pattern: string, type: string | undefined): boolean {
  if (type === undefined) return false;
  return pattern.split(",").some((raw) => {
    const p = mediaType(raw);
    if (p === undefined) return false;
    if (p === "*/*" || p === type) return true;
    return p.endsWith("/*") && type.startsWith(p.slice(0, -1));
  });
}

/** The declared media type (a key of an OpenAPI `content` map) that a Content-Type selects, if any. */
export function selectMediaType(
  declared: readonly string[],
  contentType: string | null | undefined,
): string | undefined {
  const type = mediaType(contentType);
  if (type === undefined) return undefined;
  return declared.find((d) => d.toLowerCase() === type) ?? declared.find((d) => mediaTypeMatches(d, type));
}

/** One field of a multipart or urlencoded form, as received. */
export interface FormPart {
  name: string;
  /** The text of a field, or of a file part whose type is JSON or text. */
  text?: string;
  /** Present for a file part: its file name, media type and size in bytes. */
  file?: { filename: string | undefined; type: string | undefined; size: number };
}

/** The fields of a received form, in order (a name may repeat). */
export class FormParts {
  constructor(readonly parts: readonly FormPart[]) {}
}

/**
 * A body as read off the wire, in the form the validator takes for its kind: a parsed JSON value,
 * NDJSON as its text (the validator checks it line by line), `FormParts` for multipart and urlencoded
 * forms, a string for text, and the bytes for anything else.
 */
export type WireBody = unknown;

export type ReadBody =
  | { ok: true; type: string | undefined; kind: MediaKind; body: WireBody; size: number }
  | { ok: false; type: string | undefined; kind: MediaKind; message: string };

/**
 * Reads the body of a request or response (from a clone: the message stays readable) as its
 * Content-Type says. An empty body reads as `undefined`.
 */
export async function readBody(message: Request | Response): Promise<ReadBody> {
  const type = mediaType(message.headers.get("content-type"));
  const kind = mediaKind(type);
  if (message.body === null) return { ok: true, type, kind, body: undefined, size: 0 };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await message.clone().arrayBuffer());
  } catch {
    return { ok: false, type, kind, message: "the body could not be read" };
  }
  if (bytes.length === 0) return { ok: true, type, kind, body: undefined, size: 0 };
  const size = bytes.length;
  if (kind === "binary") return { ok: true, type, kind, body: bytes, size };
  if (kind === "multipart") {
    try {
      // Parsed by the runtime's own multipart reader, from the bytes already read.
      const form = await new Response(bytes as BodyInit, {
        headers: { "content-type": message.headers.get("content-type") ?? "" },
      }).formData();
      return { ok: true, type, kind, body: await formParts(form), size };
    } catch {
      return {
        ok: false,
        type,
        kind,
        message: "not a valid multipart/form-data body",
      };
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, type, kind, message: "the body is not valid UTF-8" };
  }
  if (kind === "form") {
    const parts = [...new URLSearchParams(text)].map(([name, value]) => ({ name, text: value }));
    return { ok: true, type, kind, body: new FormParts(parts), size };
  }
  if (kind === "json") {
    try {
      return { ok: true, type, kind, body: JSON.parse(text) as unknown, size };
    } catch {
      return { ok: false, type, kind, message: "not valid JSON" };
    }
  }
  return { ok: true, type, kind, body: text, size };
}

/** A `FormData` as `FormParts`; the text of file parts that carry JSON or text is read too. */
export async function formParts(form: FormData): Promise<FormParts> {
  const parts: FormPart[] = [];
  for (const [name, value] of form) {
    if (typeof value === "string") {
      parts.push({ name, text: value });
      continue;
    }
    const type = mediaType(value.type);
    const readable = type !== undefined && ["json", "ndjson", "text", "form"].includes(mediaKind(type));
    parts.push({
      name,
      file: { filename: value.name || undefined, type, size: value.size },
      ...(readable ? { text: await value.text() } : {}),
    });
  }
  return new FormParts(parts);
}

/** NDJSON text as its values, one a non-empty line; a line that is not JSON is reported by number. */
export function parseNdjson(text: string): { values: unknown[]; badLines: number[] } {
  const values: unknown[] = [];
  const badLines: number[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "") return;
    try {
      values.push(JSON.parse(line));
    } catch {
      badLines.push(i + 1);
    }
  });
  return { values, badLines };
}
