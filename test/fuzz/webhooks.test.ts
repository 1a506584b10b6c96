import { describe, it } from "vitest";
import { fuzzWebhooks } from "./properties.ts";
import { SEED } from "./suite.ts";

describe("fuzz webhooks", () => {
  it("verifies a delivery only as it was signed, and never throws", { timeout: 60_000 }, () =>
    fuzzWebhooks({ seed: SEED, numRuns: 1000 }),
  );
});
