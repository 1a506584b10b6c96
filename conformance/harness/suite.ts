// defineConformanceSuite: what makes a provider's suite short and honest. A suite is data: its checks,
// each with what it claims (the statuses it provokes, the query parameters whose effect it asserts) and
// what it needs (the simulator steered, or writes on a live API). `start(target)` opens a session on a
// target (the built-in simulator in process, the simulator over real HTTP, or a live base URL) that runs
// the checks one at a time: each gets raw requests, the spec's examples and a "refused with status S
// naming field F" assertion through a fetch that checks every exchange against the spec, and after each
// check every exchange must have matched the spec. The session ends with status coverage: every
// documented status of every operation must be provoked by a real request in some check (each check
// verifies what it claims), or be listed as not provokable by any request, with the reason (then an
// injected fault answers it against the simulator, and a live run reports it as skipped).
//
// Nothing here depends on a test framework: the `batchspec` CLI runs sessions itself (runner.ts), and
// vitest.ts registers the same checks as vitest tests.
import type { HttpHandler } from "msw";
import type { OpenApiValidator, ValidationIssue } from "../../src/core/openapi-validator.ts";
import type { OperationTable } from "../../src/core/operation-table.ts";
import { fetchFromHandlers, isSimulatorHandler, type FaultQueue } from "../../src/core/simulator/index.ts";
import { createCheckedFetch, type CheckedFetch, type Exchange } from "./checked-fetch.ts";
import {
  byDocumentedKey,
  coverage,
  documentedKey,
  declaredParameters,
  documentedStatuses,
  unexercised,
  unmetClaims,
  withoutCheck,
  type Provoker,
  type Verdict,
} from "./coverage.ts";
import { requestExample, sampleRequest } from "./examples.ts";
import { breakersOf, drawBreaks, sendBreak } from "./negative.ts";
import { statefulChecks, type ResourceConfig } from "./stateful.ts";
import { expect } from "./expect.ts";
import type { Target } from "./target.ts";

export interface SuiteSimulator<State> {
  state: State;
  handlers(baseUrl: string): HttpHandler[];
  faults: FaultQueue;
  /** Puts the simulator back as it started (called after every check). */
  reset(): void | Promise<void>;
  /** `operationId query.name` for each query parameter the spec declares that the simulator ignores. */
  unhonoured(): string[];
}

export interface ConformanceConfig<Api, State> {
  /** The spec id (`zoom-scribe`): names the suite and its BATCHSPEC_<ID>_* variables. */
  id: string;
  validator: () => OpenApiValidator;
  /** The generated operations table: the statuses coverage goes by. */
  operations: OperationTable;
  /** The provider's default server, where the simulator answers. */
  baseUrl: string;
  /** A client over the checked fetch. Retries are off: the suite must see every status the API sends. */
  client(options: { token: string; baseUrl: string; fetch: CheckedFetch["fetch"]; maxRetries: 0 }): Api;
  /** How the provider's error body names fields (for `expectRefused`). */
  issuesFromBody(body: unknown): ValidationIssue[];
  simulator: SuiteSimulator<State>;
  /** The token the simulator accepts. Default `"conformance-token"`. */
  simulatorToken?: string;
  /** `operationId status` → why no request can provoke it (a 500, a rate limit). */
  notProvokable?: Record<string, string>;
  /** Other endpoints the suite's checks talk to (a webhook receiver), answered in process. */
  handlers?: HttpHandler[];
  /** The provider's resources, for the stateful checks every provider gets (stateful.ts). */
  resources?: ResourceConfig[];
  /** Prepares the simulator for the stateful checks (what the example requests name must exist). */
  beforeStateful?(state: State): void;
}

export interface RawResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text of any other, or undefined when empty. */
  body: any;
}

export interface RawInit {
  body?: BodyInit;
  contentType?: string;
  /** The bearer token; null sends none. Default: the target's. */
  token?: string | null;
}

export interface CheckContext<Api, State> {
  api: Api;
  /** A client with another token. */
  withToken(token: string): Api;
  checked: CheckedFetch;
  state: State;
  simulated: boolean;
  target: Target;
  /** A request built by hand (for what the typed client would not send), through the checked fetch. */
  raw(method: string, path: string, init?: RawInit): Promise<RawResult>;
  /** A request to the operation as the spec's examples describe it (path parameters, body), with this token (null: none). */
  sample(operationId: string, token?: string | null): Promise<RawResult>;
  /** The spec's request body example of an operation (by name, or its first). */
  example(operationId: string, name?: string): any;
  /** Simulator handlers that take precedence until the check ends (a simulator set up differently). */
  use(...handlers: HttpHandler[]): void;
  /** The response was a refusal with `status`, and its error body names `field`. */
  expectRefused(result: { status: number; body: unknown }, status: number, field?: string): void;
}

export interface CheckOptions {
  /** `operationId status` pairs this check provokes with real requests; verified when it runs. */
  provokes?: string[];
  /**
   * `operationId query.name` parameters whose effect this check asserts; verified when it runs (a request
   * with the parameter gets a 2xx). Every parameter the spec declares needs such a check.
   */
  exercises?: string[];
  /** It steers the simulator, so it is skipped against a live API. */
  simulatorOnly?: boolean;
  /** Against a live API it would create something: it runs there only with writes allowed. */
  writes?: boolean;
  /** Why it can run only against the simulator in process (not over HTTP, not live). */
  inProcessOnly?: string;
}

export interface RefusalRow<Api, State> {
  /** What is refused: `"a manifest of 1,001 files"`. */
  name: string;
  operationId: string;
  status: number;
  /** The field the error body must name. */
  field?: string;
  /** Text the error body must carry (its message), against the simulator. */
  says?: string;
  /** The request breaks the spec itself (so the spec must reject it too). */
  breaksSpec?: boolean;
  simulatorOnly?: boolean;
  send(ctx: CheckContext<Api, State>): Promise<{ status: number; body: unknown }>;
}

export interface Suite<Api, State> {
  check(
    name: string,
    options: CheckOptions,
    fn: (ctx: CheckContext<Api, State>) => Promise<void> | void,
  ): void;
  /** One check per row: the request is refused with its status, naming its field. */
  refusals(rows: RefusalRow<Api, State>[]): void;
}

/** Where a check belongs in a report. */
export type CheckGroup = "checks" | "negative" | "stateful" | "statuses" | "simulator";

/** A check as a session plans it for its target: it runs, or it is skipped for `skipped`. */
export interface PlannedCheck {
  name: string;
  group: CheckGroup;
  /** Why it does not run against this target (needs the simulator, needs writes, not provokable live). */
  skipped: string | undefined;
}

export interface SessionOptions {
  /** Against a live API, run the checks that create something too. */
  allowWrites?: boolean;
  /** Against a live API, how long a request may wait for its answer. Default 30 s. */
  requestTimeoutMs?: number;
  /** The seed of the negative checks' draws. Default 20261130 (fixed, so CI runs repeat). */
  seed?: number;
  /** Broken requests sent per operation by the negative checks. Default 12. */
  negativeRuns?: number;
}

/** A suite opened on a target: its checks, run one at a time. */
export interface Session {
  readonly target: Target;
  readonly simulated: boolean;
  readonly checks: readonly PlannedCheck[];
  /** Every exchange so far. */
  readonly exchanges: readonly Exchange[];
  /** The spec's validator (and document). */
  readonly validator: OpenApiValidator;
  /** How many `x-inferred` points the spec has: what it assumes where the provider's documents are silent. */
  readonly inferred: number;
  /** Runs one check (throws what failed it); the simulator is reset after it, whatever happened. */
  run(check: PlannedCheck): Promise<void>;
  /**
   * Removes what the checks created on a live API, where the provider has a way to (a cancel or a
   * delete); says what could not be removed. Nothing to do against the simulator.
   */
  cleanup(): Promise<string[]>;
  /** `operationId status` pairs a request provoked so far (not injected), and those documented. */
  statuses(): { provoked: string[]; documented: string[] };
}

export interface ConformanceSuite {
  readonly id: string;
  /** Where the built-in simulator answers, and the token it accepts. */
  readonly simulatorTarget: { baseUrl: string; token: string };
  /** The simulator's handlers bound to a base URL (what a mock server serves). */
  simulatorHandlers(baseUrl: string): HttpHandler[];
  start(target: Target, options?: SessionOptions): Session;
}

/** A check that turned out not to be runnable against this target (it would have written to a live API). */
export class CheckSkipped extends Error {
  override name = "CheckSkipped";
}

/** A request to a live API that got no answer in time. */
export class RequestTimeout extends Error {
  override name = "RequestTimeout";
}

/** A request the run did not send, as it could change a live API's state and writes are not allowed. */
class WriteNotAllowed extends Error {
  override name = "WriteNotAllowed";
}

interface DefinedCheck<Api, State> {
  name: string;
  options: CheckOptions;
  fn: (ctx: CheckContext<Api, State>) => Promise<void> | void;
}

export function defineConformanceSuite<Api, State>(
  config: ConformanceConfig<Api, State>,
  body: (suite: Suite<Api, State>) => void,
): ConformanceSuite {
  const simulatorToken = config.simulatorToken ?? "conformance-token";
  const provokers = new Map<string, Provoker[]>();
  const exercisers = new Map<string, Provoker[]>();
  const defined: DefinedCheck<Api, State>[] = [];

  const check: Suite<Api, State>["check"] = (name, options, fn) => {
    if (defined.some((d) => d.name === name)) throw new Error(`${config.id}: two checks named "${name}"`);
    const claimant = { check: name, simulatorOnly: options.simulatorOnly ?? false };
    for (const status of options.provokes ?? [])
      provokers.set(status, [...(provokers.get(status) ?? []), claimant]);
    for (const param of options.exercises ?? [])
      exercisers.set(param, [...(exercisers.get(param) ?? []), claimant]);
    defined.push({ name, options, fn });
  };
  body({
    check,
    refusals(rows) {
      for (const row of rows) {
        const title = `refuses ${row.name} with ${row.status}${row.field ? ` naming ${row.field}` : ""}`;
        check(
          title,
          { provokes: [`${row.operationId} ${row.status}`], simulatorOnly: row.simulatorOnly ?? false },
          async (c) => {
            const result = row.breaksSpec
              ? await c.checked.expectInvalid(() => row.send(c))
              : await row.send(c);
            c.expectRefused(result, row.status, row.field);
            if (row.says !== undefined && c.simulated)
              expect(JSON.stringify(result.body)).toContain(row.says);
          },
        );
      }
    },
  });

  return {
    id: config.id,
    simulatorTarget: { baseUrl: config.baseUrl, token: simulatorToken },
    simulatorHandlers: (baseUrl) => config.simulator.handlers(baseUrl),
    start: (target, options = {}) => openSession(config, target, options, defined, provokers, exercisers),
  };
}

function openSession<Api, State>(
  config: ConformanceConfig<Api, State>,
  target: Target,
  options: SessionOptions,
  defined: readonly DefinedCheck<Api, State>[],
  provokers: ReadonlyMap<string, Provoker[]>,
  exercisers: ReadonlyMap<string, Provoker[]>,
): Session {
  const simulated = target.kind !== "live";
  const validator = config.validator();

  // How requests reach the target. In process: the simulator's handlers answer (and the suite's own,
  // a webhook receiver), those a check swapped in first. Over HTTP: the API by the network, other
  // origins (a presigned upload URL) in process. Live: the network.
  let swapped: HttpHandler[] = [];
  // The simulator's handlers are made once (they answer from its state, which reset() puts back).
  const standing: HttpHandler[] = simulated
    ? [...config.simulator.handlers(target.baseUrl), ...(config.handlers ?? [])]
    : [...(config.handlers ?? [])];
  const own = (): HttpHandler[] => [...swapped, ...standing];
  let inProcess = fetchFromHandlers(own());
  const apiOrigin = new URL(target.baseUrl).origin;
  // A live API: every request has a deadline (a target that stops answering must not hold a run for
  // hours), redirects are not followed (the spec documents none; one is an answer off it), and a
  // request that could change the API's state (any method but GET and HEAD, with the run's token) is
  // not sent unless writes are allowed: the check that wanted to send it is skipped, saying so.
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  let blockedWrite: string | undefined;
  let timedOut = 0;
  const live = async (request: Request, init?: { signal?: AbortSignal }) => {
    const carriesToken = [...request.headers.values()].some((v) => v.includes(target.token));
    if (!options.allowWrites && carriesToken && request.method !== "GET" && request.method !== "HEAD") {
      blockedWrite ??= `${request.method} ${new URL(request.url).pathname}`;
      throw new WriteNotAllowed(`${blockedWrite} was not sent: writes are not allowed`);
    }
    const deadline = AbortSignal.timeout(requestTimeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await globalThis.fetch(request, { signal, redirect: "manual" });
    } catch (error) {
      if (deadline.aborted) {
        timedOut += 1;
        throw new RequestTimeout(
          `${request.method} ${new URL(request.url).pathname}: no answer within ${requestTimeoutMs / 1000} s`,
        );
      }
      throw error;
    }
  };
  const inner =
    target.kind === "simulator"
      ? (request: Request) => inProcess(request)
      : target.kind === "http-simulator"
        ? (request: Request, init?: { signal?: AbortSignal }) =>
            new URL(request.url).origin === apiOrigin && swapped.length === 0
              ? globalThis.fetch(request, init)
              : inProcess(request)
        : live;
  const checked = createCheckedFetch(validator, target.baseUrl, inner);
  const clientFor = (token: string) =>
    config.client({ token, baseUrl: target.baseUrl, fetch: checked.fetch, maxRetries: 0 });

  const send = async (request: Request): Promise<RawResult> => {
    const response = await checked.fetch(request);
    const text = await response.text();
    let parsed: unknown = text === "" ? undefined : text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };

  const ctx: CheckContext<Api, State> = {
    api: clientFor(target.token),
    withToken: clientFor,
    checked,
    state: config.simulator.state,
    simulated,
    target,
    raw(method, path, init = {}) {
      const headers = new Headers();
      if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? target.token}`);
      if (init.contentType) headers.set("Content-Type", init.contentType);
      const url = `${target.baseUrl.replace(/\/+$/, "")}${path}`;
      return send(new Request(url, { method, headers, body: init.body }));
    },
    sample(operationId, token) {
      const request = sampleRequest(validator, target.baseUrl, operationId, token ?? target.token);
      if (token === null) request.headers.delete("Authorization");
      return send(request);
    },
    use(...handlers) {
      // Another simulator set up differently, never a hand-made answer: that would be no evidence.
      if (!handlers.every(isSimulatorHandler))
        throw new TypeError("use(): only handlers bound through the simulator kit's `simulate`");
      if (!simulated) throw new TypeError("use(): only against the simulator");
      swapped = [...handlers, ...swapped];
      inProcess = fetchFromHandlers(own());
    },
    example: (operationId, name) => requestExample(validator, operationId, name)?.value,
    expectRefused(result, status, field) {
      expect(result.status, `status of a refusal expected to be ${status}`).toBe(status);
      if (field === undefined) return;
      const named = config.issuesFromBody(result.body).map((i) => i.location);
      // The simulator must name the field exactly; a live API's body is only searched for it.
      if (simulated) expect(named, `the error body names ${field}`).toContain(field);
      else expect(JSON.stringify(result.body)).toContain(field);
    },
  };

  const skipOf = (o: CheckOptions): string | undefined => {
    if (o.inProcessOnly && target.kind !== "simulator")
      return `needs the simulator in process: ${o.inProcessOnly}`;
    if (simulated) return undefined;
    if (o.simulatorOnly) return "needs the simulator (it steers the simulator's state)";
    if (o.writes && !options.allowWrites)
      return "needs writes (it would create something on the live API; allow with --allow-writes)";
    return undefined;
  };

  // What each planned check runs.
  const runs = new Map<string, () => Promise<void>>();
  const plan: PlannedCheck[] = [];
  const add = (name: string, group: CheckGroup, skipped: string | undefined, run: () => Promise<void>) => {
    plan.push({ name, group, skipped });
    runs.set(`${group}\u0000${name}`, run);
  };

  for (const d of defined) {
    add(d.name, "checks", skipOf(d.options), async () => {
      const from = checked.exchanges.length;
      await d.fn(ctx);
      const exchanges = checked.exchanges.slice(from);
      expectNone(
        unmetClaims(d.options.provokes ?? [], exchanges),
        "statuses this check claims to provoke, but did not",
      );
      // Against a live API a parameter may have nothing to do (one page: no cursor to send back).
      if (simulated)
        expectNone(
          unexercised(d.options.exercises ?? [], exchanges),
          "parameters this check claims to use, but did not",
        );
    });
  }

  // Negative checks: for every operation, requests that break its own schema, drawn from the seed.
  const seed = options.seed ?? 20261130;
  const runsPerOperation = options.negativeRuns ?? 12;
  for (const info of validator.operations) {
    if (info.path === undefined) continue; // a webhook: the provider sends it, the suite does not
    const reads = info.method === "GET" || info.method === "HEAD";
    const skipped = simulated
      ? undefined
      : !reads && !options.allowWrites
        ? "needs writes (an API that wrongly took a broken request would create something; allow with --allow-writes)"
        : undefined;
    add(`refuses requests that break ${info.operationId}'s schema`, "negative", skipped, async () => {
      const breaks = drawBreaks(
        breakersOf(validator, info.operationId, target.token),
        seed,
        runsPerOperation,
      );
      const failures: string[] = [];
      let first: Exchange | undefined;
      for (const b of breaks) {
        const at = checked.exchanges.length;
        const failure = await sendBreak({ validator, target, checked }, info.operationId, b);
        if (!failure) continue;
        failures.push(failure);
        first ??= checked.exchanges[at];
      }
      if (failures.length > 0)
        // The exchange a report shows is the one the reason describes: the first failure's.
        throw Object.assign(
          new Error(
            `${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more: ${failures.slice(1, 4).join("; ")})` : ""}`,
          ),
          { exchange: first },
        );
    });
  }

  // Stateful checks from the provider's resources.
  const created: { resource: ResourceConfig; id: string }[] = [];
  async function call(
    operationId: string,
    pathValues: Record<string, string> = {},
    query: Record<string, string> = {},
    example?: string,
  ) {
    const sample = sampleRequest(validator, target.baseUrl, operationId, target.token, example);
    const info = validator.operation(operationId);
    let path = info.path ?? "/";
    for (const { param } of info.parameters) {
      if (param.in !== "path") continue;
      const p = param as { example?: unknown; schema?: { example?: unknown } };
      const value = pathValues[param.name] ?? String(p.example ?? p.schema?.example ?? "example");
      path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    }
    const url = new URL(`${target.baseUrl.replace(/\/+$/, "")}${path}`);
    for (const [k, v] of new URL(sample.url).searchParams) url.searchParams.set(k, v);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const body = sample.body === null ? undefined : await sample.arrayBuffer();
    return send(new Request(url, { method: sample.method, headers: sample.headers, body }));
  }
  for (const resource of config.resources ?? []) {
    const tools = {
      simulated,
      allowWrites: options.allowWrites ?? false,
      call,
      state: config.simulator.state,
      created: (id: string) => {
        if (!simulated) created.push({ resource, id });
      },
      removed: (id: string) => {
        const at = created.findIndex((c) => c.resource === resource && c.id === id);
        if (at >= 0) created.splice(at, 1);
      },
    };
    for (const c of statefulChecks(resource, tools)) {
      const skipped = skipOf({ writes: c.writes });
      add(c.name, "stateful", skipped, async () => {
        if (simulated) config.beforeStateful?.(config.simulator.state);
        await c.run();
      });
    }
  }

  const documented = documentedStatuses(config.operations);
  const verdicts = coverage(documented, provokers, config.notProvokable ?? {}, simulated);
  add("covers every documented status of every operation", "statuses", undefined, async () => {
    expectNone(verdicts.filter((v) => v.kind === "failure").map(describeVerdict), "statuses not covered");
  });
  add("would fail without any check that alone provokes a status", "statuses", undefined, async () => {
    // The coverage check above can fail: deleting any one of this suite's checks that is the only
    // provoker of a status turns that status into a failure.
    const { byKey } = byDocumentedKey(documented, provokers);
    const checks = new Set([...provokers.values()].flat().map((p) => p.check));
    for (const name of checks) {
      const sole = [...byKey].filter(([, by]) => by.every((p) => p.check === name)).map(([s]) => s);
      const after = coverage(documented, withoutCheck(provokers, name), config.notProvokable ?? {}, true);
      const failing = after.filter((v) => v.kind === "failure").map((v) => v.status);
      expect(failing, `without "${name}"`).toEqual(expect.arrayContaining(sole));
    }
  });
  for (const v of verdicts) {
    if (v.kind === "skipped")
      add(`${v.status}: not provoked here`, "statuses", `not provokable live: ${v.reason}`, async () => {});
    if (v.kind !== "fault") continue;
    add(`${v.status}: answered by an injected fault (${v.reason})`, "statuses", undefined, async () => {
      const [operationId, status] = v.status.split(" ") as [string, string];
      config.simulator.faults.inject({
        status: Number(status),
        operationId,
        ...(status === "429" ? { retryAfter: 1 } : {}),
      });
      const response = await checked.fetch(
        sampleRequest(validator, target.baseUrl, operationId, target.token),
      );
      expect(response.status).toBe(Number(status));
    });
  }

  const needsSimulator = simulated ? undefined : "needs the simulator (it inspects the simulator itself)";
  add("honours every query parameter the spec declares", "simulator", needsSimulator, async () => {
    expectNone(config.simulator.unhonoured(), "query parameters the simulator ignores");
  });
  add(
    "has a check that asserts the effect of every query parameter the spec declares",
    "simulator",
    needsSimulator,
    async () => {
      const found = coverage(declaredParameters(config.operations), exercisers, {}, true, "exercises");
      expectNone(
        found.filter((v) => v.kind === "failure").map(describeVerdict),
        "query parameters not covered",
      );
    },
  );

  return {
    target,
    simulated,
    checks: plan,
    validator,
    inferred: countInferred(validator.document),
    get exchanges() {
      return checked.exchanges;
    },
    async run(planned) {
      const run = runs.get(`${planned.group}\u0000${planned.name}`);
      if (!run) throw new Error(`${config.id}: no check named "${planned.name}"`);
      const first = checked.exchanges.length;
      blockedWrite = undefined;
      const timeoutsBefore = timedOut;
      let failure: unknown;
      try {
        await run();
      } catch (error) {
        failure = error;
      }
      if (blockedWrite !== undefined)
        throw new CheckSkipped(
          `needs writes (it sends ${blockedWrite} with the token, which could change the live API; allow with --allow-writes)`,
        );
      if (timedOut > timeoutsBefore && failure !== undefined)
        throw new RequestTimeout(
          `the target did not answer within ${requestTimeoutMs / 1000} s (${failure instanceof Error ? failure.message.split("\n")[0] : String(failure)})`,
        );
      // The point of the suite: whatever a check did, every exchange matched the spec.
      const problems = checked.problems(first);
      if (simulated) {
        await config.simulator.reset();
        if (swapped.length > 0) {
          swapped = [];
          inProcess = fetchFromHandlers(own());
        }
      }
      if (failure !== undefined) {
        // What went wrong first is the failure; exchanges off the spec on the way are said with it.
        if (problems.length > 0 && failure instanceof Error)
          failure.message += `\n(also, requests and responses off specs/${config.id}: ${problems.join("; ")})`;
        throw failure;
      }
      expectNone(problems, `requests and responses must match specs/${config.id}`);
    },
    async cleanup() {
      const left: string[] = [];
      for (const { resource, id } of created.splice(0)) {
        if (!resource.remove) {
          left.push(`${resource.noun} ${id} (the API has no way to remove one)`);
          continue;
        }
        const result = await call(resource.remove.operationId, { [resource.remove.param]: id }).catch(
          (error: unknown) => ({ status: 0, body: String((error as Error)?.message ?? error) }),
        );
        if (result.status < 200 || result.status >= 300) {
          const said = typeof result.body === "string" ? result.body : JSON.stringify(result.body ?? "");
          left.push(
            `${resource.noun} ${id} (removing it got ${result.status || "no answer"}${said ? `: ${said.slice(0, 160)}` : ""})`,
          );
        }
      }
      return left;
    },
    statuses() {
      const known = new Set(documented);
      const provoked = new Set<string>();
      for (const e of checked.exchanges) {
        // Only an answer on the spec counts: a status the target sent with a body off it is no evidence.
        if (e.injected || e.foreign || e.operationId === undefined || e.status === undefined) continue;
        if (e.responseIssues.length > 0) continue;
        const key = documentedKey(known, `${e.operationId} ${e.status}`);
        if (key) provoked.add(key);
      }
      return { provoked: [...provoked], documented };
    },
  };
}

/** The `x-inferred` notes in a document. */
function countInferred(document: unknown): number {
  let count = 0;
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key === "x-inferred") count += 1;
      walk(value);
    }
  };
  walk(document);
  return count;
}

/** Passes for an empty list; else fails with `what` and every item in the message (reports show it). */
function expectNone(items: readonly string[], what: string): void {
  expect(items, `${what}: ${items.join("; ")}`).toEqual([]);
}

const describeVerdict = (v: Verdict) => `${v.status}: ${"reason" in v ? v.reason : v.kind}`;
