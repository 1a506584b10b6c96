// Validation before send for raw calls of a client that opts in (`validateRequests: true`), as an
// openapi-fetch middleware: the request is read back (its body as the runtime will send it) and checked
// like a helper's. Loaded by the client on first use.
import type { Middleware } from "openapi-fetch";
import { ValidationError } from "./errors.ts";
import { readBody } from "./media.ts";
import type { OpenApiValidator } from "./openapi-validator.ts";
import { assertValidRequest } from "./validate-before-send.ts";

/**
 * The same check as an openapi-fetch middleware, for raw calls of a client that opts in. `appliesTo`
 * picks the calls it checks from openapi-fetch's per-call options (a client's helpers, which validate
 * on their own and may opt out per call, send through a fetch of their own and are left alone).
 */
export function validateRequestsMiddleware(
  /** The validator, or a function that loads it (asked on the first request). */
  validatorOrLoad: OpenApiValidator | (() => OpenApiValidator | Promise<OpenApiValidator>),
  provider: string,
  appliesTo: (options: { fetch: unknown }) => boolean = () => true,
): Middleware {
  return {
    async onRequest({ request, schemaPath, params, options }) {
      if (!appliesTo(options)) return undefined;
      const validator = typeof validatorOrLoad === "function" ? await validatorOrLoad() : validatorOrLoad;
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
