// Jobs and files as Zoom's API reports them: what a simulator's GETs, lists and notifications send.
// Credentials in the request (`auth`, the webhook `secret`) are never echoed.
import type { components } from "../../../generated/zoom-shared.ts";
import type { SimulatedFile, SimulatedJob, ZoomCreateRequest } from "./state.ts";

type Shared = components["schemas"];

/** The job's summary, from the counts the state keeps as its files move: O(1) however many files it has. */
export function summaryOf(job: SimulatedJob): Shared["JobSummary"] {
  const counts = job.fileCounts;
  return {
    total_files: job.files.length,
    queued: counts.FILE_QUEUED,
    processing: counts.FILE_PROCESSING,
    succeeded: counts.FILE_SUCCEEDED,
    failed: counts.FILE_FAILED,
    skipped: counts.FILE_SKIPPED,
    canceled: counts.FILE_CANCELED,
  };
}

/** A job as GET /jobs/{jobId} (and each list item, and each notification) reports it. */
export function jobView<Req extends ZoomCreateRequest>(job: SimulatedJob<Req>) {
  const { input, output } = job.request;
  return {
    job_id: job.job_id,
    state: job.state,
    submitted_at: job.submitted_at,
    completed_at: job.completed_at,
    reference_id: job.reference_id,
    summary: summaryOf(job),
    // The fields of the input's own shape, nothing else it was sent with.
    input:
      input.manifest !== undefined
        ? { mode: job.mode, source: input.source, manifest: input.manifest }
        : {
            mode: job.mode,
            source: input.source,
            uri: input.uri,
            ...(input.filters ? { filters: input.filters } : {}),
          },
    output: {
      destination: output.destination,
      uri: output.uri,
      ...(output.layout ? { layout: output.layout } : {}),
      ...(output.overwrite !== undefined ? { overwrite: output.overwrite } : {}),
    } as Pick<Req["output"], "destination" | "uri" | "layout" | "overwrite">,
    config: job.request.config as Req["config"],
    error: job.error,
  };
}

export type ZoomJobView = ReturnType<typeof jobView>;

/** A job's file as the files endpoints report it; `extras` adds a product's own fields (Scribe's duration). */
export function fileView(file: SimulatedFile, extras: Record<string, unknown> = {}) {
  return {
    file_id: file.file_id,
    input_uri: file.input_uri,
    output_uri: file.state === "FILE_SUCCEEDED" ? file.output_uri : null,
    state: file.state,
    ...(file.state === "FILE_SUCCEEDED" ? extras : {}),
    error: file.state === "FILE_FAILED" && file.outcome.state === "FILE_FAILED" ? file.outcome.error : null,
  };
}
