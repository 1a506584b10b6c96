// A DONE job's transcript (downloadTranscript) and the whole job in one call (transcribe). Loaded with
// the first of them: a bundle that never downloads a transcript does not carry them.
import { ConfigurationError } from "../core/auth.ts";
import type { HelperOptions } from "../core/client.ts";
import { helperKit } from "../core/helper-kit.ts";
import { AttemptRequest } from "../core/transport.ts";
import type {
  SlngJobAcknowledgement,
  SlngJobConfig,
  SlngOutputFormat,
  SlngTranscribeOptions,
  SlngTranscript,
  SlngTranscription,
  SlngUploadable,
} from "./client.ts";
import { sizeOf } from "./files.ts";
import type { SlngKit } from "./kit.ts";
import { callOptions, storageSecrets } from "./storage.ts";
import { defined, describe } from "./values.ts";
import { checkHooks, checkTiming, JOB_TIMEOUT_MS } from "./wait.ts";

const FORMATS: ReadonlySet<string> = new Set(["json", "txt", "srt"]);
const MULTIPART_MAX_BYTES = 100 * 2 ** 20;

/** downloadTranscript (client.ts documents it). */
export async function downloadTranscript<F extends SlngOutputFormat = "json">(
  kit: SlngKit,
  jobId: string,
  format: F = "json" as F,
  opts: HelperOptions = {},
): Promise<SlngTranscript<F>> {
  const { provider } = kit.api;
  const { refuse } = kit;
  const { invalid } = helperKit(kit.api);
  const op = "batchJobsFiles";
  await kit.refuseId(op, jobId);
  if (!FORMATS.has(format as string))
    return refuse(op, `format: expected "json", "txt" or "srt", got ${describe(format)}`);
  const files = await kit.jobs.files(jobId, opts);
  if (!Array.isArray(files?.outputs))
    throw await invalid(op, "is a job's files without its list of outputs", files);
  const output = files.outputs.find((o) => o?.format === format);
  if (!output) {
    const has = files.outputs.map((o) => o?.format).filter((f) => typeof f === "string");
    throw await invalid(
      op,
      `has no ${format} output for job ${jobId} (${has.length ? `only ${has.join(", ")}` : "no outputs at all: is the job DONE?"})`,
      files,
    );
  }
  const url = output.download_url;
  if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw await invalid(op, `has a ${format} output without an http(s) download_url`, files);
  const response = await kit.storage.send(new AttemptRequest(url, { method: "GET" }), {
    ...callOptions(opts),
    operation: "downloadTranscript",
  });
  const text = await response.text();
  if (!response.ok) {
    const { createApiError } = await import("../core/errors.ts");
    throw createApiError({
      provider,
      operation: "downloadTranscript",
      method: "GET",
      url,
      status: response.status,
      headers: response.headers,
      body: text,
      secrets: storageSecrets(kit, url),
    });
  }
  if (format !== "json") return text as SlngTranscript<F>;
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
    return value as SlngTranscript<F>;
  } catch {
    throw await invalid("downloadTranscript", "is not a JSON transcript (a JSON object)", text);
  }
}

/** transcribe (client.ts documents it). */
export async function transcribe<F extends SlngOutputFormat = "json">(
  kit: SlngKit,
  input: SlngUploadable,
  config: SlngJobConfig,
  givenOptions: SlngTranscribeOptions<F> = {},
): Promise<SlngTranscription<F>> {
  const { jobs } = kit;
  const options = givenOptions ?? {};
  if (typeof options !== "object") throw new ConfigurationError("transcribe: expected an options object");
  checkTiming(options, "transcribe");
  checkHooks({ onSubmitted: options.onSubmitted, onProgress: options.onProgress }, "transcribe");
  const format = (options.format ?? "json") as F;
  if (!FORMATS.has(format))
    throw new ConfigurationError(
      `transcribe.format: expected "json", "txt" or "srt", got ${describe(format)}`,
    );
  const threshold = options.multipartMaxBytes ?? MULTIPART_MAX_BYTES;
  if (!(typeof threshold === "number" && threshold >= 0))
    throw new ConfigurationError(
      `transcribe.multipartMaxBytes: expected a number ≥ 0, got ${String(threshold)}`,
    );
  const started = Date.now();
  const { initialDelayMs, maxDelayMs, timeoutMs = JOB_TIMEOUT_MS, signal } = options;
  const call: HelperOptions = { ...options.request, ...(signal ? { signal } : {}) };

  let via: SlngTranscription["via"];
  let ack: SlngJobAcknowledgement;
  if (typeof input === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    via = "url";
    ack = await jobs.submitUrl(input, config, call);
  } else {
    const size = sizeOf(input);
    if (size !== undefined && size > threshold) {
      via = "presigned";
      ack = await jobs.submitViaPresignedUpload(input, config, call);
    } else {
      via = "multipart";
      ack = await jobs.submitFile(input, config, call);
    }
  }
  options.onSubmitted?.(ack);
  const job = await kit.waitForJob(
    ack.job_id,
    defined({
      initialDelayMs,
      maxDelayMs,
      timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)),
      signal,
      onProgress: options.onProgress,
      request: call,
    }),
  );
  const transcript = await downloadTranscript(kit, ack.job_id, format, call);
  return { jobId: ack.job_id, job, via, format, transcript };
}
