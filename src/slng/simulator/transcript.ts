// The made-up transcript of a job, in SLNG's three output formats: `json` (taken to be Speechmatics'
// json-v2, spec OutputFormat x-inferred), `txt` and `srt`. The same job id and length always give the
// same words, so tests can compare runs.
import { randomFrom } from "../../core/simulator/made-up.ts";
import { hashOf, secondsOf } from "./audio.ts";
import type { SimulatedJob } from "./state.ts";

const WORDS = [
  "hello", "and", "welcome", "to", "the", "weekly", "batch", "review", "today", "we", "look", "at",
  "transcripts", "queues", "and", "signed", "downloads", "thank", "you", "for", "joining", "this", "call",
]; // prettier-ignore

export interface Word {
  content: string;
  start: number;
  end: number;
}

/** The job's words: about two a second (at most 400), spread evenly over its length. */
export function wordsOf(job: Pick<SimulatedJob, "job_id" | "tenths">): Word[] {
  const random = randomFrom(hashOf(job.job_id));
  const seconds = secondsOf(job.tenths);
  const count = Math.max(3, Math.min(400, Math.round(seconds * 2)));
  const span = seconds / count;
  return Array.from({ length: count }, (_, i) => ({
    content: WORDS[Math.floor(random() * WORDS.length)]!,
    start: Math.round(i * span * 100) / 100,
    end: Math.round((i + 1) * span * 100) / 100,
  }));
}

export function textOf(job: SimulatedJob): string {
  return `${wordsOf(job)
    .map((w) => w.content)
    .join(" ")}.`;
}

/** Speechmatics json-v2 (shared/providers/slng.md, SM section). */
export function jsonTranscriptOf(job: SimulatedJob) {
  const words = wordsOf(job);
  const created = job.submitted_at.toISOString();
  const language = job.transcription_config.language ?? "en";
  return {
    format: "2.9",
    job: {
      id: job.job_id,
      created_at: created,
      data_name: "filename" in job.source ? job.source.filename : job.source.url,
      duration: Math.round(secondsOf(job.tenths)),
      ...(job.tracking ? { tracking: job.tracking } : {}),
    },
    metadata: {
      created_at: (job.completed_at ?? job.updated_at).toISOString(),
      type: "transcription",
      transcription_config: { language, ...job.transcription_config },
    },
    results: [
      ...words.map((w) => ({
        type: "word",
        start_time: w.start,
        end_time: w.end,
        alternatives: [{ content: w.content, confidence: 0.95, language, speaker: "UU" }],
      })),
      {
        type: "punctuation",
        start_time: words.at(-1)!.end,
        end_time: words.at(-1)!.end,
        attaches_to: "previous",
        is_eos: true,
        alternatives: [{ content: ".", confidence: 1, language, speaker: "UU" }],
      },
    ],
  };
}

const srtTime = (seconds: number) => {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
};

/**
 * SubRip cues honouring `output_config.srt_overrides` (Speechmatics' defaults: 37 characters a line,
 * 2 lines a cue).
 */
export function srtOf(job: SimulatedJob): string {
  const overrides = job.output_config?.srt_overrides;
  const maxLength = overrides?.max_line_length ?? 37;
  const maxLines = overrides?.max_lines ?? 2;
  const cues: { start: number; end: number; lines: string[] }[] = [];
  let cue: (typeof cues)[number] | undefined;
  for (const word of wordsOf(job)) {
    const line = cue?.lines.at(-1);
    if (cue && line !== undefined && line.length + 1 + word.content.length <= maxLength) {
      cue.lines[cue.lines.length - 1] = `${line} ${word.content}`;
    } else if (cue && cue.lines.length < maxLines) {
      cue.lines.push(word.content);
    } else {
      cue = { start: word.start, end: word.end, lines: [word.content] };
      cues.push(cue);
    }
    cue.end = word.end;
  }
  return cues
    .map((c, i) => `${i + 1}\n${srtTime(c.start)} --> ${srtTime(c.end)}\n${c.lines.join("\n")}\n`)
    .join("\n");
}
