// The validators generated ahead of time (generated/<id>.validators.js) must judge exactly as ajv
// compiling the same spec at run time does: same verdict, same issues, for every schema the
// validation may ask for, on the spec's examples and on each of them broken in the usual ways.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { standaloneValidatorsModule } from "../../scripts/standalone-validators.ts";
import { compileWithAjv, runtimeValidator } from "../../src/core/ajv-compiler.ts";
import type { OpenApiDocument } from "../../src/core/openapi-types.ts";
import {
  createOpenApiValidator,
  formatAjvErrors,
  precompiledSchemas,
  schemaPointers,
  type PrecompiledSchemas,
  type SchemaCompiler,
} from "../../src/core/openapi-validator.ts";
import { VALIDATORS as SCRIBE } from "../../generated/zoom-scribe.validators.js";
import { VALIDATORS as TRANSLATOR } from "../../generated/zoom-translator.validators.js";
import { zoomScribeSpec } from "../../src/zoom-scribe/validation.ts";
import { zoomTranslatorSpec } from "../../src/zoom-translator/validation.ts";
import { VALIDATORS as SOFER } from "../../generated/sofer.validators.js";
import { VALIDATORS as SOKET } from "../../generated/soket.validators.js";
import { VALIDATORS as SLNG } from "../../generated/slng.validators.js";
import { soferSpec } from "../../src/sofer/validation.ts";
import { soketSpec } from "../../src/soket/validation.ts";
import { slngSpec } from "../../src/slng/validation.ts";

const PROVIDERS: [string, OpenApiDocument, unknown][] = [
  ["zoom-scribe", zoomScribeSpec, SCRIBE],
  ["zoom-translator", zoomTranslatorSpec, TRANSLATOR],
  ["sofer", soferSpec, SOFER],
  ["soket", soketSpec, SOKET],
  ["slng", slngSpec, SLNG],
];

/** Every `example` and `examples[].value` in the document. */
function examplesIn(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => examplesIn(n, out));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "example") out.push(value);
      else if (key === "examples" && value && typeof value === "object" && !Array.isArray(value))
        for (const e of Object.values(value)) out.push((e as { value?: unknown }).value);
      examplesIn(value, out);
    }
  }
  return out;
}

/** A value, and the value with each of its properties dropped, nulled or of the wrong type. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [value, {}, [], "x", 0, -1, null, true];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      const { [key]: _dropped, ...rest } = value as Record<string, unknown>;
      out.push(rest, { ...value, [key]: null }, { ...value, [key]: 12 }, { ...value, [key]: "" });
      out.push({ ...value, [key]: [] }, { ...value, extra_field: 1 });
    }
  }
  return out;
}

describe("the precompiled validators", () => {
  it.each(PROVIDERS)("%s: judge every value as ajv at run time does", (id, document, generated) => {
    const runtime: SchemaCompiler = compileWithAjv(document);
    const ahead: SchemaCompiler = precompiledSchemas(generated as PrecompiledSchemas, id);
    const values = [...new Set(examplesIn(document))].flatMap(variants);
    let compared = 0;
    for (const { pointer, coerce } of schemaPointers(document)) {
      const a = ahead(pointer, coerce);
      const r = runtime(pointer, coerce);
      for (const raw of values) {
        const value = coerce ? { value: typeof raw === "object" ? JSON.stringify(raw) : String(raw) } : raw;
        // expect() only on a difference: hundreds of thousands of passing expects cost seconds.
        const verdict = a(value);
        const runtimeVerdict = r(value);
        if (verdict !== runtimeVerdict)
          expect(verdict, `${pointer} on ${JSON.stringify(value)}`).toBe(runtimeVerdict);
        if (!verdict) {
          const ours = formatAjvErrors(a.errors, "", value);
          const theirs = formatAjvErrors(r.errors, "", value);
          if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect(ours).toEqual(theirs);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

describe("generating precompiled validators", () => {
  it("drops annotations, never a property, component or dependency that is named like one", async () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/x": {
          post: {
            operationId: "op",
            requestBody: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            responses: { "200": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          Thing: {
            type: "object",
            description: "an annotation",
            properties: {
              description: { type: "string", maxLength: 3 },
              "x-id": { type: "integer" },
              example: { const: 1 },
            },
            dependentRequired: { description: ["title"] },
          },
          title: { type: "string", maxLength: 2 },
          "x-thing": { type: "integer" },
        },
      },
    } as unknown as OpenApiDocument;
    const dir = mkdtempSync(join(tmpdir(), "batchspec-validators-"));
    try {
      const file = join(dir, "validators.mjs");
      writeFileSync(file, standaloneValidatorsModule(document as never, "test"));
      const { VALIDATORS } = (await import(pathToFileURL(file).href)) as { VALIDATORS: PrecompiledSchemas };
      const ahead = createOpenApiValidator(document, precompiledSchemas(VALIDATORS, "test"));
      const runtime = runtimeValidator(document);
      const cases: [string, unknown][] = [
        ["Thing", { description: "abcdef" }],
        ["Thing", { description: "ab" }],
        ["Thing", { "x-id": "s" }],
        ["Thing", { example: 2 }],
        ["title", "abc"],
        ["x-thing", "s"],
      ];
      for (const [name, value] of cases)
        expect(ahead.validateSchema(name, value), `${name} ${JSON.stringify(value)}`).toEqual(
          runtime.validateSchema(name, value),
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
