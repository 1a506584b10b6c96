// The walks of files.iterate and results.iterate (loaded when a walk starts): page after page, the
// totals and the items of each page by its envelope.
import type { HelperOptions } from "../core/client.ts";
import { paginateOnUse } from "../core/on-use.ts";
import { pageNumberStrategy } from "../core/page-strategies.ts";
import type { Paginator } from "../core/paginate.ts";
import type {
  SoketFileListPage,
  SoketFileRecord,
  SoketFilesIterateOptions,
  SoketFilesQuery,
  SoketMergedResultsPage,
  SoketRawResultsPage,
  SoketResultItem,
  SoketResultsIterateOptions,
  SoketResultsPage,
  SoketResultsQuery,
} from "./client.ts";
import type { SoketApi } from "./kit.ts";
import { defined } from "./values.ts";

/** files.iterate (see client.ts), its `limit` defaulted there. */
export function filesWalk(
  { provider }: SoketApi,
  list: (query: SoketFilesQuery, opts?: HelperOptions) => Promise<SoketFileListPage>,
  { upload_status, limit, maxPages, ...opts }: SoketFilesIterateOptions & { limit: number },
): Paginator<SoketFileListPage, SoketFileRecord> {
  return paginateOnUse(
    (page: number | undefined) => list(defined({ upload_status, limit, page: page ?? 1 }), opts),
    pageNumberStrategy({
      items: (page: SoketFileListPage) => page?.files,
      pageSize: limit,
      total: (page) => (typeof page.total_files === "number" ? page.total_files : undefined),
      totalPages: (page) => (typeof page.total_pages === "number" ? page.total_pages : undefined),
    }),
    { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
  );
}

/** results.iterate (see client.ts), its `limit` defaulted there. */
export function resultsWalk<Raw extends boolean = false>(
  { provider }: SoketApi,
  read: (
    batchId: string,
    query: SoketResultsQuery & { raw?: Raw },
    opts?: HelperOptions,
  ) => Promise<SoketResultsPage<Raw>>,
  batchId: string,
  {
    status,
    raw,
    chunks,
    speech_information,
    limit,
    maxPages,
    ...opts
  }: SoketResultsIterateOptions<Raw> & { limit: number },
): Paginator<SoketResultsPage<Raw>, SoketResultItem<Raw>> {
  const query = defined({ status, raw, chunks, speech_information, limit });
  const isRaw = raw === true;
  return paginateOnUse(
    (page: number | undefined) =>
      read(batchId, { ...query, page: page ?? 1 } as SoketResultsQuery & { raw?: Raw }, opts),
    pageNumberStrategy({
      items: (page: SoketResultsPage<Raw>) =>
        (isRaw ? (page as SoketRawResultsPage).jobs : (page as SoketMergedResultsPage).files) as
          SoketResultItem<Raw>[] | undefined,
      pageSize: limit,
      totalPages: (page) => (typeof page.total_pages === "number" ? page.total_pages : undefined),
      total: (page) => {
        const total = isRaw
          ? (page as SoketRawResultsPage).total_jobs
          : (page as SoketMergedResultsPage).total_files;
        return typeof total === "number" ? total : undefined;
      },
    }),
    { provider, ...(maxPages !== undefined ? { maxPages } : {}) },
  );
}
