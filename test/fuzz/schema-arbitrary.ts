// Values for a JSON Schema of a spec, as fast-check arbitraries: mostly what the schema describes
// (types, enums, ranges, lengths, required properties, `anyOf`), so generated requests reach past the
// simulator's checks; formats and patterns are only approximated, and the properties under test never
// assume a generated value is valid (they ask the validator).
import fc from "fast-check";
import { resolveRef } from "../../src/core/openapi-types.ts";

type Schema = Record<string, unknown> | boolean;

const text = fc.string({ maxLength: 24 });
const uri = fc.oneof(
  fc.constantFrom(
    "s3://acme-bucket/audio/",
    "s3://acme-bucket/audio/a.wav",
    "s3://acme-bucket/in/b.txt",
    "s3://no-such/x/",
  ),
  fc.webUrl(),
  text,
);

export function arbitraryFor(document: object, schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) return fc.constant(undefined);
  const node = resolveRef<Record<string, unknown>>(document, schema, "").node;
  if (depth > 6) return fc.constant(null);
  if (Array.isArray(node.enum)) return fc.constantFrom(...(node.enum as unknown[]));
  if ("const" in node) return fc.constant(node.const);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = node[key] as unknown[] | undefined;
    if (branches?.length) return fc.oneof(...branches.map((b) => arbitraryFor(document, b, depth + 1)));
  }
  const allOf = node.allOf as unknown[] | undefined;
  if (allOf?.length) return arbitraryFor(document, allOf[0], depth + 1);
  const types = Array.isArray(node.type) ? (node.type as string[]) : node.type ? [node.type as string] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((t) => arbitraryFor(document, { ...node, type: t }, depth)));
  const type = types[0] ?? (node.properties ? "object" : node.items ? "array" : undefined);
  switch (type) {
    case "string": {
      if (node.format === "uri") return uri;
      if (node.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      const minLength = (node.minLength as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((node.maxLength as number | undefined) ?? 24, 64));
      return fc.string({ minLength, maxLength });
    }
    case "integer":
      return fc.integer({
        min: (node.minimum as number | undefined) ?? -5,
        max: (node.maximum as number | undefined) ?? 2000,
      });
    case "number":
      return fc.double({
        min: (node.minimum as number | undefined) ?? -5,
        max: (node.maximum as number | undefined) ?? 2000,
        noNaN: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = (node.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((node.maxItems as number | undefined) ?? 4, 4));
      return fc.array(arbitraryFor(document, node.items, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const properties = Object.entries((node.properties ?? {}) as Record<string, Schema>).filter(
        ([, s]) => s !== false,
      );
      const required = new Set((node.required as string[] | undefined) ?? []);
      return fc.record(
        Object.fromEntries(properties.map(([k, s]) => [k, arbitraryFor(document, s, depth + 1)])),
        {
          requiredKeys: properties.map(([k]) => k).filter((k) => required.has(k)),
        },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
