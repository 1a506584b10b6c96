// What simulators make up, the same way each time: a stable hash of a text, a small seeded generator
// (so made-up words and lengths follow from a URL or file name alone), and a media type from a file name.

/** FNV-1a: a stable 32-bit hash of a text. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function randomFrom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The file name's extension, lower-cased (letters and digits, up to 8), or undefined. */
export const extensionOf = (filename: string): string | undefined =>
  /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();

/**
 * A file part's media type, or the one its extension names in `types` when the part says nothing
 * useful (no type, the generic `application/octet-stream`, or `text/plain`, which a multipart parser
 * assumes for a part without one).
 */
export function contentTypeOf(
  filename: string,
  partType: string | undefined,
  types: Readonly<Record<string, string>>,
): string {
  const type = partType?.split(";")[0]?.trim().toLowerCase();
  if (type && type !== "application/octet-stream" && type !== "text/plain") return type;
  return types[extensionOf(filename) ?? ""] ?? "application/octet-stream";
}
