// Zoom's error body: `{code, message}`, and for a request that breaks the schema `errors[]`, each
// naming a `field` (shared/PROVIDERS.md; the field names follow shared/providers/zoom.md §1.6).
import type { ValidationIssue } from "../core/openapi-validator.ts";

export interface ZoomErrorBody {
  code: number | string;
  message: string;
  errors?: { field: string; message: string }[];
}

/** The fields a Zoom error body names, for ValidationError's `field` and `issues`. */
export function zoomIssues(body: unknown): ValidationIssue[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is { field: string; message?: unknown } => typeof e?.field === "string")
    .map((e) => ({ location: e.field, message: typeof e.message === "string" ? e.message : "is invalid" }));
}

// Zoom names a body field by its path in the body (`input.manifest`); parameters keep their place (`query.page_size`).
const zoomField = (location: string) => location.replace(/^body\./, "");

/** A Zoom error body, with `errors[]` naming each field when there are issues. */
export function zoomError(
  code: number | string,
  message: string,
  issues?: readonly ValidationIssue[],
): ZoomErrorBody {
  return {
    code,
    message,
    ...(issues ? { errors: issues.map((i) => ({ field: zoomField(i.location), message: i.message })) } : {}),
  };
}

/** Zoom's body for a request that breaks the schema: code 300, the first problem in the message. */
export function zoomValidationError(issues: readonly ValidationIssue[]): ZoomErrorBody {
  const first = issues[0];
  return zoomError(
    300,
    `Validation Failed.${first ? ` ${zoomField(first.location)}: ${first.message}` : ""}`,
    issues,
  );
}

// Zoom's REST API returns its request tracking id in this header (general Zoom API behaviour).
export const ZOOM_REQUEST_ID_HEADERS = ["x-zm-trackingid"] as const;
