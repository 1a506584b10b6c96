// Transcripts in the Sofer simulator: made-up but stable words with increasing times, speaker labels
// only when speakers were asked for, Hebrew words in the formats asked for (or the one filtered on),
// and no text or length before a transcription is COMPLETED.
import { describe, expect, it } from "vitest";
import { createSoferState, soferFetch } from "../../../src/sofer/mock.ts";
import type { BatchRequest } from "../../../src/sofer/simulator/state.ts";

const BASE = "https://api.sofer.ai/v1/transcriptions";
type Item = NonNullable<BatchRequest["audio_sources"]>[number];

/** A batch of `items`; `get` reads a transcript (with a query) by item number, `read` by id. */
function transcribed(items: Item[], info: BatchRequest["info"] = {}) {
  const state = createSoferState();
  const batch = state.addBatch({ processing_mode: "express", info }, items);
  const fetch = soferFetch(state);
  const read = async (id: string, query = "") => {
    const response = await fetch(
      new Request(`${BASE}/${id}${query}`, { headers: { Authorization: "Bearer conformance-token" } }),
    );
    return { status: response.status, body: (await response.json()) as any };
  };
  const get = (item: number, query = "") => read(batch.transcriptions[item - 1]!.id, query);
  return { state, batch, get, read };
}
const url = (n: number) => `https://cdn.test/audio/shiur-${n}.mp3`;
type Word = {
  word: string;
  start: number;
  end: number;
  hebrew_word_format: string[] | null;
  speaker: string | null;
};

describe("a transcript", () => {
  it("has no text, timestamps or duration before it is COMPLETED (200, its status in info)", async () => {
    const { state, batch, get } = transcribed([{ audio_url: url(1), auto_detect_speakers: true }]);
    for (const expected of ["RECEIVED", "PROCESSING"]) {
      const { status, body } = await get(1);
      expect(status).toBe(200);
      expect(body).toMatchObject({ text: "", timestamps: null });
      expect(body.info).toMatchObject({ status: expected, duration: null, num_speakers: null });
      state.advance(batch.batch_id);
    }
    const { body } = await get(1);
    expect(body.info.status).toBe("COMPLETED");
    expect(body.text.length).toBeGreaterThan(0);
    expect(body.info.duration).toEqual(expect.any(Number));
  });

  it("is the same for the same URL, its words in increasing time within the audio's duration", async () => {
    const first = transcribed([{ audio_url: url(1) }, { audio_url: url(1) }, { audio_url: url(2) }]);
    first.state.runToCompletion(first.batch.batch_id);
    const [a, b, c] = [(await first.get(1)).body, (await first.get(2)).body, (await first.get(3)).body];
    expect(b.text).toBe(a.text);
    expect(b.timestamps).toEqual(a.timestamps);
    expect(c.text).not.toBe(a.text);
    for (const t of [a, c]) {
      const words: Word[] = t.timestamps;
      expect(words.length).toBeGreaterThanOrEqual(8);
      words.forEach((w, i) => {
        expect(w.end).toBeGreaterThan(w.start);
        if (i > 0) expect(w.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
      });
      expect(words.at(-1)!.end).toBeLessThanOrEqual(t.info.duration);
    }
  });

  it("labels words with speakers only when more than one speaker or detection was asked for", async () => {
    const { state, batch, get } = transcribed([
      { audio_url: url(3) },
      { audio_url: url(3), num_speakers: 2 },
      { audio_url: url(3), auto_detect_speakers: true },
      { audio_url: url(3), auto_detect_speakers: false },
    ]);
    state.runToCompletion(batch.batch_id);
    const speakersOf = async (item: number) => {
      const { body } = await get(item);
      return {
        count: body.info.num_speakers,
        labels: [...new Set(body.timestamps.map((w: Word) => w.speaker))],
      };
    };
    expect(await speakersOf(1)).toEqual({ count: 1, labels: [null] });
    expect(await speakersOf(2)).toEqual({ count: 2, labels: ["1", "2"] });
    const detected = await speakersOf(3);
    expect(detected.count).toBeGreaterThanOrEqual(2);
    expect(detected.labels).toEqual(Array.from({ length: detected.count }, (_, i) => `${i + 1}`));
    expect(await speakersOf(4)).toEqual({ count: 1, labels: [null] });
  });

  it("writes Hebrew words in each requested format, or only in the format filter_hebrew_word_format names", async () => {
    // Among a few URLs, one with Hebrew words: about one word in four is one.
    const { state, batch, get } = transcribed(
      [1, 2, 3, 4, 5].map((n) => ({ audio_url: url(n) })),
      {
        hebrew_word_format: ["en", "he"],
      },
    );
    state.runToCompletion(batch.batch_id);
    const hebrewOf = (body: { timestamps: Word[] }) =>
      body.timestamps.filter((w) => w.hebrew_word_format !== null);
    let both: { text: string; timestamps: Word[] } | undefined;
    let item = 0;
    while (!both || hebrewOf(both).length === 0) both = (await get(++item)).body;
    expect(new Set(hebrewOf(both).map((w) => w.hebrew_word_format![0]))).toEqual(new Set(["en", "he"]));
    expect(both.text).toMatch(/<i>[A-Z][a-z]+\.?<\/i>/); // the transliteration beside the letters
    for (const format of ["he", "en"] as const) {
      const { body } = await get(item, `?filter_hebrew_word_format=${format}`);
      expect(hebrewOf(body).map((w: Word) => w.hebrew_word_format)).toEqual(
        hebrewOf(both)
          .filter((w) => w.hebrew_word_format![0] === "he")
          .map(() => [format]),
      );
      expect(body.text).not.toContain("<i>");
      // The filter changes how Hebrew words are written, never the rest.
      const others = (b: { timestamps: Word[] }) => b.timestamps.filter((w) => w.hebrew_word_format === null);
      expect(others(body)).toEqual(others(both));
    }
    // hybrid: both the transliteration and the Hebrew letters of each word (Sofer's description).
    expect((await get(item, "?filter_hebrew_word_format=hybrid")).body).toEqual(both);
    expect((await get(item, "?filter_hebrew_word_format=he")).body.text).toMatch(/[\u0590-\u05FF]/);
    expect((await get(item, "?filter_hebrew_word_format=en")).body.text).not.toMatch(/[\u0590-\u05FF]/);
  });

  it("is 404 for a transcription the simulator does not have, and 400 for an unknown filter", async () => {
    const { get, read } = transcribed([{ audio_url: url(1) }]);
    expect(await read("a0000000-0000-4000-8000-0000000000ff")).toEqual({
      status: 404,
      body: { detail: "Transcription a0000000-0000-4000-8000-0000000000ff not found." },
    });
    const bad = await get(1, "?filter_hebrew_word_format=yi");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain("query.filter_hebrew_word_format");
  });
});
