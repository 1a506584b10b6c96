// Sofer's error body names no fields (undocumented; `{detail}` assumed, FastAPI's `detail[].loc` read
// when present).
import type { ValidationIssue } from "../core/openapi-validator.ts";

/** The fields a Sofer error body names (FastAPI's `detail: [{loc, msg}]`, if Sofer sends it). */
export function soferIssues(body: unknown): ValidationIssue[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return [];
  return detail
    .filter((d): d is { loc: unknown[]; msg?: unknown } => Array.isArray(d?.loc))
    .map((d) => ({
      location: d.loc.map(String).join("."),
      message: typeof d.msg === "string" ? d.msg : "is invalid",
    }));
}
