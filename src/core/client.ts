// The client shell every provider's client is built on. A provider passes what is its own (spec id,
// server, operations table, validator, auth header, request-id headers, how its error body names
// fields) and gets a typed openapi-fetch client for raw calls plus `send`, which runs one operation by
// its operationId: options checked, request validated against the spec, sent through the transport
// (auth, timeouts, retries), and a non-2xx turned into batchspec's error hierarchy with secrets scrubbed.
import createClient, {
  type Client,
  type FetchOptions,
  type FetchResponse,
  type Middleware,
} from "openapi-fetch";
import { assertTokenSource, authorizer, ConfigurationError, type TokenSource } from "./auth.ts";
import { API_ERROR_BRAND, isBatchspecError } from "./error-brand.ts";
import type { BatchApiError, ErrorContext } from "./errors.ts";
import type { OpenApiValidator, ValidationIssue } from "./openapi-validator.ts";
import type { OperationEntry, OperationTable } from "./operation-table.ts";
import { mediaKind, mediaType } from "./media-type.ts";
import { MAX_DEPTH, SECRET_KEYS, secretValues, urlSecrets } from "./secret-values.ts";
import {
  AttemptRequest,
  createTransport,
  sourceBody,
  type CallOptions,
  type FetchLike,
  type TransportOptions,
} from "./transport.ts";

/** What is a provider's own, given by its client.ts. */
export interface ApiDefinition<Table extends OperationTable> {
  /** The spec id (`<id>` of specs/<id>), for errors and logs. */
  provider: string;
  /** The public factory's name (`create<Provider>Client`), for option errors. */
  factory: string;
  /** The default server (`SERVERS[0]` of the generated table). */
  baseUrl: string;
  /** The generated operations table. */
  operations: Table;
  /**
   * The spec's validator, asked for on first use: a provider loads it with a dynamic `import()`, so a
   * bundle that never validates carries neither the spec nor its validators.
   */
  validator: () => OpenApiValidator | Promise<OpenApiValidator>;
  /** The headers that carry a credential. Default: `Authorization: Bearer <token>`. */
  authHeaders?: (token: string) => Record<string, string>;
  /** Response headers that carry the provider's request id, in order of preference. */
  requestIdHeaders?: readonly string[];
  /** The field-level problems the provider's error body names (`errors[].field`, FastAPI's `detail[].loc`, ...). */
  issuesFromBody?: (body: unknown) => ValidationIssue[];
}

export interface ApiClientOptions extends Omit<TransportOptions, "provider"> {
  /** The API key or JWT, or a function returning a fresh one before each request. */
  token: TokenSource;
  /** Defaults to the spec's first server. */
  baseUrl?: string;
  /** Validate raw calls' requests against the spec before sending. Default false (helpers always do, unless told not to). */
  validateRequests?: boolean;
}

/** Per-call settings of a helper (each overrides the client's), plus whether to validate before sending. */
export interface HelperOptions extends CallOptions {
  /** Check the request against the spec before sending. Default true. */
  validate?: boolean;
}

type MediaType = `${string}/${string}`;

/** Options of a helper that walks pages: a helper's per-call options, and a cap on pages. */
export interface IterateOptions extends HelperOptions {
  /** Read at most this many pages, then stop. Default: every page. */
  maxPages?: number;
}

/** The init of one operation, as openapi-fetch types it from the generated `operations`. */
export type OperationInit<Op> = FetchOptions<Op>;

/** The query parameters of an operation, from the generated `operations`. */
export type OperationQuery<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The request body of an operation, from the generated `operations`. */
export type OperationBody<Op> = NonNullable<OperationInit<Op> extends { body?: infer B } ? B : never>;

/** What a 2xx of the operation carries, as openapi-fetch parses it. */
export type OperationData<Op, Init = {}> = Exclude<
  FetchResponse<Op & {}, Init, MediaType>,
  { error: unknown }
>["data"];

/** The error bodies the spec documents for the operation. */
export type OperationError<Op> = Exclude<FetchResponse<Op & {}, {}, MediaType>, { data: unknown }>["error"];

export interface ApiClient<Paths extends {}, Operations> {
  /** The typed openapi-fetch client: `{data, error, response}` per status, never throwing for an error status. */
  readonly raw: Client<Paths>;
  readonly provider: string;
  /**
   * Runs one operation by its operationId and returns its data, or throws the error for its status
   * (a ValidationError with `sent: false` when the request breaks the spec, unless `validate: false`).
   */
  send<Op extends keyof Operations & string, Init extends OperationInit<Operations[Op]>>(
    operationId: Op,
    init: Init,
    options?: HelperOptions,
  ): Promise<OperationData<Operations[Op], Init>>;
  /** The client's own `sleep` and `random` (for tests), for helpers that wait, such as waitForJob. */
  readonly timing: Pick<TransportOptions, "sleep" | "random">;
  /** The secret values this client sent lately (its tokens): for helpers that build errors of their own. */
  secrets(): string[];
}

type LooseRequest = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Checks the options, then builds the typed raw client and `send` over one transport. */
export function createApiClient<Paths extends {}, Operations>(
  definition: ApiDefinition<OperationTable>,
  options: ApiClientOptions,
): ApiClient<Paths, Operations> {
  const { factory, provider } = definition;
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError(`${factory}: expected an options object with a \`token\``);
  }
  assertTokenSource(options.token, factory);
  const baseUrl = options.baseUrl ?? definition.baseUrl;
  if (typeof baseUrl !== "string" || !URL.canParse(baseUrl)) {
    throw new ConfigurationError(`${factory}.baseUrl: not an absolute URL`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError(`${factory}.fetch: expected a function, got ${typeof options.fetch}`);
  }
  // Every credential value this client has sent lately (tokens, and credentials in bodies), so an error
  // can scrub it wherever a provider echoes it (each call also scrubs the values its own attempts sent:
  // a token function may mint a new one for every request, so the shared set is only the latest 64).
  const sentSecrets = new Set<string>(typeof options.token === "string" ? [options.token] : []);
  let latest: string | undefined;
  const remember = (token: string) => {
    if (token === latest) return; // a fixed token, sent again
    latest = token;
    sentSecrets.delete(token);
    sentSecrets.add(token);
    if (sentSecrets.size > 64) sentSecrets.delete(sentSecrets.values().next().value!);
  };
  const transport = createTransport({
    ...options,
    provider,
    authorize: authorizer(options.token, factory, definition.authHeaders),
    onSecret: remember,
  });
  // Raw calls get the check of a 2xx body that `send` makes (openapi-fetch would throw a bare
  // SyntaxError), and the credentials in their JSON bodies become the client's secrets too. Done here
  // rather than in middlewares, so that helper calls (which do both themselves) pay nothing for them.
  const routeOf = operationRouter(definition.operations, baseUrl);
  const rawFetch: FetchLike = async (request) => {
    const body = sourceBody(request);
    if (typeof body === "string" && mediaKind(mediaType(request.headers.get("content-type"))) === "json") {
      try {
        for (const secret of secretValues(JSON.parse(body))) remember(secret);
      } catch {
        // not JSON after all: nothing to remember
      }
    }
    const response = await transport.send(request, { copyFirst: userMiddlewares.size > 0 });
    const route = response.ok ? routeOf(request) : undefined;
    if (route === undefined) return response;
    // Only a JSON body needs reading to be checked (read once, and handed on as a fresh response);
    // any other (a stream, a download) goes on unread, its status checked.
    const json = jsonDocumented(route.entry, response.status);
    let text: string | undefined;
    // A body that stalls or breaks off fails the call as openapi-fetch's own read would.
    if (json) text = await response.text();
    const decoded = decodeSuccess(route.entry, response, text);
    if (decoded.ok) {
      if (text === undefined) return response;
      const copy = new Response(text, response);
      Object.defineProperty(copy, "url", { value: response.url });
      return copy;
    }
    throw await invalidResponse(decoded, {
      provider,
      operation: route.operation,
      method: request.method,
      url: request.url,
      secrets: [...sentSecrets],
    });
  };
  // Requests are built as AttemptRequests: the transport sends the first attempt as it was built and
  // builds a retry again from the body as given, never copying a stream.
  const raw = createClient<Paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    fetch: rawFetch,
    Request: AttemptRequest,
  });
  // Middlewares of the user see the request: while there are any, the credential goes on a copy.
  const userMiddlewares = new Set<Middleware>();
  const { use, eject } = raw;
  raw.use = (...added) => {
    for (const m of added) userMiddlewares.add(m);
    use(...added);
  };
  raw.eject = (...removed) => {
    for (const m of removed) userMiddlewares.delete(m);
    eject(...removed);
  };
  if (options.validateRequests) {
    // Raw calls only: `send` validates on its own (and may be told not to), through a per-call fetch.
    // Loaded on first use, like the validator: a bundle that never validates carries neither.
    let middleware: Middleware | undefined;
    use({
      async onRequest(params) {
        if (!middleware) {
          const { validateRequestsMiddleware } = await import("./validate-requests-middleware.ts");
          middleware = validateRequestsMiddleware(
            definition.validator,
            provider,
            (o) => o.fetch === rawFetch,
          );
        }
        return middleware.onRequest!(params);
      },
    });
  }
  const request = (raw as unknown as { request: LooseRequest }).request;
  /** The spec's validator and the check that throws, loaded by the first validation. */
  let checker: Promise<Checker> | undefined;
  const loadChecker = async (): Promise<Checker> => {
    const [validator, { assertValidRequest }] = await Promise.all([
      definition.validator(),
      import("./validate-before-send.ts"),
    ]);
    return { validator, assertValidRequest };
  };

  const send: ApiClient<Paths, Operations>["send"] = async (operationId, init, opts = {}) => {
    const entry = definition.operations[operationId];
    if (!entry) throw new ConfigurationError(`${provider}: no operation ${operationId} in the spec`);
    const loose = init as {
      params?: {
        path?: Record<string, unknown>;
        query?: Record<string, unknown>;
        header?: Record<string, unknown>;
      };
      body?: unknown;
      headers?: HeadersInit;
    };
    const hasBody = loose.body !== undefined;
    const contentType = hasBody
      ? chooseMediaType(entry.requestMediaTypes, loose.headers, loose.body)
      : undefined;
    if (hasBody) {
      // One walk: credentials in the body (a storage key, a webhook secret) are secrets of the client
      // from now on (a later call's error may echo them too), and a body nested so deep that
      // serializing it would overflow the stack cannot be sent at all.
      const { secrets: found, tooDeep } = inspectBody(loose.body);
      for (const secret of found) remember(secret);
      if (tooDeep)
        await refuseBeforeSending(
          provider,
          operationId,
          `body: nested more than ${MAX_BODY_DEPTH} levels deep; it cannot be sent`,
        );
    }
    if (opts.validate ?? true) {
      const { validator, assertValidRequest } = await (checker ??= loadChecker());
      assertValidRequest(validator, provider, operationId, {
        skipSecurity: true,
        pathParams: loose.params?.path ?? {},
        query: loose.params?.query ?? {},
        headers:
          loose.headers || loose.params?.header
            ? mergeHeaders(loose.headers, stringRecord(loose.params?.header))
            : undefined,
        contentType,
        body: loose.body,
      });
    }
    let sent: Request | undefined;
    const ownSecrets: string[] = [];
    /** The status of the response, once one came. */
    let answered: number | undefined;
    const parseAs = (init as { parseAs?: string }).parseAs;
    const middlewares = userMiddlewares.size > 0;
    // The body of a 2xx is read as text and decoded here, so a bad one is a typed error. Unless a
    // middleware of the user may look at the response, the transport reads it (under the attempt's
    // timeout) and openapi-fetch is told to leave it alone.
    const readsText = parseAs === undefined && !middlewares;
    let text: string | undefined;
    const perCall = transport.with({
      ...opts,
      operation: operationId,
      onSecret: (v) => ownSecrets.push(v),
      onSent: (r) => (sent = r),
      onAnswered: (status) => (answered = status),
      ...(readsText ? { onText: (t: string) => (text = t) } : {}),
      copyFirst: middlewares,
    });
    let body = loose.body;
    let headers = loose.headers;
    let bodySerializer: ((body: unknown) => unknown) | undefined;
    if (hasBody) {
      const how = serializing(contentType);
      // A form carrying files goes as FormData, built by form-body.ts (loaded only by those who send forms).
      if (how.multipart && !(body instanceof FormData))
        body = (await import("./form-body.ts")).toFormData(body as Record<string, unknown>);
      bodySerializer = how.bodySerializer;
      if (how.contentType !== undefined || how.multipart) {
        const merged = mergeHeaders(
          how.contentType ? { "Content-Type": how.contentType } : undefined,
          headers,
        );
        // The runtime writes a form's Content-Type itself, with its boundary.
        if (how.multipart) merged.delete("content-type");
        headers = merged;
      }
    }
    const secrets = () => [...secretValues(loose.body), ...ownSecrets, ...sentSecrets];
    const context = () => ({
      provider,
      operation: operationId,
      method: sent?.method ?? entry.method,
      url: sent?.url,
    });
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await request(entry.method, entry.path, {
        ...init,
        ...(hasBody ? { body, bodySerializer } : {}),
        ...(parseAs === undefined ? { parseAs: readsText ? "stream" : "text" } : {}),
        headers,
        fetch: perCall,
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (error) {
      // Before anything was sent: the body could not be serialized (a Blob where JSON goes, a BigInt...).
      if (sent === undefined && !isBatchspecError(error))
        await refuseBeforeSending(
          provider,
          operationId,
          `body: could not be serialized (${describeError(error)})`,
        );
      if (answered === undefined || isBatchspecError(error) || opts.signal?.aborted) throw error;
      const { createApiError, InvalidResponseError } = await errors();
      // The response came, but its body broke off while it was read.
      if (answered < 200 || answered > 299) {
        throw createApiError({
          ...context(),
          status: answered,
          headers: new Headers(),
          body: undefined,
          requestIdHeaders: definition.requestIdHeaders ?? [],
          secrets: secrets(),
        });
      }
      throw new InvalidResponseError("was cut short while it was read", {
        ...context(),
        status: answered,
        contentType: undefined,
        text: "",
        secrets: secrets(),
      });
    }
    const { data, error, response } = result;
    if (!response.ok) {
      throw (await errors()).createApiError({
        ...context(),
        status: response.status,
        headers: response.headers,
        body: error,
        requestIdHeaders: definition.requestIdHeaders ?? [],
        issues: definition.issuesFromBody ?? (() => []),
        secrets: secrets(),
      });
    }
    if (parseAs !== undefined) return data as never;
    const decoded = decodeSuccess(entry, response, readsText ? text : (data as string | undefined));
    if (decoded.ok) return decoded.value as never;
    throw await invalidResponse(decoded, { ...context(), secrets: secrets() });
  };

  return {
    raw,
    provider,
    send,
    timing: { sleep: options.sleep, random: options.random },
    secrets: () => [...sentSecrets],
  };
}

/**
 * A 2xx body, read as text, as the spec documents it for the status: JSON parsed, text and NDJSON as
 * text, nothing where no body is documented. A body that breaks that is a problem (for an
 * InvalidResponseError: see invalidResponse).
 */
function decodeSuccess(entry: OperationEntry, response: Response, text: string | undefined): Decoded {
  const contentType = () => mediaType(response.headers.get("content-type"));
  const fail = (problem: string): Decoded => ({
    ok: false,
    problem,
    status: response.status,
    contentType: contentType(),
    text: text ?? "",
  });
  const documented = successBody(entry, response.status);
  // A 2xx the spec does not document: what it carries has no known shape.
  if (documented === undefined) return fail("is not a status the spec documents for this operation");
  if (documented.types.length === 0) return { ok: true, value: undefined };
  if (!documented.json) return { ok: true, value: text ?? "" };
  if (text === undefined || text === "")
    return fail(`has an empty body, where the spec documents ${documented.types.join(" or ")}`);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const type = contentType();
    return fail(`is not valid JSON${type ? ` (${type})` : ""}`);
  }
}

/** Whether the spec documents a JSON body for this 2xx of the operation. */
function jsonDocumented(entry: OperationEntry, status: number): boolean {
  return successBody(entry, status)?.json ?? false;
}

/** The media types the spec documents for a 2xx of the operation (by status, else `2XX`), looked up once. */
function successBody(
  entry: OperationEntry,
  status: number,
): { types: readonly string[]; json: boolean } | undefined {
  let byStatus = successBodies.get(entry);
  if (!byStatus) successBodies.set(entry, (byStatus = new Map()));
  if (byStatus.has(status)) return byStatus.get(status);
  const key = String(status);
  const types = entry.successBodies[key] ?? entry.successBodies[`${key[0]}XX`];
  const found = types && { types, json: types.some((t) => mediaKind(t) === "json") };
  byStatus.set(status, found);
  return found;
}
const successBodies = new WeakMap<
  OperationEntry,
  Map<number, { types: readonly string[]; json: boolean } | undefined>
>();

type Decoded =
  | { ok: true; value: unknown }
  | { ok: false; problem: string; status: number; contentType: string | undefined; text: string };

async function invalidResponse(decoded: Decoded & { ok: false }, context: ErrorContext): Promise<Error> {
  const { problem, ...rest } = decoded;
  return new (await errors()).InvalidResponseError(problem, { ...context, ...rest });
}

/** The error classes, loaded when the first error is made (the happy path never needs them). */
const errors = () => import("./errors.ts");

/** What validation needs, loaded on first use. */
interface Checker {
  validator: OpenApiValidator;
  assertValidRequest: typeof import("./validate-before-send.ts").assertValidRequest;
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

/**
 * The media type a body goes as: the Content-Type the call names; else a form when the body is
 * `FormData` or carries a file (a Blob) and the operation takes a form; else JSON when the operation
 * takes it; else the first the operation takes.
 */
function chooseMediaType(
  declared: readonly string[],
  headers: HeadersInit | undefined,
  body: unknown,
): string | undefined {
  const named = headers === undefined ? null : new Headers(headers).get("content-type");
  if (named) return named;
  const form = declared.find((t) => mediaKind(t) === "multipart");
  if (!form) return declared.find((t) => mediaKind(t) === "json") ?? declared[0];
  const isFile = (v: unknown) => v instanceof Blob || (Array.isArray(v) && v.some((i) => i instanceof Blob));
  const hasFile =
    body instanceof FormData ||
    (body !== null && typeof body === "object" && Object.values(body).some(isFile));
  if (form && hasFile) return form;
  return declared.find((t) => mediaKind(t) === "json") ?? declared[0];
}

/**
 * How openapi-fetch should send a body of this media type (it sends JSON by default): a multipart form
 * as `FormData` (files as file parts, objects as JSON text; the runtime writes its Content-Type with the
 * boundary), a urlencoded form as such, anything else as it is, under its own Content-Type.
 */
function serializing(contentType: string | undefined): {
  bodySerializer?: (body: unknown) => unknown;
  /** The Content-Type to send, where openapi-fetch's default (JSON) is not it. */
  contentType?: string;
  /** A form, to be sent as FormData. */
  multipart?: boolean;
} {
  const kind = mediaKind(mediaType(contentType));
  if (contentType === undefined || kind === "json") return {};
  if (kind === "multipart") return { bodySerializer: (body) => body, multipart: true };
  if (kind === "form") {
    return {
      bodySerializer: (body) =>
        body instanceof URLSearchParams
          ? body
          : new URLSearchParams(
              Object.entries(body as Record<string, unknown>).flatMap(([k, v]) =>
                (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map((x) => [k, String(x)]),
              ),
            ),
      contentType,
    };
  }
  return { bodySerializer: (body) => body, contentType };
}

const stringRecord = (values: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values ?? {})
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );

function mergeHeaders(...all: (HeadersInit | undefined)[]): Headers {
  const out = new Headers();
  for (const headers of all) new Headers(headers).forEach((value, name) => out.set(name, value));
  return out;
}

/** How deep a body a client sends may nest (deeper would overflow the stack of JSON.stringify). */
const MAX_BODY_DEPTH = 1000;

/**
 * A body to send, walked once without recursion: the string values at credential keys and the
 * credentials in URLs (as secretValues finds them, down to its depth), and whether it nests deeper
 * than MAX_BODY_DEPTH.
 */
function inspectBody(body: unknown): { secrets: string[]; tooDeep: boolean } {
  const secrets: string[] = [];
  const nodes: unknown[] = [body];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (typeof node === "string") {
      if (depth < MAX_DEPTH) urlSecrets(node, secrets);
      continue;
    }
    if (node === null || typeof node !== "object" || node instanceof Blob) continue;
    if (depth >= MAX_BODY_DEPTH) return { secrets, tooDeep: true };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        nodes.push(node[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "string") {
        if (depth >= MAX_DEPTH) continue;
        if (SECRET_KEYS.test(key)) secrets.push(value);
        else urlSecrets(value, secrets);
      } else if (value !== null && typeof value === "object") {
        nodes.push(value);
        depths.push(depth + 1);
      }
    }
  }
  return { secrets, tooDeep: false };
}

export async function refuseBeforeSending(
  provider: string,
  operation: string,
  problem: string,
): Promise<never> {
  const [location = "body", message = problem] = problem.split(/: (.*)/s);
  throw new (await errors()).ValidationError(
    `${provider} ${operation}: request refused before sending: ${problem}`,
    {
      provider,
      operation,
      status: undefined,
      issues: [{ location, message }],
      sent: false,
    },
  );
}

const describeError = (error: unknown) => (error instanceof Error ? error.name : typeof error);

/** A type guard for the errors of one provider, narrowing the body to its spec's error schema. */
export function apiErrorGuard<TBody>(provider: string): (error: unknown) => error is BatchApiError<TBody> {
  // By brand, so that the guard does not load the error classes.
  return (error): error is BatchApiError<TBody> =>
    isBatchspecError(error) &&
    (error as unknown as Record<symbol, unknown>)[API_ERROR_BRAND] === true &&
    (error as { provider?: unknown }).provider === provider;
}
