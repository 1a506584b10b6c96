// A conformance suite as vitest tests: each planned check a test (skipped with its reason), in the
// suite's order, against the target the environment names (BATCHSPEC_<ID>_BASE_URL, else the simulator).
// This is how `npm test` runs the suites; the `batchspec` CLI runs the same sessions without vitest.
import { describe, it } from "vitest";
import { CheckSkipped, type ConformanceSuite, type SessionOptions } from "./suite.ts";
import { selectTarget, type Target } from "./target.ts";

export function registerSuite(
  suite: ConformanceSuite,
  target: Target = selectTarget(suite.id, suite.simulatorTarget),
  options: SessionOptions = {},
): void {
  const session = suite.start(target, options);
  const titles: Record<string, string> = {
    checks: suite.id,
    negative: `${suite.id}: requests that break the spec`,
    stateful: `${suite.id}: resources across requests`,
    statuses: `${suite.id}: every documented status`,
    simulator: `${suite.id}: the simulator`,
  };
  for (const group of ["checks", "negative", "stateful", "statuses", "simulator"] as const) {
    describe(titles[group]!, () => {
      for (const check of session.checks.filter((c) => c.group === group)) {
        if (check.skipped) it.skip(`${check.name} (skipped: ${check.skipped})`, () => {});
        else
          it(check.name, async (ctx) => {
            try {
              await session.run(check);
            } catch (error) {
              // Found out while it ran (it would have written to a live API): skipped, with why.
              if (error instanceof CheckSkipped) ctx.skip(error.message);
              throw error;
            }
          });
      }
    });
  }
}
