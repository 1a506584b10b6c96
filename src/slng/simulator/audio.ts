// What the simulator makes up about audio it never listens to: a length from a file's size or from a
// URL, a media type from a file name. Lengths are whole tenths of a second.

/** Bytes per second of audio (256 kbit/s, as the Soket simulator assumes). */
const BYTES_PER_SECOND = 32_000;

/** FNV-1a: a stable 32-bit hash of a text. */
export function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export const tenthsOfSize = (bytes: number): number => Math.round((bytes * 10) / BYTES_PER_SECOND);

/** The length of audio behind a URL, which the simulator never fetches: 30 to 300 s. */
export const tenthsOfSource = (where: string): number => 300 + (hashOf(where) % 2701);

/** Tenths of a second as seconds (one decimal). */
export const secondsOf = (tenths: number): number => tenths / 10;

/** SLNG's formats (wav, mp3, flac, aac, ogg, m4a, mp4, amr, mpeg) as media types. */
const TYPES: Readonly<Record<string, string>> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  flac: "audio/flac",
  aac: "audio/aac",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
  mp4: "video/mp4",
  amr: "audio/amr",
  mpeg: "video/mpeg",
};

export const extensionOf = (filename: string): string | undefined =>
  /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();

/** A part's media type, or the one its extension names when it says nothing useful. */
export function contentTypeOf(filename: string, partType: string | undefined): string {
  const type = partType?.split(";")[0]?.trim().toLowerCase();
  if (type && type !== "application/octet-stream" && type !== "text/plain") return type;
  return TYPES[extensionOf(filename) ?? ""] ?? "application/octet-stream";
}

/** The last non-empty path segment of a URL (before any query), else "audio". */
export function lastSegmentOf(url: string): string {
  try {
    const segments = new URL(url).pathname.split("/").filter(Boolean);
    return decodeURIComponent(segments.at(-1) ?? "") || "audio";
  } catch {
    return "audio";
  }
}
