import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/zoom-scribe.ts";
import { assertTokenSource, bearerAuth, ConfigurationError, type TokenSource } from "../core/auth.ts";

/** Zoom's API server (`servers[0]` of specs/zoom-scribe). */
export const ZOOM_SCRIBE_BASE_URL = "https://api.zoom.us/v2";

export interface ZoomScribeClientOptions {
  /** A Zoom Build-platform JWT or API key, or a function returning a fresh one before each request. */
  token: TokenSource;
  /** Defaults to `https://api.zoom.us/v2`. */
  baseUrl?: string;
  /**
   * The fetch to send requests with. By default the global `fetch` is looked up at each request (not
   * when the client is created), so an interceptor installed later (MSW, nock) still sees the calls.
   */
  fetch?: (request: Request) => Promise<Response>;
}

/** The typed openapi-fetch client over specs/zoom-scribe: `GET`, `POST`, `DELETE` with `{data, error, response}`. */
export type ZoomScribeClient = Client<paths>;

export function createZoomScribeClient(options: ZoomScribeClientOptions): ZoomScribeClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("createZoomScribeClient: expected an options object with a `token`");
  }
  assertTokenSource(options.token, "createZoomScribeClient");
  const baseUrl = options.baseUrl ?? ZOOM_SCRIBE_BASE_URL;
  if (!URL.canParse(baseUrl)) {
    throw new ConfigurationError(`createZoomScribeClient.baseUrl: not an absolute URL`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError(
      `createZoomScribeClient.fetch: expected a function, got ${typeof options.fetch}`,
    );
  }
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });
  client.use(bearerAuth(options.token));
  return client;
}
