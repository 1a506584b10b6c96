// Validation before send: check a request against the spec's schema (and so the provider's documented
// limits) before any network call, and throw a ValidationError naming the offending path.
import type { Middleware } from "openapi-fetch";
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
  const issues = validator
    .validateRequest(operationId, request)
    .filter((i) => i.location !== "header.authorization")
    .map(field);
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

/** The same check as an openapi-fetch middleware, for raw calls of a client that opts in. */
export function validateRequestsMiddleware(validator: OpenApiValidator, provider: string): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const info = validator.operations.find((o) => o.path === schemaPath && o.method === request.method);
      if (!info) return undefined;
      const url = new URL(request.url);
      const text = await request.clone().text();
      let body: unknown;
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      assertValidRequest(validator, provider, info.operationId, {
        pathParams: pathParamsOf(info.path!, url.pathname),
        query: url.searchParams,
        headers: request.headers,
        contentType: request.headers.get("content-type"),
        body,
      });
      return undefined;
    },
  };
}

/** Path parameters by matching the template's segments against the end of the URL's path. */
function pathParamsOf(template: string, pathname: string): Record<string, string> {
  const names = template.split("/");
  const parts = pathname.split("/").slice(-names.length);
  const out: Record<string, string> = {};
  names.forEach((segment, i) => {
    const m = /^\{([^}]+)\}$/.exec(segment);
    if (m && parts[i] !== undefined) out[m[1]!] = decodeURIComponent(parts[i]!);
  });
  return out;
}
