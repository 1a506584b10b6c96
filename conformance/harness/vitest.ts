// A conformance suite as vitest tests: each planned check a test (skipped with its reason), in the
// suite's order. This is how `npm test` runs the suites (`registerSuiteForTests`: a live API when the
// environment names one, BATCHSPEC_<ID>_BASE_URL, else the simulator served over real HTTP on loopback);
// the `batchspec` CLI runs the same sessions without vitest, against the simulator in process.
import { afterAll, describe, expect, it } from "vitest";
import { serve } from "../cli/http-adapter.ts";
import { fetchFromHandlers } from "../../src/core/simulator/index.ts";
import { CheckSkipped, type ConformanceSuite, type SessionOptions } from "./suite.ts";
import { selectTarget, type Target } from "./target.ts";

/** Why a check cannot run over HTTP (it needs to reach into the simulator), as the session plans it. */
const IN_PROCESS_ONLY = "needs the simulator in process: ";

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
  if (target.kind === "http-simulator") {
    describe(`${suite.id}: over HTTP`, () => {
      it("skips only the checks that cannot be sent over a network at all", () => {
        const skipped = session.checks.filter((c) => c.skipped && !c.skipped.startsWith(IN_PROCESS_ONLY));
        expect(skipped.map((c) => `${c.name}: ${c.skipped}`)).toEqual([]);
        expect(session.checks.length).toBeGreaterThan(40);
      });
    });
  }
}

/**
 * npm test's run of a suite: against the live API the environment names, else against the simulator
 * served over real HTTP on a free loopback port (the adapter behind `batchspec mock`), so the checks go
 * through a real network stack while still steering the simulator's state (the server serves it).
 * The CLI's own tests and the packed tarball's run the same suites against the simulator in process.
 */
export async function registerSuiteForTests(suite: ConformanceSuite): Promise<void> {
  const selected = selectTarget(suite.id, suite.simulatorTarget);
  if (selected.kind !== "simulator") return registerSuite(suite, selected);
  let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const served = await serve((request) => handle(request));
  afterAll(() => served.close());
  const baseUrl = `${served.url}${new URL(suite.simulatorTarget.baseUrl).pathname.replace(/\/+$/, "")}`;
  handle = fetchFromHandlers(suite.simulatorHandlers(baseUrl));
  registerSuite(suite, { kind: "http-simulator", baseUrl, token: suite.simulatorTarget.token });
}
