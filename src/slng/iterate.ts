// The jobs.iterate walk, loaded when its first page is asked for: its options checked (then), and the
// paginator over jobs.list. A bundle that never walks the jobs does not carry it.
import { paginate, pageNumberStrategy, type Paginator } from "../core/paginate.ts";
import type { SlngBatchJob, SlngJobList, SlngJobsIterateOptions, SlngListStatus } from "./client.ts";
import type { SlngKit } from "./kit.ts";
import { defined, SLNG_MAX_PAGE } from "./values.ts";

/** The walk over every job (filtered and sorted as asked), once its options are checked. */
export async function walkJobs(
  kit: SlngKit,
  {
    status,
    model_code,
    submitted_after,
    submitted_before,
    sort_by,
    sort_order,
    page_size = SLNG_MAX_PAGE,
    maxPages,
    ...opts
  }: SlngJobsIterateOptions,
): Promise<Paginator<SlngJobList, SlngBatchJob>> {
  // (Neither a string nor a list: refused by the checks, as `status` itself.)
  const statuses = typeof status === "string" ? status : Array.isArray(status) ? status.join(",") : undefined;
  await checkIterate(kit.refuse, { status, statuses, pageSize: page_size, rest: opts });
  const query = defined({
    status: statuses,
    model_code,
    submitted_after,
    submitted_before,
    sort_by,
    sort_order,
  });
  return paginate(
    (page: number | undefined) => kit.jobs.list({ ...query, page_size, page: page ?? 1 }, opts),
    pageNumberStrategy({
      items: (page: SlngJobList) => page?.items,
      pageSize: page_size,
      total: (page) => (typeof page?.meta?.total === "number" ? page.meta.total : undefined),
      totalPages: (page) => (typeof page?.meta?.pages === "number" ? page.meta.pages : undefined),
    }),
    { provider: kit.api.provider, ...(maxPages !== undefined ? { maxPages } : {}) },
  );
}

// The statuses the list filters by, keyed by the type (a state added to or dropped from the spec fails
// to compile here rather than drifting; SLNG's list refuses POST_PROCESSING).
const LIST_STATUSES: ReadonlySet<string> = new Set(
  Object.keys({
    QUEUED: 1,
    IN_PROGRESS: 1,
    DECODING: 1,
    DONE: 1,
    FAILED: 1,
    DELETED: 1,
  } satisfies Record<SlngListStatus, 1>),
);

/**
 * The walk's options, checked: `status` as given and as sent (`statuses`, a list joined), `pageSize`
 * with its default, `rest` what is left for each page's request.
 */
async function checkIterate(
  refuse: SlngKit["refuse"],
  {
    status,
    statuses,
    pageSize,
    rest,
  }: {
    status: SlngJobsIterateOptions["status"];
    statuses: string | undefined;
    pageSize: number;
    rest: object;
  },
): Promise<void> {
  // The walk numbers the pages itself: a `page` given here would be dropped (jobs.list takes one).
  if ("page" in rest)
    await refuse("batchJobsList", "page: the walk asks for every page from 1; jobs.list({ page }) reads one");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > SLNG_MAX_PAGE)
    await refuse("batchJobsList", `page_size: expected an integer from 1 to 100, got ${String(pageSize)}`);
  if (status !== undefined && typeof status !== "string" && !Array.isArray(status))
    await refuse(
      "batchJobsList",
      "status: expected a status, a list of statuses or a comma-separated string",
    );
  if (statuses !== undefined) {
    const bad = statuses.split(",").find((s) => !LIST_STATUSES.has(s.trim()));
    if (bad !== undefined)
      await refuse(
        "batchJobsList",
        `status: ${JSON.stringify(bad)} is not a status the list filters by (${[...LIST_STATUSES].join(", ")}; SLNG's list does not take POST_PROCESSING)`,
      );
  }
}
