// The errors of a helper call (client.ts has the happy path), loaded when the first one is made: a
// request refused before sending, a non-2xx, a body that broke off while it was read, and a 2xx whose
// body is not what the spec documents.
import { isBatchspecError } from "./error-brand.ts";
import type { ErrorContext } from "./errors.ts";
import type { OpenApiValidator, ValidationIssue } from "./openapi-validator.ts";
import type { OperationEntry } from "./operation-table.ts";
import { mediaType } from "./media-type.ts";
import { secretValues } from "./secret-values.ts";
import { successBody } from "./client.ts";

/** The error classes. */
const errors = () => import("./errors.ts");

/** A ValidationError with `sent: false`: `problem` is `<location>: <message>`. */
export async function refusal(provider: string, operation: string, problem: string): Promise<Error> {
  const [location = "body", message = problem] = problem.split(/: (.*)/s);
  return new (await errors()).ValidationError(
    `${provider} ${operation}: request refused before sending: ${problem}`,
    {
      provider,
      operation,
      status: undefined,
      issues: [{ location, message }],
      sent: false,
    },
  );
}

/** What a helper call's errors need to know of it. */
export interface FailedCall {
  /** What the provider's client said of it (its spec id, request-id headers, how its error body names fields). */
  api: {
    provider: string;
    requestIdHeaders?: readonly string[] | undefined;
    issuesFromBody?: ((body: unknown) => ValidationIssue[]) | undefined;
  };
  operation: string;
  entry: OperationEntry;
  /** The request, once it was sent. */
  sent: Request | undefined;
  /** The body as the caller gave it (its credentials are scrubbed). */
  body: unknown;
  /** The secret values this call's attempts sent, and those the client sent lately. */
  ownSecrets: readonly string[];
  sentSecrets: ReadonlySet<string>;
}

export const context = (call: FailedCall) => ({
  provider: call.api.provider,
  operation: call.operation,
  method: call.sent?.method ?? call.entry.method,
  url: call.sent?.url,
  secrets: [...secretValues(call.body), ...call.ownSecrets, ...call.sentSecrets],
});

/**
 * What to throw for a call that threw (`error`) before its response was read through: a body that
 * could not be serialized (refused, as nothing was sent), a response whose body broke off while it was
 * read (its status's error, or an InvalidResponseError for a 2xx), or else the error itself.
 */
export async function thrownCall(
  call: FailedCall,
  error: unknown,
  answered: number | undefined,
  aborted: boolean | undefined,
): Promise<unknown> {
  // Before anything was sent: the body could not be serialized (a Blob where JSON goes, a BigInt...).
  if (call.sent === undefined && !isBatchspecError(error))
    return refusal(
      call.api.provider,
      call.operation,
      `body: could not be serialized (${error instanceof Error ? error.name : typeof error})`,
    );
  if (answered === undefined || isBatchspecError(error) || aborted) return error;
  const { createApiError } = await errors();
  // The response came, but its body broke off while it was read.
  if (answered < 200 || answered > 299) {
    return createApiError({
      ...context(call),
      status: answered,
      headers: new Headers(),
      body: undefined,
      requestIdHeaders: call.api.requestIdHeaders ?? [],
    });
  }
  return cutShort(context(call), answered);
}

/** `validateResponses`: the response of a helper call (its body as read) checked against the spec. */
export async function checkResponse(
  validator: OpenApiValidator,
  call: FailedCall,
  response: Response,
  body: unknown,
): Promise<void> {
  const { assertValidResponse } = await import("./validate-responses.ts");
  await assertValidResponse(validator, call.operation, response, body, context(call));
}

/** A 2xx whose body broke off while it was read. */
export async function cutShort(context: ErrorContext, status: number): Promise<Error> {
  return new (await errors()).InvalidResponseError("was cut short while it was read", {
    ...context,
    status,
    contentType: undefined,
    text: "",
  });
}

/** The error for a non-2xx, its body as openapi-fetch parsed it. */
export async function apiError(call: FailedCall, response: Response, body: unknown): Promise<Error> {
  return (await errors()).createApiError({
    ...context(call),
    status: response.status,
    headers: response.headers,
    body,
    requestIdHeaders: call.api.requestIdHeaders ?? [],
    issues: call.api.issuesFromBody ?? (() => []),
  });
}

/**
 * The InvalidResponseError for a 2xx whose body (read as text) is not what the spec documents for its
 * status: a status it does not document, an empty body, or one that is not JSON where JSON is documented.
 */
export async function invalidSuccess(
  entry: OperationEntry,
  response: Response,
  text: string | undefined,
  context: ErrorContext,
): Promise<Error> {
  const documented = successBody(entry, response.status);
  const contentType = mediaType(response.headers.get("content-type"));
  const problem =
    documented === undefined
      ? "is not a status the spec documents for this operation"
      : text === undefined || text === ""
        ? `has an empty body, where the spec documents ${documented.types.join(" or ")}`
        : `is not valid JSON${contentType ? ` (${contentType})` : ""}`;
  return new (await errors()).InvalidResponseError(problem, {
    ...context,
    status: response.status,
    contentType,
    text: text ?? "",
  });
}

/** The context of an invalid success of a helper call. */
export const invalidCall = (call: FailedCall, response: Response, text: string | undefined) =>
  invalidSuccess(call.entry, response, text, context(call));
