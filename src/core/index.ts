// The provider-agnostic runtime, for those building on batchspec's pieces.
export { bearerAuth, assertTokenSource, ConfigurationError, type TokenSource } from "./auth.ts";
export {
  createOpenApiValidator,
  formatAjvErrors,
  type OpenApiValidator,
  type OperationInfo,
  type ValidationIssue,
} from "./openapi-validator.ts";
export type { OpenApiDocument } from "./openapi-types.ts";
export { decodeCursor, encodeCursor, FaultQueue, steppingClock, type Fault } from "./simulator.ts";
