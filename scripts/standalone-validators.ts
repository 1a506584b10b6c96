// The precompiled validators of one bundled spec, written by generate as generated/<id>.validators.js:
// ajv's standalone code for every schema a validator of the spec may ask for (schemaPointers), compiled
// with the same options as at run time (documentAjv). Clients, simulators and webhook checks then
// validate without compiling code, so they work where code generation from strings is disallowed
// (edge runtimes, pages with a strict CSP, `node --disallow-code-generation-from-strings`).
import standaloneModule from "ajv/dist/standalone/index.js";
import { buildSync } from "esbuild";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { documentAjv, schemaFor } from "../src/core/ajv-compiler.ts";
import type { OpenApiDocument } from "../src/core/openapi-types.ts";
import { schemaPointers } from "../src/core/openapi-validator.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// ajv ships CommonJS; under NodeNext its default import is the module object.
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

/** Annotations that validation never reads: dropped so the generated code does not carry them. */
const ANNOTATIONS = new Set(["description", "example", "examples", "title", "externalDocs", "xml"]);

/**
 * Keys whose value is a map of names (property names, component names, paths, media types, statuses):
 * a name there is never an annotation, whatever it is called. (`components` holds such maps by kind.)
 */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "dependentRequired",
  "paths",
  "webhooks",
  "schemas",
  "parameters",
  "requestBodies",
  "responses",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "content",
  "encoding",
  "pathItems",
]);

/** `value` without annotations in schema positions (a property named `description` stays). */
function withoutAnnotations(value: unknown, inMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutAnnotations(v));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!inMap && (ANNOTATIONS.has(key) || key.startsWith("x-"))) continue;
    // enum and const values are data, never schemas.
    if (!inMap && (key === "enum" || key === "const" || key === "default")) out[key] = v;
    else out[key] = withoutAnnotations(v, !inMap && NAME_MAPS.has(key));
  }
  return out;
}

/**
 * ajv's standalone code for the given schemas as a function body that returns its exports: its
 * `require(...)` calls (ajv's runtime helpers, ajv-formats' formats) become the module's imports.
 */
function compiledGroup(
  document: OpenApiDocument,
  pointers: string[],
  coerce: boolean,
): { body: string; names: string[] } {
  const ajv = documentAjv(document, coerce, { code: { source: true, esm: false } });
  const names = pointers.map((pointer, i) => {
    const id = `${coerce ? "c" : "p"}${i}`;
    ajv.addSchema({ $id: id, ...schemaFor(pointer, coerce) });
    return id;
  });
  const code = standaloneCode(ajv, Object.fromEntries(names.map((n) => [n, n])));
  return { body: code.replace(/^"use strict";/, ""), names };
}

/** The module text of generated/<id>.validators.js for the bundled spec `document` (from `root`). */
export function standaloneValidatorsModule(document: Record<string, unknown>, root: string): string {
  const doc = withoutAnnotations(document) as OpenApiDocument;
  const wanted = schemaPointers(doc);
  // Dropping annotations must not drop anything validation may ask for.
  const all = schemaPointers(document as unknown as OpenApiDocument);
  if (JSON.stringify(all) !== JSON.stringify(wanted))
    throw new Error(
      `${root}: stripping annotations changed the schemas to compile; this is a bug in standalone-validators.ts`,
    );
  const plain = wanted.filter((w) => !w.coerce).map((w) => w.pointer);
  const coerced = wanted.filter((w) => w.coerce).map((w) => w.pointer);
  const groups = [compiledGroup(doc, plain, false), compiledGroup(doc, coerced, true)];
  const table = (pointers: string[], group: "plain" | "coerced", names: string[]) =>
    `{${pointers.map((p, i) => `${JSON.stringify(p)}: ${group}.${names[i]}`).join(",\n")}}`;
  const source = `
const plain = (() => { const exports = {}; ${groups[0]!.body}; return exports; })();
const coerced = (() => { const exports = {}; ${groups[1]!.body}; return exports; })();
export const VALIDATORS = {
plain: ${table(plain, "plain", groups[0]!.names)},
coerced: ${table(coerced, "coerced", groups[1]!.names)},
};`;
  // The code calls a few of ajv's run-time helpers (ucs2length, ajv-formats' formats), which are
  // CommonJS: bundled in here, so loading validation loads one ES module and no CommonJS at all
  // (which cost a client's first validation some 10 ms more).
  const bundled = buildSync({
    stdin: { contents: source, resolveDir: repoRoot, loader: "js", sourcefile: `${root} validators` },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  })
    .outputFiles[0]!.text // The same text whatever the layout of node_modules (pnpm nests packages under .pnpm/).
    .replace(/node_modules\/\.pnpm\/[^/]+\/node_modules\//g, "node_modules/");
  return `/**
 * Generated by scripts/generate.ts from ${root} with ajv's standalone code: the validator of every schema
 * the spec's validation may ask for, compiled ahead of time, with the helpers it calls from ajv and
 * ajv-formats (MIT) bundled in. \`VALIDATORS\` maps each schema's pointer to its validator; \`coerced\`
 * ones take \`{ value }\` (see src/core/ajv-compiler.ts). Do not edit by hand: change the spec and run
 * \`npm run generate\`.
 */
${bundled}`;
}

/**
 * The types of generated/<id>.validators.js (its .d.ts): the module is plain JavaScript, so that tsc
 * neither checks nor emits hundreds of kB of compiled code (about a fifth of a cold build).
 */
export function validatorsDeclarations(root: string, file: string): string {
  return `// Generated by scripts/generate.ts from ${root}: the types of ${file.split("/").pop()}. Do not edit by hand.
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

/** Each schema's validator by its JSON pointer in the bundled spec; \`coerced\` ones take \`{ value }\`. */
export declare const VALIDATORS: {
  plain: Record<string, Validate>;
  coerced: Record<string, Validate>;
};
`;
}
