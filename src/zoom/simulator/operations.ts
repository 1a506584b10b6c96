// The six operations of a Zoom batch API, each from a request that the pipeline has already admitted
// (credentials and spec checked) to the status and body Zoom would answer. A product's mock.ts binds
// them to its paths with openapi-msw, which checks each status and body against its spec.
import { zoomError, type ZoomErrorBody } from "../errors.ts";
import { planInputs } from "./inputs.ts";
import type { ZoomSimProduct } from "./product.ts";
import type { SimulatedJob, ZoomCreateRequest, ZoomState } from "./state.ts";
import { fileView, jobView } from "./views.ts";

type Refused<S extends number> = { status: S; body: ZoomErrorBody };

export function zoomOperations<Req extends ZoomCreateRequest>(
  product: ZoomSimProduct<Req>,
  state: ZoomState<Req>,
) {
  const refused = <S extends number>(status: S, message: string, field?: string): Refused<S> => ({
    status,
    body: zoomError(
      status === 400 ? 300 : status,
      message,
      field ? [{ location: field, message }] : undefined,
    ),
  });
  const jobOf = (jobId: string) => state.jobs.get(jobId);
  const notFound = (jobId: string) => refused(404, `Job ${jobId} not found.`);
  const cursorFields = (cursor: string) => {
    const field = state.options.cursorField;
    return {
      ...(field === "next_cursor" || field === "both" ? { next_cursor: cursor } : {}),
      ...(field === "next_page_token" || field === "both" ? { next_page_token: cursor } : {}),
    };
  };
  /** The page size asked for (or the default), and where the page starts: a cursor must be one we issued for this listing. */
  const pageOf = (query: URLSearchParams, fallbackSize: number, scope: string) => {
    const size = Number(query.get("page_size") ?? fallbackSize);
    const token = query.get("next_page_token");
    if (token === null || token === "") return { size, after: undefined };
    const after = state.cursors.redeem(token, scope);
    return after === undefined ? undefined : { size, after };
  };
  const badCursor = () =>
    refused(400, "not a cursor this API issued for this listing", "query.next_page_token");
  const extras = (file: Parameters<typeof fileView>[0]) => product.fileExtras?.(file) ?? {};

  return {
    create(body: Req) {
      const plan = planInputs(state.objects, body.input);
      if (!plan.ok) return refused(plan.status, plan.message, plan.field);
      const refusal = product.refuse?.(body, plan.inputs.length);
      if (refusal) return refused(refusal.status, refusal.message);
      const job = state.addJob(
        body,
        plan.mode,
        plan.inputs.map((input, i) => {
          const fileId = `f_${String(i + 1).padStart(3, "0")}`;
          return {
            file_id: fileId,
            input_uri: input.uri,
            output_uri: product.outputUri(body.output, input, fileId),
            outcome: state.options.outcome(input.uri),
          };
        }),
      );
      return {
        status: 201 as const,
        body: { job_id: job.job_id, state: job.state, submitted_at: job.submitted_at },
      };
    },

    list(query: URLSearchParams) {
      const filter = query.get("state");
      const scope = `jobs:${filter ?? "*"}`;
      const page = pageOf(query, 50, scope);
      if (!page) return badCursor();
      // Newest first from the cursor's position, one job past the page telling whether there is a next.
      const items: SimulatedJob<Req>[] = [];
      const size = Math.trunc(page.size) || 0;
      let more = false;
      for (const job of state.newestFirst(page.after, filter ?? undefined)) {
        if (!(items.length < size)) {
          more = true;
          break;
        }
        items.push(job);
      }
      const last = items.at(-1);
      const cursor = more && last ? state.cursors.issue(scope, last.seq) : "";
      return { status: 200 as const, body: { jobs: items.map(jobView), ...cursorFields(cursor) } };
    },

    get(jobId: string) {
      const job = jobOf(jobId);
      if (!job) return notFound(jobId);
      if (state.options.advanceOnGet) state.advance(job.job_id);
      return { status: 200 as const, body: jobView(job) };
    },

    cancel(jobId: string) {
      const job = jobOf(jobId);
      if (!job) return notFound(jobId);
      if (!state.cancel(jobId))
        return refused(409, `Job ${job.job_id} is ${job.state} and cannot be canceled.`);
      return { status: 204 as const, body: null };
    },

    listFiles(jobId: string, query: URLSearchParams) {
      const job = jobOf(jobId);
      if (!job) return notFound(jobId);
      const scope = `files:${job.job_id}`;
      const page = pageOf(query, 200, scope);
      if (!page) return badCursor();
      const start = page.after ?? 0;
      const items = job.files.slice(start, start + page.size);
      const end = start + items.length;
      const cursor = end < job.files.length ? state.cursors.issue(scope, end) : "";
      return {
        status: 200 as const,
        body: { files: items.map((f) => fileView(f, extras(f))), ...cursorFields(cursor) },
      };
    },

    getFile(jobId: string, fileId: string) {
      const job = jobOf(jobId);
      if (!job) return notFound(jobId);
      const file = state.fileOf(job, fileId);
      if (!file) return refused(404, `File ${fileId} not found in job ${job.job_id}.`);
      return { status: 200 as const, body: fileView(file, extras(file)) };
    },
  };
}
