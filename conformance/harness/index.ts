export { createCheckedFetch, type CheckedFetch, type Exchange } from "./checked-fetch.ts";
export { selectTarget, envName, type Target } from "./target.ts";
export {
  byDocumentedKey,
  coverage,
  declaredParameters,
  unexercised,
  documentedStatuses,
  unmetClaims,
  withoutCheck,
  type Provoker,
  type Verdict,
} from "./coverage.ts";
export { requestExample, sampleRequest } from "./examples.ts";
export {
  defineConformanceSuite,
  type CheckContext,
  type CheckOptions,
  type ConformanceConfig,
  type RawResult,
  type RefusalRow,
  type Suite,
  type SuiteSimulator,
} from "./suite.ts";
