// Zoom's list responses carry the next page's cursor as `next_page_token` (Zoom's reference) or
// `next_cursor` (its docs and official sample); either goes back as the `next_page_token` parameter.
// An empty or absent cursor marks the last page (shared/PROVIDERS.md).
import { cursorStrategy, type PageStrategy } from "../core/page-strategies.ts";

export interface ZoomPage {
  next_page_token?: string;
  next_cursor?: string;
}

const CURSOR_FIELDS = ["next_cursor", "next_page_token"] as const;

export function zoomCursorStrategy<TPage extends ZoomPage, TItem>(
  items: (page: TPage) => readonly TItem[] | undefined,
): PageStrategy<TPage, TItem, string> {
  return cursorStrategy(items, CURSOR_FIELDS);
}

const cursorOnly = zoomCursorStrategy<ZoomPage, never>(() => []);

/** The cursor of the next page, or undefined on the last page. */
export function nextZoomCursor(page: ZoomPage): string | undefined {
  return cursorOnly.next(page, undefined);
}
