// `validateResponses: true`: every answer a client gets, a 2xx or an error, checked against the spec
// (status, media type, headers, body) before the client hands it on. For debugging an integration in
// production: an answer off the spec is an InvalidResponseError that names each problem, instead of a
// shape the caller's code trips over later. Loaded only by a client created with the option.
import { InvalidResponseError, type ErrorContext } from "./errors.ts";
import { mediaType } from "./media-type.ts";
import type { OpenApiValidator } from "./openapi-validator.ts";

/**
 * Throws an InvalidResponseError when the response to `operationId` breaks the spec. `body` is what the
 * client read of it: parsed JSON, text, or undefined for none.
 */
export async function assertValidResponse(
  validator: OpenApiValidator,
  operationId: string,
  response: Response,
  body: unknown,
  context: ErrorContext,
): Promise<void> {
  const issues = validator.validateResponse(operationId, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type"),
    body,
  });
  if (issues.length === 0) return;
  const shown = issues.slice(0, 5).map((i) => `${i.location}: ${i.message}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
  throw new InvalidResponseError(`does not match the spec (validateResponses): ${shown.join("; ")}${more}`, {
    ...context,
    status: response.status,
    contentType: mediaType(response.headers.get("content-type")),
    text: typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body),
  });
}
