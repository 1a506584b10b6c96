// Reading a body as it arrives (the text, decoded chunk by chunk; its lines): loaded with the first
// download of a batch's results (results.stream), so a bundle that never streams does not carry it.
import { isBatchspecError } from "../core/error-brand.ts";

/** The longest NDJSON line read: a longer one is not a result (and would hold memory without bound). */
const MAX_LINE_CHARS = 32 * 1024 * 1024;

/**
 * The text of a body as it arrives, decoded as UTF-8 chunk by chunk. A body that is not UTF-8 or a read
 * that breaks off ends in the error `fail` makes (told where by `at`, given the line breaks of the chunk
 * before the fault); the transport's own errors (a timeout) and the caller's abort pass through.
 * Stopping early cancels the body.
 */
export async function* readText(
  body: ReadableStream<Uint8Array>,
  fail: (problem: string, text: string) => Promise<Error>,
  signal: AbortSignal | undefined,
  at: (breaks: number) => string,
): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let finished = false;
  try {
    for (;;) {
      // Checked before each read: a body that always has a chunk ready would otherwise win every race
      // against the abort.
      signal?.throwIfAborted();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isBatchspecError(error) || signal?.aborted) throw error;
        throw await fail(`was cut short while it was read (${at(0)})`, "");
      }
      let text: string;
      try {
        text = chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true });
      } catch {
        throw await fail(`is not valid UTF-8 (${at(chunk.done ? 0 : breaksBeforeFault(chunk.value))})`, "");
      }
      if (text !== "") yield text;
      if (chunk.done) {
        finished = true;
        return;
      }
    }
  } finally {
    // Stopped early (a break, an error): the rest of the download is not wanted.
    if (!finished) reader.cancel().catch(() => undefined);
  }
}

/** The line breaks of `bytes` before the line that does not decode as UTF-8 (a 0x0A byte is never inside a character). */
function breaksBeforeFault(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let breaks = 0;
  let start = 0;
  for (let i = bytes.indexOf(0x0a); ; i = bytes.indexOf(0x0a, start)) {
    const end = i === -1 ? bytes.length : i + 1;
    try {
      decoder.decode(bytes.subarray(start, end), { stream: true });
    } catch {
      return breaks;
    }
    if (i === -1) return breaks;
    breaks++;
    start = end;
  }
}

/**
 * The lines of a body as they arrive (their text, without the line break, and their number from 1):
 * one line is held at a time. A line longer than MAX_LINE_CHARS ends in the error `fail` makes.
 */
export async function* readLines(
  body: ReadableStream<Uint8Array>,
  fail: (problem: string, text: string) => Promise<Error>,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ text: string; number: number }, void, undefined> {
  let buffer = "";
  let number = 0;
  const line = (text: string) => ({ text: text.endsWith("\r") ? text.slice(0, -1) : text, number });
  for await (const text of readText(body, fail, signal, (breaks) => `at line ${number + breaks + 1}`)) {
    // Only the new text is searched for line breaks: a long line across many chunks is scanned once.
    let end = text.indexOf("\n");
    if (end === -1) {
      buffer += text;
    } else {
      buffer += text.slice(0, end);
      for (;;) {
        number++;
        yield line(buffer);
        const next = text.indexOf("\n", end + 1);
        if (next === -1) {
          buffer = text.slice(end + 1);
          break;
        }
        buffer = text.slice(end + 1, next);
        end = next;
      }
    }
    if (buffer.length > MAX_LINE_CHARS)
      throw await fail(
        `has a line ${number + 1} longer than ${MAX_LINE_CHARS} characters`,
        buffer.slice(0, 200),
      );
  }
  if (buffer !== "") {
    number++;
    yield line(buffer);
  }
}
