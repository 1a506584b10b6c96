// Page-number paging (`page`, `limit`, totals), as many batch APIs page their lists: the slice of the
// items a page holds, and the numbers a provider puts in its envelope.

export interface NumberedPage<T> {
  items: T[];
  /** 1-based. */
  page: number;
  limit: number;
  /** Items in the whole list. */
  total: number;
  /** Pages in the whole list (0 for an empty list). */
  totalPages: number;
}

export function numberedPage<T>(all: readonly T[], page: number, limit: number): NumberedPage<T> {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`numberedPage: page ${page} is not ≥ 1`);
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`numberedPage: limit ${limit} is not ≥ 1`);
  const start = (page - 1) * limit;
  return {
    items: all.slice(start, start + limit),
    page,
    limit,
    total: all.length,
    totalPages: Math.ceil(all.length / limit),
  };
}
