// The request pipeline every simulator runs before its handler: injected fault → credentials → the
// request against the spec (body read as its media type, parameters, limits) → the handler. A provider
// gives its hooks (error body, who may call, which query parameters its handlers honour); `simulate`
// wraps its openapi-msw `http` so handlers keep their types from the generated `paths`.
import { http, type HttpHandler, type RequestHandlerOptions } from "msw";
import type { OperationTable } from "../operation-table.ts";
import { beyondLimits } from "../limits.ts";
import { readBody } from "../media.ts";
import type { OpenApiValidator, ValidationIssue } from "../openapi-validator.ts";
import { compileMswPath, registerShortcut, resolverInfo } from "./direct-answer.ts";
import type { FaultQueue } from "./faults.ts";
import type { RequestLog } from "./request-log.ts";

/** A refusal: the status, and the message of the provider's error body. */
export interface Refusal {
  status: number;
  message: string;
  issues?: readonly ValidationIssue[];
}

export interface SimulatorPipeline {
  /** The spec id, for messages. */
  provider: string;
  /** The generated operations table: routes, documented statuses, query parameters. */
  operations: OperationTable;
  validator: () => OpenApiValidator;
  faults: FaultQueue;
  log: RequestLog;
  /**
   * Whether the request's credentials may call this operation: a refusal (401, or 403 where the provider
   * answers that for a bad key), or undefined to let it in.
   */
  authenticate(request: Request, operationId: string): Refusal | undefined;
  /** The provider's error body for a refusal. */
  errorBody(refusal: Refusal, operationId: string): unknown;
  /**
   * The query parameters each operation's handler honours. A parameter the spec declares and the
   * handler does not honour is refused (400 naming it), never silently ignored.
   */
  honours?: Readonly<Record<string, readonly string[]>>;
  /** What the simulator reads at most (each has a default). */
  limits?: Partial<BodyLimits>;
}

/** How much of a body a simulator reads before it refuses it. */
export interface BodyLimits {
  /** Bytes of body. Default 10 MiB (413 where documented, else 400). */
  bytes: number;
  /** Levels of nesting of a JSON body. Default 64. */
  depth: number;
  /** Characters of any one string (or object key) in a JSON body. Default 65,536. */
  stringLength: number;
  /**
   * Top-level body fields whose string is a document of its own (a JSON Lines manifest), bounded by
   * `bytes` only: the handler reads and checks what is inside. Default none.
   */
  documentFields?: readonly string[];
}

const LIMITS: BodyLimits = { bytes: 10 * 1024 * 1024, depth: 64, stringLength: 65_536 };

/** The first of `candidates` that the spec documents for the operation (else the first candidate). */
export function documentedStatus(
  pipeline: SimulatorPipeline,
  operationId: string,
  ...candidates: number[]
): number {
  const documented = pipeline.operations[operationId]?.statuses ?? [];
  return candidates.find((s) => documented.includes(String(s))) ?? candidates[0]!;
}

/** `operationId query.name` for every query parameter the spec declares that no handler honours. */
export function unhonouredParameters(pipeline: Pick<SimulatorPipeline, "operations" | "honours">): string[] {
  return Object.entries(pipeline.operations).flatMap(([operationId, entry]) =>
    entry.query
      .filter((name) => !(pipeline.honours?.[operationId] ?? []).includes(name))
      .map((name) => `${operationId} query.${name}`),
  );
}

/**
 * Set on every response that an injected fault produced, so a conformance check can tell it from an
 * answer the simulator gave to the request itself.
 */
export const INJECTED_FAULT_HEADER = "x-batchspec-injected-fault";

const NULL_BODY = new Set([204, 205, 304]);

function respond(
  pipeline: SimulatorPipeline,
  operationId: string,
  refusal: Refusal,
  headers?: HeadersInit,
): Response {
  const init = { status: refusal.status, headers };
  if (NULL_BODY.has(refusal.status)) return new Response(null, init);
  return Response.json(pipeline.errorBody(refusal, operationId), init);
}

/**
 * What happens to a request before its handler: undefined to go on, or the response that ends it.
 * `pathParams` are the path's parameters as MSW matched them.
 */
export async function admit(
  pipeline: SimulatorPipeline,
  operationId: string,
  request: Request,
  pathParams: Record<string, unknown>,
): Promise<Response | undefined> {
  const fault = pipeline.faults.take(operationId);
  if (fault) {
    const headers: Record<string, string> = { ...fault.headers, [INJECTED_FAULT_HEADER]: "true" };
    if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
    if (fault.body !== undefined && !NULL_BODY.has(fault.status))
      return Response.json(fault.body, { status: fault.status, headers });
    const message = fault.status >= 500 ? "Internal server error." : `Injected fault ${fault.status}.`;
    return respond(pipeline, operationId, { status: fault.status, message }, headers);
  }
  const denied = pipeline.authenticate(request, operationId);
  if (denied) return respond(pipeline, operationId, denied);

  const limits = { ...LIMITS, ...pipeline.limits };
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > limits.bytes) {
    return respond(pipeline, operationId, {
      status: documentedStatus(pipeline, operationId, 413, 400),
      message: `body: ${length} bytes, at most ${limits.bytes}`,
    });
  }
  const read = await readBody(request);
  if (read.ok && read.size > limits.bytes) {
    return respond(pipeline, operationId, {
      status: documentedStatus(pipeline, operationId, 413, 400),
      message: `body: ${read.size} bytes, at most ${limits.bytes}`,
    });
  }
  const excess = read.ok && read.kind === "json" ? beyondLimits(read.body, limits) : undefined;
  if (excess) {
    return respond(pipeline, operationId, {
      status: documentedStatus(pipeline, operationId, 400, 422),
      message: `body: ${excess}`,
    });
  }
  if (!read.ok) {
    return respond(pipeline, operationId, {
      status: documentedStatus(pipeline, operationId, 400, 422),
      message: `body: ${read.message}`,
    });
  }
  const url = new URL(request.url);
  const issues = pipeline
    .validator()
    .validateRequest(operationId, {
      pathParams,
      query: url.searchParams,
      headers: request.headers,
      contentType: request.headers.get("content-type"),
      body: read.body,
    })
    // Credentials were checked above, by the provider's own rule.
    .filter((i) => i.location !== "header.authorization");
  const contentType = issues.find((i) => i.location === "header.content-type");
  if (contentType) {
    return respond(pipeline, operationId, {
      status: documentedStatus(pipeline, operationId, 415, 400, 422),
      message: `Content-Type ${contentType.message}`,
    });
  }
  const invalid = documentedStatus(pipeline, operationId, 400, 422);
  if (issues.length > 0) {
    return respond(pipeline, operationId, { status: invalid, message: describe(issues), issues });
  }
  const honoured = pipeline.honours?.[operationId] ?? [];
  const ignored = (pipeline.operations[operationId]?.query ?? []).filter(
    (name) => url.searchParams.has(name) && !honoured.includes(name),
  );
  if (ignored.length > 0) {
    const unsupported = ignored.map((name) => ({
      location: `query.${name}`,
      message: `is in the spec, but the ${pipeline.provider} simulator does not implement it`,
    }));
    return respond(pipeline, operationId, {
      status: 400,
      message: describe(unsupported),
      issues: unsupported,
    });
  }
  return undefined;
}

const describe = (issues: readonly ValidationIssue[]) =>
  issues.map((i) => `${i.location}: ${i.message}`).join("; ");

const simulated = new WeakSet<HttpHandler>();

/** Whether `handler` was bound through `simulate` (so the pipeline answers before it). */
export function isSimulatorHandler(handler: unknown): boolean {
  return typeof handler === "object" && handler !== null && simulated.has(handler as HttpHandler);
}

/**
 * The handler to put first in a simulator's list: it answers what no operation of the spec would take —
 * a path with a malformed `%` escape (400), a path the spec does not have (404), a method the path
 * does not take (405, with `Allow`) — in the provider's error body, and lets everything else through.
 */
export function guard(pipeline: SimulatorPipeline, baseUrl: string): HttpHandler {
  const base = new URL(baseUrl.replace(/\/*$/, "/"));
  const routes = Object.entries(pipeline.operations).map(([operationId, entry]) => ({
    operationId,
    method: entry.method,
    regex: new RegExp(
      `^${entry.path
        .split(/(\{[^}]+\})/)
        .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("")}$`,
    ),
  }));
  // A RegExp, not a path pattern: MSW would decode the path's parameters and throw on a malformed escape.
  // The server URL itself too, with or without its trailing slash.
  const root = base.href.replace(/\/$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const under = new RegExp(`^${root}(?:[/?#]|$)`);
  const check = (request: Request, url: URL) => {
    const relative = `/${url.pathname.slice(base.pathname.length)}`.replace(/^\/\/+/, "/");
    const refuse = (status: number, message: string, headers?: HeadersInit) => {
      pipeline.log.push({ method: request.method, operationId: "", url: request.url, status });
      return Response.json(pipeline.errorBody({ status, message }, ""), { status, headers });
    };
    try {
      for (const segment of relative.split("/")) decodeURIComponent(segment);
    } catch {
      return refuse(400, `path: ${relative} has a malformed %-escape`);
    }
    const matching = routes.filter((r) => r.regex.test(relative));
    if (matching.length === 0) return refuse(404, `${relative} is not a path of this API`);
    if (!matching.some((r) => r.method === request.method)) {
      const allow = [...new Set(matching.map((r) => r.method))].join(", ");
      return refuse(405, `${request.method} is not allowed on ${relative}; use ${allow}`, { Allow: allow });
    }
    return undefined;
  };
  const handler = http.all(under, ({ request }) => check(request, new URL(request.url)));
  registerShortcut(handler, (request, { url, clean }) =>
    under.test(clean) ? check(request, url) : undefined,
  );
  simulated.add(handler);
  return handler;
}

type Method = "get" | "put" | "post" | "delete" | "patch" | "head" | "options";
const METHODS: readonly Method[] = ["get", "put", "post", "delete", "patch", "head", "options"];
type Resolver = (info: { request: Request; params: Record<string, unknown> }) => unknown;
type LooseHttp = Record<
  Method,
  (path: string, resolver: Resolver, options?: RequestHandlerOptions) => HttpHandler
>;

/**
 * openapi-msw's `http` (from `createOpenApiHttp<paths>()`) with the pipeline run before every handler.
 * It returns the same type it is given, so each handler is still checked against its path's parameters,
 * request body, statuses and response bodies.
 */
export function simulate<Http extends object>(http: Http, pipeline: SimulatorPipeline): Http {
  const wrap = (handlers: LooseHttp): LooseHttp => {
    const wrapped = {} as LooseHttp;
    for (const method of METHODS) {
      wrapped[method] = (path, resolver, options) => {
        const operationId = Object.entries(pipeline.operations).find(
          ([, e]) => e.path === path && e.method === method.toUpperCase(),
        )?.[0];
        if (operationId === undefined) {
          throw new TypeError(
            `${pipeline.provider} simulator: ${method.toUpperCase()} ${path} is not an operation of the spec`,
          );
        }
        const run: Resolver = async (info) => {
          const entry = { method: info.request.method, operationId, url: info.request.url, status: 0 };
          pipeline.log.push(entry);
          try {
            const answer =
              (await admit(pipeline, operationId, info.request, info.params)) ?? (await resolver(info));
            if (answer instanceof Response) entry.status = answer.status;
            return answer;
          } catch (error) {
            entry.status = 500; // MSW answers a handler that throws with a 500
            throw error;
          }
        };
        const handler = handlers[method](path, run, options);
        simulated.add(handler);
        // `fetchFromHandlers` may call `run` itself, as MSW would (not for a handler with options: `once`).
        const match = options === undefined ? compileMswPath(handler.info.path) : undefined;
        if (match) {
          const expected = method.toUpperCase();
          registerShortcut(handler, async (request, { url, clean }) => {
            const params = match(clean); // before the method, as MSW parses before it compares
            if (!params || request.method.toUpperCase() !== expected) return undefined;
            try {
              return (await run(resolverInfo(request, url, params))) as Response | undefined;
            } catch (error) {
              if (error instanceof Response) return error; // MSW answers a thrown Response
              throw error;
            }
          });
        }
        return handler;
      };
    }
    return wrapped;
  };
  // No handler of a simulator may skip the pipeline: `untyped` (MSW's own paths) is refused.
  const refuse = () => {
    throw new TypeError(
      `${pipeline.provider} simulator: bind handlers by the spec's paths, not through \`untyped\``,
    );
  };
  const untyped = Object.fromEntries(METHODS.map((m) => [m, refuse]));
  return { ...wrap(http as unknown as LooseHttp), untyped } as Http;
}
