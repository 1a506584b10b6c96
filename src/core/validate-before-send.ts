// Validation before send: check a request against the spec's schema (and so the provider's documented
// limits) before any network call, and throw a ValidationError naming the offending path. (Raw calls
// get the same check from validate-requests-middleware.ts.)
import { ValidationError } from "./errors.ts";
import type { OpenApiValidator, RequestToValidate, ValidationIssue } from "./openapi-validator.ts";

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
