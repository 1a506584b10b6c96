// Negative checks: requests that break an operation's own request schema, made from the spec (a required
// field missing, a wrong type, a number out of range, too many items, a value outside an enum, a string
// off its pattern or format, an unknown property where none is allowed, two `oneOf` branches mixed, a
// path or query parameter out of its bounds, no credential or a wrong one), in every media type of the
// request body that has an example (a multipart form broken field by field). The API must refuse each
// with a 4xx it documents for that operation, in its error body — never a 2xx (it took a broken request)
// or a 5xx (it choked on one). Every kind of break is sent at least once; the values each uses are drawn
// by fast-check from a seed, so a run can be repeated exactly and a deep run can try more.
import fc from "fast-check";
import { resolveRef } from "../../src/core/openapi-types.ts";
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import { mediaKind, readBody } from "../../src/core/media.ts";
import type { CheckedFetch } from "./checked-fetch.ts";
import { sampleRequest } from "./examples.ts";
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
  /** Path parameter values by name (their examples, or one broken). */
  path: Record<string, string>;
  /**
   * The body with its media type (a multipart form as an object of fields, each file by its name, as
   * the spec's examples write it), or undefined for the operation's first example as it is.
   */
  body: { mediaType: string; value: Json } | undefined;
  /** The bearer token; null for none. */
  token: string | null;
}

const twist = fc.record({
  n: fc.integer({ min: 1, max: 1000 }),
  text: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[\w-]+$/.test(s)),
  pick: fc.nat(),
});
/** The values one break uses, drawn from the seed. */
export type Twist = { n: number; text: string; pick: number };

/**
 * Every kind of break the operation's schema allows, each a function of a drawn twist (the values it
 * uses), from the operation's example request: path and required query parameters from their examples,
 * and for each media type of the body that has an example, its first example.
 */
export function breakersOf(
  validator: OpenApiValidator,
  operationId: string,
  token: string,
): ((t: Twist) => Break)[] {
  const { document } = validator;
  const info = validator.operation(operationId);
  const baseQuery = new URLSearchParams();
  const basePath: Record<string, string> = {};
  for (const { param } of info.parameters) {
    const p = param as { in: string; required?: boolean; example?: unknown; schema?: { example?: unknown } };
    const example = String(p.example ?? p.schema?.example ?? "example");
    if (p.in === "query" && p.required) baseQuery.set(param.name, example);
    if (p.in === "path") basePath[param.name] = example;
  }
  const parts = (over: Partial<RequestParts>): RequestParts => ({
    query: new URLSearchParams(baseQuery),
    path: { ...basePath },
    body: undefined,
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

  // Path and query parameters outside their schema. Both arrive as text, so any text is a string: a
  // string parameter breaks only by its pattern, format, enum or length. An empty path segment would
  // reach another route rather than break this one's parameter, so a path parameter is never emptied.
  for (const { param } of info.parameters) {
    if (param.in !== "query" && param.in !== "path") continue;
    const schema = resolveRef<Schema>(document, (param as { schema?: unknown }).schema, "").node;
    if (!schema) continue;
    for (const [what, value] of valueBreaks(schema, param.in)) {
      out.push((t) => {
        const request = parts({});
        if (param.in === "query") request.query.set(param.name, String(value(t)));
        else request.path[param.name] = String(value(t));
        return { what: `${param.in}.${param.name}: ${what}`, request, auth: false };
      });
    }
  }

  // The body outside its schema, in each media type with an example, at every place the example reaches.
  if (info.operation.requestBody === undefined) return out;
  const content =
    resolveRef<{ content?: Record<string, { schema?: unknown; encoding?: Record<string, Encoding> }> }>(
      document,
      info.operation.requestBody,
      "",
    ).node.content ?? {};
  const examples = Object.keys(content).flatMap((mediaType) => {
    const example = requestExampleOf(validator, operationId, mediaType);
    return example === undefined ? [] : [{ mediaType, value: example }];
  });
  for (const { mediaType, value: example } of examples) {
    const kind = mediaKind(mediaType);
    if (kind !== "json" && kind !== "multipart") continue; // a text or binary body has no fields to break
    const label = examples.length > 1 ? `body (${mediaType})` : "body";
    const visit: Visit = (path, what, change) =>
      out.push((t) => ({
        what: `${label}${path.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}: ${what}`,
        request: parts({ body: { mediaType, value: change(structuredClone(example), t) } }),
        auth: false,
      }));
    const { schema, encoding = {} } = content[mediaType]!;
    if (kind === "json") walk(document, schema, example, [], visit);
    else walkForm(document, schema, encoding, example, visit);
  }
  return out;
}

interface Encoding {
  contentType?: string;
}

/** The first example of one media type of the operation's request body; a copy. */
function requestExampleOf(validator: OpenApiValidator, operationId: string, mediaType: string): Json {
  const body = validator.operation(operationId).operation.requestBody;
  const media = resolveRef<{ content?: Record<string, Json> }>(validator.document, body, "").node.content?.[
    mediaType
  ];
  const first = Object.values(media?.examples ?? {})[0];
  const value =
    first !== undefined
      ? resolveRef<{ value?: unknown }>(validator.document, first, "").node.value
      : media?.example;
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * The breaks of a multipart form, field by field, as its example has it (files by name): a required
 * field missing, an unknown field, too many or too few files; a text field off its schema (as text:
 * a number where a string is wanted is still a string); a JSON part broken anywhere inside, as a body.
 */
function walkForm(
  document: object,
  raw: unknown,
  encoding: Record<string, Encoding>,
  form: Json,
  visit: Visit,
  depth = 0,
): void {
  const schema = resolveRef<Schema>(document, raw, "").node;
  if (!schema || typeof schema !== "object" || !form || typeof form !== "object" || depth > 8) return;
  for (const part of schema.allOf ?? []) walkForm(document, part, encoding, form, visit, depth + 1);
  for (const key of schema.required ?? [])
    if (key in form) visit([key], "a required field missing", (root) => at(root, [key], undefined, true));
  if (schema.additionalProperties === false || schema.unevaluatedProperties === false)
    visit([], "a field the form does not allow", (root, t) => {
      root[`batchspec_unknown_${t.text}`] = String(t.n);
      return root;
    });
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (!(key in form)) continue;
    const prop = resolveRef<Schema>(document, sub, "").node ?? {};
    const types: string[] = Array.isArray(prop.type) ? prop.type : prop.type ? [prop.type] : [];
    const item = prop.items ? (resolveRef<Schema>(document, prop.items, "").node ?? {}) : undefined;
    const json = mediaKind(encoding[key]?.contentType) === "json" || types.includes("object");
    if (json) walk(document, prop, form[key], [key], visit, depth + 1);
    else if (isFile(prop) || (item && isFile(item))) itemCountBreaks(prop, form[key], [key], visit);
    else if (types.includes("array")) itemCountBreaks(prop, form[key], [key], visit);
    else
      for (const [what, make] of valueBreaks(prop, "text"))
        visit([key], what, (root, t) => at(root, [key], make(t)));
  }
}

const isFile = (schema: Schema) => schema.format === "binary" || schema.contentMediaType !== undefined;

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
    itemCountBreaks(schema, value, path, visit);
    if (value.length > 0 && schema.items)
      walk(document, schema.items, value[0], [...path, 0], visit, depth + 1);
  }
}

/** Too many items, or too few, in the array at `path` (made from the example's own items). */
function itemCountBreaks(schema: Schema, value: Json, path: (string | number)[], visit: Visit): void {
  if (!Array.isArray(value)) return;
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
}

/** Text that is not of a format, by format (the formats the validator checks that a value can break). */
const OFF_FORMAT: Record<string, (t: Twist) => string> = {
  uuid: (t) => `batchspec-${t.text}`,
  "date-time": (t) => `batchspec-${t.text}`,
  date: (t) => `batchspec-${t.text}`,
  time: (t) => `batchspec-${t.text}`,
  duration: (t) => `batchspec-${t.text}`,
  email: (t) => `batchspec-${t.text}`,
  uri: (t) => `batchspec ${t.text}`,
  url: (t) => `batchspec ${t.text}`,
  ipv4: (t) => `batchspec-${t.text}`,
  ipv6: (t) => `batchspec-${t.text}`,
  hostname: (t) => `batchspec_${t.text}!`,
};

/**
 * Values that break a schema by itself: wrong type, out of range, outside its enum, off its pattern or
 * format, too long or short. `where` says how the value travels: as JSON, or as text (a form's text
 * field, a query or path parameter), where any text is a string and a path segment cannot be empty.
 */
function valueBreaks(
  schema: Schema,
  where: "json" | "text" | "query" | "path" = "json",
): [string, (t: Twist) => unknown][] {
  const out: [string, (t: Twist) => unknown][] = [];
  const text = where !== "json";
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 0 && !types.includes("null") && !(text && types.includes("string"))) {
    const wrong: [string, unknown][] = [
      ["string", "batchspec"],
      ["number", 12.5],
      ["boolean", true],
      ["object", { batchspec: 1 }],
      ["array", ["batchspec"]],
    ];
    const allowed = (t: string) => types.includes(t) || (t === "number" && types.includes("integer"));
    const candidates = text
      ? [["string", "batchspec"] as [string, unknown]]
      : wrong.filter(([t]) => !allowed(t));
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
  if (typeof schema.pattern === "string") {
    const pattern = patternOf(schema.pattern);
    const off = (t: Twist) =>
      [`batchspec-${t.text}!`, "batchspec!", "!", ...(where === "path" ? [] : [""])].find(
        (v) => !pattern?.test(v),
      );
    if (pattern && off({ n: 1, text: "x", pick: 0 }) !== undefined)
      out.push([`off its pattern ${schema.pattern}`, (t) => off(t) ?? "!"]);
  }
  if (
    typeof schema.format === "string" &&
    OFF_FORMAT[schema.format] &&
    (!types.length || types.includes("string"))
  )
    out.push([`not a ${schema.format}`, OFF_FORMAT[schema.format]!]);
  if (typeof schema.maxLength === "number" && schema.maxLength < 100_000)
    out.push([`longer than ${schema.maxLength} characters`, () => "x".repeat(schema.maxLength + 1)]);
  if (typeof schema.minLength === "number" && schema.minLength > (where === "path" ? 1 : 0))
    out.push([`shorter than ${schema.minLength} characters`, () => "x".repeat(schema.minLength - 1)]);
  return out;
}

/** A schema's pattern as the validator reads it (Unicode); undefined for one JavaScript cannot read. */
function patternOf(source: string): RegExp | undefined {
  try {
    return new RegExp(source, "u");
  } catch {
    return undefined;
  }
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

/**
 * The breaks to send, drawn from a seed: every kind at least once (in an order drawn from the seed),
 * then kinds again with other drawn values up to `runs` in all. A break drawn twice alike (a kind
 * that uses none of the drawn values) is sent once.
 */
export function drawBreaks(breakers: ((t: Twist) => Break)[], seed: number, runs: number): Break[] {
  if (breakers.length === 0) return [];
  const draws = Math.max(runs, breakers.length);
  const twists = fc.sample(twist, { seed, numRuns: draws });
  const order = fc.sample(fc.shuffledSubarray([...breakers.keys()], { minLength: breakers.length }), {
    seed,
    numRuns: 1,
  })[0]!;
  const seen = new Set<string>();
  const out: Break[] = [];
  for (const [i, t] of twists.entries()) {
    const b = breakers[order[i % order.length]!]!(t);
    const { query, path, body, token } = b.request;
    const key = JSON.stringify([b.what, `${query}`, path, body, token]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out;
}

/**
 * The request a break sends, and whether the spec refuses it (a break inside an `anyOf` may still match
 * another branch; a wrong credential is a request the spec allows, refused by the API).
 */
export async function breakRequest(
  validator: OpenApiValidator,
  target: Pick<Target, "baseUrl" | "token">,
  operationId: string,
  b: Break,
): Promise<{ request: Request; breaksSpec: boolean }> {
  const basePath = new URL(target.baseUrl.replace(/\/*$/, "/")).pathname;
  const relativePath = (pathname: string) =>
    pathname.startsWith(basePath) ? `/${pathname.slice(basePath.length)}` : pathname;
  const sample = sampleRequest(validator, target.baseUrl, operationId, target.token, undefined, {
    path: b.request.path,
    ...(b.request.body ? { body: b.request.body } : {}),
  });
  const url = new URL(sample.url);
  url.search = b.request.query.toString();
  const headers = new Headers(sample.headers);
  if (b.request.token === null) headers.delete("Authorization");
  else headers.set("Authorization", `Bearer ${b.request.token}`);
  const body = sample.body === null ? null : await sample.arrayBuffer();
  const request = new Request(url, { method: sample.method, headers, body });
  const match = validator.findOperation(request.method, relativePath(url.pathname));
  const issues =
    match && match.info.operationId === operationId
      ? validator.validateRequest(operationId, {
          pathParams: match.pathParams,
          query: url.searchParams,
          headers: request.headers,
          contentType: request.headers.get("content-type"),
          body: await parsedBody(request),
          ...(b.auth ? {} : { skipSecurity: true }),
        })
      : [];
  return { request, breaksSpec: issues.length > 0 };
}

/** Sends one broken request; says what was wrong with the answer, or undefined when it was a refusal. */
export async function sendBreak(
  { validator, target, checked }: { validator: OpenApiValidator; target: Target; checked: CheckedFetch },
  operationId: string,
  b: Break,
): Promise<string | undefined> {
  const { request, breaksSpec } = await breakRequest(validator, target, operationId, b);
  // Only a request the spec refuses counts; a wrong credential is sent either way.
  if (!breaksSpec && !b.auth) return undefined;
  const url = new URL(request.url);
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
