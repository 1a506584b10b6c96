// Run-time validation of requests and responses against an OpenAPI 3.1 document, with ajv's validators
// of the document's own schemas. Provider-agnostic: the simulators, the conformance harness and the
// clients' validation-before-send all use it. This module compiles nothing: it asks a `SchemaCompiler`
// for the validator of a schema. A provider's validators are compiled when the spec is generated
// (generated/<id>.validators.js, see precompiledSchemas); ajv-compiler.ts compiles any other document's
// at run time.
import type { ErrorObject } from "ajv/dist/2020.js";
import { formToObject, type FormEncoding } from "./form-body.ts";
import { mediaKind, mediaType, parseNdjson, selectMediaType } from "./media.ts";
import type { OpenApiDocument, OperationObject, ParameterObject, ResponseObject } from "./openapi-types.ts";
import { resolveRef } from "./openapi-types.ts";

/** An ajv validate function, compiled at run time or ahead of time: `errors` holds what the last call found. */
export interface SchemaValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The validator of the schema at `pointer` (a JSON pointer into the document). With `coerce`, the
 * validator takes `{ value }` and checks `value` with ajv's type coercion (a query or path parameter
 * arrives as a string).
 */
export type SchemaCompiler = (pointer: string, coerce: boolean) => SchemaValidateFunction;

/** Validators compiled ahead of time, by schema pointer: what generated/<id>.validators.js exports. */
export interface PrecompiledSchemas {
  plain: Record<string, SchemaValidateFunction>;
  coerced: Record<string, SchemaValidateFunction>;
}

/** A compiler that only looks up validators compiled ahead of time; it never compiles code. */
export function precompiledSchemas(schemas: PrecompiledSchemas, provider: string): SchemaCompiler {
  return (pointer, coerce) => {
    const fn = (coerce ? schemas.coerced : schemas.plain)[pointer];
    if (fn === undefined) {
      throw new Error(
        `${provider}: no precompiled validator for ${pointer}${coerce ? " (coerced)" : ""}; run npm run generate`,
      );
    }
    return fn;
  };
}

/** One thing wrong with a request or response: where (`body.input.manifest`, `query.page_size`, `status`) and what. */
export interface ValidationIssue {
  location: string;
  message: string;
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path template (`/jobs/{jobId}`), or undefined for a webhook. */
  path: string | undefined;
  /** The webhook's name, for a webhook. */
  webhook: string | undefined;
  /** JSON pointer of the operation object inside the document. */
  pointer: string;
  operation: OperationObject;
  parameters: { param: ParameterObject; pointer: string }[];
}

export interface RequestToValidate {
  /** Leave the credentials unchecked (a client puts them on each attempt itself, after validating). */
  skipSecurity?: boolean;
  /** Path parameters, as a router or a caller gives them (strings, numbers). */
  pathParams?: Record<string, unknown>;
  /** The query as sent (`URLSearchParams`), or as a caller builds it (an object; arrays for repeated values). */
  query?: URLSearchParams | Record<string, unknown>;
  headers?: Headers;
  /** The request's Content-Type header, if it had a body. */
  contentType?: string | null;
  /**
   * The body, or undefined when the request had none: as `readBody` gives it (a JSON value, NDJSON or
   * text as a string, `FormParts`, bytes), or as a caller builds it (a JSON value; for a form, an
   * object of fields with Blobs for files).
   */
  body?: unknown;
}

export interface ResponseToValidate {
  status: number;
  headers?: Headers;
  contentType?: string | null;
  /** The body as `readBody` gives it, or undefined when the response had none. */
  body?: unknown;
}

function queryValues(query: RequestToValidate["query"], name: string): unknown[] {
  if (query === undefined) return [];
  if (query instanceof URLSearchParams) return query.getAll(name);
  const value = query[name];
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

export { isJsonMediaType, mediaType } from "./media.ts";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** The part of `root` at a JSON pointer (`/input/manifest/3`), or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

/** `/input/manifest/3` → `input.manifest[3]` */
export function instancePathToField(instancePath: string): string {
  let out = "";
  for (const raw of instancePath.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

const join = (prefix: string, field: string) =>
  field === "" ? prefix : prefix === "" ? field : `${prefix}.${field}`;

/**
 * Turns ajv errors into issues that name the field and say what was wrong. Values of strings are never
 * echoed (they may be credentials); sizes and lengths are.
 */
export function formatAjvErrors(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
  /** The value that was validated: errors name the value they are about by its `instancePath`. */
  root?: unknown,
): ValidationIssue[] {
  const issues: (ValidationIssue & { rank: number })[] = [];
  for (const e of errors ?? []) {
    // anyOf/oneOf summaries only repeat what their branches said.
    if (e.keyword === "anyOf" || e.keyword === "oneOf" || e.keyword === "if") continue;
    const field = instancePathToField(e.instancePath);
    const p = e.params as Record<string, unknown>;
    // (ajv's `verbose` would carry the value, at the price of much bigger generated code.)
    const data = "data" in e ? e.data : valueAt(root, e.instancePath);
    let location = join(prefix, field);
    let message: string;
    switch (e.keyword) {
      case "required":
        location = join(location, String(p.missingProperty));
        message = "is required";
        break;
      case "additionalProperties":
        location = join(location, String(p.additionalProperty));
        message = "is not allowed here";
        break;
      case "maxItems":
      case "minItems":
        message = `${Array.isArray(data) ? data.length : "?"} items, at ${e.keyword === "maxItems" ? "most" : "least"} ${String(p.limit)}`;
        break;
      case "maxLength":
      case "minLength":
        message = `${typeof data === "string" ? data.length : "?"} characters, at ${e.keyword === "maxLength" ? "most" : "least"} ${String(p.limit)}`;
        break;
      case "maximum":
      case "minimum":
      case "exclusiveMaximum":
      case "exclusiveMinimum":
        message = `${String(data)} is out of range: must be ${String(p.comparison)} ${String(p.limit)}`;
        break;
      case "enum":
        message = `must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
        break;
      case "const":
        message = `must be ${JSON.stringify(p.allowedValue)}`;
        break;
      case "type":
        message = `must be ${String(p.type).replace(",", " or ")}, not ${describe(data)}`;
        break;
      case "format":
        message = `must be a valid ${String(p.format)}`;
        break;
      case "pattern":
        message = `must match ${String(p.pattern)}`;
        break;
      default:
        message = e.message ?? e.keyword;
    }
    issues.push({ location, message, rank: DISCRIMINATING.has(e.keyword) ? 1 : 0 });
  }
  // The most specific complaint leads: the deepest field first, and among equals a broken limit before a
  // missing property or a wrong enum value (which, inside anyOf, often only says another branch did not fit).
  const depth = (i: ValidationIssue) => i.location.split(/[.[]/).length;
  const sorted = dedupe(issues)
    .sort((a, b) => depth(b) - depth(a) || a.rank - b.rank)
    .map(({ location, message }) => ({ location, message }));
  // A body can break a schema a hundred thousand times (one per item of a huge list): the first
  // MAX_ISSUES say what is wrong; more would only cost memory and time.
  if (sorted.length <= MAX_ISSUES) return sorted;
  return [
    ...sorted.slice(0, MAX_ISSUES),
    { location: prefix || "value", message: `and ${sorted.length - MAX_ISSUES} more problems like these` },
  ];
}

/** How many issues one check reports at most. */
export const MAX_ISSUES = 100;

const DISCRIMINATING = new Set(["required", "enum", "const", "type"]);

function dedupe<T extends ValidationIssue>(issues: T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.location}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface OpenApiValidator {
  readonly document: OpenApiDocument;
  readonly operations: readonly OperationInfo[];
  operation(operationId: string): OperationInfo;
  /** The operation whose path template matches `pathname` (relative to the server URL), with its path parameters. */
  findOperation(
    method: string,
    pathname: string,
  ): { info: OperationInfo; pathParams: Record<string, string> } | undefined;
  validateRequest(operationId: string, request: RequestToValidate): ValidationIssue[];
  validateResponse(operationId: string, response: ResponseToValidate): ValidationIssue[];
  /** Validates a value against `#/components/schemas/<name>`. */
  validateSchema(name: string, value: unknown, prefix?: string): ValidationIssue[];
}

/** The operations of a document (paths and webhooks), with their parameters resolved. */
function collectOperations(document: OpenApiDocument): OperationInfo[] {
  const operations: OperationInfo[] = [];
  const collect = (items: Record<string, unknown> | undefined, base: string, kind: "path" | "webhook") => {
    for (const [key, rawItem] of Object.entries(items ?? {})) {
      const { node: item } = resolveRef<Record<string, unknown>>(
        document,
        rawItem,
        `${base}/${escapePointer(key)}`,
      );
      const itemPointer = `${base}/${escapePointer(key)}`;
      const shared = (item.parameters as unknown[] | undefined) ?? [];
      for (const method of METHODS) {
        const op = item[method] as OperationObject | undefined;
        if (!op) continue;
        if (!op.operationId) throw new Error(`${kind} ${key} ${method}: no operationId`);
        const pointer = `${itemPointer}/${method}`;
        const params = new Map<string, { param: ParameterObject; pointer: string }>();
        const addParams = (list: unknown[], listPointer: string) =>
          list.forEach((raw, i) => {
            const r = resolveRef<ParameterObject>(document, raw, `${listPointer}/${i}`);
            params.set(`${r.node.in}:${r.node.in === "header" ? r.node.name.toLowerCase() : r.node.name}`, {
              param: r.node,
              pointer: r.pointer,
            });
          });
        addParams(shared, `${itemPointer}/parameters`);
        addParams(op.parameters ?? [], `${pointer}/parameters`);
        operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          path: kind === "path" ? key : undefined,
          webhook: kind === "webhook" ? key : undefined,
          pointer,
          operation: op,
          parameters: [...params.values()],
        });
      }
    }
  };
  collect(document.paths, "/paths", "path");
  collect(document.webhooks, "/webhooks", "webhook");
  return operations;
}

/** Where an operation's request body schemas are: one pointer per media type. */
function requestBodyMedia(document: OpenApiDocument, info: OperationInfo) {
  const { node: requestBody, pointer } = resolveRef<{
    required?: boolean;
    content?: Record<string, { schema?: unknown; encoding?: Record<string, FormEncoding> }>;
  }>(document, info.operation.requestBody, `${info.pointer}/requestBody`);
  const content = requestBody.content ?? {};
  const at = (mediaType: string) => `${pointer}/content/${escapePointer(mediaType)}`;
  return { requestBody, content, at };
}

/** Where the response documented for `key` (a status, `2XX`, `default`) is, resolved. */
function responseAt(document: OpenApiDocument, info: OperationInfo, key: string) {
  const responses = info.operation.responses ?? {};
  const { node, pointer } = resolveRef<ResponseObject>(
    document,
    responses[key],
    `${info.pointer}/responses/${escapePointer(key)}`,
  );
  const at = (mediaType: string) => `${pointer}/content/${escapePointer(mediaType)}`;
  return { response: node, at };
}

/**
 * Every schema a validator of `document` may ask its compiler for: each parameter's (coerced), each
 * request and response body's by media type, each component schema. Generation compiles exactly these.
 */
export function schemaPointers(document: OpenApiDocument): { pointer: string; coerce: boolean }[] {
  const out = new Map<string, { pointer: string; coerce: boolean }>();
  const add = (pointer: string, coerce: boolean) => out.set(`${coerce}${pointer}`, { pointer, coerce });
  for (const info of collectOperations(document)) {
    for (const { param, pointer } of info.parameters) if (param.schema) add(`${pointer}/schema`, true);
    if (info.operation.requestBody) {
      const { content, at } = requestBodyMedia(document, info);
      for (const [type, media] of Object.entries(content)) if (media.schema) add(`${at(type)}/schema`, false);
    }
    for (const key of Object.keys(info.operation.responses ?? {})) {
      const { response, at } = responseAt(document, info, key);
      for (const [type, media] of Object.entries(response.content ?? {}))
        if ((media as { schema?: unknown }).schema) add(`${at(type)}/schema`, false);
    }
  }
  for (const name of Object.keys(document.components?.schemas ?? {}))
    add(`/components/schemas/${escapePointer(name)}`, false);
  return [...out.values()];
}

/** A validator of `document` whose schemas' validators come from `compile` (precompiled, or ajv at run time). */
export function createOpenApiValidator(document: OpenApiDocument, compile: SchemaCompiler): OpenApiValidator {
  if (typeof compile !== "function") {
    throw new TypeError(
      "createOpenApiValidator(document, compile): give it a SchemaCompiler: compileWithAjv(document) from batchspec/core/ajv (compiles at run time), or precompiledSchemas(...) for validators generated ahead of time",
    );
  }
  const compiled = new Map<string, SchemaValidateFunction>();
  const validatorAt = (pointer: string, coerce = false): SchemaValidateFunction => {
    const key = `${coerce ? "c" : "s"}${pointer}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = compile(pointer, coerce);
      compiled.set(key, fn);
    }
    return fn;
  };

  const operations = collectOperations(document);
  // What does not change from one call to the next, resolved once.
  const bodies = new Map<OperationInfo, ReturnType<typeof requestBodyMedia>>();
  const schemaTypes = new Map<string, unknown>();

  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const matchers = operations
    .filter((o) => o.path !== undefined)
    .map((o) => {
      const names: string[] = [];
      const source = o
        .path!.split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(m[1]!);
          return "([^/]+)";
        })
        .join("");
      // Literal segments win over templated ones (`/jobs/active` before `/jobs/{id}`).
      const literalLength = o.path!.replace(/\{[^}]+\}/g, "").length;
      return { info: o, regex: new RegExp(`^${source}$`), names, literalLength };
    })
    .sort((a, b) => b.literalLength - a.literalLength);

  const operation = (operationId: string): OperationInfo => {
    const info = byId.get(operationId);
    if (!info) throw new Error(`unknown operationId ${operationId}`);
    return info;
  };

  /** Per parameter, once: its location and its kind of schema (validators are looked up per call). */
  const paramFacts = new Map<
    OperationInfo["parameters"][number],
    { location: string; isArray: boolean; schemaPointer: string; fn?: SchemaValidateFunction }
  >();
  const factsOf = (entry: OperationInfo["parameters"][number]) => {
    let facts = paramFacts.get(entry);
    if (!facts) {
      const { param } = entry;
      const schemaType = resolveRef<{ type?: unknown }>(document, param.schema ?? {}, "").node.type;
      facts = {
        location: `${param.in}.${param.name}`,
        isArray: schemaType === "array",
        schemaPointer: `${entry.pointer}/schema`,
      };
      paramFacts.set(entry, facts);
    }
    return facts;
  };
  const validateParams = (info: OperationInfo, request: RequestToValidate): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    for (const entry of info.parameters) {
      const { param } = entry;
      const facts = factsOf(entry);
      const { location, isArray } = facts;
      let raw: unknown;
      if (param.in === "path") {
        const value = request.pathParams?.[param.name];
        raw = typeof value === "string" || typeof value === "number" ? String(value) : undefined;
      } else if (param.in === "query") {
        const all = queryValues(request.query, param.name);
        // A parameter that takes one value, given several: which one counts is anyone's guess.
        if (!isArray && all.length > 1) {
          issues.push({ location, message: `is given ${all.length} times; it takes one value` });
          continue;
        }
        raw = isArray ? (all.length > 0 ? all : undefined) : all[0];
      } else if (param.in === "header") raw = request.headers?.get(param.name) ?? undefined;
      else continue; // cookies: no provider uses them
      if (raw === undefined) {
        if (param.required) issues.push({ location, message: "is required" });
        continue;
      }
      if (!param.schema) continue;
      const fn = (facts.fn ??= validatorAt(facts.schemaPointer, true));
      if (!fn({ value: raw })) {
        issues.push(
          ...formatAjvErrors(fn.errors, "", { value: raw }).map((i) => ({
            location: i.location.replace(/^value/, location),
            message: i.message,
          })),
        );
      }
    }
    return issues;
  };

  /** Whether the request carries the credentials one of the operation's security alternatives asks for. */
  const validateSecurity = (info: OperationInfo, request: RequestToValidate): ValidationIssue[] => {
    if (info.path === undefined) return []; // webhooks: the provider calls us
    const requirements = (info.operation.security ?? document.security ?? []) as Record<string, unknown>[];
    if (requirements.length === 0) return [];
    const schemes = document.components?.securitySchemes ?? {};
    const satisfied = (name: string): boolean => {
      const scheme = resolveRef<{ type?: string; scheme?: string; in?: string; name?: string }>(
        document,
        schemes[name],
        "",
      ).node;
      if (scheme?.type === "http") {
        const value = request.headers?.get("authorization") ?? "";
        return (
          value.toLowerCase().startsWith(`${(scheme.scheme ?? "").toLowerCase()} `) &&
          value.trim().includes(" ")
        );
      }
      if (scheme?.type === "apiKey" && scheme.in === "header")
        return request.headers?.has(scheme.name ?? "") ?? false;
      return true; // oauth2, openIdConnect, mutualTLS, cookies: not checked here
    };
    if (requirements.some((alternative) => Object.keys(alternative).every(satisfied))) return [];
    const wanted = requirements.map((r) => Object.keys(r).join(" + ") || "none").join(" or ");
    return [{ location: "header.authorization", message: `is required (security: ${wanted})` }];
  };

  /**
   * A body against the media type object that its Content-Type selected (`mediaPointer` is where that
   * object sits), read as its kind: JSON as a value; NDJSON line by line; a form field by field (see
   * form-body.ts); text as a string. Bytes (octet-stream, audio, ...) are not checked beyond being there.
   */
  const validateBody = (
    mediaPointer: string,
    media: { schema?: unknown; encoding?: Record<string, FormEncoding> },
    declaredType: string,
    body: unknown,
  ): ValidationIssue[] => {
    if (media.schema === undefined) return [];
    const check = (value: unknown, prefix = "body") => {
      const fn = validatorAt(`${mediaPointer}/schema`);
      return fn(value) ? [] : formatAjvErrors(fn.errors, prefix, value);
    };
    const kind = mediaKind(declaredType.toLowerCase());
    let schemaType = schemaTypes.get(mediaPointer);
    if (!schemaTypes.has(mediaPointer)) {
      schemaType = resolveRef<{ type?: unknown }>(document, media.schema, "").node?.type;
      schemaTypes.set(mediaPointer, schemaType);
    }
    switch (kind) {
      case "json":
        return check(body);
      case "ndjson": {
        if (schemaType === "string") return check(typeof body === "string" ? body : String(body));
        const { values, badLines } =
          typeof body === "string" ? parseNdjson(body) : { values: [body], badLines: [] };
        const issues: ValidationIssue[] = badLines.slice(0, MAX_ISSUES).map((line) => ({
          location: `body.line ${line}`,
          message: "is not valid JSON",
        }));
        // An array schema describes the whole stream; any other schema describes each line.
        if (schemaType === "array") return [...issues, ...check(values)];
        for (const [i, value] of values.entries()) {
          if (issues.length >= MAX_ISSUES) break;
          issues.push(...check(value, `body[${i}]`));
        }
        return issues;
      }
      case "multipart":
      case "form": {
        const { value, issues, skipped } = formToObject(
          document,
          media.schema,
          media.encoding ?? {},
          body,
          "body",
        );
        const unread = (location: string) =>
          skipped.some(
            (f) => location === f || (/^[.[]/.test(location.slice(f.length)) && location.startsWith(f)),
          );
        return [...issues, ...check(value).filter((i) => !unread(i.location))];
      }
      case "text":
        return check(typeof body === "string" ? body : String(body));
      case "binary":
        return [];
    }
  };

  const validateRequest = (operationId: string, request: RequestToValidate): ValidationIssue[] => {
    const info = operation(operationId);
    const issues = request.skipSecurity
      ? validateParams(info, request)
      : [...validateSecurity(info, request), ...validateParams(info, request)];
    if (!info.operation.requestBody) {
      if (request.body !== undefined)
        issues.push({ location: "body", message: "this operation takes no body" });
      return issues;
    }
    let media = bodies.get(info);
    if (!media) bodies.set(info, (media = requestBodyMedia(document, info)));
    const { requestBody, content, at } = media;
    if (request.body === undefined) {
      if (requestBody.required) issues.push({ location: "body", message: "is required" });
      return issues;
    }
    const declared = Object.keys(content);
    const match = selectMediaType(declared, request.contentType);
    if (match === undefined) {
      issues.push({
        location: "header.content-type",
        message: `${mediaType(request.contentType) ?? "none"} is not accepted; use ${declared.join(" or ")}`,
      });
      return issues;
    }
    issues.push(...validateBody(at(match), content[match] ?? {}, match, request.body));
    return issues;
  };

  const validateResponse = (operationId: string, response: ResponseToValidate): ValidationIssue[] => {
    const info = operation(operationId);
    const responses = info.operation.responses ?? {};
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, `${status[0]}xx`, "default"].find((k) => k in responses);
    if (!key) {
      return [
        {
          location: "status",
          message: `${status} is not documented for ${operationId} (documented: ${Object.keys(responses).join(", ")})`,
        },
      ];
    }
    const { response: res, at } = responseAt(document, info, key);
    const issues: ValidationIssue[] = [];
    for (const [name, rawHeader] of Object.entries(res.headers ?? {})) {
      const header = resolveRef<{ required?: boolean }>(document, rawHeader, "").node;
      if (header.required && !response.headers?.has(name)) {
        issues.push({ location: `header.${name.toLowerCase()}`, message: "is required" });
      }
    }
    const content = res.content ?? {};
    const declared = Object.keys(content);
    if (declared.length === 0) {
      if (response.body !== undefined) {
        issues.push({ location: "body", message: `${status} has no body in the spec, but one was sent` });
      }
      return issues;
    }
    const match = selectMediaType(declared, response.contentType);
    if (match === undefined) {
      issues.push({
        location: "header.content-type",
        message: `${mediaType(response.contentType) ?? "none"} is not documented for ${status}; expected ${declared.join(" or ")}`,
      });
      return issues;
    }
    // An empty stream of lines or text can be a whole answer (an export of no records); an empty JSON
    // document or form cannot.
    const emptyKind = mediaKind(match.toLowerCase());
    const body = response.body ?? (emptyKind === "ndjson" || emptyKind === "text" ? "" : undefined);
    if (body === undefined) {
      issues.push({ location: "body", message: `is empty; ${status} documents a ${match} body` });
      return issues;
    }
    issues.push(
      ...validateBody(at(match), (content[match] ?? {}) as Parameters<typeof validateBody>[1], match, body),
    );
    return issues;
  };

  return {
    document,
    operations,
    operation,
    findOperation(method, pathname) {
      const upper = method.toUpperCase();
      for (const m of matchers) {
        if (m.info.method !== upper) continue;
        const found = m.regex.exec(pathname);
        if (!found) continue;
        const pathParams: Record<string, string> = {};
        m.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(found[i + 1]!)));
        return { info: m.info, pathParams };
      }
      return undefined;
    },
    validateRequest,
    validateResponse,
    validateSchema(name, value, prefix = "") {
      const fn = validatorAt(`/components/schemas/${escapePointer(name)}`);
      return fn(value) ? [] : formatAjvErrors(fn.errors, prefix, value);
    },
  };
}

/** A validator for `document`, built the first time it is asked for (many callers never validate). */
export function lazyValidator(document: OpenApiDocument, compile: SchemaCompiler): () => OpenApiValidator {
  let validator: OpenApiValidator | undefined;
  return () => (validator ??= createOpenApiValidator(document, compile));
}
