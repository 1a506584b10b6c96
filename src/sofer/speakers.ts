// Sofer's speaker rule (seed 002), in one place for the client and the simulator: an item's own
// `num_speakers` or `auto_detect_speakers` wins; an item with neither inherits the batch's (`info`);
// with neither anywhere, one speaker. No object may set both.
import type { components } from "../../generated/sofer.ts";

type Speakers = Pick<components["schemas"]["BatchAudioSource"], "num_speakers" | "auto_detect_speakers">;

/** What a transcription of `item` will be asked for. */
export type EffectiveSpeakers = { auto_detect_speakers: true } | { num_speakers: number };

const set = (value: unknown) => value !== undefined && value !== null;

/** Whether an object (an item, or `info`) sets both speaker settings, which Sofer refuses. */
export function setsBothSpeakerSettings(value: Speakers | null | undefined): boolean {
  return !!value && set(value.num_speakers) && set(value.auto_detect_speakers);
}

function own(value: Speakers | null | undefined): EffectiveSpeakers | undefined {
  if (!value) return undefined;
  if (set(value.num_speakers)) return { num_speakers: value.num_speakers! };
  if (set(value.auto_detect_speakers))
    return value.auto_detect_speakers ? { auto_detect_speakers: true } : { num_speakers: 1 };
  return undefined;
}

/**
 * The speaker setting a transcription of `item` gets, in a batch whose settings are `info`.
 * `auto_detect_speakers: false` counts as a setting (no detection: one speaker) and so is not inherited
 * over.
 */
export function effectiveSpeakers(
  item: Speakers | undefined,
  info: Speakers | null | undefined,
): EffectiveSpeakers {
  return own(item) ?? own(info) ?? { num_speakers: 1 };
}
