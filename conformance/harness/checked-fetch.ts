// A fetch that checks every request it sends and every response it gets against the spec (ajv over the
// spec's own schemas), and records each exchange so a test can assert on it.
import type { OpenApiValidator, ValidationIssue } from "../../src/core/openapi-validator.ts";
import { isJsonMediaType, mediaType } from "../../src/core/openapi-validator.ts";

export interface Exchange {
  method: string;
  url: string;
  /** The operation the request matched, or undefined when its path is not in the spec. */
  operationId: string | undefined;
  status: number | undefined;
  requestIssues: ValidationIssue[];
  responseIssues: ValidationIssue[];
  /** Sent on purpose to break the spec (inside `expectInvalid`): its request must have issues. */
  meantInvalid: boolean;
}

export interface CheckedFetch {
  fetch: (request: Request) => Promise<Response>;
  readonly exchanges: Exchange[];
  /**
   * Runs `send` with its requests marked as meant to break the spec (a test of the API's 400s): for
   * those, a request that the spec accepts is the problem, while their responses are still checked.
   */
  expectInvalid<T>(send: () => Promise<T>): Promise<T>;
  /** Every problem in the exchanges from index `from` on, one line each (`POST /jobs → 201: response body.job_id: is required`). */
  problems(from?: number): string[];
}

async function readJson(message: Request | Response): Promise<unknown> {
  const text = await message.clone().text();
  if (text === "") return undefined;
  if (!isJsonMediaType(mediaType(message.headers.get("content-type")))) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createCheckedFetch(
  validator: OpenApiValidator,
  baseUrl: string,
  inner: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): CheckedFetch {
  const base = new URL(baseUrl.replace(/\/*$/, "/"));
  const exchanges: Exchange[] = [];
  let invalidDepth = 0;

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const relative = url.pathname.startsWith(base.pathname)
      ? `/${url.pathname.slice(base.pathname.length)}`
      : url.pathname;
    const match = url.origin === base.origin ? validator.findOperation(request.method, relative) : undefined;
    const exchange: Exchange = {
      method: request.method,
      url: request.url,
      operationId: match?.info.operationId,
      status: undefined,
      requestIssues: [],
      responseIssues: [],
      meantInvalid: invalidDepth > 0,
    };
    exchanges.push(exchange);
    if (!match) {
      exchange.requestIssues.push({
        location: "path",
        message: `${request.method} ${relative} is not an operation of the spec`,
      });
      return inner(request);
    }
    exchange.requestIssues = validator.validateRequest(match.info.operationId, {
      pathParams: match.pathParams,
      query: url.searchParams,
      headers: request.headers,
      contentType: request.headers.get("content-type"),
      body: await readJson(request),
    });
    const response = await inner(request);
    exchange.status = response.status;
    exchange.responseIssues = validator.validateResponse(match.info.operationId, {
      status: response.status,
      headers: response.headers,
      contentType: response.headers.get("content-type"),
      body: await readJson(response),
    });
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
