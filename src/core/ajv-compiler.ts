// Compiling a document's schemas with ajv: at run time for any document (the conformance harness, tests,
// a user's own spec), and at generate time for each provider's spec (scripts/standalone-validators.ts
// writes the same validators out as code, so clients never compile). Both use `documentAjv`, so the
// two cannot drift apart.
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./openapi-types.ts";
import {
  createOpenApiValidator,
  type OpenApiValidator,
  type SchemaCompiler,
  type SchemaValidateFunction,
} from "./openapi-validator.ts";

// ajv-formats ships CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The id under which the document is known to ajv; schemas refer to `${DOCUMENT_ID}#<pointer>`. */
export const DOCUMENT_ID = "urn:batchspec:openapi";

/** An ajv holding `document`, with the options every batchspec validator is compiled with. */
export function documentAjv(document: OpenApiDocument, coerceTypes: boolean, extra: Options = {}): Ajv2020 {
  // strict: false because OpenAPI adds keywords (example, x-*, discriminator) that JSON Schema lacks.
  // inlineRefs: false: each referenced schema is one function, called where it is referenced, rather
  // than copied into every schema that refers to it (the generated validators stay small).
  const ajv = new Ajv2020({ strict: false, allErrors: true, inlineRefs: false, coerceTypes, ...extra });
  addFormats(ajv);
  ajv.addSchema(document as object, DOCUMENT_ID, undefined, false);
  return ajv;
}

/** The schema a pointer's validator compiles: the schema itself, or `{ value }` around it to coerce. */
export function schemaFor(pointer: string, coerce: boolean): object {
  const ref = { $ref: `${DOCUMENT_ID}#${pointer}` };
  return coerce ? { type: "object", properties: { value: ref } } : ref;
}

/** A compiler of `document`'s schemas with ajv at run time (needs code generation from strings). */
export function compileWithAjv(document: OpenApiDocument): SchemaCompiler {
  let plain: Ajv2020 | undefined;
  let coercing: Ajv2020 | undefined;
  return (pointer, coerce) => {
    const ajv = coerce
      ? (coercing ??= documentAjv(document, true))
      : (plain ??= documentAjv(document, false));
    return ajv.compile(schemaFor(pointer, coerce)) as SchemaValidateFunction;
  };
}

/** A validator of any document, its schemas compiled by ajv at run time as they are first used. */
export function runtimeValidator(document: OpenApiDocument): OpenApiValidator {
  return createOpenApiValidator(document, compileWithAjv(document));
}

/** `runtimeValidator(document)`, built the first time it is asked for. */
export function lazyRuntimeValidator(document: OpenApiDocument): () => OpenApiValidator {
  let validator: OpenApiValidator | undefined;
  return () => (validator ??= runtimeValidator(document));
}
