// A page of GET /v1/batch/jobs: one key's jobs, filtered by statuses, model and submitted bounds,
// sorted by submitted_at, status or model_code (ties in creation order, which descending order also
// reverses, so a walk is the same in both). Read through the job index: O(page · categories · log n),
// whatever the state holds. Jobs are made in submitted_at order unless the clock went back; only then
// does a page fall back to sorting every job of the key.
import type { JobIndex } from "./job-index.ts";
import type { JobStatus, SimulatedJob } from "./state.ts";

export const SORT_KEYS = ["submitted_at", "status", "model_code"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Every status, keyed by the generated type so one added to the spec fails to compile here. */
const EVERY_STATUS: Readonly<Record<JobStatus, true>> = {
  QUEUED: true,
  IN_PROGRESS: true,
  DECODING: true,
  POST_PROCESSING: true,
  DONE: true,
  FAILED: true,
  DELETED: true,
};
export const JOB_STATUSES = Object.keys(EVERY_STATUS) as JobStatus[];

export interface JobQuery {
  /** Whose jobs (the caller's API key). */
  apiKey: string;
  statuses?: readonly JobStatus[] | undefined;
  model?: string | undefined;
  /** Exclusive bounds, in ms (spec x-inferred: not documented). */
  after?: number | undefined;
  before?: number | undefined;
  sortBy: SortKey;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
}

export interface JobPage {
  items: SimulatedJob[];
  total: number;
}

export interface Listable {
  index: JobIndex<JobStatus>;
  /** The job at a position in creation order. */
  jobAt(position: number): SimulatedJob;
  /** Whether submitted_at never decreases along creation order (the clock never went back). */
  inOrder: boolean;
}

const compare = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);

export function listJobs(jobs: Listable, query: JobQuery): JobPage {
  if (!jobs.inOrder) return scanned(jobs, query);
  const { index } = jobs;
  const statuses = query.statuses ?? JOB_STATUSES;
  const models = query.model === undefined ? index.modelsOf(query.apiKey) : [query.model];
  // The submitted bounds as a range of positions, by binary search.
  const lo = query.after === undefined ? 0 : firstPosition(jobs, (t) => t > query.after!);
  const hi = query.before === undefined ? index.size : firstPosition(jobs, (t) => t >= query.before!);
  const groups =
    query.sortBy === "status"
      ? [...new Set(statuses)].sort().map((s) => index.categories(query.apiKey, models, [s]))
      : query.sortBy === "model_code"
        ? [...new Set(models)].sort(compare).map((m) => index.categories(query.apiKey, [m], statuses))
        : [index.categories(query.apiKey, models, statuses)];
  if (query.order === "desc") groups.reverse();
  const spans = groups.map((ids) => {
    const first = index.before(ids, lo);
    return { ids, first, count: Math.max(0, index.before(ids, hi) - first) };
  });
  const total = spans.reduce((n, s) => n + s.count, 0);
  const items: SimulatedJob[] = [];
  let skip = (query.page - 1) * query.pageSize;
  for (const { ids, first, count } of spans) {
    if (items.length === query.pageSize) break;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    for (; skip < count && items.length < query.pageSize; skip++) {
      const rank = query.order === "asc" ? first + skip : first + count - 1 - skip;
      items.push(jobs.jobAt(index.select(ids, rank)));
    }
    skip = 0;
  }
  return { items, total };
}

/** The first position whose submitted_at passes `test` (monotonic in position), else the size. */
function firstPosition(jobs: Listable, test: (ms: number) => boolean): number {
  let low = 0;
  let high = jobs.index.size;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(jobs.jobAt(middle).submitted_at.getTime())) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Every job read and sorted: only when the clock went back, so creation order is not time order. */
function scanned(jobs: Listable, query: JobQuery): JobPage {
  const matching: SimulatedJob[] = [];
  for (let p = 0; p < jobs.index.size; p++) {
    const job = jobs.jobAt(p);
    const t = job.submitted_at.getTime();
    if (
      job.api_key === query.apiKey &&
      (query.statuses === undefined || query.statuses.includes(job.status)) &&
      (query.model === undefined || job.model_code === query.model) &&
      (query.after === undefined || t > query.after) &&
      (query.before === undefined || t < query.before)
    )
      matching.push(job);
  }
  const keyOf = (job: SimulatedJob) =>
    query.sortBy === "submitted_at" ? job.submitted_at.getTime() : job[query.sortBy];
  const order = query.order === "asc" ? 1 : -1;
  matching.sort((a, b) => (compare(keyOf(a), keyOf(b)) || a.position - b.position) * order);
  const start = (query.page - 1) * query.pageSize;
  return { items: matching.slice(start, start + query.pageSize), total: matching.length };
}
