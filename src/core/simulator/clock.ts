// A simulator's clock: it starts at a fixed instant and moves one step each time it is read, so the same
// run gives the same times.

export function steppingClock(start: string | Date = "2026-01-05T18:34:12Z", stepMs = 1000): () => Date {
  let t = new Date(start).getTime();
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
