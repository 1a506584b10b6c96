// batchspec/soket/validation: Soket's spec and its validator, whose schemas were compiled when the spec
// was generated (generated/soket.validators.js), so validating compiles no code at run time. Clients
// load this module on their first validation; the simulator and the conformance suite import it.
import document from "../../generated/soket.openapi.json" with { type: "json" };
import { VALIDATORS } from "../../generated/soket.validators.js";
import type { OpenApiDocument } from "../core/openapi-types.ts";
import { lazyValidator, precompiledSchemas, type PrecompiledSchemas } from "../core/openapi-validator.ts";

export const soketSpec = document as unknown as OpenApiDocument;

/** The validator of the Soket spec (built on first use, from the precompiled schemas). */
export const soketValidator = lazyValidator(
  soketSpec,
  precompiledSchemas(VALIDATORS as PrecompiledSchemas, "soket"),
);
