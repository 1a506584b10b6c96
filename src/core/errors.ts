// The one error hierarchy the helpers throw (raw calls keep openapi-fetch's `{data, error, response}`).
//
//   BatchspecError
//   ├── BatchApiError            the API answered with an error status
//   │   ├── AuthError            401, 403
//   │   ├── NotFoundError        404
//   │   ├── ConflictError        409
//   │   ├── ValidationError      400, 422, or refused before sending (`sent: false`)
//   │   ├── RateLimitError       429, with retryAfterMs
//   │   └── ServerError          5xx
//   ├── TimeoutError             no response within the timeout
//   ├── ConnectionError          the request could not be sent or the connection broke
//   ├── InvalidResponseError     a 2xx whose body is not what the spec documents (bad JSON, cut short, empty)
//   ├── PaginationError          a walk over pages that cannot go on (a page without its list, a cursor loop)
//   ├── PollTimeoutError         a job did not finish in time; carries its last state
//   └── JobFailedError           a job reached a failed state; carries it
//
// Every message, `toString()` and `toJSON()` is built from redacted data (see redact.ts).
import type { ValidationIssue } from "./openapi-validator.ts";
import { API_ERROR_BRAND, ERROR_BRAND } from "./error-brand.ts";
import { errorCode } from "./error-code.ts";
import { redactBody, redactError, redactHeaders, redactText, redactUrl } from "./redact.ts";
import { retryAfterMs } from "./retry.ts";

export { errorCode } from "./error-code.ts";
export { retryAfterMs } from "./retry.ts";

export interface ErrorContext {
  /** The spec id (`<id>` of specs/<id>). */
  provider: string;
  /** The operationId, when known. */
  operation?: string | undefined;
  method?: string | undefined;
  url?: string | undefined;
  /**
   * Secret values the request carried (its token, credentials in its body): scrubbed from everything
   * the error holds, should the provider echo them. Never stored.
   */
  secrets?: readonly string[] | undefined;
}

export class BatchspecError extends Error {
  static readonly errorName: string = "BatchspecError";
  readonly provider: string;
  readonly operation: string | undefined;
  readonly method: string | undefined;
  /** The request URL, with credential-like query parameters redacted. */
  readonly url: string | undefined;

  constructor(message: string, context: ErrorContext, options?: { cause?: unknown }) {
    const secrets = context.secrets ?? [];
    super(
      redactText(message, secrets),
      options && "cause" in options ? { cause: redactError(options.cause, secrets) } : undefined,
    );
    // A class's own name, spelled out (a minifier renames classes); a subclass of yours keeps its own.
    const own = Object.hasOwn(new.target, "errorName")
      ? (new.target as { errorName?: string }).errorName
      : undefined;
    this.name = own ?? new.target.name;
    this.provider = context.provider;
    this.operation = context.operation;
    this.method = context.method;
    this.url = context.url === undefined ? undefined : redactText(redactUrl(context.url), secrets);
  }

  /** Lets code that does not load this module recognise batchspec's errors (see error-brand.ts). */
  get [ERROR_BRAND](): true {
    return true;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) if (v !== undefined && k !== "cause") out[k] = v;
    return out;
  }
}

export interface ApiErrorDetails<TBody> extends ErrorContext {
  status: number | undefined;
  headers?: Headers | Record<string, string> | undefined;
  body?: TBody | undefined;
  requestId?: string | undefined;
}

export class BatchApiError<TBody = unknown> extends BatchspecError {
  static override readonly errorName: string = "BatchApiError";
  /** The HTTP status; undefined only for a ValidationError raised before the request was sent. */
  readonly status: number | undefined;
  /** Response headers, credentials redacted. */
  readonly headers: Record<string, string>;
  /** The parsed error body (the spec's error schema for this status), credentials redacted. */
  readonly body: TBody | undefined;
  /** The provider's request or tracking id, when it sends one. */
  readonly requestId: string | undefined;

  get [API_ERROR_BRAND](): true {
    return true;
  }

  constructor(message: string, details: ApiErrorDetails<TBody>) {
    super(message, details);
    const secrets = details.secrets ?? [];
    this.status = details.status;
    this.headers = redactHeaders(details.headers, secrets);
    this.body = details.body === undefined ? undefined : redactBody(details.body, secrets);
    this.requestId = details.requestId === undefined ? undefined : redactText(details.requestId, secrets);
  }
}

export class AuthError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "AuthError";
  declare readonly status: number;
}
export class NotFoundError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "NotFoundError";
  declare readonly status: number;
}
export class ConflictError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "ConflictError";
  declare readonly status: number;
}
export class ServerError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "ServerError";
  declare readonly status: number;
}

export class RateLimitError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "RateLimitError";
  declare readonly status: number;
  /** How long the provider asked to wait (Retry-After or retry-after-ms), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ApiErrorDetails<TBody> & { retryAfterMs: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class ValidationError<TBody = unknown> extends BatchApiError<TBody> {
  static override readonly errorName: string = "ValidationError";
  /** Every problem found, each with its field path (`input.manifest`). */
  readonly issues: ValidationIssue[];
  /** The first offending field, when known (from the provider's body, or from the spec before sending). */
  readonly field: string | undefined;
  /** False when the request was refused before it was sent. */
  readonly sent: boolean;

  constructor(
    message: string,
    details: ApiErrorDetails<TBody> & { issues: ValidationIssue[]; sent: boolean },
  ) {
    super(message, details);
    this.issues = details.issues;
    this.field = details.issues[0]?.location;
    this.sent = details.sent;
  }
}

export class TimeoutError extends BatchspecError {
  static override readonly errorName: string = "TimeoutError";
  readonly timeoutMs: number;
  constructor(context: ErrorContext & { timeoutMs: number }) {
    super(`${describeRequest(context)}: no response within ${context.timeoutMs} ms`, context);
    this.timeoutMs = context.timeoutMs;
  }
}

export class ConnectionError extends BatchspecError {
  static override readonly errorName: string = "ConnectionError";
  /** True when the request never left (connection refused, DNS failure): always safe to retry. */
  readonly beforeSend: boolean;
  constructor(context: ErrorContext & { beforeSend: boolean }, cause: unknown) {
    const reason = errorCode(cause) ?? (cause instanceof Error ? cause.message : String(cause));
    super(`${describeRequest(context)}: connection failed (${reason})`, context, { cause });
    this.beforeSend = context.beforeSend;
  }
}

/**
 * A 2xx whose body is not what the spec documents for it: not valid JSON, cut short, or empty where a
 * body is documented. Carries a redacted excerpt of what came.
 */
export class InvalidResponseError extends BatchspecError {
  static override readonly errorName: string = "InvalidResponseError";
  readonly status: number;
  readonly contentType: string | undefined;
  /** The start of the body as received, secrets scrubbed (at most 200 characters). */
  readonly excerpt: string;
  constructor(
    problem: string,
    context: ErrorContext & { status: number; contentType: string | undefined; text: string },
  ) {
    // Scrubbed whole, then cut: a secret that straddles the cut must not leave its first half behind.
    const excerpt = redactText(context.text, context.secrets ?? []).slice(0, 200);
    super(
      `${describeRequest(context)}: the ${context.status} response ${problem}${excerpt ? `: ${JSON.stringify(excerpt)}` : ""}`,
      context,
    );
    this.status = context.status;
    this.contentType = context.contentType;
    this.excerpt = excerpt;
  }
}

/** A walk over pages that cannot go on: a page without its list, or a cursor seen before in the walk. */
export class PaginationError extends BatchspecError {
  static override readonly errorName: string = "PaginationError";
  /** The number of the page (from 1) where it stopped. */
  readonly page: number;
  constructor(message: string, context: ErrorContext & { page: number }) {
    super(message, context);
    this.page = context.page;
  }
}

export class PollTimeoutError<TJob = unknown> extends BatchspecError {
  static override readonly errorName: string = "PollTimeoutError";
  /** The job as last seen (undefined if no poll answered). */
  readonly lastState: TJob | undefined;
  readonly polls: number;
  readonly elapsedMs: number;
  constructor(
    context: ErrorContext & {
      lastState: TJob | undefined;
      polls: number;
      elapsedMs: number;
      timeoutMs: number;
    },
  ) {
    super(
      `${context.provider}: the job did not finish within ${context.timeoutMs} ms (${context.polls} polls)`,
      context,
    );
    this.lastState =
      context.lastState === undefined ? undefined : redactBody(context.lastState, context.secrets);
    this.polls = context.polls;
    this.elapsedMs = context.elapsedMs;
  }
}

export class JobFailedError<TJob = unknown> extends BatchspecError {
  static override readonly errorName: string = "JobFailedError";
  readonly job: TJob;
  constructor(message: string, context: ErrorContext & { job: TJob }) {
    super(message, context);
    this.job = redactBody(context.job, context.secrets);
  }
}

function describeRequest(context: ErrorContext): string {
  const what =
    context.operation ??
    (context.method && context.url ? `${context.method} ${redactUrl(context.url)}` : "request");
  return `${context.provider} ${what}`;
}

/** What a provider's error body says, in one line (its `message`, `error` or `detail`). */
function bodyMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 300) || undefined;
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ["message", "error", "detail", "error_description", "title"]) {
    const v = b[key];
    if (typeof v === "string" && v !== "") return v;
    if (v && typeof v === "object" && typeof (v as { message?: unknown }).message === "string") {
      return (v as { message: string }).message;
    }
  }
  return JSON.stringify(body).slice(0, 300);
}

export interface ApiErrorInput<TBody> extends ErrorContext {
  status: number;
  headers: Headers;
  body: TBody | undefined;
  /** Response headers that carry the provider's request id, in order of preference. */
  requestIdHeaders?: readonly string[];
  /** Secret values to scrub from the message and body (the request's credentials, should the provider echo them). */
  secrets?: readonly string[];
  /** The field-level problems the provider's error body names, for a ValidationError. Default: none. */
  issues?: (body: unknown) => ValidationIssue[];
}

/** The one factory: the right error class for a status, with a message that says what went wrong. */
export function createApiError<TBody>(input: ApiErrorInput<TBody>): BatchApiError<TBody> {
  const requestId = [...(input.requestIdHeaders ?? []), "x-request-id"]
    .map((h) => input.headers.get(h))
    .find((v): v is string => !!v);
  const body = input.body === undefined ? undefined : redactBody(input.body, input.secrets);
  const said = bodyMessage(body);
  const message = redactText(
    `${describeRequest(input)} failed with ${input.status}${said ? `: ${said}` : ""}${requestId ? ` (request id ${requestId})` : ""}`,
    input.secrets ?? [],
  );
  const details: ApiErrorDetails<TBody> = { ...input, requestId };
  const { status } = input;
  if (status === 401 || status === 403) return new AuthError(message, details);
  if (status === 404) return new NotFoundError(message, details);
  if (status === 409) return new ConflictError(message, details);
  if (status === 400 || status === 422) {
    return new ValidationError(message, { ...details, issues: input.issues?.(body) ?? [], sent: true });
  }
  if (status === 429)
    return new RateLimitError(message, { ...details, retryAfterMs: retryAfterMs(input.headers) });
  if (status >= 500) return new ServerError(message, details);
  return new BatchApiError(message, details);
}
