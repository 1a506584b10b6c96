// Sofer's errors: its body names no fields (undocumented; `{detail}` assumed, FastAPI's `detail[].loc`
// read when present), and the one error of its own batchspec adds: a manifest that failed validation.
import type { components } from "../../generated/sofer.ts";
import { JobFailedError, type ErrorContext } from "../core/errors.ts";
import { redactBody } from "../core/redact.ts";
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

type Manifest = components["schemas"]["BatchFileDetail"];

/** A manifest Sofer found INVALID: `validationErrors` says why, one entry per problem; `job` is the manifest. */
export class ManifestInvalidError extends JobFailedError<Manifest> {
  static override readonly errorName: string = "ManifestInvalidError";
  readonly validationErrors: string[];
  constructor(context: ErrorContext & { job: Manifest; batchFileId: string; validationErrors: string[] }) {
    const shown = context.validationErrors.slice(0, 5).join("; ");
    const more = context.validationErrors.length > 5 ? ` (+${context.validationErrors.length - 5} more)` : "";
    super(
      `${context.provider}: manifest ${context.batchFileId} is INVALID: ${shown || "no reason given"}${more}`,
      context,
    );
    // Scrubbed like the rest of the error: a problem may quote an item (an audio URL with a signature).
    this.validationErrors = redactBody([...context.validationErrors], context.secrets);
  }
}
