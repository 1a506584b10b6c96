// defineConformanceSuite end to end: a tiny provider's suite (fixtures/tiny.suite.ts) run by the CLI's
// runner, whole and broken on purpose, to show that its coverage checks fail when they should, and what
// the runner reports for a failure (a reason, the exchange, a curl command) against a live target.
import { describe, expect, it } from "vitest";
import { runSuite } from "../../conformance/harness/runner.ts";
import { tinySuite } from "./fixtures/tiny.suite.ts";

const BREAKS = ["", "drop-404", "fault-404", "drop-tag", "use-404", "range"];

/** Each run's checks (name → outcome and reason), by the way the fixture suite was broken ("" whole). */
async function runAll(): Promise<Map<string, Record<string, string>>> {
  const runs = new Map<string, Record<string, string>>();
  for (const mode of BREAKS) {
    const suite = tinySuite(mode);
    const report = await runSuite(suite, { kind: "simulator", ...suite.simulatorTarget });
    runs.set(
      mode,
      Object.fromEntries(report.checks.map((c) => [c.name, `${c.outcome} ${c.detail ?? c.reason ?? ""}`])),
    );
  }
  return runs;
}

describe("a conformance suite on the harness", { timeout: 60_000 }, () => {
  const all = runAll();
  const runs = all.then((byBreak) => BREAKS.map((mode) => byBreak.get(mode)));

  it("runs the fixture once whole and once broken each way", async () => {
    expect([...(await all).keys()].sort()).toEqual([
      "",
      "drop-404",
      "drop-tag",
      "fault-404",
      "range",
      "use-404",
    ]);
  });

  it("passes whole, with the status no request can provoke answered by a fault", async () => {
    const [whole] = await runs;
    expect(Object.values(whole!).filter((s) => !s.startsWith("passed"))).toEqual([]);
    expect(Object.keys(whole!)).toContain(
      "getNote 500: answered by an injected fault (a server error cannot be provoked by a request)",
    );
  });

  it("fails its coverage check, naming the status, when the only check that provokes it is deleted", async () => {
    const [, dropped] = await runs;
    expect(dropped!["covers every documented status of every operation"]).toMatch(
      /^failed .*getNote 404: no check provokes it/s,
    );
  });

  it("fails the check that claims a status but got it from an injected fault", async () => {
    const [, , faulted] = await runs;
    expect(faulted!["answers 404 for an unknown note"]).toMatch(
      /^failed .*statuses this check claims to provoke, but did not/s,
    );
  });

  it("fails the check that swaps in a hand-made answer instead of a simulator", async () => {
    const [, , , , swapped] = await runs;
    expect(swapped!["answers 404 for an unknown note"]).toMatch(
      /^failed .*only handlers bound through the simulator kit/s,
    );
  });

  it("counts a concrete status toward the range the spec documents (404 for 4XX)", async () => {
    const [, , , , , range] = await runs;
    expect(Object.values(range!).filter((s) => !s.startsWith("passed"))).toEqual([]);
    expect(Object.keys(range!)).toContain("would fail without any check that alone provokes a status");
  });

  it("fails when no check asserts the effect of a query parameter the spec declares", async () => {
    const [, , , untagged] = await runs;
    expect(
      untagged!["has a check that asserts the effect of every query parameter the spec declares"],
    ).toMatch(/^failed .*listNotes query.tag: no check exercises it/s);
  });
});
