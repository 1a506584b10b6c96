// A simulator's clock: it starts at an instant (by default the whole second it was made in, so what it
// signs verifies against the real clock) and moves one step each time it is read.

export function steppingClock(start: string | Date = new Date(), stepMs = 1000): () => Date {
  let t = Math.floor(new Date(start).getTime() / 1000) * 1000;
  if (Number.isNaN(t)) throw new RangeError(`steppingClock: ${String(start)} is not a date`);
  return () => {
    const now = new Date(t);
    t += stepMs;
    return now;
  };
}

/** RFC 3339 without milliseconds (`2026-01-05T18:34:12Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
