// The provider-agnostic runtime, for those building on batchspec's pieces.
export * from "./errors-public.ts";
export { bearerAuth, assertTokenSource } from "./auth.ts";
export { createApiError, issuesFromBody, retryAfterMs } from "./errors.ts";
export {
  createOpenApiValidator,
  formatAjvErrors,
  type OpenApiValidator,
  type OperationInfo,
  type ValidationIssue,
} from "./openapi-validator.ts";
export type { OpenApiDocument } from "./openapi-types.ts";
export {
  cursorStrategy,
  pageNumberStrategy,
  paginate,
  type PageStrategy,
  type PaginateOptions,
} from "./paginate.ts";
export { waitForJob, type WaitForJobOptions } from "./poll.ts";
export { redactBody, redactHeaders, redactUrl, REDACTED } from "./redact.ts";
export { concatBytes, headerValue, hmacSha256Hex, timingSafeEqual, type BytesLike } from "./hmac.ts";
export {
  isIdempotentMethod,
  retryDelayMs,
  shouldRetry,
  RETRY_DEFAULTS,
  type AttemptOutcome,
} from "./retry.ts";
export { createTransport, type FetchLike, type Transport, type TransportOptions } from "./transport.ts";
export { assertValidRequest, validateRequestsMiddleware } from "./validate-before-send.ts";
export { decodeCursor, encodeCursor, FaultQueue, steppingClock, type Fault } from "./simulator.ts";
