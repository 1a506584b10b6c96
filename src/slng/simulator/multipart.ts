// A multipart create request as the simulator keeps it: the `file` part's name, media type and size
// (never its bytes), and the JSON parts parsed. The pipeline has already read the body once and checked
// it against CreateJobMultipartRequest, so the parts are known to parse; this still never throws.
import { contentTypeOf } from "./audio.ts";
import type { NewJob } from "./state.ts";

export type Refusal = { status: 400 | 413; error: string };

function json(form: FormData, name: string): { value: unknown } | Refusal {
  const part = form.get(name);
  if (part === null) return { value: undefined };
  try {
    return { value: JSON.parse(typeof part === "string" ? part : "") };
  } catch {
    return { status: 400, error: `body.${name}: not valid JSON` };
  }
}

/** The job a multipart body asks for (without its key), or why it is refused. */
export async function jobOfMultipart(request: Request, maxBytes: number): Promise<NewJob | Refusal> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { status: 400, error: "body: not a valid multipart/form-data body" };
  }
  const file = form.get("file");
  if (file === null || typeof file === "string")
    return { status: 400, error: "body.file: a file part is required" };
  if (file.size > maxBytes) return { status: 413, error: "File too large. Maximum size is 1 GB." };
  const parsed: Record<string, unknown> = {};
  for (const name of ["transcription_config", "tracking", "output_config"]) {
    const read = json(form, name);
    if ("status" in read) return read;
    parsed[name] = read.value;
  }
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const filename = file.name || "audio";
  return {
    job_id: text("job_id"),
    model_code: text("model_code"),
    transcription_config: parsed.transcription_config as NewJob["transcription_config"],
    tracking: parsed.tracking as NewJob["tracking"],
    output_config: parsed.output_config as NewJob["output_config"],
    metadata: text("metadata"),
    source: {
      kind: "multipart",
      filename,
      size_bytes: file.size,
      mime_type: contentTypeOf(filename, file.type),
    },
  };
}
