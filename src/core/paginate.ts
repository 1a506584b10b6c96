// Pagination built once over an abstract page: a strategy says where a page's items are and what the
// next page's cursor is; `paginate` turns that into `for await` over items or pages, stops on the last
// page or on `break`, and holds one page at a time however many there are.
import { BatchspecError } from "./errors.ts";

export interface PageStrategy<TPage, TItem, TCursor> {
  /** The items of a page. */
  items(page: TPage): readonly TItem[];
  /** The next page's cursor, or undefined when `page` is the last. `cursor` is the one that fetched `page`. */
  next(page: TPage, cursor: TCursor | undefined): TCursor | undefined;
}

export interface Paginator<TPage, TItem> extends AsyncIterable<TItem> {
  /** The pages themselves, for their totals and cursors. */
  pages(): AsyncIterable<TPage>;
}

export interface PaginateOptions {
  /** Stop after this many pages (a guard against an API that never says it is done). Default: no limit. */
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
  async function* pages(): AsyncGenerator<TPage> {
    let cursor: TCursor | undefined;
    for (let count = 0; count < maxPages; count++) {
      const page = await fetchPage(cursor);
      yield page;
      const next = strategy.next(page, cursor);
      if (next === undefined) return;
      if (cursor !== undefined && JSON.stringify(next) === JSON.stringify(cursor)) {
        throw new BatchspecError(
          `${options.provider ?? "paginate"}: the API returned the cursor it was given as the next one; stopping to avoid a loop`,
          { provider: options.provider ?? "paginate" },
        );
      }
      cursor = next;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* strategy.items(page);
    },
  };
}

/**
 * Opaque cursors: the next cursor is in one of `cursorFields` of the page (the first non-empty one);
 * empty or absent means the last page.
 */
export function cursorStrategy<TPage extends object, TItem>(
  items: (page: TPage) => readonly TItem[],
  cursorFields: readonly string[],
): PageStrategy<TPage, TItem, string> {
  return {
    items,
    next(page) {
      for (const field of cursorFields) {
        const value = (page as Record<string, unknown>)[field];
        if (typeof value === "string" && value !== "") return value;
      }
      return undefined;
    },
  };
}

/**
 * Page numbers with totals: the next page exists while the pages so far hold fewer items than the
 * total (when the API says it), else while a page comes back full.
 */
export function pageNumberStrategy<TPage, TItem>(config: {
  items: (page: TPage) => readonly TItem[];
  pageSize: number;
  /** The total number of items, when the page says it. */
  total?: (page: TPage) => number | undefined;
  /** The number of the first page. Default 1. */
  firstPage?: number;
}): PageStrategy<TPage, TItem, number> {
  const first = config.firstPage ?? 1;
  return {
    items: config.items,
    next(page, cursor) {
      const current = cursor ?? first;
      const count = config.items(page).length;
      if (count === 0) return undefined;
      const total = config.total?.(page);
      const seen = (current - first) * config.pageSize + count;
      if (total !== undefined) return seen < total ? current + 1 : undefined;
      return count >= config.pageSize ? current + 1 : undefined;
    },
  };
}
