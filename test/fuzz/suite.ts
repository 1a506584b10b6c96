// The seeded fuzz of one provider's simulator and client, in `npm test`: a few hundred cases at a fixed
// seed, so a failure reproduces (enough to meet every kind of input at least a few times; a simulator
// that throws on malformed escapes fails within the first fifty). `npm run fuzz` runs the same
// properties deeper (scripts/fuzz.ts), at a random seed it prints. One test file per provider, so that
// vitest spreads them over its workers.
import { describe, it } from "vitest";
import { fuzzClient, fuzzSimulator } from "./properties.ts";
import { PROVIDERS } from "./providers.ts";

export const SEED = 20261130;

export function fuzzTests(id: string): void {
  const provider = PROVIDERS.find((p) => p.id === id);
  if (!provider) throw new Error(`no fuzz provider ${id}`);
  describe(`fuzz ${id}`, () => {
    it(
      "simulator: every request answered with a documented status and a response that matches the spec",
      { timeout: 120_000 },
      () => fuzzSimulator(provider, { seed: SEED, numRuns: 400 }),
    );
    it(
      "client: against a hostile server every helper settles, with a BatchspecError and no secret",
      { timeout: 120_000 },
      () => fuzzClient(provider, { seed: SEED, numRuns: 125 }),
    );
  });
}
