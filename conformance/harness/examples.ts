// Examples by operation, read from the spec itself: the request body a suite sends as "the provider's
// own example", and a sample request for any operation (path parameters from their examples).
import { toFormData } from "../../src/core/form-body.ts";
import { mediaKind } from "../../src/core/media.ts";
import { resolveRef } from "../../src/core/openapi-types.ts";
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";

interface MediaObject {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** The request body example named `name` (or the first) of an operation, with its media type; a copy. */
export function requestExample(
  validator: OpenApiValidator,
  operationId: string,
  name?: string,
): { mediaType: string; value: unknown } | undefined {
  const { document } = validator;
  const body = validator.operation(operationId).operation.requestBody;
  if (body === undefined) return undefined;
  const content =
    resolveRef<{ content?: Record<string, MediaObject> }>(document, body, "").node.content ?? {};
  for (const [mediaType, media] of Object.entries(content)) {
    const examples = Object.entries(media.examples ?? {}).map(
      ([k, e]) => [k, resolveRef<{ value?: unknown }>(document, e, "").node.value] as const,
    );
    const found =
      name === undefined
        ? (examples[0] ?? (media.example !== undefined ? ["", media.example] : undefined))
        : examples.find(([k]) => k === name);
    if (found) return { mediaType, value: structuredClone(found[1]) };
  }
  if (name !== undefined) throw new Error(`${operationId} has no request example named ${name}`);
  return undefined;
}

/**
 * A request for the operation that the spec's examples describe: path parameters from their
 * examples, the first request body example. For statuses no request can provoke (answered by an
 * injected fault), where what is sent does not matter beyond reaching the operation.
 */
export function sampleRequest(
  validator: OpenApiValidator,
  baseUrl: string,
  operationId: string,
  token: string,
): Request {
  const info = validator.operation(operationId);
  let path = info.path ?? "/";
  for (const { param } of info.parameters) {
    if (param.in !== "path") continue;
    const p = param as { example?: unknown; schema?: { example?: unknown } };
    const value = p.example ?? p.schema?.example ?? "example";
    path = path.replace(`{${param.name}}`, encodeURIComponent(String(value)));
  }
  // A required query parameter goes too, with its example: without it the request breaks the spec.
  const query = new URLSearchParams();
  for (const { param } of info.parameters) {
    const p = param as { in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
    if (p.in === "query" && p.required)
      query.set(param.name, String(p.example ?? p.schema?.example ?? "example"));
  }
  if (query.size > 0) path = `${path}?${query}`;
  const headers = new Headers({ Authorization: `Bearer ${token}` });
  const example = requestExample(validator, operationId);
  let body: BodyInit | undefined;
  if (example) {
    const kind = mediaKind(example.mediaType);
    if (kind === "multipart") body = toFormData(example.value as Record<string, unknown>);
    else {
      headers.set("Content-Type", example.mediaType);
      body = kind === "json" ? JSON.stringify(example.value) : String(example.value);
    }
  }
  return new Request(`${baseUrl.replace(/\/+$/, "")}${path}`, { method: info.method, headers, body });
}
