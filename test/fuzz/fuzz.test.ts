// The seeded fuzz of every simulator and client (and webhook verification), in `npm test`: a few
// thousand cases at a fixed seed, so a failure reproduces. `npm run fuzz` runs the same properties
// deeper, at a random seed it prints.
import { describe, it } from "vitest";
import { fuzzClient, fuzzSimulator, fuzzWebhooks } from "./properties.ts";
import { PROVIDERS } from "./providers.ts";

const SEED = 20261130;

describe.each(PROVIDERS)("fuzz $id", (provider) => {
  it(
    "simulator: every request answered with a documented status and a response that matches the spec",
    { timeout: 120_000 },
    () => fuzzSimulator(provider, { seed: SEED, numRuns: 1000 }),
  );

  it(
    "client: against a hostile server every helper settles, with a BatchspecError and no secret",
    { timeout: 120_000 },
    () => fuzzClient(provider, { seed: SEED, numRuns: 300 }),
  );
});

describe("fuzz webhooks", () => {
  it("verifies a delivery only as it was signed, and never throws", { timeout: 60_000 }, () =>
    fuzzWebhooks({ seed: SEED, numRuns: 1000 }),
  );
});
