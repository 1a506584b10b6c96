import { describe, expect, it } from "vitest";
import { runtimeValidator } from "../../src/core/ajv-compiler.ts";
import { instancePathToField } from "../../src/core/openapi-validator.ts";
import { tinySpec } from "./tiny-spec.ts";

const v = runtimeValidator(tinySpec);
const auth = new Headers({ Authorization: "Bearer t" });

describe("createOpenApiValidator", () => {
  it("lists path operations and webhooks by operationId", () => {
    expect(v.operations.map((o) => o.operationId).sort()).toEqual(
      ["createThing", "getLatestThing", "getThing", "listThings", "thingChanged", "upload"].sort(),
    );
    expect(v.operation("thingChanged").webhook).toBe("thingChanged");
    expect(() => v.operation("nope")).toThrow(/unknown operationId nope/);
  });

  it("matches a literal path before a templated one, and extracts path parameters", () => {
    expect(v.findOperation("GET", "/things/latest")?.info.operationId).toBe("getLatestThing");
    expect(v.findOperation("get", "/things/t42")).toMatchObject({
      info: { operationId: "getThing" },
      pathParams: { id: "t42" },
    });
    expect(v.findOperation("DELETE", "/things/t42")).toBeUndefined();
    expect(v.findOperation("GET", "/other")).toBeUndefined();
  });

  it("coerces query strings to the parameter's type before checking its limits", () => {
    expect(
      v.validateRequest("listThings", { headers: auth, query: new URLSearchParams("kind=a&limit=10") }),
    ).toEqual([]);
    expect(
      v.validateRequest("listThings", { headers: auth, query: new URLSearchParams("kind=a&limit=11") }),
    ).toEqual([{ location: "query.limit", message: "11 is out of range: must be <= 10" }]);
    expect(
      v.validateRequest("listThings", { headers: auth, query: new URLSearchParams("kind=a&limit=ten") }),
    ).toEqual([{ location: "query.limit", message: "must be integer, not string" }]);
  });

  it("reports a missing required parameter and a value outside the enum", () => {
    expect(v.validateRequest("listThings", { headers: auth, query: new URLSearchParams("") })).toEqual([
      { location: "query.kind", message: "is required" },
    ]);
    expect(v.validateRequest("listThings", { headers: auth, query: new URLSearchParams("kind=c") })).toEqual([
      { location: "query.kind", message: "must be one of a, b" },
    ]);
  });

  it("checks path parameters declared on the path item", () => {
    expect(v.validateRequest("getThing", { headers: auth, pathParams: { id: "x1" } })).toEqual([
      { location: "path.id", message: "must match ^t[0-9]+$" },
    ]);
  });

  it("requires the credentials the security requirement names, unless the operation opts out", () => {
    expect(v.validateRequest("getThing", { pathParams: { id: "t1" } })).toEqual([
      { location: "header.authorization", message: "is required (security: bearer)" },
    ]);
    expect(
      v.validateRequest("getThing", {
        headers: new Headers({ Authorization: "Basic abc" }),
        pathParams: { id: "t1" },
      }),
    ).toHaveLength(1);
    expect(v.validateRequest("getLatestThing", {})).toEqual([]);
  });

  it("names the body field that breaks the schema, deepest first, never echoing string values", () => {
    const issues = v.validateRequest("createThing", {
      headers: auth,
      contentType: "application/json",
      body: { name: "toolong", secret: "hunter2", at: "yesterday" },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { location: "body.name", message: "7 characters, at most 5" },
        { location: "body.secret", message: "7 characters, at least 12" },
        { location: "body.at", message: "must be a valid date-time" },
      ]),
    );
    expect(JSON.stringify(issues)).not.toContain("hunter2");
    expect(
      v.validateRequest("createThing", { headers: auth, contentType: "application/json", body: {} }),
    ).toEqual([{ location: "body.name", message: "is required" }]);
  });

  it("refuses a body of an undeclared media type, a missing required body, and a body where none is taken", () => {
    expect(v.validateRequest("createThing", { headers: auth, contentType: "text/plain", body: "x" })).toEqual(
      [{ location: "header.content-type", message: "text/plain is not accepted; use application/json" }],
    );
    expect(v.validateRequest("createThing", { headers: auth })).toEqual([
      { location: "body", message: "is required" },
    ]);
    expect(
      v.validateRequest("getThing", { headers: auth, pathParams: { id: "t1" }, body: { a: 1 } }),
    ).toEqual([{ location: "body", message: "this operation takes no body" }]);
  });

  it("checks a response's status, media type and body, using a range status when no exact one is declared", () => {
    const ok = {
      status: 200,
      contentType: "application/json; charset=utf-8",
      body: { things: [{ id: "t1", tags: [] }] },
    };
    expect(v.validateResponse("listThings", ok)).toEqual([]);
    expect(
      v.validateResponse("listThings", { status: 404, contentType: "application/json", body: {} }),
    ).toEqual([{ location: "body.message", message: "is required" }]);
    expect(
      v.validateResponse("listThings", { status: 500, contentType: "application/json", body: {} }),
    ).toEqual([
      { location: "status", message: "500 is not documented for listThings (documented: 200, 4XX)" },
    ]);
    expect(v.validateResponse("listThings", { status: 200, contentType: "text/html", body: "<p>" })).toEqual([
      {
        location: "header.content-type",
        message: "text/html is not documented for 200; expected application/json",
      },
    ]);
    expect(
      v.validateResponse("listThings", { ...ok, body: { things: [{ id: "t1", tags: ["a", "b", "c"] }] } }),
    ).toEqual([{ location: "body.things[0].tags", message: "3 items, at most 2" }]);
  });

  it("refuses a body on a response the spec declares empty", () => {
    expect(v.validateResponse("createThing", { status: 204 })).toEqual([]);
    expect(
      v.validateResponse("createThing", { status: 204, contentType: "application/json", body: {} }),
    ).toEqual([{ location: "body", message: "204 has no body in the spec, but one was sent" }]);
  });

  it("validates a value against a named component schema", () => {
    expect(v.validateSchema("Thing", { id: "t1", tags: [] })).toEqual([]);
    expect(v.validateSchema("Thing", { id: 1, tags: [] }, "payload")).toEqual([
      { location: "payload.id", message: "must be string, not number" },
    ]);
  });
});

describe("instancePathToField", () => {
  it.each([
    ["", ""],
    ["/input", "input"],
    ["/input/manifest/3", "input.manifest[3]"],
    ["/a~1b/c~0d", "a/b.c~d"],
  ])("turns %j into %j", (pointer, field) => {
    expect(instancePathToField(pointer)).toBe(field);
  });

  it("reports at most a hundred problems of a body that breaks its schema a hundred thousand times", () => {
    const spec = structuredClone(tinySpec);
    spec.paths!["/bulk"] = {
      post: {
        operationId: "bulk",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "array", items: { type: "integer" } } } },
        },
        responses: { "204": { description: "ok" } },
      },
    };
    const issues = runtimeValidator(spec).validateRequest("bulk", {
      headers: auth,
      contentType: "application/json",
      body: Array.from({ length: 130_000 }, () => "x"),
    });
    expect(issues).toHaveLength(101);
    expect(issues.at(-1)).toEqual({ location: "body", message: "and 129900 more problems like these" });
  });
});

describe("a query parameter that takes one value", () => {
  it("is refused when given several times, naming it", async () => {
    const { soferValidator } = await import("../../src/sofer/validation.ts");
    const issues = soferValidator().validateRequest("batchTranscribe_getBatchTranscriptionByClientItemId", {
      skipSecurity: true,
      pathParams: { batch_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
      query: new URLSearchParams("client_item_id=a&client_item_id=b"),
    });
    expect(issues).toEqual([
      { location: "query.client_item_id", message: "is given 2 times; it takes one value" },
    ]);
  });
});
