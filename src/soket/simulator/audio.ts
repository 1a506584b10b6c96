// What the simulator makes up about audio it never listens to: a file's length from its size, a
// source's from its URL, the chunks a file is split into, its media type and storage key. Lengths are
// whole tenths of a second (integers), so the sums a batch reports never drift.
import { contentTypeOf as madeUpContentType, extensionOf, hashOf } from "../../core/simulator/made-up.ts";

/**
 * Bytes per second of audio: 1 MiB is 32.8 s, as in Soket's own example (specs/soket/openapi.yaml,
 * UploadAccepted example; 256 kbit/s).
 */
const BYTES_PER_SECOND = 32_000;

/** Seconds of work per second of audio: Soket's example estimates 21.7 s for 290 s (seed 003). */
const COMPLETION_PER_AUDIO_SECOND = 0.075;

/** An audio file's estimated length in tenths of a second, from its size. */
export { hashOf };

export const tenthsOfSize = (bytes: number): number => Math.round((bytes * 10) / BYTES_PER_SECOND);

/** Tenths of a second as seconds (one decimal). */
export const secondsOf = (tenths: number): number => tenths / 10;

/** The estimated processing time, in seconds to one decimal, of this much audio. */
export const completionSecondsOf = (tenths: number): number =>
  Math.round(tenths * COMPLETION_PER_AUDIO_SECOND) / 10;

/** The length of audio behind a URL or storage key, which the simulator never fetches: 30 to 300 s. */
export const tenthsOfSource = (where: string): number => 300 + (hashOf(where) % 2701);

const TYPES: Readonly<Record<string, string>> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  flac: "audio/flac",
  ogg: "audio/ogg",
  opus: "audio/opus",
  m4a: "audio/mp4",
  aac: "audio/aac",
  webm: "audio/webm",
};

/** A part's media type, or the one its extension names (Soket's formats). */
export const contentTypeOf = (filename: string, partType: string | undefined): string =>
  madeUpContentType(filename, partType, TYPES);

/** `uploads/YYYY/MM/DD/<file_id>.<ext>`, as Soket's example (the day the file was uploaded, UTC). */
export function gcsKeyOf(fileId: string, filename: string, contentType: string, uploaded: Date): string {
  const day = uploaded.toISOString().slice(0, 10).replaceAll("-", "/");
  const fromType = Object.entries(TYPES).find(([, type]) => type === contentType)?.[0];
  return `uploads/${day}/${fileId}.${extensionOf(filename) ?? fromType ?? "bin"}`;
}

/** The last non-empty path segment of a URL or key (before any query), else the whole of it. */
export function lastSegmentOf(where: string): string {
  // Indexes, not splits: a batch of 100,000 URLs would make three arrays each.
  let end = where.search(/[?#]/);
  if (end < 0) end = where.length;
  while (end > 0 && where[end - 1] === "/") end--;
  const start = where.lastIndexOf("/", end - 1) + 1;
  return end > start ? where.slice(start, end) : where;
}
