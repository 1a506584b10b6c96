// The provider-agnostic runtime, for those building on batchspec's pieces.
export * from "./errors-public.ts";
export { authorizer, assertTokenSource, bearerHeaders } from "./auth.ts";
export { createApiError, retryAfterMs } from "./errors.ts";
export {
  apiErrorGuard,
  createApiClient,
  type ApiClient,
  type ApiClientOptions,
  type ApiDefinition,
  type HelperOptions,
  type IterateOptions,
  type OperationBody,
  type OperationData,
  type OperationError,
  type OperationInit,
  type OperationQuery,
} from "./client.ts";
export { operationTable, type OperationEntry, type OperationTable } from "./operation-table.ts";
export { FormParts, mediaKind, mediaType, readBody, type FormPart, type MediaKind } from "./media.ts";
export { toFormData } from "./form-body.ts";
export {
  createOpenApiValidator,
  formatAjvErrors,
  lazyValidator,
  precompiledSchemas,
  schemaPointers,
  type OpenApiValidator,
  type PrecompiledSchemas,
  type SchemaCompiler,
  type SchemaValidateFunction,
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
  signWebhook,
  verifyWebhook,
  type SignatureScheme,
  type VerifyWebhookOptions,
  type WebhookFailure,
  type WebhookResult,
} from "./webhook.ts";
export {
  isIdempotentMethod,
  retryDelayMs,
  shouldRetry,
  RETRY_DEFAULTS,
  type AttemptOutcome,
} from "./retry.ts";
export { createTransport, type FetchLike, type Transport, type TransportOptions } from "./transport.ts";
export { assertValidRequest } from "./validate-before-send.ts";
export { validateRequestsMiddleware } from "./validate-requests-middleware.ts";
