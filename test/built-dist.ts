// For the tests that run the built package (dist/): npm test builds it with tsc while vitest already
// runs, and says where tsc's result will be written (BATCHSPEC_DIST_MARKER); these tests wait for it.
// Run any other way (vitest alone), dist/ is taken to be built already.
import { existsSync, readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

export async function builtDist(timeoutMs = 180_000): Promise<void> {
  const marker = process.env.BATCHSPEC_DIST_MARKER;
  if (!marker) return;
  for (const end = Date.now() + timeoutMs; Date.now() < end; await delay(100)) {
    if (!existsSync(marker)) continue;
    if (readFileSync(marker, "utf8").trim() === "ok") return;
    throw new Error("tsc failed, so dist/ is not built: see tsc's output");
  }
  throw new Error(`dist/ was not built within ${timeoutMs / 1000} s`);
}
