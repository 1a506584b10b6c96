// batchspec/core/ajv: validation of any OpenAPI document (your own spec, a spec of a provider batchspec
// does not ship), its schemas compiled by ajv at run time. A separate entry, so that the rest of
// batchspec/core carries no ajv; compiling needs code generation from strings (not on edge runtimes or
// under a strict CSP: there, generate validators ahead of time as `npm run generate` does).
export { compileWithAjv, lazyRuntimeValidator, runtimeValidator } from "./ajv-compiler.ts";
