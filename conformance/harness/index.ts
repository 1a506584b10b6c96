export { createCheckedFetch, type CheckedFetch, type Exchange } from "./checked-fetch.ts";
export { selectTarget, envName, type Target } from "./target.ts";
export { documentedStatuses, provokedStatuses } from "./coverage.ts";
