// defineConformanceSuite: what makes a provider's suite short and honest. It owns the MSW server
// (unhandled requests are errors), checks every exchange against the spec after each check, gives
// checks raw requests, the spec's examples and a "refused with status S naming field F" assertion,
// and ends with status coverage: every documented status of every operation must be provoked by a
// real request in some check (each check verifies what it claims), or be listed as not provokable by
// any request, with the reason (then an injected fault answers it against the simulator, and a live
// run reports it as skipped). Against a live API, checks that need the simulator are skipped.
import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenApiValidator, ValidationIssue } from "../../src/core/openapi-validator.ts";
import type { OperationTable } from "../../src/core/operation-table.ts";
import { isSimulatorHandler, type FaultQueue } from "../../src/core/simulator/index.ts";
import { createCheckedFetch, type CheckedFetch } from "./checked-fetch.ts";
import {
  byDocumentedKey,
  coverage,
  declaredParameters,
  documentedStatuses,
  unexercised,
  unmetClaims,
  withoutCheck,
  type Provoker,
  type Verdict,
} from "./coverage.ts";
import { requestExample, sampleRequest } from "./examples.ts";
import { selectTarget, type Target } from "./target.ts";

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
  /** Other endpoints the suite's checks talk to (a webhook receiver). */
  handlers?: HttpHandler[];
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

export function defineConformanceSuite<Api, State>(
  config: ConformanceConfig<Api, State>,
  body: (suite: Suite<Api, State>) => void,
): void {
  const simulatorToken = config.simulatorToken ?? "conformance-token";
  const target = selectTarget(config.id, { baseUrl: config.baseUrl, token: simulatorToken });
  const simulated = target.kind === "simulator";
  const validator = config.validator();
  const checked = createCheckedFetch(validator, target.baseUrl);
  const clientFor = (token: string) =>
    config.client({ token, baseUrl: target.baseUrl, fetch: checked.fetch, maxRetries: 0 });
  const server = setupServer(...config.simulator.handlers(target.baseUrl), ...(config.handlers ?? []));
  const provokers = new Map<string, Provoker[]>();
  const exercisers = new Map<string, Provoker[]>();

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
  const raw: CheckContext<Api, State>["raw"] = (method, path, init = {}) => {
    const headers = new Headers();
    if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? target.token}`);
    if (init.contentType) headers.set("Content-Type", init.contentType);
    const url = `${target.baseUrl.replace(/\/+$/, "")}${path}`;
    return send(new Request(url, { method, headers, body: init.body }));
  };

  const ctx: CheckContext<Api, State> = {
    api: clientFor(target.token),
    withToken: clientFor,
    checked,
    state: config.simulator.state,
    simulated,
    target,
    raw,
    sample(operationId, token) {
      const request = sampleRequest(validator, target.baseUrl, operationId, token ?? target.token);
      if (token === null) request.headers.delete("Authorization");
      return send(request);
    },
    use(...handlers) {
      // Another simulator set up differently, never a hand-made answer: that would be no evidence.
      if (!handlers.every(isSimulatorHandler))
        throw new TypeError("use(): only handlers bound through the simulator kit's `simulate`");
      server.use(...handlers);
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

  const check: Suite<Api, State>["check"] = (name, options, fn) => {
    const claimant = { check: name, simulatorOnly: options.simulatorOnly ?? false };
    for (const status of options.provokes ?? [])
      provokers.set(status, [...(provokers.get(status) ?? []), claimant]);
    for (const param of options.exercises ?? [])
      exercisers.set(param, [...(exercisers.get(param) ?? []), claimant]);
    it.skipIf(options.simulatorOnly && !simulated)(name, async () => {
      const from = checked.exchanges.length;
      await fn(ctx);
      const exchanges = checked.exchanges.slice(from);
      expectNone(
        unmetClaims(options.provokes ?? [], exchanges),
        "statuses this check claims to provoke, but did not",
      );
      // Against a live API a parameter may have nothing to do (one page: no cursor to send back).
      if (simulated)
        expectNone(
          unexercised(options.exercises ?? [], exchanges),
          "parameters this check claims to use, but did not",
        );
    });
  };

  const suite: Suite<Api, State> = {
    check,
    refusals(rows) {
      for (const row of rows) {
        const title = `refuses ${row.name} with ${row.status}${row.field ? ` naming ${row.field}` : ""}`;
        check(
          title,
          { provokes: [`${row.operationId} ${row.status}`], simulatorOnly: row.simulatorOnly ?? false },
          async (c) => {
            const result = row.breaksSpec
              ? await checked.expectInvalid(() => row.send(c))
              : await row.send(c);
            c.expectRefused(result, row.status, row.field);
            if (row.says !== undefined && c.simulated)
              expect(JSON.stringify(result.body)).toContain(row.says);
          },
        );
      }
    },
  };

  let firstExchange = 0;
  beforeAll(() => {
    if (simulated) server.listen({ onUnhandledRequest: "error" });
  });
  beforeEach(() => {
    firstExchange = checked.exchanges.length;
  });
  afterEach(async () => {
    // The point of the suite: whatever a check did, every exchange matched the spec.
    const problems = checked.problems(firstExchange);
    if (simulated) {
      await config.simulator.reset();
      server.resetHandlers();
    }
    expectNone(problems, `requests and responses must match specs/${config.id}`);
  });
  afterAll(() => server.close());

  describe(config.id, () => body(suite));

  describe(`${config.id}: every documented status`, () => {
    const verdicts = coverage(
      documentedStatuses(config.operations),
      provokers,
      config.notProvokable ?? {},
      simulated,
    );
    const failures = verdicts.filter((v) => v.kind === "failure");
    it("covers every documented status of every operation", () => {
      expectNone(failures.map(describeVerdict), "statuses not covered");
    });
    it("would fail without any check that alone provokes a status", () => {
      // The coverage check above can fail: deleting any one of this suite's checks that is the only
      // provoker of a status turns that status into a failure.
      const documented = documentedStatuses(config.operations);
      // By the entry the spec documents each claim under (a 404 counts for 4XX).
      const { byKey } = byDocumentedKey(documented, provokers);
      const checks = new Set([...provokers.values()].flat().map((p) => p.check));
      for (const check of checks) {
        const sole = [...byKey].filter(([, by]) => by.every((p) => p.check === check)).map(([s]) => s);
        const after = coverage(documented, withoutCheck(provokers, check), config.notProvokable ?? {}, true);
        const failing = after.filter((v) => v.kind === "failure").map((v) => v.status);
        expect(failing, `without "${check}"`).toEqual(expect.arrayContaining(sole));
      }
    });
    for (const v of verdicts) {
      if (v.kind === "skipped") it.skip(`${v.status}: not provoked here (${v.reason})`, () => {});
      if (v.kind !== "fault") continue;
      it(`${v.status}: answered by an injected fault (${v.reason})`, async () => {
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
  });

  describe(`${config.id}: the simulator`, () => {
    it.skipIf(!simulated)("honours every query parameter the spec declares", () => {
      expectNone(config.simulator.unhonoured(), "query parameters the simulator ignores");
    });
    it.skipIf(!simulated)(
      "has a check that asserts the effect of every query parameter the spec declares",
      () => {
        const verdicts = coverage(declaredParameters(config.operations), exercisers, {}, true, "exercises");
        expectNone(
          verdicts.filter((v) => v.kind === "failure").map(describeVerdict),
          "query parameters not covered",
        );
      },
    );
  });
}

/** Passes for an empty list; else fails with `what` and every item in the message (reports show it). */
function expectNone(items: readonly string[], what: string): void {
  expect(items, `${what}: ${items.join("; ")}`).toEqual([]);
}

const describeVerdict = (v: Verdict) => `${v.status}: ${"reason" in v ? v.reason : v.kind}`;
