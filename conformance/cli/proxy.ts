// A validating proxy, as Prism's: it forwards every request to the real API and checks the request and
// the response against the provider's spec, so users can check their own application's traffic. The
// caller gets the upstream's answer as it was, plus
//
//   x-batchspec-violations: 2                     how many problems the exchange has (0 when none)
//   x-batchspec-violation: POST /v1/... → 201: …  the first, on one line, at most 500 characters
//
// and each problem is logged as one line. Credentials never reach a log line or a header: the
// Authorization header's token, API-key headers and credential query parameters are scrubbed from both.
import { createCheckedFetch } from "../harness/checked-fetch.ts";
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import { redactText, redactUrl } from "../../src/core/redact.ts";
import { urlSecrets } from "../../src/core/secret-values.ts";
import { serve } from "./http-adapter.ts";
import type { ProviderId } from "./simulators.ts";

export interface ProxyOptions {
  provider: ProviderId;
  /** The real API's base URL (its server URL, e.g. `https://api.zoom.us/v2`). */
  upstream: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Where violations (and unreachable-upstream errors) are reported, one line each. Default: stderr. */
  log?: (line: string) => void;
}

export interface Proxy {
  /** Where to point a client: the proxy's origin with the upstream's base path (`http://127.0.0.1:PORT/v2`). */
  url: string;
  close(): Promise<void>;
}

export const VIOLATIONS_HEADER = "x-batchspec-violations";
export const VIOLATION_HEADER = "x-batchspec-violation";
const HEADER_LIMIT = 500;

/** Headers that belong to one connection, not to the exchange (RFC 9110 §7.6.1), and `host`. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
];

/** Headers whose whole value is a credential (besides Authorization's token). */
const CREDENTIAL_HEADERS = ["x-api-key", "api-key", "x-auth-token", "cookie"];

const VALIDATORS: Record<ProviderId, () => Promise<() => OpenApiValidator>> = {
  "zoom-scribe": async () => (await import("../../src/zoom-scribe/validation.ts")).zoomScribeValidator,
  "zoom-translator": async () =>
    (await import("../../src/zoom-translator/validation.ts")).zoomTranslatorValidator,
  sofer: async () => (await import("../../src/sofer/validation.ts")).soferValidator,
  soket: async () => (await import("../../src/soket/validation.ts")).soketValidator,
  slng: async () => (await import("../../src/slng/validation.ts")).slngValidator,
};

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const load = Object.hasOwn(VALIDATORS, options.provider) ? VALIDATORS[options.provider] : undefined;
  if (!load) throw new RangeError(`provider: unknown "${String(options.provider)}"`);
  let upstream: URL;
  try {
    upstream = new URL(options.upstream.replace(/\/*$/, ""));
  } catch {
    throw new RangeError(`upstream: ${redactUrl(options.upstream)} is not a URL`);
  }
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:")
    throw new RangeError(`upstream: ${redactUrl(options.upstream)} is not an http(s) URL`);
  const validator = (await load())();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const upstreamBase = upstream.href.replace(/\/$/, "");
  const shownUpstream = redactUrl(upstreamBase);

  const served = await serve(
    async (request) => {
      const incoming = new URL(request.url);
      // The same path and query on the upstream's origin (the proxy serves the upstream's base path).
      const target = `${upstream.origin}${incoming.pathname}${incoming.search}`;
      const secrets = secretsOf(request);
      const checked = createCheckedFetch(validator, upstreamBase, (r, init) => globalThis.fetch(r, init));
      let response: Response;
      try {
        response = await checked.fetch(forwarded(request, target));
      } catch (error) {
        if (request.signal.aborted) return new Response(null, { status: 499 });
        const reason = redactText(reasonOf(error), secrets);
        log(
          `batchspec proxy: ${request.method} ${incoming.pathname}: upstream ${shownUpstream} unreachable (${reason})`,
        );
        return Response.json({ error: `upstream ${shownUpstream} unreachable: ${reason}` }, { status: 502 });
      }
      const problems = checked.problems().map((p) => oneLine(redactText(p, secrets)));
      for (const problem of problems) log(`batchspec proxy: violation: ${problem}`);
      const headers = new Headers();
      for (const [name, value] of response.headers) {
        // fetch has already decoded the body: its encoding and length no longer describe it.
        if (HOP_BY_HOP.includes(name) || name === "content-encoding" || name === "content-length") continue;
        if (name !== "set-cookie") headers.append(name, value);
      }
      for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
      headers.set(VIOLATIONS_HEADER, String(problems.length));
      if (problems[0] !== undefined) headers.set(VIOLATION_HEADER, headerSafe(problems[0]));
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
    {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
    },
  );
  return { url: `${served.url}${upstream.pathname.replace(/\/+$/, "")}`, close: () => served.close() };
}

/** The request as it goes upstream: its method, headers but the hop-by-hop ones, body streamed on. */
function forwarded(request: Request, target: string): Request {
  const headers = new Headers();
  const listed = (request.headers.get("connection") ?? "").split(",").map((h) => h.trim().toLowerCase());
  for (const [name, value] of request.headers) {
    if (HOP_BY_HOP.includes(name) || listed.includes(name)) continue;
    headers.append(name, value);
  }
  return new Request(target, {
    method: request.method,
    headers,
    signal: request.signal,
    redirect: "manual",
    ...(request.body ? { body: request.body, duplex: "half" } : {}),
  } as RequestInit);
}

/** The credentials a request carries: what no log line or header may show. */
function secretsOf(request: Request): string[] {
  const secrets: string[] = [];
  for (const name of ["authorization", "proxy-authorization"]) {
    const value = request.headers.get(name);
    if (!value) continue;
    secrets.push(value);
    const token = /^\S+\s+(.+)$/.exec(value)?.[1];
    if (token) secrets.push(token.trim());
  }
  for (const name of CREDENTIAL_HEADERS) {
    const value = request.headers.get(name);
    if (value) secrets.push(value);
  }
  urlSecrets(request.url, secrets);
  return secrets;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The text on one line: line breaks and other control characters as spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ");
}

/** One line of printable ASCII (what a header may hold), at most HEADER_LIMIT characters. */
function headerSafe(text: string): string {
  const ascii = oneLine(text)
    .replaceAll("→", "->")
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return ascii.length <= HEADER_LIMIT ? ascii : `${ascii.slice(0, HEADER_LIMIT - 3)}...`;
}
