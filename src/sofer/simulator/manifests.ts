// Manifests (Sofer's "batch files"): what an upload or an RSS feed becomes, and the check that makes a
// manifest VALID or INVALID. The request's schema is checked by the pipeline before; what it cannot
// say is checked here: each JSONL line (JSON, an object, an item), and client_item_ids unique within
// the manifest (specs/sofer/openapi.yaml, BatchFileUploadRequest x-inferred).
import type { components } from "../../../generated/sofer.ts";
import { beyondLimits } from "../../core/limits.ts";
import { setsBothSpeakerSettings } from "../speakers.ts";
import { soferValidator } from "../validation.ts";

type Schemas = components["schemas"];
export type ManifestItem = Schemas["BatchManifestAudioSource"];

/**
 * One item of a manifest as it was sent: an object of `json_items`, or a line of `jsonl` as text.
 * `number` is how validation errors name it: its position in `json_items`, or its line in `jsonl`.
 */
export type ManifestEntry = { number: number; value: unknown } | { number: number; line: string };

/** An episode of a simulated podcast feed. */
export interface RssEpisode {
  audio_url: string;
  title?: string;
  /** The feed's id of the episode; its `client_item_id` (else its audio URL). */
  guid?: string;
}

/** A simulated podcast feed: its episodes, newest first as feeds list them, and its title. */
export interface RssFeed {
  title?: string;
  episodes: readonly RssEpisode[];
}

/** What one line of a manifest may hold at most, as the pipeline allows of a body. */
const LINE_LIMITS = { depth: 64, stringLength: 65_536 };

/** The non-blank lines of a JSONL manifest, numbered from 1 as an editor would show them. */
/**
 * The non-blank lines of a JSONL manifest, each with its line number (`\n` or `\r\n` ends a line).
 * Stops after `max` + 1 of them: one more than a manifest may hold is enough to refuse it, however
 * many lines follow.
 */
export function jsonlEntries(jsonl: string, max = Number.POSITIVE_INFINITY): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  let number = 0;
  for (let start = 0; start <= jsonl.length && entries.length <= max;) {
    let end = jsonl.indexOf("\n", start);
    if (end === -1) end = jsonl.length;
    number++;
    const line = jsonl.slice(start, end > start && jsonl[end - 1] === "\r" ? end - 1 : end);
    if (line.trim() !== "") entries.push({ number, line });
    start = end + 1;
  }
  return entries;
}

export function jsonEntries(items: readonly unknown[]): ManifestEntry[] {
  return items.map((value, i) => ({ number: i + 1, value }));
}

/** The entry's item, or what is wrong with it (each problem naming the item). */
function itemOf(entry: ManifestEntry): { item: ManifestItem } | { problems: string[] } {
  const name = `item ${entry.number}`;
  let value: unknown;
  if ("line" in entry) {
    try {
      value = JSON.parse(entry.line);
    } catch {
      return { problems: [`${name}: not valid JSON`] };
    }
  } else value = entry.value;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { problems: [`${name}: not a JSON object`] };
  const excess = beyondLimits(value, LINE_LIMITS);
  if (excess) return { problems: [`${name}: ${excess}`] };
  const item = value as ManifestItem;
  const problems: string[] = [];
  if (item.audio_url === undefined || item.audio_url === null || item.audio_url === "")
    problems.push(`${name}: audio_url is missing`);
  if (setsBothSpeakerSettings(item))
    problems.push(`${name}: num_speakers and auto_detect_speakers cannot be given together`);
  if (problems.length > 0) return { problems };
  const issues = soferValidator().validateSchema("BatchManifestAudioSource", item);
  if (issues.length > 0)
    return { problems: issues.map((i) => `${name}: ${i.location || "item"}: ${i.message}`) };
  return { item };
}

/** A manifest's items when every entry is one and their client_item_ids are unique; else its problems. */
export function checkManifest(
  entries: readonly ManifestEntry[],
): { valid: true; items: ManifestItem[] } | { valid: false; problems: string[] } {
  const items: ManifestItem[] = [];
  const problems: string[] = [];
  const firstWith = new Map<string, number>();
  for (const entry of entries) {
    const checked = itemOf(entry);
    if ("problems" in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const id = checked.item.client_item_id;
    if (typeof id === "string") {
      const first = firstWith.get(id);
      // The id is not quoted: it could be anything the caller chose, of any length.
      if (first !== undefined) problems.push(`item ${entry.number}: client_item_id repeats item ${first}'s`);
      else firstWith.set(id, entry.number);
    }
    items.push(checked.item);
  }
  return problems.length > 0 ? { valid: false, problems } : { valid: true, items };
}

/** The episodes `offset` to `offset + limit` of a feed as manifest items, and whether the feed has more. */
export function rssPage(
  feed: RssFeed,
  offset: number,
  limit: number,
): { items: ManifestItem[]; hasMore: boolean } {
  const episodes = feed.episodes.slice(offset, offset + limit);
  return {
    // Each episode's client_item_id is stable however the feed grows: its guid, else its audio URL.
    items: episodes.map((e) => ({
      audio_url: e.audio_url,
      title: e.title ?? null,
      client_item_id: e.guid ?? e.audio_url,
    })),
    hasMore: offset + episodes.length < feed.episodes.length,
  };
}

/** The manifest's text as Sofer would hold it (JSONL for items made from a feed). */
export const jsonlOf = (items: readonly ManifestItem[]) => items.map((i) => JSON.stringify(i)).join("\n");

const encoder = new TextEncoder();

/**
 * The manifest's size in bytes and its SHA-256 (hex). Web Crypto, not node:crypto, so the simulator
 * also runs in a browser; the checksum is null where a runtime has no `crypto.subtle`.
 */
export async function measure(text: string): Promise<{ size_bytes: number; checksum: string | null }> {
  const bytes = encoder.encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { size_bytes: bytes.byteLength, checksum: null };
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
  return {
    size_bytes: bytes.byteLength,
    checksum: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""),
  };
}
