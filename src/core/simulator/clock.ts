// A simulator's clock. Given a start, it begins there and moves one step each time it is read (the same
// run gives the same times). By default it is the real clock, so what a simulator signs verifies against
// the real time however many events it stamps.

export function steppingClock(start?: string | Date, stepMs = 1000): () => Date {
  if (start === undefined) return () => new Date();
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
