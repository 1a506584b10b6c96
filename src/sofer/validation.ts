// batchspec/sofer/validation: Sofer's spec and its validator, whose schemas were compiled when the spec
// was generated (generated/sofer.validators.js), so validating compiles no code at run time. Clients
// load this module on their first validation; the simulator and the conformance suite import it.
import document from "../../generated/sofer.openapi.json" with { type: "json" };
import { VALIDATORS } from "../../generated/sofer.validators.js";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator, precompiledSchemas, type PrecompiledSchemas } from "../core/openapi-validator.ts";

export const soferSpec = document as unknown as OpenApiDocument;

/** The validator of the Sofer spec (built on first use, from the precompiled schemas). */
export const soferValidator = lazyValidator(
  soferSpec,
  precompiledSchemas(VALIDATORS as PrecompiledSchemas, "sofer"),
);
