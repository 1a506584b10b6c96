// Multipart and urlencoded bodies, read against their schema: each field becomes the value its property
// schema and `encoding` say it is (a JSON part parsed, a number or boolean from its text, a file part
// checked as a file of the right media type), so the whole form can then be validated as one object.
import { FormParts, mediaTypeMatches, type FormPart } from "./media.ts";
import type { ValidationIssue } from "./openapi-validator.ts";
import { resolveRef } from "./openapi-types.ts";

interface PropertySchema {
  type?: string | string[];
  format?: string;
  contentMediaType?: string;
  items?: unknown;
  properties?: Record<string, unknown>;
  allOf?: unknown[];
}

export interface FormEncoding {
  contentType?: string;
}

/** How one form field is carried. */
type FieldShape = "file" | "json" | "primitive";

const typesOf = (schema: PropertySchema): string[] =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

const isFileSchema = (schema: PropertySchema): boolean =>
  schema.format === "binary" || schema.contentMediaType !== undefined;

/** The properties of an object schema, following `$ref`s and `allOf`. */
function propertiesOf(document: object, node: unknown): Map<string, PropertySchema> {
  const out = new Map<string, PropertySchema>();
  const visit = (raw: unknown, depth: number) => {
    if (depth > 8) return;
    const schema = resolveRef<PropertySchema>(document, raw, "").node;
    if (!schema || typeof schema !== "object") return;
    for (const [name, prop] of Object.entries(schema.properties ?? {}))
      out.set(name, resolveRef<PropertySchema>(document, prop, "").node ?? {});
    for (const part of schema.allOf ?? []) visit(part, depth + 1);
  };
  visit(node, 0);
  return out;
}

function shapeOf(schema: PropertySchema | undefined, encoding: FormEncoding | undefined): FieldShape {
  if (encoding?.contentType && mediaTypeMatches("application/json", encoding.contentType.toLowerCase()))
    return "json";
  if (!schema) return "primitive";
  if (isFileSchema(schema)) return "file";
  const types = typesOf(schema);
  // OpenAPI's default for an object (or an array of objects) in a form is a JSON part.
  if (types.includes("object")) return "json";
  return "primitive";
}

/** A field's text as the primitive its schema asks for: `"42"` → 42 for an integer, `"true"` → true. */
function coerce(text: string, schema: PropertySchema | undefined): unknown {
  const types = schema ? typesOf(schema) : [];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text))
    return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  if (types.includes("null") && text === "") return null;
  return text;
}

/** What a file part looks like to the schema check: a string naming it (its bytes are not needed). */
const fileStandIn = (filename: string | undefined) => filename ?? "file";

function fileTypeIssue(
  location: string,
  type: string | undefined,
  wanted: string | undefined,
): ValidationIssue | undefined {
  if (wanted === undefined || mediaTypeMatches(wanted, "application/octet-stream")) return undefined;
  if (type !== undefined && mediaTypeMatches(wanted, type)) return undefined;
  return { location, message: `a file of type ${type ?? "(none)"}; expected ${wanted}` };
}

/**
 * The form as one object to validate against its schema, with the issues found on the way (a JSON
 * part that does not parse, a text field where a file belongs, a field sent twice).
 * `body` is what arrived (`FormParts`) or what a caller built (a plain object, Blobs for files).
 */
export function formToObject(
  document: object,
  schema: unknown,
  encodings: Record<string, FormEncoding>,
  body: unknown,
  prefix: string,
): { value: unknown; issues: ValidationIssue[] } {
  const properties = propertiesOf(document, schema);
  const issues: ValidationIssue[] = [];
  const at = (name: string) => `${prefix}.${name}`;

  if (!(body instanceof FormParts)) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return { value: body, issues: [{ location: prefix, message: "must be a form (an object of fields)" }] };
    }
    // Built by a caller: values are already typed; a Blob is a file.
    const value: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(body)) {
      if (v === undefined) continue;
      const schemaOf = properties.get(name);
      const wanted = encodings[name]?.contentType ?? schemaOf?.contentMediaType;
      const standIn = (item: unknown, location: string) => {
        if (!(item instanceof Blob)) return item;
        const issue = fileTypeIssue(location, item.type || undefined, wanted);
        if (issue) issues.push(issue);
        return fileStandIn(item instanceof File ? item.name : undefined);
      };
      value[name] = Array.isArray(v)
        ? v.map((item, i) => standIn(item, `${at(name)}[${i}]`))
        : standIn(v, at(name));
    }
    return { value, issues };
  }

  const byName = new Map<string, FormPart[]>();
  for (const part of body.parts) byName.set(part.name, [...(byName.get(part.name) ?? []), part]);
  const value: Record<string, unknown> = {};
  for (const [name, parts] of byName) {
    const propSchema = properties.get(name);
    const isArray = propSchema !== undefined && typesOf(propSchema).includes("array");
    const itemSchema =
      isArray && propSchema.items !== undefined
        ? resolveRef<PropertySchema>(document, propSchema.items, "").node
        : propSchema;
    const encoding = encodings[name];
    // An array field is its parts repeated, unless the array travels as one JSON part.
    const shape = shapeOf(isArray && !encoding?.contentType ? itemSchema : propSchema, encoding);
    const repeated = isArray && shape !== "json";
    if (!repeated && parts.length > 1) {
      issues.push({ location: at(name), message: `sent ${parts.length} times; expected once` });
    }
    const read = (part: FormPart, location: string): unknown => {
      if (shape === "file") {
        if (!part.file) {
          issues.push({ location, message: "must be a file part, not a text field" });
          return part.text;
        }
        const issue = fileTypeIssue(
          location,
          part.file.type,
          encoding?.contentType ?? itemSchema?.contentMediaType,
        );
        if (issue) issues.push(issue);
        return fileStandIn(part.file.filename);
      }
      if (part.text === undefined) {
        issues.push({
          location,
          message: `must be a ${shape === "json" ? "JSON" : "text"} field, not a file`,
        });
        return undefined;
      }
      if (shape === "json") {
        try {
          return JSON.parse(part.text) as unknown;
        } catch {
          issues.push({ location, message: "is not valid JSON" });
          return undefined;
        }
      }
      return coerce(part.text, itemSchema);
    };
    value[name] = repeated ? parts.map((p, i) => read(p, `${at(name)}[${i}]`)) : read(parts[0]!, at(name));
  }
  return { value, issues };
}

/**
 * A body object as `FormData`, as openapi-fetch's `bodySerializer` for multipart operations: Blobs and
 * Files are file parts, arrays repeat their field, objects travel as JSON text, and everything else as text.
 */
export function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  const append = (name: string, value: unknown) => {
    if (value === undefined) return;
    if (value instanceof Blob) form.append(name, value);
    else if (value !== null && typeof value === "object") form.append(name, JSON.stringify(value));
    else form.append(name, String(value));
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value) && value.every((v) => v instanceof Blob || typeof v !== "object")) {
      for (const item of value) append(name, item);
    } else append(name, value);
  }
  return form;
}
