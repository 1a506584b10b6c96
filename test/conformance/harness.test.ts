// The harness must be able to fail: these feed it exchanges that break a tiny spec and check it says so.
import { describe, expect, it } from "vitest";
import {
  coverage,
  createCheckedFetch,
  documentedStatuses,
  requestExample,
  sampleRequest,
  selectTarget,
  unmetClaims,
  type Provoker,
} from "../../conformance/harness/index.ts";
import { toFormData } from "../../src/core/form-body.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { runtimeValidator } from "../../src/core/ajv-compiler.ts";
import { tinySpec } from "../core/tiny-spec.ts";

const validator = runtimeValidator(tinySpec);
const base = "https://api.test/v1";
const auth = { Authorization: "Bearer t" };

function fetchAnswering(response: () => Response) {
  return createCheckedFetch(validator, base, async () => response());
}

describe("createCheckedFetch", () => {
  it("records a conforming exchange with no problems", async () => {
    const checked = fetchAnswering(() => Response.json({ id: "t1", tags: [] }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.exchanges[0]).toMatchObject({ operationId: "getThing", status: 200 });
    expect(checked.problems()).toEqual([]);
  });

  it("reports a response body that breaks the schema", async () => {
    const checked = fetchAnswering(() => Response.json({ id: "t1" }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.problems()).toEqual(["GET /v1/things/t1 → 200: response body.tags: is required"]);
  });

  it("reports a status the spec does not document", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 418 }));
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.problems()).toEqual([
      "GET /v1/things/t1 → 418: response status: 418 is not documented for getThing (documented: 200)",
    ]);
  });

  it("reports a request to a path the spec does not have", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 404 }));
    await checked.fetch(new Request(`${base}/widgets`, { headers: auth }));
    expect(checked.problems()).toEqual([
      "GET /v1/widgets: request path: GET /widgets is not an operation of the spec",
    ]);
  });

  it("reports a request that breaks the spec, unless it was meant to", async () => {
    const checked = fetchAnswering(() => Response.json({ message: "bad kind" }, { status: 400 }));
    await checked.fetch(new Request(`${base}/things?kind=z`, { headers: auth }));
    expect(checked.problems()).toEqual(["GET /v1/things → 400: request query.kind: must be one of a, b"]);
    const from = checked.exchanges.length;
    await checked.expectInvalid(() => checked.fetch(new Request(`${base}/things?kind=z`, { headers: auth })));
    expect(checked.problems(from)).toEqual([]);
  });

  it("reports a request meant to break the spec that the spec accepts", async () => {
    const checked = fetchAnswering(() => Response.json({ things: [] }));
    await checked.expectInvalid(() => checked.fetch(new Request(`${base}/things?kind=a`, { headers: auth })));
    expect(checked.problems()).toEqual([
      "GET /v1/things → 200: request was meant to break the spec, but the spec accepts it",
    ]);
  });

  it("passes a request to another origin through, records it as foreign, and does not judge it", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 200 }));
    const upload = new Request("https://bucket.s3.test/inputs/a.wav?X-Amz-Signature=x", {
      method: "PUT",
      body: "bytes",
    });
    const response = await checked.fetch(upload);
    expect(response.status).toBe(200);
    expect(checked.exchanges[0]).toMatchObject({ foreign: true, operationId: undefined, status: 200 });
    expect(checked.problems()).toEqual([]);
  });

  it("still reports an unknown path on the spec's own server", async () => {
    const checked = fetchAnswering(() => new Response(null, { status: 404 }));
    await checked.fetch(new Request("https://api.test/v2/things", { headers: auth }));
    expect(checked.problems()).toEqual([
      "GET /v2/things: request path: GET /v2/things is not an operation of the spec",
    ]);
  });

  it("reads a multipart request part by part, recording its files by part name and size", async () => {
    const spec = structuredClone(tinySpec);
    const upload = spec.paths!["/uploads"] as {
      post: { requestBody: { content: Record<string, { schema: object }> } };
    };
    upload.post.requestBody.content["multipart/form-data"]!.schema = {
      type: "object",
      required: ["name", "audio"],
      properties: { name: { type: "string", maxLength: 5 }, audio: { type: "string", format: "binary" } },
    };
    const checked = createCheckedFetch(
      runtimeValidator(spec),
      base,
      async () => new Response(null, { status: 202 }),
    );
    const audio = new File([new Uint8Array(12)], "a.wav", { type: "audio/wav" });
    await checked.fetch(
      new Request(`${base}/uploads`, {
        method: "POST",
        headers: auth,
        body: toFormData({ name: "ok", audio }),
      }),
    );
    await checked.fetch(
      new Request(`${base}/uploads`, {
        method: "POST",
        headers: auth,
        body: toFormData({ name: "far too long", audio }),
      }),
    );
    expect(checked.exchanges[0]?.files).toEqual([{ part: "audio", filename: "a.wav", size: 12 }]);
    expect(checked.problems()).toEqual([
      "POST /v1/uploads → 202: request body.name: 12 characters, at most 5",
    ]);
  });

  it("reports a response that is not what its Content-Type says", async () => {
    const checked = fetchAnswering(
      () => new Response("{oops", { status: 200, headers: { "content-type": "application/json" } }),
    );
    await checked.fetch(new Request(`${base}/things/t1`, { headers: auth }));
    expect(checked.problems()[0]).toMatch(/^GET \/v1\/things\/t1 → 200: response body: not valid JSON/);
  });
});

describe("status coverage", () => {
  const documented = ["get 200", "get 404", "get 500", "create 201", "create 400"];
  const checks: Record<string, string[]> = {
    "gets a thing": ["get 200"],
    "404 for an unknown thing": ["get 404"],
    "creates a thing": ["create 201"],
    "refuses a bad thing": ["create 400"],
  };
  const notProvokable = { "get 500": "a server error cannot be provoked" };
  const registry = (names: string[], simulatorOnly = false) => {
    const out = new Map<string, Provoker[]>();
    for (const name of names)
      for (const status of checks[name]!)
        out.set(status, [...(out.get(status) ?? []), { check: name, simulatorOnly }]);
    return out;
  };
  const failures = (names: string[]) =>
    coverage(documented, registry(names), notProvokable, true).filter((v) => v.kind === "failure");

  it("passes when every status is provoked by a check or listed as not provokable", () => {
    expect(failures(Object.keys(checks))).toEqual([]);
  });

  it.each(Object.keys(checks))("fails when the check that %s is removed", (removed) => {
    const rest = Object.keys(checks).filter((n) => n !== removed);
    expect(failures(rest).map((v) => v.status)).toEqual(checks[removed]);
  });

  it("gives no status to a fault unless it is listed, and fails a list entry that a check provokes anyway", () => {
    const all = coverage(documented, registry(Object.keys(checks)), notProvokable, true);
    expect(all.filter((v) => v.kind === "fault").map((v) => v.status)).toEqual(["get 500"]);
    const stale = coverage(documented, registry(Object.keys(checks)), { "get 404": "reason" }, true);
    expect(stale.find((v) => v.status === "get 404")).toMatchObject({ kind: "failure" });
    const unknown = coverage(
      documented,
      registry(Object.keys(checks)),
      { ...notProvokable, "get 418": "?" },
      true,
    );
    expect(unknown.find((v) => v.status === "get 418")).toMatchObject({ kind: "failure" });
  });

  it("against a live API, skips with its reason what only a fault or the simulator could provoke, never passing it", () => {
    const live = coverage(documented, registry(["gets a thing"], true), notProvokable, false);
    expect(live.find((v) => v.status === "get 500")).toEqual({
      status: "get 500",
      kind: "skipped",
      reason: "a server error cannot be provoked",
    });
    expect(live.find((v) => v.status === "get 200")).toMatchObject({ kind: "skipped" });
    expect(live.some((v) => v.kind === "provoked" || v.kind === "fault")).toBe(false);
  });

  it("counts a concrete status toward the range the spec documents (404 for 4XX)", () => {
    const ranges = coverage(["list 200", "list 4XX"], registry([]), {}, true);
    expect(ranges.filter((v) => v.kind === "failure")).toHaveLength(2);
    const claimed = new Map([
      ["list 200", [{ check: "a", simulatorOnly: false }]],
      ["list 404", [{ check: "b", simulatorOnly: false }]],
    ]);
    expect(coverage(["list 200", "list 4XX"], claimed, {}, true).filter((v) => v.kind === "failure")).toEqual(
      [],
    );
  });

  it("finds a check's claim unmet when no exchange of the check answered it", () => {
    const exchanges = [
      { operationId: "get", status: 200 },
      { operationId: "get", status: 404 },
    ];
    expect(unmetClaims(["get 200", "get 404"], exchanges)).toEqual([]);
    expect(unmetClaims(["get 200", "create 201"], exchanges)).toEqual(["create 201"]);
    const faulted = [{ operationId: "get", status: 404, injected: true }];
    expect(unmetClaims(["get 404"], faulted)).toEqual(["get 404"]);
  });

  it("reads the documented statuses off the operations table", () => {
    expect(documentedStatuses(operationTable(tinySpec))).toEqual([
      "listThings 200",
      "listThings 4XX",
      "createThing 204",
      "getThing 200",
      "getLatestThing 200",
      "upload 202",
    ]);
  });
});

describe("examples by operation", () => {
  it("reads a request example from the spec, as a copy, and refuses a name it does not have", () => {
    const spec = structuredClone(tinySpec);
    (spec.paths!["/things"] as { post: { requestBody: unknown } }).post.requestBody = {
      content: { "application/json": { examples: { small: { value: { name: "a" } } } } },
    };
    const v = runtimeValidator(spec);
    const example = requestExample(v, "createThing", "small");
    expect(example).toEqual({ mediaType: "application/json", value: { name: "a" } });
    (example!.value as { name: string }).name = "changed";
    expect(requestExample(v, "createThing")?.value).toEqual({ name: "a" });
    expect(() => requestExample(v, "createThing", "large")).toThrow(/no request example named large/);
  });

  it("builds a sample request with the path parameters' examples and the token", () => {
    const request = sampleRequest(validator, base, "getThing", "tok");
    expect(request.url).toBe(`${base}/things/example`);
    expect(request.headers.get("authorization")).toBe("Bearer tok");
  });
});

describe("selectTarget", () => {
  const sim = { baseUrl: "https://sim.test", token: "sim" };

  it("uses the simulator unless a base URL is given", () => {
    expect(selectTarget("zoom-scribe", sim, {})).toEqual({ kind: "simulator", ...sim });
  });

  it("uses a live base URL with its token", () => {
    const env = {
      BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "https://api.zoom.us/v2",
      BATCHSPEC_ZOOM_SCRIBE_TOKEN: "jwt",
    };
    expect(selectTarget("zoom-scribe", sim, env)).toEqual({
      kind: "live",
      baseUrl: "https://api.zoom.us/v2",
      token: "jwt",
    });
  });

  it("refuses a live base URL without a token, or one that is not a URL, naming the variable", () => {
    expect(() =>
      selectTarget("zoom-scribe", sim, { BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "https://x.test" }),
    ).toThrow(/BATCHSPEC_ZOOM_SCRIBE_TOKEN must be set too/);
    expect(() => selectTarget("zoom-scribe", sim, { BATCHSPEC_ZOOM_SCRIBE_BASE_URL: "zoom" })).toThrow(
      /BATCHSPEC_ZOOM_SCRIBE_BASE_URL: not an absolute http\(s\) URL/,
    );
  });
});
