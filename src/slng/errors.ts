// The one error of its own the SLNG client adds: a presigned upload that failed at one of its three
// steps. It loads with the first such failure (the client imports it lazily).
import { BatchspecError, type ErrorContext } from "../core/errors.ts";

/** The three steps of a presigned upload: ask for the URL, PUT the bytes, create the job. */
export type PresignedUploadStep = "presign" | "upload" | "create";

/**
 * A presigned upload that failed: `step` says which (`"presign"`: asking for the URL; `"upload"`: the
 * `PUT` of the bytes to the presigned URL, its expiry included; `"create"`: creating the job from the
 * uploaded object), `cause` is the error of that step (an AuthError, an InvalidResponseError, ...), and
 * `jobId`/`s3Key` are those step 1 issued, once it did.
 */
export class PresignedUploadError extends BatchspecError {
  static override readonly errorName: string = "PresignedUploadError";
  readonly step: PresignedUploadStep;
  readonly jobId: string | undefined;
  readonly s3Key: string | undefined;
  /** The HTTP status of the step's answer, when one came. */
  readonly status: number | undefined;
  constructor(
    problem: string,
    context: ErrorContext & {
      step: PresignedUploadStep;
      jobId?: string | undefined;
      s3Key?: string | undefined;
      status?: number | undefined;
      cause?: unknown;
    },
  ) {
    super(
      `${context.provider}: presigned upload failed at step "${context.step}"${context.jobId ? ` (job ${context.jobId})` : ""}: ${problem}`,
      context,
      "cause" in context ? { cause: context.cause } : undefined,
    );
    this.step = context.step;
    this.jobId = context.jobId;
    this.s3Key = context.s3Key;
    this.status = context.status;
  }
}
