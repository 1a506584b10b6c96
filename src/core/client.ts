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
import type { FailedCall } from "./call-failure.ts";
import { API_ERROR_BRAND, isBatchspecError } from "./error-brand.ts";
import type { BatchApiError } from "./errors.ts";
import type { OpenApiValidator, ValidationIssue } from "./openapi-validator.ts";
import type { OperationEntry, OperationTable } from "./operation-table.ts";
import { mediaKind } from "./media-type.ts";
import type { RawCalls } from "./raw-calls.ts";
import type { LooseInit } from "./validate-before-send.ts";
import {
  AttemptRequest,
  createTransport,
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
  /**
   * Check every response (a 2xx or an error, of helpers and raw calls) against the spec: status, media
   * type, headers and body. One off the spec is an InvalidResponseError naming each problem. For
   * debugging an integration; default false (a 2xx body is still checked for what the client needs).
   */
  validateResponses?: boolean;
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

// Only the happy path is here: the request built, sent through the transport, its 2xx decoded. What a
// call needs only sometimes is loaded on first need: a body's media type, credentials and serializer
// (request-body.ts), validation (validate-before-send.ts, the spec's validator), the errors
// (call-failure.ts), and raw calls' checks (raw-calls.ts).

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
  // Raw calls get the check of a 2xx body that `send` makes, and the credentials in their JSON bodies
  // become the client's secrets too (raw-calls.ts). Done here rather than in middlewares, so that
  // helper calls (which do both themselves) pay nothing for them.
  const rawCalls: RawCalls = {
    provider,
    operations: definition.operations,
    baseUrl,
    transport,
    remember,
    sentSecrets,
    copyFirst: () => userMiddlewares.size > 0,
    ...(options.validateResponses
      ? { responseValidator: async () => (checker ??= await (checking ??= loadChecker())).validator }
      : {}),
  };
  let raws: typeof import("./raw-calls.ts") | undefined;
  const rawFetch: FetchLike = async (request) =>
    (raws ??= await import("./raw-calls.ts")).rawFetch(rawCalls, request);
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
  let checking: Promise<Checker> | undefined;
  let checker: Checker | undefined;
  const loadChecker = async (): Promise<Checker> => {
    const [validator, { assertValidInit }] = await Promise.all([
      definition.validator(),
      import("./validate-before-send.ts"),
    ]);
    return { validator, assertValidInit };
  };
  let bodies: typeof import("./request-body.ts") | undefined;

  const send: ApiClient<Paths, Operations>["send"] = async (operationId, init, opts = {}) => {
    const entry = definition.operations[operationId];
    if (!entry) throw new ConfigurationError(`${provider}: no operation ${operationId} in the spec`);
    const loose = init as LooseInit;
    const hasBody = loose.body !== undefined;
    let contentType: string | undefined;
    if (hasBody) {
      // Its media type; its credentials are secrets of the client from now on; one nested too deep to
      // serialize is refused.
      const prepared = (bodies ??= await import("./request-body.ts")).prepareBody(
        entry.requestMediaTypes,
        loose.headers,
        loose.body,
        remember,
      );
      if (prepared.refusal) await refuseBeforeSending(provider, operationId, prepared.refusal);
      contentType = prepared.contentType;
    }
    if (opts.validate ?? true) {
      const { validator, assertValidInit } = (checker ??= await (checking ??= loadChecker()));
      assertValidInit(validator, provider, operationId, loose, contentType);
    }
    let sent: Request | undefined;
    const ownSecrets: string[] = [];
    /** The status of the response, once one came. */
    let answered: number | undefined;
    const more = init as {
      parseAs?: string;
      middleware?: unknown[];
      signal?: AbortSignal;
      bodySerializer?: unknown;
    };
    const parseAs = more.parseAs;
    // Middlewares of the user's (the client's, or this call's own) see the request and the response.
    const middlewares = userMiddlewares.size > 0 || !!more.middleware?.length;
    const signal = opts.signal ?? more.signal;
    // The body of a 2xx is read as text and decoded here, so a bad one is a typed error. Unless a
    // middleware of the user may look at the response, the transport reads it (under the attempt's
    // timeout) and openapi-fetch is told to leave it alone.
    const readsText = parseAs === undefined && !middlewares;
    let text: string | undefined;
    // One shape whatever the caller passed: spreading the caller's options into it made the object
    // slow to build and to read (a helper call with any option, a signal say, cost about 25% more).
    // Typed so that a setting added to CallOptions and not passed on here is a type error.
    const call: { [K in keyof Required<CallOptions>]: CallOptions[K] } = {
      maxRetries: opts.maxRetries,
      initialRetryDelayMs: opts.initialRetryDelayMs,
      maxRetryDelayMs: opts.maxRetryDelayMs,
      maxRetryAfterMs: opts.maxRetryAfterMs,
      timeoutMs: opts.timeoutMs,
      idempotent: opts.idempotent,
      signal,
      operation: operationId,
      onSecret: (v) => ownSecrets.push(v),
      onSent: (r) => (sent = r),
      onAnswered: (status) => (answered = status),
      onText: readsText ? (t: string) => (text = t) : undefined,
      copyFirst: middlewares,
    };
    const perCall = transport.with(call);
    // A body that is not JSON gets its serializer and Content-Type (a form is built as FormData).
    const serialized = hasBody ? bodies!.serializeBody(contentType, loose.body, loose.headers) : undefined;
    let { body, headers } = loose;
    let bodySerializer: ((body: unknown) => unknown) | undefined;
    if (serialized) ({ body, headers, bodySerializer } = await serialized);
    const failed = (): FailedCall => ({
      api: definition,
      operation: operationId,
      entry,
      sent,
      body: loose.body,
      ownSecrets,
      sentSecrets,
    });
    let result: { data?: unknown; error?: unknown; response: Response };
    // Middlewares of the user's see the request, and its signal: one that follows the caller's while the
    // call runs (signal-relay.ts). Elsewhere the request has none: the transport follows `call.signal`.
    const relay = middlewares && signal ? (await import("./signal-relay.ts")).relaySignal(signal) : undefined;
    try {
      // One shape, the options this client sets first: a copy of `init` spread and added to cost about
      // 8% of a helper GET (openapi-fetch takes it apart again). What else `init` has (a
      // querySerializer...) is passed on as given.
      const fetchInit: Record<string, unknown> = {
        params: loose.params,
        body,
        bodySerializer: hasBody ? bodySerializer : more.bodySerializer,
        parseAs: parseAs ?? (readsText ? "stream" : "text"),
        headers,
        fetch: perCall,
        signal: relay?.signal,
      };
      for (const key in init)
        if (!(key in fetchInit)) fetchInit[key] = (init as Record<string, unknown>)[key];
      result = await request(entry.method, entry.path, fetchInit);
    } catch (error) {
      throw await (await failures()).thrownCall(failed(), error, answered, signal?.aborted);
    } finally {
      relay?.release();
    }
    const { data, error, response } = result;
    const got = readsText ? text : (data as string | undefined);
    if (options.validateResponses && !(parseAs !== undefined && response.ok)) {
      const { validator } = (checker ??= await (checking ??= loadChecker()));
      const read = response.ok ? decodeSuccess(entry, response.status, got)?.value : error;
      await (await failures()).checkResponse(validator, failed(), response, read);
    }
    if (!response.ok) throw await (await failures()).apiError(failed(), response, error);
    if (parseAs !== undefined) return data as never;
    const decoded = decodeSuccess(entry, response.status, got);
    if (decoded) return decoded.value as never;
    throw await (await failures()).invalidCall(failed(), response, got);
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
 * text, nothing where no body is documented; undefined for a body that breaks that (call-failure.ts
 * says how, in an InvalidResponseError).
 */
export function decodeSuccess(
  entry: OperationEntry,
  status: number,
  text: string | undefined,
): { value: unknown } | undefined {
  const documented = successBody(entry, status);
  // A 2xx the spec does not document: what it carries has no known shape.
  if (documented === undefined) return undefined;
  if (documented.types.length === 0) return { value: undefined };
  if (!documented.json) return { value: text ?? "" };
  if (text)
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // not JSON: an InvalidResponseError
    }
  return undefined;
}

/** The media types the spec documents for a 2xx of the operation (by status, else `2XX`), looked up once. */
export function successBody(
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

/** The errors of a call, loaded when the first one is made (the happy path never needs them). */
const failures = () => import("./call-failure.ts");

/** What validation needs, loaded on first use. */
interface Checker {
  validator: OpenApiValidator;
  assertValidInit: typeof import("./validate-before-send.ts").assertValidInit;
}

/** Throws a ValidationError with `sent: false`; `problem` is `<location>: <message>`. */
export async function refuseBeforeSending(
  provider: string,
  operation: string,
  problem: string,
): Promise<never> {
  throw await (await failures()).refusal(provider, operation, problem);
}

/** A type guard for the errors of one provider, narrowing the body to its spec's error schema. */
export function apiErrorGuard<TBody>(provider: string): (error: unknown) => error is BatchApiError<TBody> {
  // By brand, so that the guard does not load the error classes.
  return (error): error is BatchApiError<TBody> =>
    isBatchspecError(error) &&
    (error as unknown as Record<symbol, unknown>)[API_ERROR_BRAND] === true &&
    (error as { provider?: unknown }).provider === provider;
}
