// Every provider's conformance suite against its simulator served over real HTTP (the adapter behind
// `batchspec mock`), on a free loopback port started and stopped here: the checks that pass in process
// must pass over the network too, so the two paths agree. The checks still steer the simulator's state
// (the server serves that same state).
import { describe, expect, it } from "vitest";
import type { ProviderId } from "../../../conformance/suites/index.ts";
import { serve } from "../../../conformance/cli/http-adapter.ts";
import { runSuite } from "../../../conformance/harness/runner.ts";
import { fetchFromHandlers } from "../../../src/core/simulator/index.ts";
import { SUITES } from "../../../conformance/suites/index.ts";

/** One provider's suite over HTTP (a file per provider, so vitest spreads them over its workers). */
export function overHttp(id: ProviderId): void {
  describe("conformance over HTTP", () => {
    it(
      `${id}: every check passes against the simulator served on loopback`,
      { timeout: 120_000 },
      async () => {
        const suite = await SUITES[id]();
        let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
        const served = await serve((request) => handle(request));
        try {
          const baseUrl = `${served.url}${new URL(suite.simulatorTarget.baseUrl).pathname.replace(/\/+$/, "")}`;
          handle = fetchFromHandlers(suite.simulatorHandlers(baseUrl));
          const report = await runSuite(suite, {
            kind: "http-simulator",
            baseUrl,
            token: suite.simulatorTarget.token,
          });
          const failed = report.checks
            .filter((c) => c.outcome === "failed")
            .map((c) => `${c.name}: ${c.reason}`);
          expect(failed).toEqual([]);
          // Only what cannot be sent over a network at all (a Content-Length a body does not have) is skipped.
          const skipped = report.checks.filter((c) => c.outcome === "skipped");
          expect(skipped.filter((c) => !c.reason?.startsWith("needs the simulator in process: "))).toEqual(
            [],
          );
          expect(report.checks.length).toBeGreaterThan(40);
        } finally {
          await served.close();
        }
      },
    );
  });
}
