// The one error of its own the Soket client adds: an upload some of whose files failed to reach storage.
// It loads with the first such failure (the client imports it lazily).
import type { components } from "../../generated/soket.ts";
import { JobFailedError, type ErrorContext } from "../core/errors.ts";
import { redactBody } from "../core/redact.ts";

type UploadProgress = components["schemas"]["UploadProgress"];
type UploadedFile = components["schemas"]["UploadedFile"];

/**
 * An upload that ended with files in `failed`: `failedFiles` names them (Soket documents no reason for a
 * failure); `job` is the upload's progress as last polled, so the files that did complete can still be
 * submitted by `file_ids`.
 */
export class UploadFailedError extends JobFailedError<UploadProgress> {
  static override readonly errorName: string = "UploadFailedError";
  readonly batchUploadId: string;
  readonly failedFiles: UploadedFile[];
  constructor(context: ErrorContext & { job: UploadProgress; batchUploadId: string }) {
    const failed = context.job.files.filter((f) => f.upload_status === "failed");
    const named = failed
      .slice(0, 5)
      .map((f) => `${f.filename} (file_id ${f.file_id})`)
      .join(", ");
    const more = failed.length > 5 ? ` and ${failed.length - 5} more` : "";
    super(
      `${context.provider}: upload ${context.batchUploadId}: ${failed.length} of ${context.job.files.length} file(s) failed to reach storage: ${named}${more} (Soket gives no reason)`,
      context,
    );
    this.batchUploadId = context.batchUploadId;
    this.failedFiles = redactBody(failed, context.secrets);
  }
}
