// How `fetchFromHandlers` answers a request with a simulator's own handler without MSW's per-request
// matching. MSW runs every handler of the list in turn until one answers, and each run parses the
// request's cookies (through its cookie store), compiles the handler's path with path-to-regexp and sets
// up an AbortController, whether or not the handler takes the request: for a simulator's seven handlers,
// most of a GET's ~300 µs. A handler bound by the kit (`guard`, `simulate`) also carries a shortcut made
// once: its path compiled into the very regular expression MSW would make of it, and the resolver it
// gave MSW, called with the arguments MSW and openapi-msw would give it. Other handlers go through MSW.
import { HttpResponse } from "msw";

/** Answers `request` (undefined when the handler does not take it, as MSW would pass it on). */
export type Shortcut = (
  request: Request,
  url: RequestUrl,
) => Promise<Response | undefined> | Response | undefined;

/** A request's URL, parsed once for all the shortcuts it is offered to. */
export interface RequestUrl {
  url: URL;
  /** As MSW matches it: origin and path, without query or fragment. */
  clean: string;
}

export function requestUrlOf(request: Request): RequestUrl {
  const url = new URL(request.url);
  return { url, clean: cleanUrlOf(url) };
}

const shortcuts = new WeakMap<object, Shortcut>();

/** Registers how the kit's own `handler` answers a request directly. */
export function registerShortcut(handler: object, shortcut: Shortcut): void {
  shortcuts.set(handler, shortcut);
}

/** The shortcut of a handler the kit bound, if it has one. */
export function shortcutOf(handler: unknown): Shortcut | undefined {
  return typeof handler === "object" && handler !== null ? shortcuts.get(handler) : undefined;
}

/** The URL as MSW matches it (its `getCleanUrl`): origin and path, without query or fragment. */
export function cleanUrlOf(url: URL): string {
  return [url.origin, url.pathname].filter(Boolean).join("");
}

/**
 * What MSW's `matchRequestUrl` (path-to-regexp 6 with its defaults: case-insensitive, an optional
 * trailing `/`, parameters decoded with `decodeURIComponent`) makes of `path`, compiled once: the path's
 * parameters for a clean URL it matches, else undefined. Only for the paths openapi-msw writes — an
 * absolute URL whose parameters are whole segments (`https://host/v2/jobs/:jobId`); undefined for any
 * other path (wildcards, optional or custom parameters, relative paths), which MSW must then match.
 */
export function compileMswPath(
  path: unknown,
): ((cleanUrl: string) => Record<string, string> | undefined) | undefined {
  if (typeof path !== "string") return undefined;
  const parts = /^([a-z][a-z\d+\-.]*):\/\/([A-Za-z0-9\-._~%]+(?::\d+)?)(\/.*)?$/i.exec(path);
  if (!parts) return undefined;
  const [, scheme, authority, pathname = ""] = parts;
  const names: string[] = [];
  let source = `^${escape(`${scheme}://${authority}`)}`;
  for (const segment of pathname.split("/").slice(1)) {
    const parameter = /^:([A-Za-z_][A-Za-z0-9_]*)$/.exec(segment);
    if (parameter) {
      names.push(parameter[1]!);
      source += "(?:\\/([^\\/#\\?]+?))";
    } else if (/^[A-Za-z0-9\-._~%!$&'=,;@]*$/.test(segment)) {
      source += `\\/${escape(segment)}`;
    } else return undefined;
  }
  const expression = new RegExp(`${source}[\\/#\\?]?$`, "i");
  return (cleanUrl) => {
    const match = expression.exec(cleanUrl);
    if (!match) return undefined;
    const params: Record<string, string> = Object.create(null);
    // As MSW: a malformed escape in a parameter throws (the kit's guard refuses those first).
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)));
    return params;
  };
}

const escape = (text: string) => text.replace(/([.+*?=^!:${}()[\]|/\\])/g, "\\$1");

let requests = 0;

/**
 * What an openapi-msw resolver is given (MSW's `request`, `requestId`, `params` and `cookies`, and
 * openapi-msw's `query` and `response` helpers, as openapi-msw 2 makes them in its
 * `createResolverWrapper`). The cookies are the request's own `Cookie` header: MSW's cookie store (what
 * earlier mocked responses set) is not consulted, and the kit's handlers never read cookies.
 */
export function resolverInfo(request: Request, url: URL, params: Record<string, string>) {
  requests += 1;
  return {
    request,
    requestId: `direct-${requests.toString(36)}`,
    params,
    cookies: parseCookies(request.headers.get("cookie")),
    query: new QueryParams(url.searchParams),
    response: responseHelper,
  };
}

/** openapi-msw's `query`: the request's search parameters. */
class QueryParams {
  readonly #params: URLSearchParams;
  constructor(params: URLSearchParams) {
    this.#params = params;
  }
  get size(): number {
    return this.#params.size;
  }
  get(name: string): string | null {
    return this.#params.get(name);
  }
  getAll(name: string): string[] {
    return this.#params.getAll(name);
  }
  has(name: string, value?: string): boolean {
    return this.#params.has(name, value);
  }
}

const responseHelper = Object.assign(
  (status: number) => ({
    text: (body: string, init?: ResponseInit) => HttpResponse.text(body, { status, ...init }),
    json: (body: unknown, init?: ResponseInit) => json(body, { status, ...init }),
    empty: (init?: ResponseInit) => {
      const headers = new Headers(init?.headers);
      if (!headers.has("content-length")) headers.set("content-length", "0");
      return new HttpResponse(null, { status, ...init, headers });
    },
  }),
  { untyped: (response: Response) => response },
);

/**
 * What MSW's `HttpResponse.json` makes (msw 2.x, core/HttpResponse): the same class, status, status
 * text and headers, and its default-content-type mark. It measures the body's bytes without a Blob,
 * which cost about a sixth of a simulator's GET.
 */
function json(body: unknown, init: ResponseInit): HttpResponse<never> {
  const headers = new Headers(init.headers);
  const defaultType = !headers.has("Content-Type");
  if (defaultType) headers.set("Content-Type", "application/json");
  const text: string | undefined = JSON.stringify(body);
  if (!headers.has("Content-Length")) headers.set("Content-Length", text ? String(byteLength(text)) : "0");
  const response = new HttpResponse(text, { ...init, headers });
  if (defaultType) Object.defineProperty(response, Symbol.for("kDefaultContentType"), { value: true });
  return response as HttpResponse<never>;
}

const encoder = new TextEncoder();
const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string): number } }).Buffer;

/** The UTF-8 length of `text` (Node's Buffer where there is one, else the TextEncoder's). */
const byteLength = (text: string): number =>
  nodeBuffer ? nodeBuffer.byteLength(text) : encoder.encode(text).byteLength;

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (header === null) return cookies;
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length > 1) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as sent
    }
    if (name && !(name in cookies)) cookies[name] = value;
  }
  return cookies;
}
