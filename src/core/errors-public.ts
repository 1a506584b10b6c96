// What every provider entry point re-exports: the error hierarchy and the option types users name.
export {
  AuthError,
  BatchApiError,
  BatchspecError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  JobFailedError,
  NotFoundError,
  PaginationError,
  PollTimeoutError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors.ts";
export { ConfigurationError, type TokenSource } from "./auth.ts";
export type { Paginator } from "./paginate.ts";
export type { Logger, CallOptions } from "./transport.ts";
export type { RetryOptions } from "./retry.ts";
