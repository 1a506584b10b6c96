// A walk whose paginator is made when the walk starts (its module loaded then), as a walk of pages or of
// items. Apart from on-use.ts, so that a client that only walks does not carry the other wrappers.
import type { Paginator } from "./paginate.ts";

export function walkOnUse<TPage, TItem>(
  load: () => Promise<Paginator<TPage, TItem>>,
): Paginator<TPage, TItem> {
  return {
    async *pages() {
      yield* (await load()).pages();
    },
    async *[Symbol.asyncIterator]() {
      yield* await load();
    },
  };
}
