// Negative checks: requests that break an operation's own request schema, made from the spec (a required
// field missing, a wrong type, a number out of range, too many items, a value outside an enum, an
// unknown property where none is allowed, two `oneOf` branches mixed, a query parameter out of its
// bounds, no credential or a wrong one). The API must refuse each with a 4xx it documents for that
// operation, in its error body — never a 2xx (it took a broken request) or a 5xx (it choked on one).
// Which breaks are sent, and with what values, is drawn by fast-check from a seed, so a run can be
// repeated exactly and a deep run can try more.
import fc from "fast-check";
import { resolveRef } from "../../src/core/openapi-types.ts";
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import { readBody } from "../../src/core/media.ts";
import type { CheckedFetch } from "./checked-fetch.ts";
import { requestExample, sampleRequest } from "./examples.ts";
import type { Target } from "./target.ts";

type Json = any;
type Schema = Record<string, any>;

/** One way to break a request, and where. */
export interface Break {
  /** What it breaks, for a report: `body.config.language: a number where the spec wants a string`. */
  what: string;
  /** The request's parts, broken. */
  request: RequestParts;
  /** The statuses a refusal may have: the operation's documented 4xx, and 401/403 for credentials. */
  auth: boolean;
}

export interface RequestParts {
  query: URLSearchParams;
  /** The JSON body, or undefined for none (or a body that is not JSON, left as the example has it). */
  body: Json;
  /** The bearer token; null for none. */
  token: string | null;
}

const twist = fc.record({
  n: fc.integer({ min: 1, max: 1000 }),
  text: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[\w-]+$/.test(s)),
  pick: fc.nat(),
});
type Twist = { n: number; text: string; pick: number };

/**
 * Every kind of break the operation's schema allows, each a function of a drawn twist (the values it
 * uses), from the operation's example request (its first JSON body example, required query parameters).
 */
export function breakersOf(
  validator: OpenApiValidator,
  operationId: string,
  token: string,
): ((t: Twist) => Break)[] {
  const { document } = validator;
  const info = validator.operation(operationId);
  const example = requestExample(validator, operationId);
  const json = example && /json/i.test(example.mediaType) ? example.value : undefined;
  const baseQuery = new URLSearchParams();
  for (const { param } of info.parameters) {
    const p = param as { in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
    if (p.in === "query" && p.required)
      baseQuery.set(param.name, String(p.example ?? p.schema?.example ?? "example"));
  }
  const parts = (over: Partial<RequestParts>): RequestParts => ({
    query: new URLSearchParams(baseQuery),
    body: json === undefined ? undefined : structuredClone(json),
    token,
    ...over,
  });
  const out: ((t: Twist) => Break)[] = [];

  // Credentials: none, and one the API cannot know.
  if (info.operation.security === undefined || (info.operation.security as unknown[]).length > 0) {
    out.push(() => ({ what: "no credential", request: parts({ token: null }), auth: true }));
    out.push((t) => ({
      what: "a credential the API does not know",
      request: parts({ token: `batchspec-not-a-token-${t.text}` }),
      auth: true,
    }));
  }

  // Query parameters outside their schema.
  for (const { param } of info.parameters) {
    if (param.in !== "query") continue;
    const schema = resolveRef<Schema>(document, (param as { schema?: unknown }).schema, "").node;
    if (!schema) continue;
    for (const [what, value] of valueBreaks(schema)) {
      out.push((t) => {
        const query = new URLSearchParams(baseQuery);
        query.set(param.name, String(value(t)));
        return { what: `query.${param.name}: ${what}`, request: parts({ query }), auth: false };
      });
    }
  }

  // The JSON body outside its schema, at every place the example reaches.
  if (json !== undefined && info.operation.requestBody !== undefined) {
    const body = resolveRef<{ content?: Record<string, { schema?: unknown }> }>(
      document,
      info.operation.requestBody,
      "",
    ).node;
    const schema = body.content?.[example!.mediaType]?.schema;
    walk(document, schema, json, [], (path, what, change) =>
      out.push((t) => {
        const value = structuredClone(json);
        return {
          what: `body${path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}: ${what}`,
          request: parts({ body: change(value, t) }),
          auth: false,
        };
      }),
    );
  }
  return out;
}

type Change = (root: Json, t: Twist) => Json;
type Visit = (path: (string | number)[], what: string, change: Change) => void;

/** Sets (or, with `remove`, deletes) the value at `path` in `root`; returns the root. */
function at(root: Json, path: readonly (string | number)[], value: unknown, remove = false): Json {
  if (path.length === 0) return value;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
  return root;
}

/** The breaks of a schema at a place in the example, and those of the places under it. */
function walk(
  document: object,
  raw: unknown,
  value: Json,
  path: (string | number)[],
  visit: Visit,
  depth = 0,
): void {
  if (depth > 8 || raw === undefined) return;
  const schema = resolveRef<Schema>(document, raw, "").node;
  if (!schema || typeof schema !== "object") return;

  for (const [what, make] of valueBreaks(schema)) visit(path, what, (root, t) => at(root, path, make(t)));

  if (Array.isArray(schema.oneOf) && value && typeof value === "object" && !Array.isArray(value)) {
    // Mixed branches: a field only another branch has, added to this one.
    const branches = schema.oneOf.map((b: unknown) => resolveRef<Schema>(document, b, "").node ?? {});
    const mine = branches.find((b: Schema) => (b.required ?? []).every((k: string) => k in value));
    for (const other of branches) {
      if (other === mine) continue;
      const foreign = [...(other.required ?? []), ...Object.keys(other.properties ?? {})].filter(
        (k: string) => !(k in value) && !(mine?.properties && k in mine.properties),
      );
      if (foreign.length === 0) continue;
      visit(path, `mixed with another oneOf branch (${foreign[0]})`, (root) => {
        const node = path.reduce((n: Json, k) => n[k], root);
        node[foreign[0]] = exampleFor(resolveRef<Schema>(document, other.properties?.[foreign[0]], "").node);
        return root;
      });
    }
    if (mine) walk(document, mine, value, path, visit, depth + 1);
  }
  for (const part of schema.allOf ?? []) walk(document, part, value, path, visit, depth + 1);

  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const key of schema.required ?? [])
      if (key in value)
        visit([...path, key], "a required field missing", (root) =>
          at(root, [...path, key], undefined, true),
        );
    if (schema.additionalProperties === false || schema.unevaluatedProperties === false)
      visit(path, "a property the schema does not allow", (root, t) => {
        const node = path.reduce((n: Json, k) => n[k], root);
        node[`batchspec_unknown_${t.text}`] = t.n;
        return root;
      });
    for (const [key, sub] of Object.entries(schema.properties ?? {}))
      if (key in value) walk(document, sub, value[key], [...path, key], visit, depth + 1);
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === "number" && schema.maxItems < 5000 && value.length > 0)
      visit(path, `more than ${schema.maxItems} items`, (root) =>
        at(
          root,
          path,
          Array.from({ length: schema.maxItems + 1 }, (_, i) => structuredClone(value[i % value.length])),
        ),
      );
    if (typeof schema.minItems === "number" && schema.minItems > 0)
      visit(path, `fewer than ${schema.minItems} items`, (root) => at(root, path, []));
    if (value.length > 0 && schema.items)
      walk(document, schema.items, value[0], [...path, 0], visit, depth + 1);
  }
}

/** Values that break a schema by itself: wrong type, out of range, outside its enum, too long. */
function valueBreaks(schema: Schema): [string, (t: Twist) => unknown][] {
  const out: [string, (t: Twist) => unknown][] = [];
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 0 && !types.includes("null")) {
    const wrong: [string, unknown][] = [
      ["string", "batchspec"],
      ["number", 12.5],
      ["boolean", true],
      ["object", { batchspec: 1 }],
      ["array", ["batchspec"]],
    ];
    const allowed = (t: string) => types.includes(t) || (t === "number" && types.includes("integer"));
    const candidates = wrong.filter(([t]) => !allowed(t));
    if (candidates.length > 0)
      out.push([
        `a value of the wrong type (the spec wants ${types.join(" or ")})`,
        (t) => structuredClone(candidates[t.pick % candidates.length]![1]),
      ]);
  }
  if (types.includes("integer")) out.push(["a fraction where the spec wants an integer", (t) => t.n + 0.5]);
  if (typeof schema.minimum === "number")
    out.push([`below its minimum ${schema.minimum}`, (t) => schema.minimum - (t.n % 3) - 1]);
  if (typeof schema.exclusiveMinimum === "number")
    out.push([`at its exclusive minimum ${schema.exclusiveMinimum}`, () => schema.exclusiveMinimum]);
  if (typeof schema.maximum === "number")
    out.push([`above its maximum ${schema.maximum}`, (t) => schema.maximum + (t.n % 3) + 1]);
  if (Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v === "string"))
    out.push(["a value outside its enum", (t) => `BATCHSPEC_NOT_IN_ENUM_${t.text}`]);
  if (typeof schema.maxLength === "number" && schema.maxLength < 100_000)
    out.push([`longer than ${schema.maxLength} characters`, () => "x".repeat(schema.maxLength + 1)]);
  if (typeof schema.minLength === "number" && schema.minLength > 0)
    out.push([`shorter than ${schema.minLength} characters`, () => ""]);
  return out;
}

/** A value for a schema, good enough to show up as a field that should not be there. */
function exampleFor(schema: Schema | undefined): unknown {
  if (!schema) return "batchspec";
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (Array.isArray(schema.examples) && schema.examples.length > 0)
    return structuredClone(schema.examples[0]);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  return type === "integer" || type === "number"
    ? 1
    : type === "boolean"
      ? true
      : type === "object"
        ? {}
        : type === "array"
          ? []
          : "batchspec";
}

/** `runs` breaks drawn from a seed (each kind at least once when there are fewer kinds than runs). */
export function drawBreaks(breakers: ((t: Twist) => Break)[], seed: number, runs: number): Break[] {
  if (breakers.length === 0) return [];
  const twists = fc.sample(twist, { seed, numRuns: Math.max(runs, breakers.length) });
  const order = fc.sample(fc.shuffledSubarray([...breakers.keys()], { minLength: breakers.length }), {
    seed,
    numRuns: 1,
  })[0]!;
  return twists
    .slice(0, Math.max(runs, Math.min(breakers.length, runs)))
    .map((t, i) => breakers[order[i % order.length]!]!(t));
}

/** Sends one broken request; says what was wrong with the answer, or undefined when it was a refusal. */
export async function sendBreak(
  { validator, target, checked }: { validator: OpenApiValidator; target: Target; checked: CheckedFetch },
  operationId: string,
  b: Break,
): Promise<string | undefined> {
  const basePath = new URL(target.baseUrl.replace(/\/*$/, "/")).pathname;
  const relativePath = (pathname: string) =>
    pathname.startsWith(basePath) ? `/${pathname.slice(basePath.length)}` : pathname;
  const sample = sampleRequest(validator, target.baseUrl, operationId, target.token);
  const url = new URL(sample.url);
  url.search = b.request.query.toString();
  const headers = new Headers(sample.headers);
  if (b.request.token === null) headers.delete("Authorization");
  else headers.set("Authorization", `Bearer ${b.request.token}`);
  let body: BodyInit | null = sample.body === null ? null : await sample.arrayBuffer();
  if (b.request.body !== undefined) {
    body = JSON.stringify(b.request.body);
    headers.set("Content-Type", "application/json");
  }
  const request = new Request(url, { method: sample.method, headers, body });
  // Only a request the spec refuses counts (a break inside an anyOf may still match another branch);
  // a wrong credential is a request the spec allows, refused by the API.
  const match = validator.findOperation(request.method, relativePath(url.pathname));
  const issues = match
    ? validator.validateRequest(operationId, {
        pathParams: match.pathParams,
        query: url.searchParams,
        headers: request.headers,
        contentType: request.headers.get("content-type"),
        body: await parsedBody(request),
        ...(b.auth ? {} : { skipSecurity: true }),
      })
    : [];
  const breaksSpec = issues.length > 0;
  if (!breaksSpec && !b.auth) return undefined;
  const send = () => checked.fetch(request);
  const response = breaksSpec ? await checked.expectInvalid(send) : await send();
  await response.body?.cancel();
  const what = `${request.method} ${url.pathname} with ${b.what} → ${response.status}`;
  if (response.status >= 200 && response.status < 300)
    return `${what}: a 2xx for a request that breaks the spec`;
  if (response.status >= 500) return `${what}: a server error for a request it should refuse`;
  if (response.status < 400) return `${what}: not a refusal`;
  if (b.auth && response.status !== 401 && response.status !== 403)
    return `${what}: a bad credential should be refused with 401 (or 403)`;
  return undefined;
}

async function parsedBody(request: Request): Promise<unknown> {
  const read = await readBody(request.clone());
  return read.ok ? read.body : undefined;
}
