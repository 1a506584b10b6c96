// Raw calls (the typed openapi-fetch client) get the check of a 2xx body that `send` makes
// (openapi-fetch would throw a bare SyntaxError), and the credentials in their JSON bodies become the
// client's secrets too. Loaded by the first raw call: a bundle that only uses helpers does not carry
// the router.
import { cutShort, invalidSuccess } from "./call-failure.ts";
import { isBatchspecError } from "./error-brand.ts";
import type { ErrorContext } from "./errors.ts";
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
  routeOf?: (request: Request) => Route | undefined;
}

/** An operation as raw calls find it. */
interface Route {
  operation: string;
  entry: OperationEntry;
  /** Every 2xx the spec documents for it is JSON or has no body. */
  jsonOnly: boolean;
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
  const copyFirst = raw.copyFirst();
  if (raw.responseValidator)
    return checkedResponse(
      raw,
      raw.responseValidator,
      request,
      await raw.transport.send(request, { copyFirst }),
    );
  const route = (raw.routeOf ??= operationRouter(raw.operations, raw.baseUrl))(request);
  // Where every 2xx the spec documents is JSON (or has no body), the transport reads a 2xx body at
  // once, as a helper's is, under the attempt's timeout; elsewhere the body is guarded for whoever reads it.
  let text: string | undefined;
  let answered: number | undefined;
  // A 2xx whose body broke off while it was read is a typed error, as a helper's (a timeout is one
  // already; an abort of the caller's is the caller's reason).
  const broken = async (error: unknown, status: number | undefined) =>
    status === undefined || isBatchspecError(error) || request.signal.aborted
      ? error
      : cutShort(errorContext(raw, route!.operation, request), status);
  let response: Response;
  try {
    response = await raw.transport.send(
      request,
      route?.jsonOnly
        ? { copyFirst, onAnswered: (status) => (answered = status), onText: (read) => (text = read) }
        : { copyFirst },
    );
  } catch (error) {
    throw await broken(error, answered);
  }
  if (!response.ok || route === undefined) return response;
  // Only a JSON body needs reading to be checked (read once); any other (a stream, a download) goes on
  // unread, its status checked.
  if (!route.jsonOnly && successBody(route.entry, response.status)?.json)
    try {
      text = await response.text();
    } catch (error) {
      throw await broken(error, response.status);
    }
  if (!decodeSuccess(route.entry, response.status, text))
    throw await invalidSuccess(route.entry, response, text, errorContext(raw, route.operation, request));
  return text === undefined ? response : served(response, text);
}

/** What an error of a raw call says of it. */
const errorContext = (raw: RawCalls, operation: string, request: Request): ErrorContext => ({
  provider: raw.provider,
  operation,
  method: request.method,
  url: request.url,
  secrets: [...raw.sentSecrets],
});

const SERVED = Symbol("batchspec.served");

/** A served response's body: its text until read, or the copy every reader uses once one was made. */
interface Served {
  text: string | undefined;
  copy: Response | undefined;
}

/**
 * The response, its body already read (to be checked), handed on as if it were not: a read as text or
 * JSON (openapi-fetch's) is given the text itself; any other use of the body (`body`, a Blob, a clone
 * for a middleware, whatever `parseAs` asked) gets a copy made from it then. Once read, it is a used
 * body, as any other.
 */
function served(response: Response, text: string): Response {
  (response as unknown as Record<symbol, Served>)[SERVED] = { text, copy: undefined };
  const native = Object.getPrototypeOf(response) as object;
  let proto = servedPrototypes.get(native);
  if (!proto) servedPrototypes.set(native, (proto = servedPrototype(native as Response)));
  Object.setPrototypeOf(response, proto);
  return response;
}
const servedPrototypes = new WeakMap<object, object>();

/** `copy`, made from `response`'s body, given the URL, type and redirection of `response`. */
function dressed(copy: Response, response: Response): Response {
  for (const name of ["url", "type", "redirected"] as const)
    Object.defineProperty(copy, name, { value: response[name] });
  return copy;
}

/** A response made from a served one's text. */
const copyOf = (response: Response, text: string) =>
  dressed(new Response(text === "" ? null : text, response), response);

function servedPrototype(native: Response): object {
  const state = (r: Response) => (r as unknown as { [SERVED]: Served })[SERVED];
  /** The copy (made on first need) every use but a plain read goes to; undefined once the text was given. */
  const copy = (r: Response): Response | undefined => {
    const s = state(r);
    if (s.text !== undefined) [s.copy, s.text] = [copyOf(r, s.text), undefined];
    return s.copy;
  };
  const getter = (name: string) => {
    for (let p: object | null = native; p; p = Object.getPrototypeOf(p) as object | null) {
      const get = Object.getOwnPropertyDescriptor(p, name)?.get;
      if (get) return get;
    }
    return undefined;
  };
  const nativeBody = getter("body");
  const read = <T>(decode: (text: string) => T, name: "text" | "json") =>
    function (this: Response): Promise<T> {
      const s = state(this);
      if (s.copy) return s.copy[name]() as Promise<T>;
      if (s.text === undefined) return native[name].call(this) as Promise<T>; // used: rejects, as any other
      const text = s.text;
      s.text = undefined;
      try {
        return Promise.resolve(decode(text));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  const proto: PropertyDescriptorMap = {
    text: { value: read((t) => t, "text") },
    json: { value: read((t) => JSON.parse(t) as unknown, "json") },
    body: {
      get(this: Response) {
        const c = copy(this);
        return c ? c.body : (nativeBody?.call(this) ?? null);
      },
    },
    bodyUsed: {
      get(this: Response) {
        const s = state(this);
        return s.copy ? s.copy.bodyUsed : s.text === undefined;
      },
    },
    clone: {
      value(this: Response) {
        const s = state(this);
        if (s.copy) return dressed(s.copy.clone(), this);
        return s.text === undefined ? native.clone.call(this) : copyOf(this, s.text);
      },
    },
  };
  for (const name of ["arrayBuffer", "blob", "bytes", "formData"] as const) {
    const method = (native as unknown as Record<string, (() => Promise<unknown>) | undefined>)[name];
    if (typeof method === "function")
      proto[name] = {
        value(this: Response) {
          const c = copy(this);
          return c ? (c as unknown as Record<string, () => Promise<unknown>>)[name]!() : method.call(this);
        },
      };
  }
  return Object.create(native, proto) as object;
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
  const context = errorContext(raw, route.operation, request);
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
  return dressed(new Response(text ?? null, response), response);
}

/** Which operation a request is (by method and path), for raw calls. */
function operationRouter(
  operations: OperationTable,
  baseUrl: string,
): (request: Request) => Route | undefined {
  const prefix = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const routes = Object.entries(operations)
    .map(([operation, entry]) => ({
      operation,
      entry,
      jsonOnly: Object.values(entry.successBodies).every(
        (types) => types.length === 0 || types.some((t) => mediaKind(t) === "json"),
      ),
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
