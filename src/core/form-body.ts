// Multipart and urlencoded bodies, read against their schema: each field becomes the value its property
// schema and `encoding` say it is (a JSON part parsed, a number or boolean from its text, a file part
// checked as a file of the right media type and size), so the whole form can then be validated as one object.
import { FormParts, mediaKind, mediaType, mediaTypeMatches, type FormPart } from "./media.ts";
import type { ValidationIssue } from "./openapi-validator.ts";
import { resolveRef } from "./openapi-types.ts";

interface PropertySchema {
  type?: string | string[];
  format?: string;
  contentMediaType?: string;
  minLength?: number;
  maxLength?: number;
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
  if (mediaKind(mediaType(encoding?.contentType)) === "json") return "json";
  if (!schema) return "primitive";
  if (isFileSchema(schema)) return "file";
  // OpenAPI's default for an object (or an array of objects) in a form is a JSON part.
  if (typesOf(schema).includes("object")) return "json";
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

/** The parts of a `FormData` a caller built; the text of a file part cannot be read here (it is async). */
function partsOf(form: FormData): FormPart[] {
  return [...form].map(([name, value]) =>
    typeof value === "string"
      ? { name, text: value }
      : { name, file: { filename: value.name || undefined, type: mediaType(value.type), size: value.size } },
  );
}

/**
 * The form as one object to validate against its schema, with the issues found on the way (a JSON
 * part that does not parse, a text field where a file belongs, a file of the wrong type or size, a
 * field sent twice). `body` is what arrived (`FormParts`) or what a caller built (`FormData`, or a plain
 * object with Blobs for files). `skipped` names the fields that could not be read to check them (a JSON
 * part a caller put in a Blob): their schema problems are not reported.
 */
export function formToObject(
  document: object,
  schema: unknown,
  encodings: Record<string, FormEncoding>,
  body: unknown,
  prefix: string,
): { value: unknown; issues: ValidationIssue[]; skipped: string[] } {
  const properties = propertiesOf(document, schema);
  const issues: ValidationIssue[] = [];
  const skipped: string[] = [];
  const at = (name: string) => `${prefix}.${name}`;

  /** What the schema check sees of a file: a string within the property's length limits (checked here as bytes). */
  const file = (
    location: string,
    info: { type: string | undefined; size: number },
    propSchema: PropertySchema | undefined,
    encoding: FormEncoding | undefined,
  ) => {
    const wanted = encoding?.contentType ?? propSchema?.contentMediaType;
    if (
      wanted !== undefined &&
      !mediaTypeMatches(wanted, "application/octet-stream") &&
      !mediaTypeMatches(wanted, info.type)
    )
      issues.push({ location, message: `a file of type ${info.type ?? "(none)"}; expected ${wanted}` });
    const { minLength = 0, maxLength } = propSchema ?? {};
    if (info.size < minLength)
      issues.push({ location, message: `${info.size} bytes, at least ${minLength}` });
    if (maxLength !== undefined && info.size > maxLength)
      issues.push({ location, message: `${info.size} bytes, at most ${maxLength}` });
    return "x".repeat(Math.min(minLength, maxLength ?? minLength));
  };

  if (!(body instanceof FormParts) && !(body instanceof FormData)) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return {
        value: body,
        issues: [{ location: prefix, message: "must be a form (an object of fields)" }],
        skipped,
      };
    }
    // Built by a caller as an object: values are already typed; a Blob is a file.
    const value: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(body)) {
      if (v === undefined) continue;
      const propSchema = properties.get(name);
      const itemSchema =
        Array.isArray(v) && propSchema?.items !== undefined
          ? resolveRef<PropertySchema>(document, propSchema.items, "").node
          : propSchema;
      const standIn = (item: unknown, location: string) => {
        if (item instanceof Blob)
          return file(location, { type: mediaType(item.type), size: item.size }, itemSchema, encodings[name]);
        if (itemSchema && isFileSchema(itemSchema))
          issues.push({ location, message: "must be a file (a Blob or File), not a text value" });
        return item;
      };
      value[name] = Array.isArray(v)
        ? v.map((item, i) => standIn(item, `${at(name)}[${i}]`))
        : standIn(v, at(name));
    }
    return { value, issues, skipped };
  }

  const byName = new Map<string, FormPart[]>();
  for (const part of body instanceof FormData ? partsOf(body) : body.parts)
    byName.set(part.name, [...(byName.get(part.name) ?? []), part]);
  const value: Record<string, unknown> = {};
  for (const [name, parts] of byName) {
    const propSchema = properties.get(name);
    const isArray = propSchema !== undefined && typesOf(propSchema).includes("array");
    const itemSchema =
      isArray && propSchema.items !== undefined
        ? resolveRef<PropertySchema>(document, propSchema.items, "").node
        : propSchema;
    const encoding = encodings[name];
    // An array field is its parts repeated, unless the array travels as one JSON part (an encoding of
    // another type, `audio/*` say, is the type of each repeated part).
    const asOnePart = !isArray || mediaKind(mediaType(encoding?.contentType)) === "json";
    const shape = shapeOf(asOnePart ? propSchema : itemSchema, encoding);
    const repeated = isArray && shape !== "json";
    if (!repeated && parts.length > 1) {
      issues.push({ location: at(name), message: `sent ${parts.length} times; expected once` });
    }
    const read = (part: FormPart, location: string): unknown => {
      if (shape === "file") {
        if (part.file) return file(location, part.file, itemSchema, encoding);
        issues.push({ location, message: "must be a file part, not a text field" });
        return part.text;
      }
      if (part.text === undefined) {
        if (shape === "json" && mediaKind(part.file?.type) === "json") {
          skipped.push(at(name)); // a JSON part in a Blob a caller built: its text is not readable here
          return undefined;
        }
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
  return { value, issues, skipped };
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
