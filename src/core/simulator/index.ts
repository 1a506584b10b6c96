// The simulator kit: what every provider's simulator is built from. It names no provider.
export {
  admit,
  guard,
  type BodyLimits,
  INJECTED_FAULT_HEADER,
  isSimulatorHandler,
  documentedStatus,
  simulate,
  unhonouredParameters,
  type Refusal,
  type SimulatorPipeline,
} from "./pipeline.ts";
export { CursorBook } from "./cursors.ts";
export { FaultQueue, type Fault } from "./faults.ts";
export { isoSeconds, steppingClock } from "./clock.ts";
export { numberedPage, type NumberedPage } from "./page-numbers.ts";
export { RequestLog, type LoggedRequest } from "./request-log.ts";
export { Outbox, type Delivery } from "./outbox.ts";
export { fetchFromHandlers } from "./handlers-fetch.ts";
export { bearerTokenOf } from "./credentials.ts";
export { PositionIndex } from "./position-index.ts";
