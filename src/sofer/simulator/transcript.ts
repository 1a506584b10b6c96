// The made-up transcript of an audio URL: the same URL always gives the same words, times, length and
// number of detected speakers, so tests can compare runs. About one word in four is a Hebrew word,
// written in each of the transcription's Hebrew word formats (or only the one a request filters on).
import { hashOf, randomFrom } from "../../core/simulator/made-up.ts";
import type { components } from "../../../generated/sofer.ts";

type Schemas = components["schemas"];
type LettersLanguage = Schemas["LettersLanguage"];
type Timestamp = Schemas["Timestamp"];
/** The two ways a Hebrew word is written; `hybrid` is both (Sofer: "both transliteration and Hebrew characters"). */
type Written = "en" | "he";

/** A spoken word: English, or a Hebrew word in each of its written forms. */
interface SpokenWord {
  english?: string;
  hebrew?: Readonly<Record<Written, string>>;
  start: number;
  end: number;
}

const ENGLISH = [
  "today", "we", "learn", "the", "first", "chapter", "of", "and", "his", "teacher", "said", "that",
  "every", "question", "has", "an", "answer", "in", "this", "week", "portion", "we", "read", "again",
]; // prettier-ignore

/** Hebrew words, in Hebrew letters (`he`) and transliterated (`en`). */
const HEBREW: readonly Readonly<Record<Written, string>>[] = [
  { he: "ברכות", en: "Berakhot" },
  { he: "משנה", en: "Mishnah" },
  { he: "שבת", en: "Shabbat" },
  { he: "תורה", en: "Torah" },
  { he: "גמרא", en: "Gemara" },
  { he: "הלכה", en: "Halakhah" },
];

const round = (seconds: number) => Math.round(seconds * 100) / 100;

/** The words of the audio at `url`, each with its time; 8 to 24 words, increasing in time. */
function spokenWords(url: string): SpokenWord[] {
  const random = randomFrom(hashOf(url));
  const count = 8 + Math.floor(random() * 17);
  const words: SpokenWord[] = [];
  let at = round(0.2 + random() * 0.5);
  for (let i = 0; i < count; i++) {
    const start = at;
    const end = round(start + 0.3 + random() * 0.4);
    const word =
      random() < 0.25
        ? { hebrew: HEBREW[Math.floor(random() * HEBREW.length)]!, start, end }
        : { english: ENGLISH[Math.floor(random() * ENGLISH.length)]!, start, end };
    words.push(word);
    at = round(end + 0.05 + random() * 0.3);
  }
  return words;
}

/** The audio's length in seconds: a little after its last word. */
export function durationOf(url: string): number {
  return Math.round((spokenWords(url).at(-1)!.end + 0.5) * 10) / 10;
}

/** How many speakers detection finds in the audio (2 or 3). */
export function detectedSpeakersOf(url: string): number {
  return 2 + (hashOf(`speakers:${url}`) % 2);
}

export interface TranscriptSettings {
  audio_url: string;
  /** The Hebrew word formats of the transcription. */
  formats: readonly LettersLanguage[];
  /** Only this format of Hebrew words (`filter_hebrew_word_format`). */
  filter?: LettersLanguage;
  /** How many speakers to label ("1", "2", ... as Sofer's example does); none when left out. */
  speakers?: number;
}

/**
 * The text and word timestamps of a transcript. A Hebrew word shown in several formats takes one
 * timestamp per format, splitting its time; in the text its transliteration is wrapped in `<i>` (Sofer's
 * `info.hebrew_word_format`: "both = both, transliteration wrapped in <i>").
 */
export function transcriptOf(settings: TranscriptSettings): { text: string; timestamps: Timestamp[] } {
  // `hybrid` (as a format or a filter) is both forms; a filter keeps only the form it names.
  const written = (list: readonly LettersLanguage[]): Written[] => [
    ...new Set(list.flatMap((f): Written[] => (f === "hybrid" ? ["en", "he"] : [f]))),
  ];
  const formats = written(
    settings.filter ? [settings.filter] : settings.formats.length ? settings.formats : ["he"],
  );
  const timestamps: Timestamp[] = [];
  const text: string[] = [];
  spokenWords(settings.audio_url).forEach((spoken, i, all) => {
    // A speaker turn every four words, in turn.
    const speaker = settings.speakers ? String((Math.floor(i / 4) % settings.speakers) + 1) : null;
    const last = i === all.length - 1;
    if (spoken.english !== undefined) {
      const word = `${i === 0 ? capitalised(spoken.english) : spoken.english}${last ? "." : ""}`;
      timestamps.push({ word, start: spoken.start, end: spoken.end, hebrew_word_format: null, speaker });
      text.push(word);
      return;
    }
    const slice = (spoken.end - spoken.start) / formats.length;
    formats.forEach((format, f) => {
      const word = `${spoken.hebrew![format]}${last && f === formats.length - 1 ? "." : ""}`;
      const start = round(spoken.start + f * slice);
      const end = f === formats.length - 1 ? spoken.end : round(spoken.start + (f + 1) * slice);
      timestamps.push({ word, start, end, hebrew_word_format: [format], speaker });
      text.push(format === "en" && formats.length > 1 ? `<i>${word}</i>` : word);
    });
  });
  return { text: text.join(" "), timestamps };
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
