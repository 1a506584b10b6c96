// Pagination built once over an abstract page: a strategy says where a page's items are and what the
// next page's cursor is; `paginate` turns that into `for await` over items or pages, stops on the last
// page or on `break`, and holds one page at a time however many there are. The strategies are in
// page-strategies.ts, apart, so that a client can name its strategy without loading this module.
import type { PageStrategy } from "./page-strategies.ts";

export { cursorStrategy, pageNumberStrategy, type PageStrategy } from "./page-strategies.ts";

export interface Paginator<TPage, TItem> extends AsyncIterable<TItem> {
  /** The pages themselves, for their totals and cursors. */
  pages(): AsyncIterable<TPage>;
}

export interface PaginateOptions {
  /** Read at most this many pages, then stop (a guard against an API that never says it is done). Default: no limit. */
  maxPages?: number;
  /** For errors: the spec id. */
  provider?: string;
}

export function paginate<TPage, TItem, TCursor>(
  fetchPage: (cursor: TCursor | undefined) => Promise<TPage>,
  strategy: PageStrategy<TPage, TItem, TCursor>,
  options: PaginateOptions = {},
): Paginator<TPage, TItem> {
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY;
  const provider = options.provider ?? "paginate";
  /** The page's items, checked: a page without its list is an API fault, not the end of the walk. */
  const fail = async (message: string, page: number): Promise<never> => {
    const { PaginationError } = await import("./errors.ts"); // loaded when the first error is made
    throw new PaginationError(message, { provider, page });
  };
  const itemsOf = async (page: TPage, number: number): Promise<readonly TItem[]> => {
    const items = strategy.items(page);
    if (!Array.isArray(items)) return fail(`${provider}: page ${number} has no list of items`, number);
    return items;
  };
  async function* pages(): AsyncGenerator<TPage> {
    let cursor: TCursor | undefined;
    // Every cursor of this walk: one that comes back would make the walk go round forever.
    const seen = new Set<string>();
    for (let count = 1; count <= maxPages; count++) {
      const page = await fetchPage(cursor);
      await itemsOf(page, count);
      yield page;
      const next = strategy.next(page, cursor);
      if (next === undefined) return;
      const key = JSON.stringify(next);
      if (seen.has(key) || (cursor !== undefined && key === JSON.stringify(cursor))) {
        await fail(
          `${provider}: page ${count} points back to a page already read (a cursor seen before in this walk); stopping`,
          count,
        );
      }
      seen.add(key);
      cursor = next;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      let count = 0;
      for await (const page of pages()) yield* await itemsOf(page, ++count);
    },
  };
}
