// What kind of body a Content-Type announces. Apart from media.ts (which reads bodies), so that a client
// that only sends and decodes JSON carries no body reader.

/** How batchspec reads and checks a body of a given media type. */
export type MediaKind = "json" | "ndjson" | "multipart" | "form" | "text" | "binary";

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(contentType: string | null | undefined): string | undefined {
  // Most calls see the same Content-Type as the one before: remembered, not parsed again.
  if (contentType === lastContentType) return lastMediaType;
  const base = contentType?.split(";")[0]?.trim().toLowerCase();
  lastContentType = contentType;
  lastMediaType = base ? base : undefined;
  return lastMediaType;
}
let lastContentType: string | null | undefined;
let lastMediaType: string | undefined;

const NDJSON = new Set([
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/x-jsonlines",
]);
const TEXT_APPLICATION = new Set(["application/xml", "application/yaml", "application/x-yaml"]);

export function mediaKind(type: string | undefined): MediaKind {
  if (type === undefined) return "binary";
  if (isJsonMediaType(type)) return "json";
  if (NDJSON.has(type)) return "ndjson";
  if (type === "multipart/form-data") return "multipart";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type.startsWith("text/") || TEXT_APPLICATION.has(type) || type.endsWith("+xml")) return "text";
  return "binary";
}

export function isJsonMediaType(type: string | undefined): boolean {
  return type !== undefined && (type === "application/json" || /^application\/[^/]+\+json$/.test(type));
}
