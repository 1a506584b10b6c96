import { describe, expect, it } from "vitest";
import { PaginationError } from "../../src/core/errors.ts";
import { cursorStrategy, pageNumberStrategy, paginate } from "../../src/core/paginate.ts";

type CursorPage = { items: number[]; next_cursor?: string; next_page_token?: string };

/** An API of `total` items served `size` at a time with opaque cursors, counting its calls. */
function cursorApi(total: number, size: number, field: "next_cursor" | "next_page_token" = "next_cursor") {
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<CursorPage> => {
    calls.push(cursor);
    const start = cursor ? Number(cursor.slice(1)) : 0;
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    const end = start + items.length;
    return { items, [field]: end < total ? `c${end}` : "" };
  };
  return { fetchPage, calls };
}

const fields = ["next_cursor", "next_page_token"];

describe("paginate with opaque cursors", () => {
  it("yields every item once and stops on the page whose cursor is empty", async () => {
    const api = cursorApi(25, 10);
    const seen: number[] = [];
    for await (const n of paginate(
      api.fetchPage,
      cursorStrategy((p: CursorPage) => p.items, fields),
    ))
      seen.push(n);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(api.calls).toEqual([undefined, "c10", "c20"]);
  });

  it("reads the cursor from whichever field the page sets", async () => {
    const api = cursorApi(5, 2, "next_page_token");
    const pages = [];
    for await (const page of paginate(
      api.fetchPage,
      cursorStrategy((p: CursorPage) => p.items, fields),
    ).pages())
      pages.push(page.items);
    expect(pages).toEqual([[0, 1], [2, 3], [4]]);
  });

  it("stops fetching when the loop breaks", async () => {
    const api = cursorApi(1000, 10);
    let count = 0;
    for await (const _ of paginate(
      api.fetchPage,
      cursorStrategy((p: CursorPage) => p.items, fields),
    )) {
      if (++count === 15) break;
    }
    expect(api.calls).toHaveLength(2);
  });

  it("fetches a page only when the one before it is used up (one page in memory at a time)", async () => {
    const api = cursorApi(30, 10);
    const iterator = paginate(
      api.fetchPage,
      cursorStrategy((p: CursorPage) => p.items, fields),
    )[Symbol.asyncIterator]();
    for (let i = 0; i < 10; i++) await iterator.next();
    expect(api.calls).toHaveLength(1);
    await iterator.next();
    expect(api.calls).toHaveLength(2);
  });

  it.each([
    ["hands back the cursor it was given", ["same", "same"]],
    ["goes round a cycle of cursors (A, B, A)", ["A", "B", "A", "B"]],
  ])("stops with a PaginationError when the API %s", async (_what, cursors) => {
    let calls = 0;
    const fetchPage = async () => ({ items: [calls], next_cursor: cursors[calls++] ?? "" });
    const run = async () => {
      for await (const _ of paginate(
        fetchPage,
        cursorStrategy((p: CursorPage) => p.items, fields),
        { provider: "p" },
      ));
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(/^p: page \d+ points back to a page already read/);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it("stops with a PaginationError on a page that lacks its list, instead of ending quietly", async () => {
    const pages = [{ items: [1], next_cursor: "b" }, { next_cursor: "" }];
    const fetchPage = async () => pages.shift() as CursorPage;
    const seen: number[] = [];
    const error = await (async () => {
      for await (const n of paginate(
        fetchPage,
        cursorStrategy((p: CursorPage) => p.items, fields),
        { provider: "p" },
      ))
        seen.push(n);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ page: 2, message: "p: page 2 has no list of items" });
    expect(seen).toEqual([1]);
  });

  it("stops at maxPages", async () => {
    const api = cursorApi(100, 10);
    const seen: number[] = [];
    for await (const n of paginate(
      api.fetchPage,
      cursorStrategy((p: CursorPage) => p.items, fields),
      { maxPages: 2 },
    ))
      seen.push(n);
    expect(seen).toHaveLength(20);
  });
});

describe("paginate with page numbers", () => {
  type NumberedPage = { items: number[]; total?: number };
  const numberedApi = (total: number, size: number, sayTotal: boolean) => {
    const calls: number[] = [];
    const fetchPage = async (page: number | undefined): Promise<NumberedPage> => {
      const n = page ?? 1;
      calls.push(n);
      const start = (n - 1) * size;
      const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
      return sayTotal ? { items, total } : { items };
    };
    return { fetchPage, calls };
  };

  it("stops when the pages so far hold the total", async () => {
    const api = numberedApi(20, 10, true);
    const seen: number[] = [];
    for await (const n of paginate(
      api.fetchPage,
      pageNumberStrategy({ items: (p: NumberedPage) => p.items, total: (p) => p.total, pageSize: 10 }),
    ))
      seen.push(n);
    expect(seen).toHaveLength(20);
    expect(api.calls).toEqual([1, 2]); // no third request for an empty page
  });

  it("without a total, stops at the first page that is not full", async () => {
    const api = numberedApi(25, 10, false);
    const seen: number[] = [];
    for await (const n of paginate(
      api.fetchPage,
      pageNumberStrategy({ items: (p: NumberedPage) => p.items, pageSize: 10 }),
    ))
      seen.push(n);
    expect(seen).toHaveLength(25);
    expect(api.calls).toEqual([1, 2, 3]);
  });

  it("stops on an empty page even if the total says there is more", async () => {
    const fetchPage = async (page: number | undefined) => ({
      items: page === undefined ? [1, 2] : [],
      total: 99,
    });
    const seen: number[] = [];
    for await (const n of paginate(
      fetchPage,
      pageNumberStrategy({
        items: (p: { items: number[]; total: number }) => p.items,
        total: (p) => p.total,
        pageSize: 2,
      }),
    ))
      seen.push(n);
    expect(seen).toEqual([1, 2]);
  });
});

type Page = { items: number[]; total: number; total_pages: number };

describe("page numbers with a page count", () => {
  it("walks every page the server counted, even when it used a smaller page size than asked for", async () => {
    // 250 items; asked for 200 a page, the server gives 100 (and says so in total_pages).
    const all = Array.from({ length: 250 }, (_, i) => i);
    const fetchPage = async (n: number | undefined) => {
      const page = n ?? 1;
      return { items: all.slice((page - 1) * 100, page * 100), total: 250, total_pages: 3 };
    };
    const seen: number[] = [];
    for await (const item of paginate(
      fetchPage,
      pageNumberStrategy({
        items: (p: Page) => p.items,
        pageSize: 200,
        total: (p: Page) => p.total,
        totalPages: (p: Page) => p.total_pages,
      }),
    ))
      seen.push(item);
    expect(seen).toEqual(all);
  });
});
