// A fetch that checks every request it sends and every response it gets against the spec (every media
// type: JSON, NDJSON, forms with their files, text, bytes), and records each exchange so a test can
// assert on it. A request to another origin (a presigned upload URL, a webhook receiver) is not the
// spec's: it passes through, is recorded as foreign, and is not judged.
import { readBody, type FormParts } from "../../src/core/media.ts";
import type { OpenApiValidator, ValidationIssue } from "../../src/core/openapi-validator.ts";
import { INJECTED_FAULT_HEADER } from "../../src/core/simulator/pipeline.ts";

export interface Exchange {
  method: string;
  url: string;
  /** The operation the request matched, or undefined when its path is not in the spec. */
  operationId: string | undefined;
  /** Sent to another origin than the spec's server: recorded, not judged. */
  foreign: boolean;
  status: number | undefined;
  /** The answer came from a fault injected into the simulator, not from the request itself. */
  injected: boolean;
  /** The names of the query parameters the request carried. */
  query: string[];
  /** The file parts of a multipart request, by part name and size. */
  files: { part: string; filename: string | undefined; size: number }[];
  /** A multipart request's parts, in order: a text part's value, a file part's name and type (for a reproducer). */
  form: { name: string; text?: string; filename?: string; type?: string; size?: number }[];
  requestIssues: ValidationIssue[];
  responseIssues: ValidationIssue[];
  /** Sent on purpose to break the spec (inside `expectInvalid`): its request must have issues. */
  meantInvalid: boolean;
  /** The request's headers, as sent (a report redacts them before showing them). */
  requestHeaders: [string, string][];
  /**
   * The request's body as text, when it is text of at most 1 MiB (JSON, a form, NDJSON); else a note of
   * what it was (`<multipart body, 48213 bytes>`). Undefined without a body.
   */
  requestBody: string | undefined;
}

export interface CheckedFetch {
  fetch: (request: Request, init?: { signal?: AbortSignal }) => Promise<Response>;
  readonly exchanges: Exchange[];
  /**
   * Runs `send` with its requests marked as meant to break the spec (a test of the API's 400s): for
   * those, a request that the spec accepts is the problem, while their responses are still checked.
   */
  expectInvalid<T>(send: () => Promise<T>): Promise<T>;
  /** Every problem in the exchanges from index `from` on, one line each (`POST /jobs → 201: response body.job_id: is required`). */
  problems(from?: number): string[];
}

async function bodyOf(message: Request | Response, issues: ValidationIssue[]): Promise<unknown> {
  const read = await readBody(message);
  if (read.ok) return read.body;
  issues.push({ location: "body", message: read.message });
  return undefined;
}

export function createCheckedFetch(
  validator: OpenApiValidator,
  baseUrl: string,
  inner: (request: Request, init?: { signal?: AbortSignal }) => Promise<Response> = (request, init) =>
    globalThis.fetch(request, init),
): CheckedFetch {
  const base = new URL(baseUrl.replace(/\/*$/, "/"));
  const exchanges: Exchange[] = [];
  let invalidDepth = 0;

  // The init (a client's attempt signal) is passed on, so that a timeout or an abort reaches the request.
  const fetch = async (request: Request, init?: { signal?: AbortSignal }): Promise<Response> => {
    const url = new URL(request.url);
    const foreign = url.origin !== base.origin;
    const relative = url.pathname.startsWith(base.pathname)
      ? `/${url.pathname.slice(base.pathname.length)}`
      : url.pathname;
    const match = foreign ? undefined : validator.findOperation(request.method, relative);
    const exchange: Exchange = {
      method: request.method,
      url: request.url,
      operationId: match?.info.operationId,
      foreign,
      status: undefined,
      injected: false,
      query: [...new Set(url.searchParams.keys())],
      files: [],
      form: [],
      requestIssues: [],
      responseIssues: [],
      meantInvalid: invalidDepth > 0,
      requestHeaders: [...request.headers],
      requestBody: await bodyText(request),
    };
    exchanges.push(exchange);
    if (foreign) {
      const response = await inner(request, init);
      exchange.status = response.status;
      return response;
    }
    if (!match) {
      exchange.requestIssues.push({
        location: "path",
        message: `${request.method} ${relative} is not an operation of the spec`,
      });
      return inner(request, init);
    }
    const requestBody = await bodyOf(request, exchange.requestIssues);
    exchange.files = filesOf(requestBody);
    exchange.form = formOf(requestBody);
    exchange.requestIssues.push(
      ...validator.validateRequest(match.info.operationId, {
        pathParams: match.pathParams,
        query: url.searchParams,
        headers: request.headers,
        contentType: request.headers.get("content-type"),
        body: requestBody,
      }),
    );
    const response = await inner(request, init);
    exchange.status = response.status;
    exchange.injected = response.headers.has(INJECTED_FAULT_HEADER);
    const responseBody = await bodyOf(response, exchange.responseIssues);
    exchange.responseIssues.push(
      ...validator.validateResponse(match.info.operationId, {
        status: response.status,
        headers: response.headers,
        contentType: response.headers.get("content-type"),
        body: responseBody,
      }),
    );
    return response;
  };

  return {
    fetch,
    exchanges,
    async expectInvalid(send) {
      invalidDepth += 1;
      try {
        return await send();
      } finally {
        invalidDepth -= 1;
      }
    },
    problems(from = 0) {
      return exchanges.slice(from).flatMap((e) => {
        if (e.foreign) return [];
        const what = `${e.method} ${new URL(e.url).pathname}${e.status ? ` → ${e.status}` : ""}`;
        const request = e.meantInvalid
          ? e.requestIssues.length === 0
            ? [`${what}: request was meant to break the spec, but the spec accepts it`]
            : []
          : e.requestIssues.map((i) => `${what}: request ${i.location}: ${i.message}`);
        return [...request, ...e.responseIssues.map((i) => `${what}: response ${i.location}: ${i.message}`)];
      });
    },
  };
}

const TEXT_BODY_LIMIT = 1024 * 1024;

/** A request's body for a reproducer: its text when it is short text, else what it was. */
async function bodyText(request: Request): Promise<string | undefined> {
  if (request.body === null) return undefined;
  const type = request.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  if (bytes.byteLength === 0) return undefined;
  const textual = /^(text\/|application\/([\w.+-]*\+)?(json|x-ndjson|x-www-form-urlencoded|xml))/i.test(type);
  if (!textual || bytes.byteLength > TEXT_BODY_LIMIT)
    return `<${type.split(";")[0] || "unlabelled"} body, ${bytes.byteLength} bytes>`;
  return new TextDecoder().decode(bytes);
}

function formOf(body: unknown): Exchange["form"] {
  const parts = (body as FormParts | undefined)?.parts;
  if (!Array.isArray(parts)) return [];
  return parts.map((p) =>
    p.file
      ? {
          name: p.name,
          ...(p.file.filename !== undefined ? { filename: p.file.filename } : {}),
          ...(p.file.type !== undefined ? { type: p.file.type } : {}),
          size: p.file.size,
        }
      : { name: p.name, text: p.text ?? "" },
  );
}

function filesOf(body: unknown): Exchange["files"] {
  const parts = (body as FormParts | undefined)?.parts;
  if (!Array.isArray(parts)) return [];
  return parts.flatMap((p) =>
    p.file ? [{ part: p.name, filename: p.file.filename, size: p.file.size }] : [],
  );
}
