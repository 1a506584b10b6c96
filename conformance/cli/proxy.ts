// A validating proxy, as Prism's: it forwards every request to the real API and checks the request and
// the response against the provider's spec, so users can check their own application's traffic. The
// caller gets the upstream's answer as it was, plus
//
//   x-batchspec-violations: 2                     how many problems the exchange has (0 when none)
//   x-batchspec-violation: POST /v1/... → 201: …  the first, on one line, at most 500 characters
//   x-batchspec-unchecked: response body: ...     what went through unread (absent when everything was read)
//
// and each problem is logged as one line. Credentials never reach a log line or a header: the
// Authorization header's token, API-key headers and credential query parameters are scrubbed from both.
//
// Memory stays bounded whatever the size of a body: the path, query, headers, status and media type are
// always checked; a body is read and checked only when it is small (a Content-Length of at most 8 MiB, or
// JSON without one that ends within 8 MiB). Any other body (an upload, a download, a stream of lines
// without a length) is streamed through as it comes, unread, and the exchange says so in
// x-batchspec-unchecked and in the log. A streamed response that turns out to end within 8 MiB is checked
// when it ends: its problems are logged then (the headers are gone by that time).
import { FormParts, mediaKind, mediaType, readBody } from "../../src/core/media.ts";
import type { OpenApiValidator, ValidationIssue } from "../../src/core/openapi-validator.ts";
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
export const UNCHECKED_HEADER = "x-batchspec-unchecked";
const HEADER_LIMIT = 500;
/** The most bytes of one body the proxy holds to check it; a larger one is streamed through unread. */
export const BODY_CHECK_LIMIT = 8 * 1024 * 1024;

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
  // Node's fetch refuses to send it (UND_ERR_NOT_SUPPORTED); this server has already answered
  // 100 Continue to the client, so the body is on its way.
  "expect",
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

  const basePath = upstream.pathname.replace(/\/+$/, "");

  const served = await serve(
    async (request) => {
      const incoming = new URL(request.url);
      // The same path and query on the upstream's origin (the proxy serves the upstream's base path).
      const target = `${upstream.origin}${incoming.pathname}${incoming.search}`;
      const secrets = secretsOf(request);
      const relative = incoming.pathname.startsWith(basePath)
        ? `/${incoming.pathname.slice(basePath.length).replace(/^\//, "")}`
        : incoming.pathname;
      const match = validator.findOperation(request.method, relative);
      const requestIssues: ValidationIssue[] = [];
      const unchecked: string[] = [];

      const sent = await held(request.body, request.headers);
      if (!match) {
        requestIssues.push({
          location: "path",
          message: `${request.method} ${relative} is not an operation of the spec`,
        });
      } else {
        const input = {
          pathParams: match.pathParams,
          query: incoming.searchParams,
          headers: request.headers,
          contentType: request.headers.get("content-type"),
        };
        if (sent.unread === undefined) {
          const body = await bodyOf(sent.bytes, request.headers, requestIssues);
          requestIssues.push(...validator.validateRequest(match.info.operationId, { ...input, body }));
        } else {
          unchecked.push(`request body: ${sent.unread}`);
          requestIssues.push(
            ...withoutBody(request.headers, (body) =>
              validator.validateRequest(match.info.operationId, { ...input, body }),
            ),
          );
        }
      }

      let response: Response;
      try {
        response = await globalThis.fetch(forwarded(request, target, sent.body));
      } catch (error) {
        if (request.signal.aborted) return new Response(null, { status: 499 });
        const reason = redactText(reasonOf(error), secrets);
        log(
          `batchspec proxy: ${request.method} ${incoming.pathname}: upstream ${shownUpstream} unreachable (${reason})`,
        );
        return Response.json({ error: `upstream ${shownUpstream} unreachable: ${reason}` }, { status: 502 });
      }

      const what = `${request.method} ${incoming.pathname} → ${response.status}`;
      const line = (side: string, i: ValidationIssue) =>
        oneLine(redactText(`${what}: ${side} ${i.location}: ${i.message}`, secrets));
      const responseIssues: ValidationIssue[] = [];
      const received = await held(response.body, response.headers);
      let body = received.body;
      if (match) {
        const output = {
          status: response.status,
          headers: response.headers,
          contentType: response.headers.get("content-type"),
        };
        const check = (b: unknown) =>
          validator.validateResponse(match.info.operationId, { ...output, body: b });
        if (received.unread === undefined) {
          const read = await bodyOf(received.bytes, response.headers, responseIssues);
          responseIssues.push(...check(read));
        } else {
          unchecked.push(`response body: ${received.unread}`);
          responseIssues.push(...withoutBody(response.headers, check));
          if (received.body) {
            // A body streamed for want of a length may still end small: it is checked then.
            const copy = copying(received.body, BODY_CHECK_LIMIT);
            body = copy.stream;
            void copy.whole.then(async (bytes) => {
              if (bytes === undefined) return;
              const issues: ValidationIssue[] = [];
              issues.push(...check(await bodyOf(bytes, response.headers, issues)));
              const found = issues.filter((i) => isBodyIssue(i.location));
              for (const issue of found)
                log(`batchspec proxy: violation (found after streaming): ${line("response", issue)}`);
            });
          }
        }
      }

      const problems = [
        ...requestIssues.map((i) => line("request", i)),
        ...responseIssues.map((i) => line("response", i)),
      ];
      for (const problem of problems) log(`batchspec proxy: violation: ${problem}`);
      for (const note of unchecked)
        log(`batchspec proxy: unchecked: ${oneLine(redactText(`${what}: ${note}`, secrets))}`);
      const headers = new Headers();
      for (const [name, value] of response.headers) {
        // fetch has already decoded the body: its encoding and length no longer describe it.
        if (HOP_BY_HOP.includes(name) || name === "content-encoding" || name === "content-length") continue;
        if (name !== "set-cookie") headers.append(name, value);
      }
      for (const cookie of response.headers.getSetCookie()) headers.append("set-cookie", cookie);
      headers.set(VIOLATIONS_HEADER, String(problems.length));
      if (problems[0] !== undefined) headers.set(VIOLATION_HEADER, headerSafe(problems[0]));
      if (unchecked.length > 0) headers.set(UNCHECKED_HEADER, headerSafe(unchecked.join("; ")));
      return new Response(body, {
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
  return { url: `${served.url}${basePath}`, close: () => served.close() };
}

/** A body the proxy has read whole (`bytes`), or one it passes on unread (`unread` says why). */
type Held =
  | { unread: undefined; bytes: Uint8Array | undefined; body: BodyInit | null }
  | { unread: string; body: ReadableStream<Uint8Array> | null };

const MIB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Reads a body when it is small enough to check: a declared length within the limit, or JSON without a
 * length that ends within it. Anything else is passed on as the stream it is, its first bytes unread.
 */
async function held(stream: ReadableStream<Uint8Array> | null, headers: Headers): Promise<Held> {
  if (stream === null) return { unread: undefined, bytes: undefined, body: null };
  const declared = headers.get("content-length");
  const length = declared === null ? undefined : Number(declared);
  const limit = `over ${MIB(BODY_CHECK_LIMIT)}`;
  if (length !== undefined && length > BODY_CHECK_LIMIT)
    return { unread: `${length} bytes, ${limit}, streamed unread`, body: stream };
  const type = mediaType(headers.get("content-type"));
  if (length === undefined && mediaKind(type) !== "json")
    return { unread: `${type ?? "unlabelled"} without a Content-Length, streamed unread`, body: stream };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > BODY_CHECK_LIMIT) {
      // Too long after all: what was read goes first, then the rest as it comes.
      reader.releaseLock();
      return { unread: `${limit}, streamed unchecked`, body: prefixed(chunks, stream) };
    }
  }
  const bytes = Buffer.concat(chunks);
  return { unread: undefined, bytes, body: bytes };
}

/** `chunks`, then what is left of `rest`. */
function prefixed(chunks: Uint8Array[], rest: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = rest.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const first = chunks.shift();
        if (first) return controller.enqueue(first);
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * `body` passed on chunk by chunk as it is read (its pace is the reader's), with a copy of it kept while it
 * is within `limit` bytes: `whole` gives that copy when the body has ended within it, else undefined.
 */
function copying(body: ReadableStream<Uint8Array>, limit: number) {
  let kept: Uint8Array[] | undefined = [];
  let size = 0;
  let resolve!: (bytes: Uint8Array | undefined) => void;
  const whole = new Promise<Uint8Array | undefined>((r) => (resolve = r));
  const reader = body.getReader();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          resolve(undefined);
          throw error;
        }
        if (read.done) {
          resolve(kept && Buffer.concat(kept));
          return controller.close();
        }
        size += read.value.byteLength;
        if (kept && size <= limit) kept.push(read.value);
        else kept = undefined;
        controller.enqueue(read.value);
      },
      cancel(reason) {
        resolve(undefined);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, whole };
}

/** A body read whole, as the validator takes it; a body that cannot be read as its type is an issue. */
async function bodyOf(
  bytes: Uint8Array | undefined,
  headers: Headers,
  issues: ValidationIssue[],
): Promise<unknown> {
  if (bytes === undefined) return undefined;
  const type = headers.get("content-type");
  const read = await readBody(
    new Response(bytes as BodyInit, type === null ? {} : { headers: { "content-type": type } }),
  );
  if (read.ok) return read.body;
  issues.push({ location: "body", message: read.message });
  return undefined;
}

const isBodyIssue = (location: string) => location === "body" || /^body[.[ ]/.test(location);

/**
 * What a check finds without the body: status, headers and media type. The check is given a stand-in body
 * of the media type's kind (so the media type is judged), and what it says of that body is left out.
 */
function withoutBody(headers: Headers, check: (body: unknown) => ValidationIssue[]): ValidationIssue[] {
  const kind = mediaKind(mediaType(headers.get("content-type")));
  const standIn =
    kind === "multipart" || kind === "form"
      ? new FormParts([])
      : kind === "binary"
        ? new Uint8Array(0)
        : kind === "json"
          ? null
          : "";
  try {
    return check(standIn).filter((i) => !isBodyIssue(i.location));
  } catch {
    return check(undefined).filter((i) => !isBodyIssue(i.location));
  }
}

/** The request as it goes upstream: its method, headers but the hop-by-hop ones, and `body`. */
function forwarded(request: Request, target: string, body: BodyInit | null): Request {
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
    ...(body !== null ? { body, duplex: "half" } : {}),
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
