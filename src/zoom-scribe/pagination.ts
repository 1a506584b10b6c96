// Zoom's list responses carry the next page's cursor as `next_page_token` (Zoom's reference) or
// `next_cursor` (its docs and official sample); either goes back as the `next_page_token` parameter.
// An empty or absent cursor marks the last page (shared/PROVIDERS.md).

export interface ZoomPage {
  next_page_token?: string;
  next_cursor?: string;
}

/** The cursor of the next page, or undefined on the last page. */
export function nextZoomCursor(page: ZoomPage): string | undefined {
  return page.next_cursor || page.next_page_token || undefined;
}
