// Raw calls (the typed openapi-fetch client) get the check of a 2xx body that `send` makes
// (openapi-fetch would throw a bare SyntaxError), and the credentials in their JSON bodies become the
// client's secrets too. Loaded by the first raw call: a bundle that only uses helpers does not carry
// the router.
import { invalidSuccess } from "./call-failure.ts";
import { decodeSuccess, successBody } from "./client.ts";
import { mediaKind, mediaType } from "./media-type.ts";
import type { OpenApiValidator } from "./openapi-validator.ts";
import type { OperationEntry, OperationTable } from "./operation-table.ts";
import { secretValues } from "./secret-values.ts";
import { sourceBody, type Transport } from "./transport.ts";

/** What a client's raw calls share. */
export interface RawCalls {
  provider: string;
  operations: OperationTable;
  baseUrl: string;
  transport: Transport;
  remember: (secret: string) => void;
  sentSecrets: ReadonlySet<string>;
  /** Whether middlewares of the user see the request (then the credential goes on a copy). */
  copyFirst: () => boolean;
  /** With `validateResponses`: the spec's validator, for checking every response. */
  responseValidator?: () => Promise<OpenApiValidator>;
  /** Which operation a request is, made by the first raw call. */
  routeOf?: (request: Request) => { operation: string; entry: OperationEntry } | undefined;
}

/** One raw call, sent through the client's transport and its 2xx body checked against the spec. */
export async function rawFetch(raw: RawCalls, request: Request): Promise<Response> {
  const body = sourceBody(request);
  if (typeof body === "string" && mediaKind(mediaType(request.headers.get("content-type"))) === "json") {
    try {
      for (const secret of secretValues(JSON.parse(body))) raw.remember(secret);
    } catch {
      // not JSON after all: nothing to remember
    }
  }
  const response = await raw.transport.send(request, { copyFirst: raw.copyFirst() });
  if (raw.responseValidator) return checkedResponse(raw, raw.responseValidator, request, response);
  const route = response.ok
    ? (raw.routeOf ??= operationRouter(raw.operations, raw.baseUrl))(request)
    : undefined;
  if (route === undefined) return response;
  // Only a JSON body needs reading to be checked (read once, and handed on as a fresh response);
  // any other (a stream, a download) goes on unread, its status checked.
  const json = successBody(route.entry, response.status)?.json ?? false;
  let text: string | undefined;
  // A body that stalls or breaks off fails the call as openapi-fetch's own read would.
  if (json) text = await response.text();
  if (decodeSuccess(route.entry, response.status, text)) {
    if (text === undefined) return response;
    const copy = new Response(text, response);
    Object.defineProperty(copy, "url", { value: response.url });
    return copy;
  }
  throw await invalidSuccess(route.entry, response, text, {
    provider: raw.provider,
    operation: route.operation,
    method: request.method,
    url: request.url,
    secrets: [...raw.sentSecrets],
  });
}

/**
 * `validateResponses`: the response, any status, checked against the spec (its body read once, as text,
 * and handed on as a fresh response).
 */
async function checkedResponse(
  raw: RawCalls,
  validatorOf: () => Promise<OpenApiValidator>,
  request: Request,
  response: Response,
): Promise<Response> {
  const route = (raw.routeOf ??= operationRouter(raw.operations, raw.baseUrl))(request);
  if (route === undefined) return response;
  const context = {
    provider: raw.provider,
    operation: route.operation,
    method: request.method,
    url: request.url,
    secrets: [...raw.sentSecrets],
  };
  const kind = mediaKind(mediaType(response.headers.get("content-type")));
  const text = response.body === null ? undefined : await response.text();
  let body: unknown = text === "" ? undefined : text;
  if (kind === "json" && text) {
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text: the validator says it is not the JSON documented
    }
  }
  const { assertValidResponse } = await import("./validate-responses.ts");
  await assertValidResponse(await validatorOf(), route.operation, response, body, context);
  if (response.ok && !decodeSuccess(route.entry, response.status, text))
    throw await invalidSuccess(route.entry, response, text, context);
  const copy = new Response(text ?? null, response);
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/** Which operation a request is (by method and path), for raw calls. */
function operationRouter(
  operations: OperationTable,
  baseUrl: string,
): (request: Request) => { operation: string; entry: OperationEntry } | undefined {
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const routes = Object.entries(operations)
    .map(([operation, entry]) => ({
      operation,
      entry,
      pattern: new RegExp(
        `^${(prefix + entry.path).replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
      ),
      literal: entry.path.replace(/\{[^}]+\}/g, "").length,
    }))
    // Literal segments win over templated ones (`/batch-files` before `/{transcription_id}`), as in
    // the validator's findOperation.
    .sort((a, b) => b.literal - a.literal);
  return (request) => {
    const path = new URL(request.url).pathname;
    return routes.find((r) => r.entry.method === request.method && r.pattern.test(path));
  };
}
