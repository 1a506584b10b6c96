// What the simulator makes up about audio it never listens to: a length from a file's size or from a
// URL, a media type from a file name. Lengths are whole tenths of a second.
import { contentTypeOf as madeUpContentType, hashOf } from "../../core/simulator/made-up.ts";

/** Bytes per second of audio (256 kbit/s, as the Soket simulator assumes). */
const BYTES_PER_SECOND = 32_000;

export { hashOf };

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

/** A part's media type, or the one its extension names (SLNG's formats). */
export const contentTypeOf = (filename: string, partType: string | undefined): string =>
  madeUpContentType(filename, partType, TYPES);

/** The last non-empty path segment of a URL (before any query), else "audio". */
export function lastSegmentOf(url: string): string {
  try {
    const segments = new URL(url).pathname.split("/").filter(Boolean);
    return decodeURIComponent(segments.at(-1) ?? "") || "audio";
  } catch {
    return "audio";
  }
}
