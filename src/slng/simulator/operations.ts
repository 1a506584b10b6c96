// The five operations of SLNG's batch API, each from a request the pipeline has already admitted (key
// and spec checked) to the status and body SLNG would answer; and the two simulated S3 origins outside
// the API: the presigned upload (PUT, step 2) and the signed downloads. mock.ts binds them.
import type { components } from "../../../generated/slng.ts";
import { bearerTokenOf } from "../../core/simulator/index.ts";
import { SORT_KEYS, type SortKey } from "./listing.ts";
import { jobOfMultipart } from "./multipart.ts";
import type { JobStatus, NewJob, SimulatedUpload, SlngState } from "./state.ts";
import { jsonTranscriptOf, srtOf, textOf } from "./transcript.ts";
import {
  acknowledgementView,
  downloadSignatureOf,
  filesView,
  fromAmzDate,
  inputKeyOf,
  jobView,
  OUTPUT_FORMATS,
  presignView,
  type OutputFormat,
} from "./views.ts";

type Schemas = components["schemas"];
/** SLNG's error body, `{"error": "<message>"}` (spec, Error). */
export type SlngErrorBody = Schemas["Error"];
type Refused<S extends 400 | 404 | 409 | 413> = { status: S; body: SlngErrorBody };

const refused = <S extends 400 | 404 | 409 | 413>(status: S, error: string): Refused<S> => ({
  status,
  body: { error },
});

/** The query as sent. */
export type Query = Pick<URLSearchParams, "get">;

// SLNG's own words (spec examples, shared/providers/slng.md).
const JOB_NOT_FOUND = "Job not found";
const NOT_TERMINAL = "Job must be DONE or FAILED to delete";
export const TOO_LARGE = "File too large. Maximum size is 1 GB.";
/** The largest object one S3 PUT takes: 5 GiB. */
export const S3_MAX_PUT_BYTES = 5 * 1024 ** 3;

const cut = (text: string) => (text.length > 64 ? `${text.slice(0, 64)}…` : text);

type CreateJson =
  | Schemas["CreateJobFromUrlRequest"]
  | Schemas["PresignUploadRequest"]
  | Schemas["CreateJobFromUploadRequest"];

export function slngOperations(state: SlngState) {
  const keyOf = (request: Request) => bearerTokenOf(request) ?? "";
  /** The caller's job: another key's job is not found (spec NotFound: "not owned by the key"). */
  const jobOf = (jobId: string, apiKey: string) => {
    const job = state.jobs.get(jobId);
    return job && job.api_key === apiKey ? job : undefined;
  };
  /** What no schema says about a new job: a free job_id (inferred 400) and a known model. */
  /**
   * What no schema says about a new job: a free job_id (inferred 400) and a known model. A job id that a
   * step 1 holds is free only to that step's own step 3 (`own`), or to a new step 1 by the same key.
   */
  const admissible = (
    jobId: string | undefined,
    model: string | undefined,
    own?: { apiKey: string } | { upload: SimulatedUpload },
  ) => {
    if (jobId !== undefined && state.jobs.has(jobId))
      return refused(400, `job_id ${cut(jobId)} already exists; choose another or leave it out`);
    const held = jobId === undefined ? undefined : state.presignedFor(jobId);
    if (
      held &&
      !(own && "upload" in own && own.upload === held) &&
      !(own && "apiKey" in own && own.apiKey === held.api_key)
    )
      return refused(
        400,
        `job_id ${cut(jobId!)} is held by a presigned upload; choose another or leave it out`,
      );
    if (model !== undefined && !state.models.has(model))
      return refused(400, `Unsupported model_code: ${cut(model)}`);
    return undefined;
  };
  const accept = (job: NewJob, upload?: SimulatedUpload) => {
    const no = admissible(job.job_id, job.model_code, upload && { upload });
    if (no) return no;
    return { status: 202 as const, body: acknowledgementView(state.addJob(job)) };
  };

  function createFromJson(body: CreateJson, apiKey: string) {
    const common = {
      api_key: apiKey,
      job_id: body.job_id,
      transcription_config: body.transcription_config,
      tracking: body.tracking,
      output_config: body.output_config,
    };
    if ("input_url" in body && typeof body.input_url === "string") {
      return accept({
        ...common,
        model_code: body.model_code,
        metadata: body.metadata,
        source: { kind: "url", url: body.input_url },
      });
    }
    if ("mode" in body && body.mode === "presign") {
      const taken = admissible(body.job_id, undefined, { apiKey });
      if (taken) return taken;
      const upload = state.presign({
        job_id: body.job_id,
        api_key: apiKey,
        filename: body.filename,
        content_type: body.content_type,
      });
      return { status: 200 as const, body: presignView(state, upload, body) };
    }
    if ("s3_key" in body && typeof body.s3_key === "string") {
      // What SLNG does here when nothing was uploaded is not documented: 400 is inferred.
      const upload = state.uploads.get(body.s3_key);
      if (!upload || upload.api_key !== apiKey)
        return refused(400, `s3_key: ${cut(body.s3_key)} was not issued by a presign request`);
      if (upload.used) return refused(400, `s3_key: ${cut(body.s3_key)} was already used for a job`);
      if (upload.bytes === undefined)
        return refused(
          400,
          `s3_key: nothing was uploaded to ${cut(body.s3_key)}; PUT the file to upload.url first`,
        );
      if (body.job_id !== undefined && body.job_id !== upload.job_id)
        return refused(400, `job_id: ${cut(body.job_id)} is not the job_id presigned for this s3_key`);
      // S3 took the object (up to its own 5 GB); SLNG refuses it here, by the size uploaded.
      if (upload.bytes > state.options.maxUploadBytes) return refused(413, TOO_LARGE);
      const answer = accept(
        {
          ...common,
          job_id: upload.job_id,
          model_code: body.model_code,
          metadata: body.metadata,
          source: {
            kind: "presigned",
            filename: upload.filename,
            size_bytes: upload.bytes,
            mime_type: upload.content_type,
            s3_key: upload.s3_key,
          },
        },
        upload,
      );
      if (answer.status === 202) state.useUpload(upload.s3_key);
      return answer;
    }
    return refused(400, "body: needs input_url, mode: presign, or s3_key");
  }

  return {
    async create(request: Request) {
      const apiKey = keyOf(request);
      const type = request.headers.get("content-type") ?? "";
      if (/^multipart\/form-data/i.test(type)) {
        const job = await jobOfMultipart(request, state.options.maxUploadBytes);
        if ("status" in job) return refused(job.status, job.error);
        return accept({ ...job, api_key: apiKey });
      }
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return refused(400, "body: not valid JSON");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return refused(400, "body: must be an object");
      return createFromJson(body as CreateJson, apiKey);
    },

    list(request: Request) {
      const apiKey = keyOf(request);
      const query = new URL(request.url).searchParams;
      const numbers = { page: 1, page_size: 20 }; // the spec's defaults
      for (const name of ["page", "page_size"] as const) {
        const text = query.get(name);
        if (text === null) continue;
        const value = Number(text);
        if (!Number.isSafeInteger(value) || value < 1 || (name === "page_size" && value > 100))
          return refused(400, `query.${name}: ${cut(text)} is not a page number this API can serve`);
        numbers[name] = value;
      }
      const statuses = query.get("status")?.split(",") as JobStatus[] | undefined;
      const model = query.get("model_code");
      const date = (name: string) => {
        const text = query.get(name);
        return text === null ? undefined : new Date(text).getTime();
      };
      const after = date("submitted_after");
      const before = date("submitted_before");
      if (Number.isNaN(after) || Number.isNaN(before))
        return refused(400, "query: submitted_after and submitted_before must be ISO 8601 date-times");
      const sortBy = (query.get("sort_by") ?? "submitted_at") as SortKey;
      if (!SORT_KEYS.includes(sortBy)) return refused(400, `query.sort_by: ${cut(sortBy)} is not a sort key`);
      const { page, page_size } = numbers;
      const { items: jobs, total } = state.listJobs({
        apiKey,
        statuses,
        model: model ?? undefined,
        after,
        before,
        sortBy,
        order: query.get("sort_order") === "asc" ? "asc" : "desc",
        page,
        pageSize: page_size,
      });
      const items = jobs.map((j) => jobView(state, j));
      return {
        status: 200 as const,
        body: {
          items,
          meta: { page, page_size, total, pages: Math.ceil(total / page_size) },
        },
      };
    },

    get(jobId: string, request: Request) {
      const job = jobOf(jobId, keyOf(request));
      if (!job) return refused(404, JOB_NOT_FOUND);
      // With advanceOnGet, a client that polls sees its job move.
      if (state.options.advanceOnGet) state.advance(job.job_id);
      return { status: 200 as const, body: jobView(state, job) };
    },

    delete(jobId: string, request: Request) {
      const job = jobOf(jobId, keyOf(request));
      if (!job) return refused(404, JOB_NOT_FOUND);
      if (!state.deleteJob(job.job_id)) return refused(409, NOT_TERMINAL);
      return { status: 202 as const, body: acknowledgementView(job) };
    },

    files(jobId: string, request: Request) {
      const job = jobOf(jobId, keyOf(request));
      if (!job) return refused(404, JOB_NOT_FOUND);
      return { status: 200 as const, body: filesView(state, job) };
    },

    /** PUT to a presigned upload URL (step 2): the simulated S3 answers as S3 does. */
    async upload(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (request.method !== "PUT")
        return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
      const key = keyOfPath(url);
      const upload = key === undefined ? undefined : state.uploads.get(key);
      // A URL this origin did not sign (another key, an edited signature): S3's 403.
      if (!upload || url.searchParams.get("X-Amz-Signature") !== upload.signature)
        return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        );
      if (state.options.now().getTime() > upload.issued_at.getTime() + upload.expires_in * 1000)
        return s3Error(403, "AccessDenied", "Request has expired");
      // The headers are signed: one missing or different fails the signature (403), as on S3.
      for (const [name, value] of Object.entries(upload.headers)) {
        const sent = request.headers.get(name);
        if (sent !== value)
          return s3Error(
            403,
            "SignatureDoesNotMatch",
            `The request signature we calculated does not match the signature you provided (header ${name}: expected ${JSON.stringify(value)}, got ${JSON.stringify(sent)}).`,
          );
      }
      // Every x-amz-* header of a request must be signed (S3 SigV4): one the URL did not sign is refused.
      const signed = new Set(Object.keys(upload.headers).map((h) => h.toLowerCase()));
      for (const [name] of request.headers)
        if (name.startsWith("x-amz-") && !signed.has(name))
          return s3Error(
            403,
            "AccessDenied",
            `There were headers present in the request which were not signed: ${name}`,
          );
      const declared = request.headers.get("content-length");
      // S3's limit for one PUT, not SLNG's 1 GB: that one is step 3's 413.
      if (declared !== null && Number(declared) > S3_MAX_PUT_BYTES)
        return s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
      const bytes = await countBytes(request, S3_MAX_PUT_BYTES);
      if (bytes === undefined)
        return s3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
      state.recordUpload(upload.s3_key, bytes);
      return new Response(null, { status: 200, headers: { ETag: `"${upload.signature.slice(0, 32)}"` } });
    },

    /** GET of a signed download URL: a transcript, or the input (its bytes are not kept: empty); HEAD: its headers. */
    download(request: Request): Response {
      const answer = downloadAnswer(request);
      return request.method === "HEAD"
        ? new Response(null, { status: answer.status, headers: answer.headers })
        : answer;
    },
  };

  /** What a GET of a signed download URL gets. */
  function downloadAnswer(request: Request): Response {
    const url = new URL(request.url);
    if (request.method !== "GET" && request.method !== "HEAD")
      return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    const key = keyOfPath(url);
    const date = url.searchParams.get("X-Amz-Date");
    const expires = url.searchParams.get("X-Amz-Expires");
    const issued = fromAmzDate(date);
    if (
      key === undefined ||
      !issued ||
      expires === null ||
      url.searchParams.get("X-Amz-Signature") !== downloadSignatureOf(key, date!, expires)
    )
      return s3Error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
      );
    if (state.options.now().getTime() > issued.getTime() + Number(expires) * 1000)
      return s3Error(403, "AccessDenied", "Request has expired");
    const output = /^outputs\/([A-Za-z0-9]+)\.(json|txt|srt)$/.exec(key);
    const job = state.jobs.get(output?.[1] ?? /^inputs\/([A-Za-z0-9]+)\//.exec(key)?.[1] ?? "");
    if (job && output && job.status === "DONE") {
      const format = output[2] as OutputFormat;
      if (format === "json") return Response.json(jsonTranscriptOf(job));
      const text = format === "txt" ? textOf(job) : srtOf(job);
      const type = format === "txt" ? "text/plain; charset=utf-8" : "application/x-subrip; charset=utf-8";
      return new Response(text, { headers: { "Content-Type": type } });
    }
    if (job && !output && job.status !== "DELETED" && inputKeyOf(job) === key) {
      const type = job.source.kind === "url" ? "application/octet-stream" : job.source.mime_type;
      return new Response(new Uint8Array(0), { headers: { "Content-Type": type } });
    }
    return s3Error(404, "NoSuchKey", "The specified key does not exist.");
  }
}

export { OUTPUT_FORMATS };

/** The object key of a URL on a simulated S3 origin, or undefined for a malformed escape. */
function keyOfPath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname.slice(1));
  } catch {
    return undefined;
  }
}

/** The bytes of a body, counted as they stream (none kept); undefined past `max`. */
async function countBytes(request: Request, max: number): Promise<number | undefined> {
  if (!request.body) return 0;
  let bytes = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
    if (bytes > max) {
      void reader.cancel().catch(() => {}); // not awaited: a teed body waits for its other branch
      return undefined;
    }
  }
}

/** An S3 error: its XML body. */
export function s3Error(status: number, code: string, message: string): Response {
  const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`,
    { status, headers: { "Content-Type": "application/xml" } },
  );
}
