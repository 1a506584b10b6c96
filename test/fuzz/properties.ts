// The fuzz's properties, run by test/fuzz/<id>.test.ts at a fixed seed (in `npm test`) and by scripts/fuzz.ts at a
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
import { secretValues } from "../../src/core/redact.ts";
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

/** A multipart/form-data body, written out: parts as a client writes them, or broken ones, maybe cut short. */
const part = fc.record({
  name: fc.constantFrom("files", "files", "file", "note", ""),
  filename: fc.option(fc.constantFrom("a.wav", "b.mp3", "", "../../etc/passwd", "x".repeat(300)), {
    nil: undefined,
  }),
  type: fc.constantFrom("audio/wav", "audio/mpeg", "application/octet-stream", "text/plain", ""),
  content: fc.string({ maxLength: 64 }),
});
const filePart = fc.record({
  name: fc.constant("files"),
  filename: fc.constantFrom("a.wav", "b.mp3") as fc.Arbitrary<string | undefined>,
  type: fc.constantFrom("audio/wav", "audio/mpeg"),
  content: fc.string({ maxLength: 64 }),
});
const multipartBody = fc
  .record({
    boundary: fc.constantFrom("b0undary", "----batchspec", "x"),
    parts: fc.oneof(
      { weight: 2, arbitrary: fc.array(filePart, { minLength: 1, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(part, { maxLength: 4 }) },
    ),
    cut: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map(({ boundary, parts, cut }) => {
    const all: { name: string; filename?: string | undefined; type: string; content: string }[] = parts;
    const written = all.map(({ name, filename, type, content }) =>
      [
        `--${boundary}`,
        `Content-Disposition: form-data; name="${name}"${filename === undefined ? "" : `; filename="${filename}"`}`,
        ...(type ? [`Content-Type: ${type}`] : []),
        "",
        content,
      ].join("\r\n"),
    );
    const text = `${written.join("\r\n")}\r\n${cut ? "" : `--${boundary}--\r\n`}`;
    return { text, type: `multipart/form-data; boundary=${boundary}` };
  });

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
  const examples = [
    ...Object.values(content).flatMap((m) =>
      Object.values((m as { examples?: Record<string, { value?: unknown }> }).examples ?? {}).map(
        (e) => e.value,
      ),
    ),
    // Bodies that name what the simulator holds (its seeded ids), so the operation can answer a 2xx.
    ...(provider.bodies?.[operationId] ?? []),
  ];
  const fromSchema = [
    ...Object.values(content).map((m) => arbitraryFor(document, m.schema).map(json)),
    ...(examples.length ? [fc.constantFrom(...examples).map(json)] : []),
  ];
  // Multipart bodies as a client (or a broken one) writes them: parts named as the spec says or not,
  // files and text fields, the closing boundary there or cut off.
  if (Object.keys(content).some((type) => type.startsWith("multipart/form-data")))
    fromSchema.push(multipartBody, multipartBody);
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
  // Ids the provider's simulator knows (what it seeds), often; else the usual mix.
  const param = provider.pathIds?.length
    ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...provider.pathIds) }, pathParam)
    : pathParam;
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
      path: fc.array(param, { minLength: 4, maxLength: 4 }).map((values) => {
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
  /** Every credential sent to this simulator since it was last reset (a later answer may echo one). */
  credentials: Set<string>,
): Promise<string | undefined> {
  const validator = provider.validator();
  const url = new URL(request.url);
  const relative = relativePath(url, provider.baseUrl);
  const what = `${request.method} ${relative}`;
  let match: ReturnType<typeof validator.findOperation>;
  try {
    match = validator.findOperation(request.method, relative);
  } catch {
    match = undefined; // a path whose escapes do not decode
  }
  const read = await readBody(response.clone());
  const body = read.ok ? read.body : undefined;
  const sent = await readBody(request.clone());
  // Whatever the answer, it never carries a credential this request or an earlier one sent.
  for (const c of [...(sent.ok ? secretValues(sent.body) : []), request.headers.get("authorization") ?? ""])
    if (c.length >= 8) credentials.add(c.replace(/^Bearer\s+/i, ""));
  const text = await response.clone().text();
  const echoed = [...credentials].find((c) => text.includes(c));
  if (echoed) return `${what}: the ${response.status} echoes a credential sent to the simulator`;
  if (!match) {
    if (![400, 404, 405].includes(response.status))
      return `${what}: ${response.status} for a request no operation takes`;
    if (response.status === 405 && !response.headers.get("allow")) return `${what}: 405 without Allow`;
    if (validator.validateSchema(provider.errorSchema, body).length > 0)
      return `${what}: ${response.status} not in the provider's error body: ${text.slice(0, 200)}`;
    return undefined;
  }
  const operationId = match.info.operationId;
  const documented = provider.operations[operationId]!.statuses;
  // No fault is injected, so no 5xx; every status must be one the spec documents for the operation.
  if (!documented.includes(String(response.status)) || response.status >= 500)
    return `${operationId}: ${response.status} is not a status it may answer here (${documented.join(", ")})`;
  const responseIssues = validator.validateResponse(operationId, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type"),
    body,
  });
  if (responseIssues.length > 0)
    return `${operationId} → ${response.status}: the response breaks the spec: ${responseIssues.map((i) => `${i.location}: ${i.message}`).join("; ")}`;
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
  if (!response.ok && requestIssues.length === 0 && provider.isSchemaRefusal(body))
    return `${operationId}: refused as breaking the spec, but the spec accepts it: ${JSON.stringify(body)}`;
  return undefined;
}

export async function fuzzSimulator(provider: FuzzProvider, run: FuzzRun): Promise<void> {
  const simulator = provider.simulator(TOKEN);
  let count = 0;
  // The operations that answered a 2xx at least once: a simulator that refuses everything fails too.
  const succeeded = new Set<string>();
  const credentials = new Set<string>();
  await fc.assert(
    fc.asyncProperty(requestFor(provider), async ({ method, path, query, body, token }) => {
      if (++count % 200 === 0) {
        simulator.reset();
        credentials.clear();
      }
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
      const problem = await judge(provider, request, response, credentials);
      if (problem) throw new Error(problem);
      if (response.ok) {
        const relative = relativePath(new URL(request.url), provider.baseUrl);
        const found = provider.validator().findOperation(method, relative);
        if (found) succeeded.add(found.info.operationId);
      }
    }),
    { seed: run.seed, numRuns: run.numRuns, endOnFailure: true },
  );
  const never = Object.keys(provider.operations).filter((op) => !succeeded.has(op));
  if (run.numRuns >= 1000 && never.length > 0)
    throw new Error(
      `no generated request got a 2xx from ${never.join(", ")}: the simulator refuses it, or the fuzz never reaches it`,
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
  | { kind: "stall"; status: number }
  /** Headers, part of the body, then the connection breaks. */
  | { kind: "break"; status: number };

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
    arbitrary: fc.record({
      kind: fc.constantFrom("stall" as const, "break" as const),
      status: fc.constantFrom(200, 201, 500),
    }),
  },
);

/** The answer a well-behaved server gives the operation: its first documented 2xx, with a body from the schema. */
function wellBehaved(provider: FuzzProvider, operationId: string): fc.Arbitrary<Hostile> {
  const { document } = provider.validator();
  const responses = provider.validator().operation(operationId).operation.responses ?? {};
  const status = Object.keys(responses).find((k) => k.startsWith("2"))!;
  const response = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(
    document,
    responses[status],
    "",
  ).node;
  const schema = response.content?.["application/json"]?.schema;
  const body =
    schema === undefined
      ? fc.constant(undefined)
      : arbitraryFor(document, schema).map((v) => JSON.stringify(v));
  return body.map((text) => ({
    kind: "answer" as const,
    status: Number(status),
    contentType: schema === undefined ? undefined : "application/json",
    body: text,
    headers: [],
  }));
}

function hostileFetch(script: Hostile[]): (request: Request) => Promise<Response> {
  let i = 0;
  return async (request) => {
    const step = script[i++ % script.length]!;
    if (step.kind === "throw") throw new TypeError(`fetch failed (${request.headers.get("authorization")})`);
    if (step.kind === "hang") return new Promise<Response>(() => {});
    if (step.kind === "stall" || step.kind === "break") {
      const { kind } = step;
      const body = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"jo'));
          if (kind === "break") c.error(new TypeError("terminated"));
        },
      });
      return new Response(body, { status: step.status, headers: { "content-type": "application/json" } });
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
  // For a single-call helper, sometimes a well-behaved server: the 2xx its operation documents, with a
  // body from the spec's schema. Then the call must succeed (a client that always fails fails here).
  const scenario = fc.constantFrom(...names).chain((name) => {
    const operationId = provider.helperOperations[name];
    const hostileScript = fc.array(hostile, { minLength: 1, maxLength: 4 });
    if (operationId === undefined) return fc.tuple(fc.constant(name), hostileScript, fc.constant(false));
    return fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.constant(name), hostileScript, fc.constant(false)) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant(name),
          wellBehaved(provider, operationId).map((a) => [a]),
          fc.constant(true),
        ),
      },
    );
  });
  await fc.assert(
    fc.asyncProperty(
      scenario,
      fc.integer({ min: 0, max: 2 }),
      fc.boolean(),
      async ([name, script, mustSucceed], maxRetries, tokenFunction) => {
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
        // Referenced (and cleared), so a call that hangs cannot let `npm run fuzz` exit quietly.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const watchdog = new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), 3000)));
        const outcome = await Promise.race([
          helpers[name]!().then(
            () => ({ ok: true as const }),
            (error: unknown) => ({ ok: false as const, error }),
          ),
          watchdog,
        ]);
        clearTimeout(timer);
        if (mustSucceed && outcome !== "hung" && !outcome.ok)
          throw new Error(`${name} failed against a well-behaved server: ${String(outcome.error)}`);
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
      fc.constantFrom(
        "none",
        "body",
        "signature",
        "timestamp",
        "secret",
        "drop-header",
        "stale",
        "future",
        "at-tolerance",
      ),
      fc.string({ maxLength: 6 }),
      async (rawBody, secret, mutation, noise) => {
        const now = 1_767_638_052_000;
        // Signed 301 s before or after now (refused), or exactly 300 s before (the tolerance: taken).
        const skew =
          ({ stale: -301, future: 301, "at-tolerance": -300 } as Record<string, number>)[mutation] ?? 0;
        const headers: Record<string, string> = await signZoomWebhook({
          secret,
          rawBody,
          timestamp: now / 1000 + skew,
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
        const intact = mutation === "none" || mutation === "at-tolerance";
        if (result.valid !== intact)
          throw new Error(`mutation ${mutation} gave valid=${String(result.valid)}`);
      },
    ),
    { seed: run.seed, numRuns: run.numRuns, endOnFailure: true },
  );
}

/** The URL's path under the server's (`/v1/...` for `https://api.sofer.ai`, `/aiservices/...` under `/v2`). */
function relativePath(url: URL, baseUrl: string): string {
  const base = new URL(baseUrl).pathname.replace(/\/+$/, "");
  return url.pathname.slice(base.length) || "/";
}
