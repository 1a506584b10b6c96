// batchspec/zoom-scribe/validation: Zoom Scribe's spec and its validator, whose schemas were compiled when the
// spec was generated (generated/zoom-scribe.validators.js), so validating compiles no code at run time.
// Clients load this module on their first validation; simulators and the conformance suite import it.
import document from "../../generated/zoom-scribe.openapi.json" with { type: "json" };
import { VALIDATORS } from "../../generated/zoom-scribe.validators.js";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator, precompiledSchemas, type PrecompiledSchemas } from "../core/openapi-validator.ts";

export const zoomScribeSpec = document as unknown as OpenApiDocument;

/** The validator of the Zoom Scribe spec (built on first use, from the precompiled schemas). */
export const zoomScribeValidator = lazyValidator(
  zoomScribeSpec,
  precompiledSchemas(VALIDATORS as PrecompiledSchemas, "zoom-scribe"),
);
