// A provider's simulator over real HTTP on loopback, so curl, other languages and other tools can use it.
// The API is served under the spec server's path (`http://127.0.0.1:PORT/v2` for Zoom), so a client
// pointed at `url` works unchanged. Under the reserved prefix /__batchspec/ (no spec owns it):
//
//   POST /__batchspec/advance   {"id"?: "..."}  a job (batch, upload) one step; all unfinished ones without id
//   POST /__batchspec/complete  {"id"?: "..."}  to its end
//   POST /__batchspec/fault     {"status": 503, "operationId"?: "...", "retryAfter"?: 1}
//   POST /__batchspec/reset
//   GET  /__batchspec/health    the provider, the API's base URL, how to authenticate (never the token)
//   GET  /__batchspec/requests  the last requests the simulator handled, URLs redacted
//
// Control answers are JSON; bad input is a 400 `{error}` naming what was wrong, an id the simulator does
// not hold a 404, an unknown control path a 404. A control POST must say `Content-Type: application/json`
// (415 otherwise: a web page cannot send that cross-site without a CORS preflight, which this server never
// grants), and a control request must be addressed to the server's own loopback host and port (403
// otherwise: a DNS-rebinding page names its own host). A request to a path no handler knows is a 404
// `{error: "no such endpoint ..."}`; a body over `maxBodyBytes` is a 413 before more of it is read;
// nothing a client sends stops the server.
import { mediaType } from "../../src/core/media-type.ts";
import { REDACTED } from "../../src/core/secret-values.ts";
import { fetchFromHandlers } from "../../src/core/simulator/index.ts";
import { serve, type FetchHandler } from "./http-adapter.ts";
import {
  CONTROL_PREFIX,
  OPERATION_IDS,
  SIMULATORS,
  UnknownIdError,
  type ProviderId,
  type Simulator,
  type SimulatorStates,
} from "./simulators.ts";

export const DEFAULT_TOKEN = "conformance-token";

export interface MockServerOptions<P extends ProviderId = ProviderId> {
  provider: P;
  /** Default 0: a free port. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** The bearer token (API key) the simulator accepts. Default "conformance-token". */
  token?: string;
  /** A read of a job moves it one step (so a client's wait ends without control calls). Default false. */
  advanceOnGet?: boolean;
  /**
   * The most bytes of request body the server reads (what it holds in memory for one request); a larger
   * body is answered 413 `{error}`. Default 64 MiB; for SLNG 1 GB and a little (it takes files that
   * large; its presigned PUT is counted as it streams). A simulator's own, smaller limits apply below it.
   */
  maxBodyBytes?: number;
}

export interface MockServer<P extends ProviderId = ProviderId> {
  provider: P;
  /** The API's base URL, e.g. `http://127.0.0.1:PORT/v2`: give it to a client as its baseUrl. */
  url: string;
  /** `http://127.0.0.1:PORT`: the control endpoints are under `${origin}/__batchspec/`. */
  origin: string;
  /** The simulator's state, to inspect or change in a test. */
  state: SimulatorStates[P];
  close(): Promise<void>;
}

/** The most a control request's body may hold. */
const CONTROL_BODY_LIMIT = 64 * 1024;
/** The most a request's body may hold by default: the memory one request may take. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** How many of the latest requests `GET /__batchspec/requests` lists. */
const REQUESTS_SHOWN = 100;

const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  Response.json(body, { status, ...(headers ? { headers } : {}) });

export async function startMockServer<P extends ProviderId>(
  options: MockServerOptions<P>,
): Promise<MockServer<P>> {
  const entry = SIMULATORS[options.provider] as unknown as (typeof SIMULATORS)[P];
  if (!entry) throw new RangeError(`provider: unknown "${String(options.provider)}"`);
  const token = options.token ?? DEFAULT_TOKEN;
  if (token === "") throw new RangeError("token: must not be empty");
  // SLNG takes files up to 1 GB (its presigned PUT and its multipart create): its mock takes them too,
  // counting the bytes as they stream, never holding them.
  const maxBodyBytes =
    options.maxBodyBytes ??
    (options.provider === "slng" ? 2 ** 30 + 4 * 1024 * 1024 : DEFAULT_MAX_BODY_BYTES);
  if (!(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes >= 0))
    throw new RangeError(`maxBodyBytes: expected a whole number of bytes ≥ 0, got ${maxBodyBytes}`);
  let handle: FetchHandler = async () => json(503, { error: "the mock server is starting" });
  const served = await serve((request) => handle(request), {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    maxBodyBytes,
  });
  const origin = served.url;
  const url = `${origin}${entry.basePath}`;
  const simulator = entry.create({
    baseUrl: url,
    token,
    origin,
    advanceOnGet: options.advanceOnGet ?? false,
  }) as Simulator<SimulatorStates[P]>;
  const api = fetchFromHandlers(simulator.handlers);
  const context: ControlContext = {
    provider: options.provider,
    url,
    tokenIsDefault: token === DEFAULT_TOKEN,
    simulator: simulator as Simulator<unknown>,
    hosts: ownHosts(new URL(origin).hostname, served.port),
  };

  handle = async (request) => {
    const path = new URL(request.url).pathname;
    const reserved = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    if (reserved && !entry.ownPrefixes.some((prefix) => path.startsWith(`${prefix}/`)))
      return control(context, path.slice(CONTROL_PREFIX.length), request);
    try {
      return await api(request);
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith("no simulator handler"))
        return json(404, {
          error: `no such endpoint: ${request.method} ${shorten(path)} (the ${options.provider} API is under ${url}, control under ${origin}${CONTROL_PREFIX}/)`,
        });
      return json(500, {
        error: `the ${options.provider} simulator failed on ${request.method} ${shorten(path)}`,
      });
    }
  };

  return {
    provider: options.provider,
    url,
    origin,
    state: simulator.state,
    close: () => served.close(),
  };
}

interface ControlContext {
  provider: ProviderId;
  url: string;
  tokenIsDefault: boolean;
  simulator: Simulator<unknown>;
  /** The Host header values the control answers to (lower case). */
  hosts: ReadonlySet<string>;
}

/** The server's own names, with its port: the loopback ones, and the address it listens on. */
function ownHosts(hostname: string, port: number): ReadonlySet<string> {
  return new Set(
    ["localhost", "127.0.0.1", "[::1]", hostname.toLowerCase()].map((name) => `${name}:${port}`),
  );
}

const CONTROL_METHODS: Record<string, "GET" | "POST"> = {
  "/advance": "POST",
  "/complete": "POST",
  "/fault": "POST",
  "/reset": "POST",
  "/health": "GET",
  "/requests": "GET",
};

/** A control request's input that cannot be used: a 400 with its message. */
class BadInput extends Error {}

async function control(context: ControlContext, name: string, request: Request): Promise<Response> {
  const method = Object.hasOwn(CONTROL_METHODS, name) ? CONTROL_METHODS[name] : undefined;
  if (!method)
    return json(404, {
      error: `no such control endpoint: ${shorten(`${CONTROL_PREFIX}${name}`)} (valid: ${Object.keys(
        CONTROL_METHODS,
      )
        .map((n) => `${CONTROL_METHODS[n]} ${CONTROL_PREFIX}${n}`)
        .join(", ")})`,
    });
  const host = request.headers.get("host")?.toLowerCase();
  if (host === undefined || !context.hosts.has(host))
    return json(403, {
      error: `Host ${describe(host)} is not this server's; address the control as ${[...context.hosts][0]}`,
    });
  // HEAD is GET without its body (the HTTP adapter leaves the body out).
  if (request.method !== method && !(method === "GET" && request.method === "HEAD"))
    return json(
      405,
      { error: `${request.method} is not allowed on ${CONTROL_PREFIX}${name}; use ${method}` },
      { allow: method === "GET" ? "GET, HEAD" : method },
    );
  if (method === "POST" && mediaType(request.headers.get("content-type")) !== "application/json")
    return json(415, {
      error: `Content-Type ${describe(request.headers.get("content-type") ?? undefined)} is not accepted on ${CONTROL_PREFIX}${name}; send application/json (an empty body is {})`,
    });
  const { simulator } = context;
  try {
    switch (name) {
      case "/health":
        return json(200, {
          status: "ok",
          provider: context.provider,
          baseUrl: context.url,
          auth: {
            header: `Authorization: Bearer ${REDACTED}`,
            token: context.tokenIsDefault
              ? "the default token (see `batchspec mock --help`)"
              : "the one given with --token",
          },
          control: Object.keys(CONTROL_METHODS).map((n) => `${CONTROL_METHODS[n]} ${CONTROL_PREFIX}${n}`),
        });
      case "/requests":
        return json(200, { requests: simulator.control.requests().slice(-REQUESTS_SHOWN) });
      case "/reset":
        await bodyOf(request, []);
        simulator.control.reset();
        return json(200, { reset: true });
      case "/advance":
      case "/complete": {
        const body = await bodyOf(request, ["id"]);
        const id = body.id;
        if (id !== undefined && (typeof id !== "string" || id === ""))
          throw new BadInput(`body.id: expected a non-empty string, got ${describe(id)}`);
        const moved =
          name === "/advance"
            ? simulator.control.advance(id as string | undefined)
            : simulator.control.complete(id as string | undefined);
        return json(200, { moved });
      }
      case "/fault": {
        const body = await bodyOf(request, ["status", "operationId", "retryAfter"]);
        const { status, operationId, retryAfter } = body;
        if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599)
          throw new BadInput(`body.status: expected an HTTP status from 200 to 599, got ${describe(status)}`);
        const operations = OPERATION_IDS[context.provider];
        if (
          operationId !== undefined &&
          (typeof operationId !== "string" || !operations.includes(operationId))
        )
          throw new BadInput(
            `body.operationId: ${describe(operationId)} is not an operation of ${context.provider} (valid: ${operations.join(", ")})`,
          );
        if (retryAfter !== undefined && !isRetryAfter(retryAfter))
          throw new BadInput(
            `body.retryAfter: expected seconds (a number ≥ 0) or an HTTP date, got ${describe(retryAfter)}`,
          );
        const fault = {
          status,
          ...(operationId !== undefined ? { operationId: operationId as string } : {}),
          ...(retryAfter !== undefined ? { retryAfter: retryAfter as number | string } : {}),
        };
        simulator.control.fault(fault);
        return json(200, { injected: fault });
      }
    }
  } catch (error) {
    if (error instanceof BadInput) return json(400, { error: error.message });
    if (error instanceof UnknownIdError) return json(404, { error: error.message });
    if (error instanceof RangeError) return json(400, { error: error.message });
    return json(500, { error: `${CONTROL_PREFIX}${name} failed` });
  }
  return json(404, { error: `no such control endpoint: ${CONTROL_PREFIX}${name}` });
}

/**
 * What a Retry-After header may say: seconds (a number ≥ 0, or its digits), or an HTTP date, in printable
 * ASCII (a control character would make the simulator's answer unwritable: a 500 on the next request).
 */
function isRetryAfter(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0;
  if (typeof value !== "string" || value.length > 100 || !/^[\x20-\x7e]+$/.test(value)) return false;
  return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
}

/** A control request's JSON object body ({} when empty), with no keys but `allowed`. */
async function bodyOf(request: Request, allowed: readonly string[]): Promise<Record<string, unknown>> {
  const text = await textOf(request);
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadInput("body: not JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new BadInput(`body: expected a JSON object, got ${describe(body)}`);
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new BadInput(
      `body: unknown field${extra.length > 1 ? "s" : ""} ${extra.map((k) => JSON.stringify(shorten(k))).join(", ")} (valid: ${allowed.join(", ") || "none"})`,
    );
  return body as Record<string, unknown>;
}

async function textOf(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > CONTROL_BODY_LIMIT) {
      void reader.cancel().catch(() => {});
      throw new BadInput(`body: over ${CONTROL_BODY_LIMIT} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return shorten(JSON.stringify(value));
}

/** Text cut to a readable length (a hostile 70,000-character path is not echoed whole). */
function shorten(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
