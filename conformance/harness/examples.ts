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
  /** The request body example to send, by name (default: the first). */
  exampleName?: string,
  /**
   * What to send instead of the examples: path parameter values by name, and a body with its media type
   * (a multipart body as an object of fields, each file by its name, as the spec's examples write it).
   */
  overrides: { path?: Record<string, string>; body?: { mediaType: string; value: unknown } } = {},
): Request {
  const info = validator.operation(operationId);
  let path = info.path ?? "/";
  for (const { param } of info.parameters) {
    if (param.in !== "path") continue;
    const p = param as { example?: unknown; schema?: { example?: unknown } };
    const value = overrides.path?.[param.name] ?? p.example ?? p.schema?.example ?? "example";
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
  const example = overrides.body ?? requestExample(validator, operationId, exampleName);
  let body: BodyInit | undefined;
  if (example) {
    const kind = mediaKind(example.mediaType);
    if (kind === "multipart")
      body = toFormData(withFiles(validator, operationId, example.mediaType, example.value));
    else {
      headers.set("Content-Type", example.mediaType);
      body = kind === "json" ? JSON.stringify(example.value) : String(example.value);
    }
  }
  return new Request(`${baseUrl.replace(/\/+$/, "")}${path}`, { method: info.method, headers, body });
}

/**
 * A multipart example with its file fields made files: YAML cannot hold a file's bytes, so an example
 * names each file (`files: [audio1.wav]`); each name becomes an empty file of that name, of the type
 * the field's encoding (or schema) gives.
 */
function withFiles(
  validator: OpenApiValidator,
  operationId: string,
  mediaType: string,
  value: unknown,
): Record<string, unknown> {
  const { document } = validator;
  const body = validator.operation(operationId).operation.requestBody;
  const media = resolveRef<{ content?: Record<string, MediaWithSchema> }>(document, body, "").node.content?.[
    mediaType
  ];
  const schema = resolveRef<{ properties?: Record<string, unknown> }>(document, media?.schema, "").node;
  const out = { ...(value as Record<string, unknown>) };
  for (const [name, raw] of Object.entries(schema?.properties ?? {})) {
    const prop = resolveRef<FileSchema & { items?: unknown }>(document, raw, "").node;
    const item = prop?.items ? resolveRef<FileSchema>(document, prop.items, "").node : prop;
    if (!isFile(item)) continue;
    const type = concreteType(media?.encoding?.[name]?.contentType ?? item.contentMediaType);
    const file = (v: unknown) => (typeof v === "string" ? new File([], v, { type }) : v);
    const v = out[name];
    out[name] = Array.isArray(v) ? v.map(file) : file(v);
  }
  return out;
}

interface MediaWithSchema {
  schema?: unknown;
  encoding?: Record<string, { contentType?: string }>;
}
interface FileSchema {
  format?: string;
  contentMediaType?: string;
}
const isFile = (schema: FileSchema | undefined) =>
  schema?.format === "binary" || schema?.contentMediaType !== undefined;
/** The first media type of a list that names no wildcard (`audio/*, application/octet-stream`). */
const concreteType = (types: string | undefined) =>
  types
    ?.split(",")
    .map((t) => t.trim())
    .find((t) => t !== "" && !t.includes("*")) ?? "application/octet-stream";
