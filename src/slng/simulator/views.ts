// Jobs, acknowledgements, presigned uploads and signed file URLs as SLNG's API reports them: the bodies
// the simulator sends.
import type { components } from "../../../generated/slng.ts";
import { lastSegmentOf, secondsOf } from "./audio.ts";
import { signatureOf, type SimulatedJob, type SimulatedUpload, type SlngState } from "./state.ts";

type Schemas = components["schemas"];
export type OutputFormat = Schemas["OutputFormat"];
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["json", "txt", "srt"];

/** The simulated bucket behind `s3://` URIs. */
export const BUCKET = "slng-batch-sim";
/** A made-up organisation (SLNG reports one per key; the simulator has one). */
const ORGANISATION_ID = "0a1b2c3d-0000-4000-8000-00000000516e";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function acknowledgementView(job: SimulatedJob): Schemas["JobAcknowledgement"] {
  return { job_id: job.job_id, status: job.status === "DELETED" ? "DELETED" : "QUEUED" };
}

/** The input's storage key: where SLNG keeps the file (a URL's file is fetched there too). */
export function inputKeyOf(job: SimulatedJob): string {
  const s = job.source;
  if (s.kind === "presigned") return s.s3_key;
  const name = s.kind === "url" ? lastSegmentOf(s.url) : s.filename;
  return `inputs/${job.job_id}/${name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 200) || "audio"}`;
}

export const outputKeyOf = (jobId: string, format: OutputFormat) => `outputs/${jobId}.${format}`;

export function jobView(state: SlngState, job: SimulatedJob): Schemas["BatchJob"] {
  const s = job.source;
  const done = job.status === "DONE" || (job.status === "DELETED" && job.outcome === "DONE");
  return {
    job_id: job.job_id,
    status: job.status,
    api_key_id: state.apiKeyIdOf(job.api_key),
    organisation_id: ORGANISATION_ID,
    model_code: job.model_code,
    job_config: {
      type: "transcription",
      transcription_config: job.transcription_config,
      ...(job.tracking ? { tracking: job.tracking } : {}),
      ...(job.output_config ? { output_config: job.output_config } : {}),
    },
    input_metadata: {
      size_bytes: s.kind === "url" ? null : s.size_bytes,
      duration_seconds: job.status === "QUEUED" ? null : secondsOf(job.tenths),
      format:
        s.kind === "url" ? null : (/\.([A-Za-z0-9]{1,8})$/.exec(s.filename)?.[1]?.toLowerCase() ?? null),
      mime_type: s.kind === "url" ? null : s.mime_type,
      source: s.kind === "url" ? s.url : s.kind === "multipart" ? "upload" : "presigned_upload",
    },
    output_metadata: done ? { formats: [...OUTPUT_FORMATS] } : {},
    error_message:
      job.outcome === "FAILED" && job.completed_at
        ? { message: `Transcription failed: the audio of job ${job.job_id} could not be decoded` }
        : null,
    submitted_at: iso(job.submitted_at),
    started_at: isoOrNull(job.started_at),
    completed_at: isoOrNull(job.completed_at),
    deleted_at: isoOrNull(job.deleted_at),
    expired_at: null,
    updated_at: iso(job.updated_at),
  };
}

export function presignView(
  state: SlngState,
  upload: SimulatedUpload,
  echo: Pick<Schemas["PresignUploadRequest"], "transcription_config" | "tracking" | "output_config">,
): Schemas["PresignedUpload"] {
  const expires = upload.expires_in;
  const url = new URL(`${state.options.uploadOrigin}/${upload.s3_key}`);
  url.search = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Date": amzDate(upload.issued_at),
    "X-Amz-Expires": String(expires),
    "X-Amz-SignedHeaders": "content-type;host",
    "X-Amz-Signature": upload.signature,
  }).toString();
  return {
    job_id: upload.job_id,
    transcription_config: echo.transcription_config,
    ...(echo.tracking ? { tracking: echo.tracking } : {}),
    ...(echo.output_config ? { output_config: echo.output_config } : {}),
    input_s3_uri: `s3://${BUCKET}/${upload.s3_key}`,
    output_s3_prefix: `s3://${BUCKET}/outputs/${upload.job_id}/`,
    upload: {
      url: url.href,
      s3_key: upload.s3_key,
      s3_uri: `s3://${BUCKET}/${upload.s3_key}`,
      expires_in: expires,
      headers: { ...upload.headers },
    },
  };
}

/** `20260101T000000Z`, as S3 writes X-Amz-Date. */
export const amzDate = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");

/** The date of an X-Amz-Date, or undefined. */
export function fromAmzDate(text: string | null): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A download URL's signature: over its key, date and lifetime. */
export const downloadSignatureOf = (key: string, date: string, expires: string) =>
  signatureOf(`download|${key}|${date}|${expires}`);

/** A signed URL on the simulated download origin, valid `downloadExpiresIn` seconds from now. */
export function signedDownloadUrl(state: SlngState, key: string): string {
  const date = amzDate(state.options.now());
  const expires = String(state.options.downloadExpiresIn);
  const url = new URL(`${state.options.downloadOrigin}/${key}`);
  url.search = new URLSearchParams({
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Date": date,
    "X-Amz-Expires": expires,
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Signature": downloadSignatureOf(key, date, expires),
  }).toString();
  return url.href;
}

/**
 * The job's files: its input, and one output per format once DONE (none before, nor for FAILED or
 * DELETED jobs: SLNG omits formats that are not available; spec JobFiles x-inferred).
 */
export function filesView(state: SlngState, job: SimulatedJob): Schemas["JobFiles"] {
  const file = (key: string) => ({
    key,
    s3_uri: `s3://${BUCKET}/${key}`,
    download_url: signedDownloadUrl(state, key),
  });
  return {
    job_id: job.job_id,
    inputs: job.status === "DELETED" ? [] : [file(inputKeyOf(job))],
    outputs:
      job.status === "DONE"
        ? OUTPUT_FORMATS.map((format) => ({ format, ...file(outputKeyOf(job.job_id, format)) }))
        : [],
  };
}
