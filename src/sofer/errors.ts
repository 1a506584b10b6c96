// The one error of its own the Sofer client adds: a manifest that failed validation. (How Sofer's error
// body names fields is in error-body.ts, which every request may need; this loads with the first error.)
import type { components } from "../../generated/sofer.ts";
import { JobFailedError, type ErrorContext } from "../core/errors.ts";
import { redactBody } from "../core/redact.ts";

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
