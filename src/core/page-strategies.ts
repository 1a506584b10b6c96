// How a provider pages: where a page's items are and what the next page's cursor is. `paginate`
// (paginate.ts) walks pages with one of these.

export interface PageStrategy<TPage, TItem, TCursor> {
  /** The items of a page (undefined when the page lacks its list: a PaginationError). */
  items(page: TPage): readonly TItem[] | undefined;
  /** The next page's cursor, or undefined when `page` is the last. `cursor` is the one that fetched `page`. */
  next(page: TPage, cursor: TCursor | undefined): TCursor | undefined;
}

/**
 * Opaque cursors: the next cursor is in one of `cursorFields` of the page (the first non-empty one);
 * empty or absent means the last page.
 */
export function cursorStrategy<TPage extends object, TItem>(
  items: (page: TPage) => readonly TItem[] | undefined,
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
  items: (page: TPage) => readonly TItem[] | undefined;
  pageSize: number;
  /** The total number of items, when the page says it. */
  total?: (page: TPage) => number | undefined;
  /**
   * The number of pages, when the page says it: it wins over `total`, as the server counted it with the
   * page size it used (which may be smaller than the one asked for).
   */
  totalPages?: (page: TPage) => number | undefined;
  /** The number of the first page. Default 1. */
  firstPage?: number;
}): PageStrategy<TPage, TItem, number> {
  const first = config.firstPage ?? 1;
  return {
    items: config.items,
    next(page, cursor) {
      const current = cursor ?? first;
      const count = config.items(page)?.length ?? 0;
      if (count === 0) return undefined;
      const pages = config.totalPages?.(page);
      if (pages !== undefined && Number.isFinite(pages))
        return current - first + 1 < pages ? current + 1 : undefined;
      const total = config.total?.(page);
      const seen = (current - first) * config.pageSize + count;
      if (total !== undefined) return seen < total ? current + 1 : undefined;
      return count >= config.pageSize ? current + 1 : undefined;
    },
  };
}
