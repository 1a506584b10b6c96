// The made-up transcript of a chunk of audio: the same file name and chunk always give the same words,
// segments and speakers, so tests can compare runs. Soket's transcripts are of Indian multilingual
// speech (shared/providers/soket.md); the words are romanised Hindi and English, as its example's.
import { randomFrom } from "../../core/simulator/made-up.ts";
import { hashOf } from "./audio.ts";

const WORDS = [
  "namaste", "aaj", "hum", "batch", "transcription", "dekhenge", "yeh", "audio", "file", "bahut",
  "achha", "hai", "kal", "meeting", "mein", "baat", "karenge", "dhanyavaad", "aap", "kaise", "ho",
  "theek", "chaliye", "shuru", "karte", "hain", "report", "ready", "customer", "call",
]; // prettier-ignore

const TONES = ["neutral", "positive", "calm", "excited"];
const ACCENTS = ["hindi", "tamil", "bengali", "marathi"];

/** The words of a chunk: 4 to 15 of them. */
function wordsOf(filename: string, chunk: number): string[] {
  const random = randomFrom(hashOf(`${filename}#${chunk}`));
  const count = 4 + Math.floor(random() * 12);
  return Array.from({ length: count }, () => WORDS[Math.floor(random() * WORDS.length)]!);
}

/** A chunk's text. */
export const chunkTextOf = (filename: string, chunk: number): string => wordsOf(filename, chunk).join(" ");

export interface Segment {
  start: number;
  end: number;
  text: string;
  speaker_id: string;
  tone: string;
  accent: string;
}

/**
 * A chunk's segments (`speech_information=true`): its words in runs of up to five, each with its share of
 * the chunk's time, a speaker (two take turns), a tone and an accent. Times are seconds from the start
 * of the file.
 */
export function segmentsOf(filename: string, chunk: number, start: number, end: number): Segment[] {
  const words = wordsOf(filename, chunk);
  const runs = Math.ceil(words.length / 5);
  const span = (end - start) / runs;
  const seed = hashOf(`${filename}#${chunk}#speech`);
  return Array.from({ length: runs }, (_, i) => ({
    start: Math.round((start + i * span) * 100) / 100,
    end: Math.round((start + (i + 1) * span) * 100) / 100,
    text: words.slice(i * 5, i * 5 + 5).join(" "),
    speaker_id: `speaker_${((seed + i) % 2) + 1}`,
    tone: TONES[(seed >>> 3) % TONES.length]!,
    accent: ACCENTS[(seed >>> 7) % ACCENTS.length]!,
  }));
}
