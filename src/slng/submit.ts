// Creating a job from a file (one multipart request) or from an HTTPS URL, and the checks every create
// path shares (the job's settings, the 202 that acknowledges it). Loaded with the first create: a
// bundle that only reads jobs does not carry it.
import type { components } from "../../generated/slng.ts";
import type { HelperOptions } from "../core/client.ts";
import type {
  SlngJobAcknowledgement,
  SlngJobConfig,
  SlngTranscriptionConfig,
  SlngUploadable,
} from "./client.ts";
import { helperKit } from "../core/helper-kit.ts";
import { toFile } from "./files.ts";
import type { SlngKit } from "./kit.ts";
import { defined, describe, JOB_ID } from "./values.ts";

export const CREATE = "batchJobsCreate";

// A job's settings and transcription_config's fields, keyed by the types (a field added to either
// fails to compile here): a key outside them would be dropped, so it is refused instead.
const JOB_SETTINGS: ReadonlySet<string> = new Set(
  Object.keys({
    transcription_config: 1,
    job_id: 1,
    model_code: 1,
    metadata: 1,
    tracking: 1,
    output_config: 1,
  } satisfies Record<keyof SlngJobConfig, 1>),
);
const TRANSCRIPTION_FIELDS: ReadonlySet<string> = new Set(
  Object.keys({
    language: 1,
    operating_point: 1,
    diarization: 1,
    domain: 1,
    output_locale: 1,
    enable_entities: 1,
    additional_vocab: 1,
  } satisfies Record<keyof SlngTranscriptionConfig, 1>),
);

/** The job settings, checked: what every create path shares. */
export async function checkConfig(
  { refuse, refuseId }: SlngKit,
  operation: string,
  config: SlngJobConfig,
): Promise<void> {
  if (config === null || typeof config !== "object" || Array.isArray(config))
    return refuse(operation, "config: expected { transcription_config, job_id?, model_code?, ... }");
  // Only these settings are sent: anything else would be dropped without a word (a `language` beside
  // transcription_config would leave the job in SLNG's default, English).
  const stray = Object.keys(config).find((k) => !JOB_SETTINGS.has(k));
  if (stray !== undefined)
    return refuse(
      operation,
      `${stray}: not a setting of an SLNG job (${[...JOB_SETTINGS].join(", ")})${TRANSCRIPTION_FIELDS.has(stray) ? `; it belongs inside transcription_config` : ""}`,
    );
  const tc = config.transcription_config;
  if (tc === null || typeof tc !== "object" || Array.isArray(tc))
    return refuse(
      operation,
      "transcription_config: required, an object ({} takes SLNG's defaults, language en)",
    );
  if (config.job_id !== undefined) await refuseId(operation, config.job_id, "job_id");
  if (config.model_code !== undefined && (typeof config.model_code !== "string" || config.model_code === ""))
    return refuse(operation, "model_code: expected a non-empty string");
  const m = config.metadata;
  if (m !== undefined && (m === null || typeof m !== "object" || Array.isArray(m)))
    return refuse(operation, "metadata: expected an object of key/value pairs");
}

/** A create's 202, checked: the job's id is what everything after relies on. */
export async function checkedAck(
  kit: SlngKit,
  ack: unknown,
  operation = CREATE,
): Promise<SlngJobAcknowledgement> {
  const a = ack as Partial<SlngJobAcknowledgement> | null;
  // The id goes into the job's paths next (get, files, delete), where SLNG takes only its pattern.
  if (typeof a?.job_id !== "string" || !JOB_ID.test(a.job_id) || "upload" in (a as object))
    throw await helperKit(kit.api).invalid(
      operation,
      "is not a created job ({ job_id, status }) with an alphanumeric job_id",
      ack,
    );
  return a as SlngJobAcknowledgement;
}

/** The settings every JSON body shares, without the undefined ones. */
const jsonSettings = (config: SlngJobConfig) =>
  defined({
    job_id: config.job_id,
    model_code: config.model_code,
    transcription_config: config.transcription_config,
    metadata: config.metadata,
    tracking: config.tracking,
    output_config: config.output_config,
  });

/** jobs.submitFile (client.ts documents it). */
export async function submitFile(
  kit: SlngKit,
  item: SlngUploadable,
  config: SlngJobConfig,
  opts?: HelperOptions,
): Promise<SlngJobAcknowledgement> {
  await checkConfig(kit, CREATE, config);
  const file = await toFile(kit, item, CREATE);
  const body = {
    file,
    ...jsonSettings(config),
    ...(config.metadata !== undefined ? { metadata: JSON.stringify(config.metadata) } : {}),
  };
  // The generated type of a file part is `string` (openapi-typescript's for a binary schema); the
  // core sends Blobs in a multipart body as file parts, objects as JSON text.
  const ack = await kit.api.send(
    CREATE,
    { body: body as unknown as components["schemas"]["CreateJobMultipartRequest"] },
    opts,
  );
  return checkedAck(kit, ack);
}

/** jobs.submitUrl (client.ts documents it). */
export async function submitUrl(
  kit: SlngKit,
  url: string,
  config: SlngJobConfig,
  opts?: HelperOptions,
): Promise<SlngJobAcknowledgement> {
  const { refuse } = kit;
  await checkConfig(kit, CREATE, config);
  if (typeof url !== "string" || !URL.canParse(url))
    return refuse(CREATE, `input_url: expected an absolute HTTPS URL, got ${describe(url)}`);
  if (new URL(url).protocol !== "https:")
    return refuse(CREATE, `input_url: SLNG downloads only HTTPS URLs, got a ${new URL(url).protocol} URL`);
  const ack = await kit.api.send(CREATE, { body: { input_url: url, ...jsonSettings(config) } }, opts);
  return checkedAck(kit, ack);
}
