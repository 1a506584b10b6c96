// Validation before send: check a request against the spec's schema (and so the provider's documented
// limits) before any network call, and throw a ValidationError naming the offending path.
import type { Middleware } from "openapi-fetch";
import { ValidationError } from "./errors.ts";
import { readBody } from "./media.ts";
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

/**
 * The same check as an openapi-fetch middleware, for raw calls of a client that opts in. `appliesTo`
 * picks the calls it checks from openapi-fetch's per-call options (a client's helpers, which validate
 * on their own and may opt out per call, send through a fetch of their own and are left alone).
 */
export function validateRequestsMiddleware(
  load: () => OpenApiValidator | Promise<OpenApiValidator>,
  provider: string,
  appliesTo: (options: { fetch: unknown }) => boolean = () => true,
): Middleware {
  return {
    async onRequest({ request, schemaPath, params, options }) {
      if (!appliesTo(options)) return undefined;
      const validator = await load();
      const info = validator.operations.find((o) => o.path === schemaPath && o.method === request.method);
      if (!info) return undefined;
      const read = await readBody(request);
      if (!read.ok) {
        const issues = [{ location: "body", message: read.message }];
        throw new ValidationError(
          `${provider} ${info.operationId}: request refused before sending: body: ${read.message}`,
          {
            provider,
            operation: info.operationId,
            status: undefined,
            issues,
            sent: false,
          },
        );
      }
      assertValidRequest(validator, provider, info.operationId, {
        pathParams: params.path ?? {},
        query: new URL(request.url).searchParams,
        headers: request.headers,
        contentType: request.headers.get("content-type"),
        body: read.body,
      });
      return undefined;
    },
  };
}
