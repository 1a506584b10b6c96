export { createCheckedFetch, type CheckedFetch, type Exchange } from "./checked-fetch.ts";
export { selectTarget, liveTarget, envName, TargetError, type Target } from "./target.ts";
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
export { expect } from "./expect.ts";
export {
  defineConformanceSuite,
  type CheckContext,
  type CheckGroup,
  type CheckOptions,
  type ConformanceConfig,
  type ConformanceSuite,
  type PlannedCheck,
  type RawResult,
  type RefusalRow,
  type Session,
  type SessionOptions,
  type Suite,
  type SuiteSimulator,
} from "./suite.ts";
