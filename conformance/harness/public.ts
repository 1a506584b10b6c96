// batchspec/conformance: what users of the package take from the conformance suite.
//
//   createCheckedFetch(validator, baseUrl, fetch?): a fetch that checks every request it sends and every
//     response it gets against a spec (`batchspec/<id>/validation` exports each provider's validator), so
//     the traffic of your own tests is held to the spec: `checked.problems()` lists what was off.
//   runSuite(await loadSuite("slng"), target): runs a provider's conformance checks from code (what the
//     `batchspec conformance` command does), against the simulator or a live API.
import { SUITES, type ProviderId } from "../suites/index.ts";
import type { ConformanceSuite } from "./suite.ts";

export { createCheckedFetch, type CheckedFetch, type Exchange } from "./checked-fetch.ts";
export { runSuite, type CheckResult, type RunOptions, type SuiteReport } from "./runner.ts";
export { liveTarget, type Target } from "./target.ts";
export type { ConformanceSuite, PlannedCheck, SessionOptions } from "./suite.ts";
export { PROVIDERS, type ProviderId } from "../suites/index.ts";

/** A provider's conformance suite (it builds its simulator's state as it loads). */
export function loadSuite(provider: ProviderId): Promise<ConformanceSuite> {
  return SUITES[provider]();
}
