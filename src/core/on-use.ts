// Waiting and paging, loaded when a client first waits or pages: a bundle that only sends requests
// does not carry them (issue 10's client-entry budget). Each wrapper has the signature of the function
// it loads; after the first use the module is in memory and `import()` costs a microtask.
import type { PaginateOptions, Paginator } from "./paginate.ts";
import type { PageStrategy } from "./page-strategies.ts";
import type { WaitForJobOptions } from "./poll.ts";
import { walkOnUse } from "./walk-on-use.ts";

/**
 * `paginate` (paginate.ts), loaded when the walk starts. The strategy may be given as a function of
 * paginate.ts's strategy makers (`cursorStrategy`, `pageNumberStrategy`), so that they load with it.
 */
export function paginateOnUse<TPage, TItem, TCursor>(
  fetchPage: (cursor: TCursor | undefined) => Promise<TPage>,
  strategy:
    | PageStrategy<TPage, TItem, TCursor>
    | ((makers: typeof import("./page-strategies.ts")) => PageStrategy<TPage, TItem, TCursor>),
  options: PaginateOptions = {},
): Paginator<TPage, TItem> {
  return walkOnUse(async () => {
    const paging = await import("./paginate.ts");
    return paging.paginate(fetchPage, typeof strategy === "function" ? strategy(paging) : strategy, options);
  });
}

/** `waitForJob` (poll.ts), loaded when the wait starts. */
export async function waitForJobOnUse<TJob>(
  get: (signal?: AbortSignal) => Promise<TJob>,
  options: WaitForJobOptions<TJob>,
): Promise<TJob> {
  return (await import("./poll.ts")).waitForJob(get, options);
}
