// batchspec's errors carry this brand, so code on the happy path can tell them from other errors
// without loading the error classes (errors.ts is loaded only when an error is made).

export const ERROR_BRAND: unique symbol = Symbol.for("batchspec.error");
/** Carried by the errors of an API's answer (BatchApiError and its subclasses). */
export const API_ERROR_BRAND: unique symbol = Symbol.for("batchspec.api-error");

export function isBatchspecError(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[ERROR_BRAND] === true
  );
}
