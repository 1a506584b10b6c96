// Sofer's checks before a manifest or a batch is created (loaded with the first create): a repeated
// client_item_id, both speaker settings, the documented limits, a JSONL line's item.
import type { HelperOptions } from "../core/client.ts";
import type { SoferBatchInfo, SoferItem } from "./client.ts";
import { setsBothSpeakerSettings } from "./speakers.ts";

/** The first rule a list of items breaks: a repeated client_item_id, or both speaker settings. */
export function itemProblem(
  items: readonly SoferItem[],
  where: string,
  unique = "it must be unique within a batch",
): string | undefined {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (item === null || typeof item !== "object") return `${where}[${i}]: expected an item object`;
    if (setsBothSpeakerSettings(item))
      return `${where}[${i}]: num_speakers and auto_detect_speakers cannot be given together`;
    const id = item.client_item_id;
    if (id !== undefined && id !== null) {
      if (seen.has(id)) return `${where}[${i}].client_item_id: "${id}" is used twice; ${unique}`;
      seen.add(id);
    }
  }
  return undefined;
}

export const infoProblem = (info: SoferBatchInfo | undefined) =>
  setsBothSpeakerSettings(info)
    ? "info: num_speakers and auto_detect_speakers cannot be given together"
    : undefined;

/** The documented limit; `{ validate: false }` lifts it, for an account whose limits Sofer raised. */
export const countProblem = (count: number, max: number, where: string, what: string, opts: HelperOptions) =>
  count === 0
    ? `${where}: at least one item is needed`
    : count > max && opts.validate !== false
      ? `${where}: ${count} items, at most ${max} in ${what} (transcribeBatch splits larger sets into several batches)`
      : undefined;

/**
 * A JSONL line as the item it holds, for the checks before sending (a line that is not a JSON object is
 * left to Sofer's validation, which names it in the manifest's validation_errors).
 */
export function parsedLine(line: string): SoferItem {
  try {
    const value: unknown = JSON.parse(line);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as SoferItem;
  } catch {
    // not JSON: Sofer says so
  }
  return { audio_url: "" };
}
