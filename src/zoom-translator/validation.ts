// batchspec/zoom-translator/validation: Zoom Translator's spec and its validator, whose schemas were compiled when the
// spec was generated (generated/zoom-translator.validators.js), so validating compiles no code at run time.
// Clients load this module on their first validation; simulators and the conformance suite import it.
import document from "../../generated/zoom-translator.openapi.json" with { type: "json" };
import { VALIDATORS } from "../../generated/zoom-translator.validators.js";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator, precompiledSchemas, type PrecompiledSchemas } from "../core/openapi-validator.ts";

export const zoomTranslatorSpec = document as unknown as OpenApiDocument;

/** The validator of the Zoom Translator spec (built on first use, from the precompiled schemas). */
export const zoomTranslatorValidator = lazyValidator(
  zoomTranslatorSpec,
  precompiledSchemas(VALIDATORS as PrecompiledSchemas, "zoom-translator"),
);
