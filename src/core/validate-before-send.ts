// Validation before send: check a request against the spec's schema (and so the provider's documented
// limits) before any network call, and throw a ValidationError naming the offending path. (Raw calls
// get the same check from validate-requests-middleware.ts.)
import { ValidationError } from "./errors.ts";
import type { OpenApiValidator, RequestToValidate, ValidationIssue } from "./openapi-validator.ts";
import { mergeHeaders } from "./request-body.ts";

/** `body.input.manifest` reads as `input.manifest`: the body is what a caller builds. */
const field = (issue: ValidationIssue): ValidationIssue => ({
  location: issue.location.replace(/^body\.?/, "") || "body",
  message: issue.message,
});

export function assertValidRequest(
  validator: OpenApiValidator,
  provider: string,
  operationId: string,
  request: RequestToValidate,
): void {
  // Credentials are the transport's business; the body and parameters are the caller's.
  const found = validator.validateRequest(
    operationId,
    request.skipSecurity ? request : { ...request, skipSecurity: true },
  );
  if (found.length === 0) return;
  const issues = found.filter((i) => i.location !== "header.authorization").map(field);
  if (issues.length === 0) return;
  const list = issues.map((i) => `${i.location}: ${i.message}`).join("; ");
  throw new ValidationError(`${provider} ${operationId}: request refused before sending: ${list}`, {
    provider,
    operation: operationId,
    status: undefined,
    issues,
    sent: false,
  });
}

/** A helper call's init, as openapi-fetch takes it. */
export interface LooseInit {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body?: unknown;
  headers?: HeadersInit;
}

/** `assertValidRequest` for a helper call's init, its body going as `contentType`. */
export function assertValidInit(
  validator: OpenApiValidator,
  provider: string,
  operationId: string,
  init: LooseInit,
  contentType: string | undefined,
): void {
  assertValidRequest(validator, provider, operationId, {
    skipSecurity: true,
    pathParams: init.params?.path ?? {},
    query: init.params?.query ?? {},
    headers:
      init.headers || init.params?.header
        ? mergeHeaders(init.headers, stringRecord(init.params?.header))
        : undefined,
    contentType,
    body: init.body,
  });
}

const stringRecord = (values: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values ?? {})
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
