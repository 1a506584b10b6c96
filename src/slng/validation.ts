// SLNG's spec and its validator, whose schemas were compiled when the spec was generated
// (generated/slng.validators.js), so validating compiles no code at run time.
import document from "../../generated/slng.openapi.json" with { type: "json" };
import { VALIDATORS } from "../../generated/slng.validators.js";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator, precompiledSchemas, type PrecompiledSchemas } from "../core/openapi-validator.ts";

export const slngSpec = document as unknown as OpenApiDocument;

/** The validator of the SLNG spec (built on first use, from the precompiled schemas). */
export const slngValidator = lazyValidator(
  slngSpec,
  precompiledSchemas(VALIDATORS as PrecompiledSchemas, "slng"),
);
