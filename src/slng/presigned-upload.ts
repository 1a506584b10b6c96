// Creating a job through a presigned upload, the way for large files: ask SLNG for an upload URL, PUT
// the bytes there, create the job from the uploaded object. Loaded when the first one starts: a bundle
// that never uses it does not carry it.
import { isBatchspecError } from "../core/error-brand.ts";
import { helperKit } from "../core/helper-kit.ts";
import { AttemptRequest } from "../core/transport.ts";
import type {
  SlngJobAcknowledgement,
  SlngJobConfig,
  SlngPresignedUpload,
  SlngPresignedUploadOptions,
  SlngUploadable,
} from "./client.ts";
import type { PresignedUploadStep } from "./errors.ts";
import { toFile } from "./files.ts";
import type { SlngKit } from "./kit.ts";
import { callOptions, storageSecrets } from "./storage.ts";
import { checkConfig, checkedAck, CREATE } from "./submit.ts";
import { defined, JOB_ID } from "./values.ts";
import { checkHooks } from "./wait.ts";

/** jobs.submitViaPresignedUpload (client.ts documents it). */
export async function submitViaPresignedUpload(
  kit: SlngKit,
  item: SlngUploadable,
  config: SlngJobConfig,
  options: SlngPresignedUploadOptions = {},
): Promise<SlngJobAcknowledgement> {
  const { provider, send } = kit.api;
  const { invalid } = helperKit(kit.api);
  const { storage } = kit;
  const { onPresigned, ...opts } = options ?? {};
  checkHooks({ onPresigned }, "submitViaPresignedUpload");
  await checkConfig(kit, CREATE, config);
  const file = await toFile(kit, item, CREATE);
  /** The presigned URL, once step 1 issued it: its credentials are secrets of every later error. */
  let signedUrl: string | undefined;
  const fail = async (
    step: PresignedUploadStep,
    problem: string,
    extra: { cause?: unknown; jobId?: string; s3Key?: string; status?: number; url?: string } = {},
  ): Promise<never> => {
    const { PresignedUploadError } = await import("./errors.ts");
    throw new PresignedUploadError(problem, {
      provider,
      operation: step === "upload" ? "presignedUpload" : CREATE,
      ...(step === "upload" ? { method: "PUT" } : { method: "POST" }),
      step,
      ...extra,
      secrets: storageSecrets(kit, signedUrl),
    });
  };
  /** A step's failure: the caller's abort passes as it is, anything else names the step. */
  const stepFailed =
    (step: PresignedUploadStep, extra: { jobId?: string; s3Key?: string } = {}) =>
    async (error: unknown): Promise<never> => {
      if (opts.signal?.aborted) throw error;
      const said = error instanceof Error ? error.message : String(error);
      return fail(step, said, { ...extra, cause: error, status: statusOf(error) });
    };

  // Step 1: the presigned URL (no job yet).
  const presigned = await send(
    CREATE,
    {
      body: defined({
        mode: "presign" as const,
        filename: file.name,
        content_type: file.type || "application/octet-stream",
        job_id: config.job_id,
        transcription_config: config.transcription_config,
        tracking: config.tracking,
        output_config: config.output_config,
      }),
    },
    opts,
  )
    .then(async (answer) => {
      const p = answer as Partial<SlngPresignedUpload> | null;
      const u = p?.upload;
      const fine =
        typeof p?.job_id === "string" &&
        JOB_ID.test(p.job_id) &&
        typeof u?.url === "string" &&
        URL.canParse(u.url) &&
        /^https?:$/.test(new URL(u.url).protocol) &&
        typeof u.s3_key === "string" &&
        u.s3_key !== "" &&
        typeof u.expires_in === "number" &&
        u.expires_in > 0 &&
        sendableHeaders(u.headers);
      if (!fine)
        throw await invalid(
          CREATE,
          "is not a presigned upload with a job_id and upload { url, s3_key, expires_in > 0, headers a PUT can send }",
          answer,
        );
      return p as SlngPresignedUpload;
    })
    .catch(stepFailed("presign"));
  const deadline = Date.now() + presigned.upload.expires_in * 1000;
  const { job_id: jobId, upload } = presigned;
  signedUrl = upload.url;
  const ids = { jobId, s3Key: upload.s3_key };
  onPresigned?.(presigned);

  // Step 2: the bytes, to storage, with exactly the headers SLNG named and no credential. The Blob
  // goes without a type of its own, so fetch adds no Content-Type the headers did not name.
  const remaining = deadline - Date.now();
  if (remaining <= 0)
    return fail("upload", `the presigned URL expired (expires_in ${upload.expires_in} s) before the upload`, {
      ...ids,
      url: upload.url,
    });
  const expiry = AbortSignal.timeout(Math.min(remaining, 2_147_483_647));
  const signal = opts.signal ? AbortSignal.any([opts.signal, expiry]) : expiry;
  let response: Response;
  try {
    response = await storage.send(
      new AttemptRequest(upload.url, {
        method: "PUT",
        headers: new Headers(upload.headers),
        body: file.slice(0, file.size, ""),
      }),
      { ...callOptions(opts), signal, idempotent: true, operation: "presignedUpload" },
    );
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    if (expiry.aborted)
      return fail(
        "upload",
        `the presigned URL expired (expires_in ${upload.expires_in} s) before the upload finished`,
        { ...ids, url: upload.url, cause: error },
      );
    return fail("upload", error instanceof Error ? error.message : String(error), {
      ...ids,
      url: upload.url,
      cause: error,
    });
  }
  if (!response.ok) {
    // Scrubbed whole, then cut: a credential that straddles the cut must not leave its start behind.
    const { redactText } = await import("../core/redact.ts");
    const text = redactText(await response.text().catch(() => ""), storageSecrets(kit, signedUrl));
    opts.signal?.throwIfAborted(); // the caller's abort while storage's refusal was read passes as it is
    return fail(
      "upload",
      `storage answered ${response.status}${text ? `: ${JSON.stringify(text.slice(0, 300))}` : ""}`,
      { ...ids, url: upload.url, status: response.status },
    );
  }
  // Not awaited (as in the transport): under MSW's interceptor, cancelling a body may never settle.
  response.body?.cancel().catch(() => undefined);

  // Step 3: the job, from the uploaded object, with the settings step 1 checked and echoed.
  const echoed = <T>(value: T | undefined, given: T): T =>
    value !== null && typeof value === "object" ? value : given;
  const ack = await send(
    CREATE,
    {
      body: defined({
        job_id: jobId,
        s3_key: upload.s3_key,
        model_code: config.model_code,
        transcription_config: echoed(presigned.transcription_config, config.transcription_config),
        metadata: config.metadata,
        tracking: echoed(presigned.tracking, config.tracking),
        output_config: echoed(presigned.output_config, config.output_config),
      }),
    },
    opts,
  )
    .then((a) => checkedAck(kit, a))
    .catch(stepFailed("create", ids));
  return ack;
}

/** Headers a request can carry as they are: an object of strings that are valid names and values. */
function sendableHeaders(headers: unknown): headers is Record<string, string> {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return false;
  if (!Object.values(headers).every((v) => typeof v === "string")) return false;
  try {
    new Headers(headers as Record<string, string>);
    return true;
  } catch {
    return false; // a name or value fetch refuses (a line break, a space in a name)
  }
}

/** The status of an API error, when the error is one. */
function statusOf(error: unknown): number | undefined {
  if (!isBatchspecError(error)) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}
