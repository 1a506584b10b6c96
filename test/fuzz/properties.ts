// The fuzz's properties, run by fuzz.test.ts at a fixed seed (in `npm test`) and by scripts/fuzz.ts at a
// random one it prints (`npm run fuzz`). Each returns the first counterexample fast-check found, shrunk.
//
// Simulators: any request whatsoever gets an answer (no exception), with a status the spec documents for
// its operation, a response that matches the spec, no 2xx for a request the spec refuses, and no schema
// refusal for a request the spec accepts.
// Clients: against a hostile server (any status, headers and body, connections that break, answers
// that never come, bodies that stall) every helper settles, fails only with a BatchspecError, and no
// secret it sent appears in any rendering of the error.
// Webhooks: a delivery verifies only as it was signed, and verifying never throws.
import { inspect } from "node:util";
import fc from "fast-check";
import { BatchspecError } from "../../src/core/errors.ts";
import { readBody } from "../../src/core/media.ts";
import { resolveRef } from "../../src/core/openapi-types.ts";
import { signZoomWebhook, verifyZoomWebhook } from "../../src/zoom/webhook.ts";
import type { FuzzProvider } from "./providers.ts";
import { arbitraryFor } from "./schema-arbitrary.ts";

export interface FuzzRun {
  seed: number;
  numRuns: number;
}

const TOKEN = "fuzz-token-7f3a9c";
const SECRET = "fuzz-aws-secret-91b2e";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** A path parameter as a hostile client might send it: ids, unicode, escapes (some malformed), long ones. */
const pathParam = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("job_000001", "job_000002", "job_000003", "f_001", "f_002") },
  fc.constantFrom("job_1", ""),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom("%E0%A4%A", "%", "%zz", "a%2Fb", ".."),
  fc.string({ minLength: 300, maxLength: 400 }).map(encodeURIComponent),
) as fc.Arbitrary<string>;

/** A body: from the spec's own schema, any JSON, or worse. */
function bodyFor(
  provider: FuzzProvider,
  operationId: string,
): fc.Arbitrary<{ text: string | undefined; type: string | undefined }> {
  const { document } = provider.validator();
  const requestBody = provider.validator().operation(operationId).operation.requestBody;
  const content =
    requestBody === undefined
      ? {}
      : (resolveRef<{ content?: Record<string, { schema?: unknown }> }>(document, requestBody, "").node
          .content ?? {});
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: "application/json" });
  // The spec's own examples (which the simulator should take), and values generated from the schema.
  const examples = Object.values(content).flatMap((m) =>
    Object.values((m as { examples?: Record<string, { value?: unknown }> }).examples ?? {}).map(
      (e) => e.value,
    ),
  );
  const fromSchema = [
    ...Object.values(content).map((m) => arbitraryFor(document, m.schema).map(json)),
    ...(examples.length ? [fc.constantFrom(...examples).map(json)] : []),
  ];
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fromSchema.length
        ? fc.oneof(...fromSchema)
        : fc.constant({ text: undefined, type: undefined }),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    { weight: 1, arbitrary: fc.constant({ text: undefined, type: undefined }) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 40 }).map((text) => ({ text, type: "application/json" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("text/plain", "multipart/form-data; boundary=x", "application/xml")
        .map((type) => ({ text: "input=x", type })),
    },
    {
      // A body the spec would take, with a value nested thousands deep where the schema is open.
      weight: 1,
      arbitrary: fc
        .tuple(
          fromSchema.length ? fc.oneof(...fromSchema) : fc.constant(json({})),
          fc.constantFrom(65, 3000, 20_000),
        )
        .map(([body, n]) => ({
          text: (body.text ?? "{}")
            .replace(/\{/, `{"deep":${"[".repeat(n)}${"]".repeat(n)},`)
            .replace(/,\}/, "}"),
          type: "application/json",
        })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        text: JSON.stringify({ input: { uri: "x".repeat(70_000) } }),
        type: "application/json",
      }),
    },
  );
}

/** A request to the simulator: mostly to an operation of the spec, sometimes anywhere. */
function requestFor(provider: FuzzProvider): fc.Arbitrary<{
  method: string;
  path: string;
  query: string;
  body: { text: string | undefined; type: string | undefined };
  token: string | null;
}> {
  const operations = Object.entries(provider.operations);
  const query = (names: readonly string[]) =>
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...names, "unknown"),
          fc.oneof(
            fc.constantFrom("0", "1", "50", "1001", "QUEUED", "DONE", ""),
            fc.string({ maxLength: 10 }),
          ),
        ),
        { maxLength: 3 },
      )
      .map((pairs) => new URLSearchParams(pairs).toString());
  const toOperation = fc.constantFrom(...operations).chain(([operationId, entry]) =>
    fc.record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(entry.method) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      path: fc.array(pathParam, { minLength: 4, maxLength: 4 }).map((values) => {
        let i = 0;
        return entry.path.replace(/\{[^}]+\}/g, () => values[i++] ?? "x");
      }),
      query: query(entry.query),
      body: bodyFor(provider, operationId),
      token: fc.oneof(
        { weight: 8, arbitrary: fc.constant(TOKEN) },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constant("wrong") },
      ),
    }),
  );
  const anywhere = fc.record({
    method: fc.constantFrom(...METHODS),
    path: fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`),
    query: fc.constant(""),
    body: fc.constant({ text: undefined, type: undefined }),
    token: fc.constant(TOKEN as string | null),
  });
  return fc.oneof({ weight: 19, arbitrary: toOperation }, { weight: 1, arbitrary: anywhere });
}

/** What is wrong with one exchange with a simulator, if anything. */
async function judge(
  provider: FuzzProvider,
  request: Request,
  response: Response,
): Promise<string | undefined> {
  const validator = provider.validator();
  const url = new URL(request.url);
  const relative = url.pathname.slice(new URL(provider.baseUrl).pathname.length) || "/";
  let match: ReturnType<typeof validator.findOperation>;
  try {
    match = validator.findOperation(request.method, relative);
  } catch {
    match = undefined; // a path whose escapes do not decode
  }
  if (!match) {
    return [400, 404, 405].includes(response.status)
      ? undefined
      : `${request.method} ${relative}: ${response.status} for a request no operation takes`;
  }
  const operationId = match.info.operationId;
  const documented = provider.operations[operationId]!.statuses;
  if (!documented.includes(String(response.status)) && !["404", "405"].includes(String(response.status)))
    return `${operationId}: ${response.status} is not documented (${documented.join(", ")})`;
  const read = await readBody(response.clone());
  const responseIssues = documented.includes(String(response.status))
    ? validator.validateResponse(operationId, {
        status: response.status,
        headers: response.headers,
        contentType: response.headers.get("content-type"),
        body: read.ok ? read.body : undefined,
      })
    : [];
  if (responseIssues.length > 0)
    return `${operationId} → ${response.status}: the response breaks the spec: ${responseIssues.map((i) => `${i.location}: ${i.message}`).join("; ")}`;
  const sent = await readBody(request.clone());
  const requestIssues = sent.ok
    ? validator
        .validateRequest(operationId, {
          pathParams: match.pathParams,
          query: url.searchParams,
          headers: request.headers,
          contentType: request.headers.get("content-type"),
          body: sent.body,
        })
        .filter((i) => i.location !== "header.authorization")
    : [{ location: "body", message: sent.message }];
  if (response.ok && requestIssues.length > 0)
    return `${operationId}: ${response.status} for a request the spec refuses (${requestIssues.map((i) => `${i.location}: ${i.message}`).join("; ")})`;
  if (!response.ok && requestIssues.length === 0 && provider.isSchemaRefusal(read.ok ? read.body : undefined))
    return `${operationId}: refused as breaking the spec, but the spec accepts it: ${JSON.stringify(read.ok ? read.body : "")}`;
  return undefined;
}

export async function fuzzSimulator(provider: FuzzProvider, run: FuzzRun): Promise<void> {
  const simulator = provider.simulator(TOKEN);
  let count = 0;
  await fc.assert(
    fc.asyncProperty(requestFor(provider), async ({ method, path, query, body, token }) => {
      if (++count % 200 === 0) simulator.reset();
      const headers = new Headers();
      if (token !== null) headers.set("Authorization", `Bearer ${token}`);
      if (body.type) headers.set("Content-Type", body.type);
      const hasBody = body.text !== undefined && method !== "GET";
      const request = new Request(`${provider.baseUrl}${path}${query ? `?${query}` : ""}`, {
        method,
        headers,
        ...(hasBody ? { body: body.text } : {}),
      });
      let response: Response;
      try {
        response = await simulator.fetch(request.clone());
      } catch (error) {
        throw new Error(
          `${method} ${path}: the simulator threw: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      const problem = await judge(provider, request, response);
      if (problem) throw new Error(problem);
    }),
    { seed: run.seed, numRuns: run.numRuns, endOnFailure: true },
  );
}

/** What a hostile server answers. */
type Hostile =
  | {
      kind: "answer";
      status: number;
      contentType: string | undefined;
      body: string | undefined;
      headers: [string, string][];
    }
  | { kind: "throw" }
  | { kind: "hang" }
  | { kind: "stall"; status: number };

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      status: fc.oneof(
        fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503),
        fc.integer({ min: 200, max: 599 }),
      ),
      contentType: fc.constantFrom("application/json", "text/plain", "application/x-ndjson", undefined),
      body: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.constantFrom(
          `{"jobs": [], "next_cursor": "c"}`,
          `{"files": [{"file_id": "f"}], "next_page_token": "same"}`,
          `{"job_id": "job_1", "state": "FAILED", "error": {"code": "X", "message": "${SECRET} ${TOKEN}"}}`,
          `{"job_id": "job_1", "state": "PROCESSING"}`,
          `{"message": "Bearer ${TOKEN} rejected", "${SECRET}": 1}`,
          `{"things": [`,
          "",
          "<html>",
        ),
        fc.constantFrom(5000).map((n) => `{"a":${"[".repeat(n)}${"]".repeat(n)}}`),
        fc.constant(undefined),
      ),
      headers: fc.array(
        fc.tuple(
          fc.constantFrom("Retry-After", "retry-after-ms", "x-zm-trackingid", "x-echo", "set-cookie"),
          fc.oneof(
            fc.constantFrom(
              "0",
              "1",
              "-1",
              "abc",
              "1e309",
              "Wed, 21 Oct 2099 07:28:00 GMT",
              TOKEN,
              `Bearer ${TOKEN}`,
            ),
            fc.string({ maxLength: 8 }),
          ),
        ),
        { maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "throw" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "hang" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("stall" as const), status: fc.constantFrom(200, 201, 500) }),
  },
);

function hostileFetch(script: Hostile[]): (request: Request) => Promise<Response> {
  let i = 0;
  return async (request) => {
    const step = script[i++ % script.length]!;
    if (step.kind === "throw") throw new TypeError(`fetch failed (${request.headers.get("authorization")})`);
    if (step.kind === "hang") return new Promise<Response>(() => {});
    if (step.kind === "stall") {
      return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"jo')) }), {
        status: step.status,
        headers: { "content-type": "application/json" },
      });
    }
    const headers = new Headers(step.headers.filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
    if (step.contentType) headers.set("content-type", step.contentType);
    const nullBody = [204, 205, 304].includes(step.status);
    return new Response(nullBody ? null : (step.body ?? null), { status: step.status, headers });
  };
}

const renderings = (error: unknown) => [
  String((error as Error)?.message),
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 8 }),
];

export async function fuzzClient(provider: FuzzProvider, run: FuzzRun): Promise<void> {
  const names = Object.keys(
    provider.helpers(
      { token: TOKEN, fetch: async () => new Response(), timeoutMs: 1, maxRetries: 0, sleep: async () => {} },
      SECRET,
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...names),
      fc.array(hostile, { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
      async (name, script, maxRetries, tokenFunction) => {
        const helpers = provider.helpers(
          {
            token: tokenFunction ? async () => TOKEN : TOKEN,
            fetch: hostileFetch(script),
            timeoutMs: 10,
            maxRetries,
            sleep: async () => {},
          },
          SECRET,
        );
        const watchdog = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 3000).unref());
        const outcome = await Promise.race([
          helpers[name]!().then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
          watchdog,
        ]);
        if (outcome === "hung")
          throw new Error(`${name} never settled against ${JSON.stringify(script).slice(0, 300)}`);
        if (outcome.ok) return;
        const { error } = outcome;
        if (!(error instanceof BatchspecError))
          throw new Error(
            `${name} failed with a ${(error as Error)?.constructor?.name}, not a BatchspecError: ${String(error)}`,
          );
        const secrets = provider.sendSecret.includes(name) ? [TOKEN, SECRET] : [TOKEN];
        const leaked = renderings(error).find((text) => secrets.some((secret) => text.includes(secret)));
        if (leaked) throw new Error(`${name}: a secret in its ${error.name}: ${leaked.slice(0, 300)}`);
      },
    ),
    { seed: run.seed, numRuns: run.numRuns, endOnFailure: true },
  );
}

export async function fuzzWebhooks(run: FuzzRun): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.string({ minLength: 1, maxLength: 16 }),
      fc.constantFrom("none", "body", "signature", "timestamp", "secret", "drop-header"),
      fc.string({ maxLength: 6 }),
      async (rawBody, secret, mutation, noise) => {
        const now = 1_767_638_052_000;
        const headers: Record<string, string> = await signZoomWebhook({
          secret,
          rawBody,
          timestamp: now / 1000,
        });
        let body = rawBody;
        let key = secret;
        if (mutation === "body") body = `${rawBody}${noise || " "}`;
        if (mutation === "signature") headers["x-zm-signature"] = `sha256=${"0".repeat(64)}`;
        if (mutation === "timestamp") headers["x-zm-request-timestamp"] = String(now / 1000 + 1);
        if (mutation === "secret") key = `${secret}${noise || "x"}`;
        if (mutation === "drop-header") delete headers["x-zm-signature"];
        const result = await verifyZoomWebhook({
          secrets: [key, undefined as never, ""],
          rawBody: body,
          headers,
          now: () => now,
        });
        const intact = mutation === "none";
        if (result.valid !== intact)
          throw new Error(`mutation ${mutation} gave valid=${String(result.valid)}`);
      },
    ),
    { seed: run.seed, numRuns: run.numRuns, endOnFailure: true },
  );
}
