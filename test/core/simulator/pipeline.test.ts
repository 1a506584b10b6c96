// The simulator kit's request pipeline, on a tiny spec of its own: what every provider's simulator
// answers before its handler runs, in the provider's own error body.
import { createOpenApiHttp } from "openapi-msw";
import { describe, expect, it } from "vitest";
import { operationTable } from "../../../src/core/operation-table.ts";
import type { OpenApiDocument } from "../../../src/core/openapi-types.ts";
import { lazyRuntimeValidator } from "../../../src/core/ajv-compiler.ts";
import {
  bearerTokenOf,
  guard,
  FaultQueue,
  fetchFromHandlers,
  RequestLog,
  simulate,
  unhonouredParameters,
  type SimulatorPipeline,
} from "../../../src/core/simulator/index.ts";
import { toFormData } from "../../../src/core/form-body.ts";

const error = {
  description: "error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const spec: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "kit", version: "1" },
  security: [{ bearer: [] }],
  paths: {
    "/notes": {
      get: {
        operationId: "listNotes",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 10 } },
          { name: "tag", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
          "400": error,
          "401": error,
          "429": error,
        },
      },
      post: {
        operationId: "createNote",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["text"],
                properties: { text: { type: "string", maxLength: 5 } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: { "201": { description: "made" }, "400": error, "401": error, "403": error, "415": error },
      },
    },
    "/uploads": {
      post: {
        operationId: "upload",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary" },
                  lang: { type: "string", enum: ["en"] },
                },
              },
            },
          },
        },
        responses: { "202": { description: "accepted" }, "400": error, "403": error, "413": error },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: { error: { type: "string" }, fields: { type: "array" } },
      },
    },
  },
};

function kit(options: { honours?: Record<string, string[]> } = {}) {
  const handled: string[] = [];
  const pipeline: SimulatorPipeline = {
    provider: "kit",
    operations: operationTable(spec),
    validator: lazyRuntimeValidator(spec),
    faults: new FaultQueue(),
    log: new RequestLog(),
    authenticate(request) {
      const token = bearerTokenOf(request);
      if (token === "read-only") return { status: 403, message: "this key may not write" };
      return token === "good" ? undefined : { status: 401, message: "bad key" };
    },
    errorBody: (refusal) => ({
      error: refusal.message,
      ...(refusal.issues ? { fields: refusal.issues.map((i) => i.location) } : {}),
    }),
    honours: options.honours ?? { listNotes: ["limit", "tag"] },
  };
  const http = simulate(createOpenApiHttp<any>({ baseUrl: "https://kit.test" }), pipeline);
  const handlers = [
    guard(pipeline, "https://kit.test"),
    http.get("/notes", () => {
      handled.push("listNotes");
      return Response.json({ notes: [] });
    }),
    http.post("/notes", async ({ request }) => {
      handled.push(`createNote ${JSON.stringify(await request.json())}`);
      return new Response(null, { status: 201 });
    }),
    http.post("/uploads", () => {
      handled.push("upload");
      return new Response(null, { status: 202 });
    }),
  ];
  const fetch = fetchFromHandlers(handlers);
  const send = async (
    method: string,
    path: string,
    init: { token?: string; body?: BodyInit; type?: string } = {},
  ) => {
    const headers = new Headers({ Authorization: `Bearer ${init.token ?? "good"}` });
    if (init.type) headers.set("Content-Type", init.type);
    const response = await fetch(
      new Request(`https://kit.test${path}`, { method, headers, body: init.body }),
    );
    const text = await response.text();
    return {
      status: response.status,
      body: text === "" ? undefined : JSON.parse(text),
      ...(response.headers.has("retry-after") ? { retryAfter: response.headers.get("retry-after") } : {}),
    };
  };
  return { pipeline, handled, send };
}

describe("the simulator pipeline", () => {
  it("lets a request the spec accepts through to its handler, with its body still readable", async () => {
    const k = kit();
    expect(await k.send("POST", "/notes", { body: '{"text":"hi"}', type: "application/json" })).toEqual({
      status: 201,
      body: undefined,
    });
    expect(k.handled).toEqual(['createNote {"text":"hi"}']);
    expect(k.pipeline.log.entries.map((e) => e.operationId)).toEqual(["createNote"]);
  });

  it("answers an injected fault first, in the provider's error body, with Retry-After", async () => {
    const k = kit();
    k.pipeline.faults.inject({ status: 429, retryAfter: 3, operationId: "listNotes" });
    const faulted = await k.send("GET", "/notes", { token: "nobody" });
    expect(faulted).toEqual({ status: 429, body: { error: "Injected fault 429." }, retryAfter: "3" });
    expect(k.handled).toEqual([]);
  });

  it("refuses credentials by the provider's rule: 401, or 403 where it says so", async () => {
    const k = kit();
    expect(await k.send("GET", "/notes", { token: "nobody" })).toEqual({
      status: 401,
      body: { error: "bad key" },
    });
    expect(
      (await k.send("POST", "/notes", { token: "read-only", body: "{}", type: "application/json" })).status,
    ).toBe(403);
    expect(k.handled).toEqual([]);
  });

  it("refuses a body that breaks the schema with 400 naming each field", async () => {
    const k = kit();
    const refused = await k.send("POST", "/notes", {
      body: '{"text":"too long","x":1}',
      type: "application/json",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual(expect.arrayContaining(["body.text", "body.x"]));
    expect(k.handled).toEqual([]);
  });

  it("refuses malformed JSON with 400, and a media type the operation does not take with 415, or 400 where 415 is not documented", async () => {
    const k = kit();
    const malformed = await k.send("POST", "/notes", { body: "{oops", type: "application/json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^body: not valid JSON/);
    expect((await k.send("POST", "/notes", { body: "text=hi", type: "text/plain" })).status).toBe(415);
    expect((await k.send("POST", "/uploads", { body: "{}", type: "application/json" })).status).toBe(400);
    expect(k.handled).toEqual([]);
  });

  it("checks a multipart body part by part", async () => {
    const k = kit();
    const file = new File([new Uint8Array(3)], "a.wav", { type: "audio/wav" });
    expect((await k.send("POST", "/uploads", { body: toFormData({ file, lang: "en" }) })).status).toBe(202);
    const refused = await k.send("POST", "/uploads", { body: toFormData({ file, lang: "fr" }) });
    expect(refused).toMatchObject({ status: 400, body: { fields: ["body.lang"] } });
    expect(k.handled).toEqual(["upload"]);
  });

  it("refuses a query parameter the spec declares but the handler does not honour, and lists it", async () => {
    const k = kit({ honours: { listNotes: ["limit"] } });
    expect(await k.send("GET", "/notes?tag=work")).toEqual({
      status: 400,
      body: {
        error: "query.tag: is in the spec, but the kit simulator does not implement it",
        fields: ["query.tag"],
      },
    });
    expect((await k.send("GET", "/notes?limit=2")).status).toBe(200);
    expect(unhonouredParameters(k.pipeline)).toEqual(["listNotes query.tag"]);
    expect(unhonouredParameters(kit().pipeline)).toEqual([]);
  });

  it("answers a fault whose status carries no body without one, refuses a 1xx fault, and logs each answer's status", async () => {
    const k = kit();
    k.pipeline.faults.inject({ status: 204, operationId: "listNotes" });
    expect(await k.send("GET", "/notes")).toEqual({ status: 204, body: undefined });
    expect(() => k.pipeline.faults.inject({ status: 101 })).toThrow(/not a final HTTP status/);
    await k.send("GET", "/notes", { token: "nobody" });
    await k.send("GET", "/notes");
    expect(k.pipeline.log.entries.map((e) => `${e.operationId} ${e.status}`)).toEqual([
      "listNotes 204",
      "listNotes 401",
      "listNotes 200",
    ]);
  });

  it("logs a handler that throws as answered with 500 (MSW's answer)", async () => {
    const { pipeline } = kit();
    const http = simulate(createOpenApiHttp<any>({ baseUrl: "https://kit.test" }), pipeline);
    const fetch = fetchFromHandlers([
      http.get("/notes", () => {
        throw new Error("handler bug");
      }),
    ]);
    // setupServer answers it with a 500; a bare getResponse passes the error on.
    const request = new Request("https://kit.test/notes", { headers: { Authorization: "Bearer good" } });
    await expect(fetch(request)).rejects.toThrow("handler bug");
    expect(pipeline.log.entries.map((e) => e.status)).toEqual([500]);
  });

  it("answers as MSW would a handler bound with options (once) and a Response a handler throws", async () => {
    const { pipeline } = kit();
    const http = simulate(createOpenApiHttp<any>({ baseUrl: "https://kit.test" }), pipeline);
    const fetch = fetchFromHandlers([
      http.get("/notes", () => Response.json({ first: true }), { once: true }),
      http.get("/notes", () => {
        throw Response.json({ thrown: true }, { status: 418 });
      }),
    ]);
    const get = async () => {
      const response = await fetch(
        new Request("https://kit.test/notes", { headers: { Authorization: "Bearer good" } }),
      );
      return [response.status, await response.json()];
    };
    expect(await get()).toEqual([200, { first: true }]);
    expect(await get()).toEqual([418, { thrown: true }]);
    expect(await get()).toEqual([418, { thrown: true }]);
  });

  it("answers a path the spec does not have 404, a method the path does not take 405 with Allow, and a malformed escape 400", async () => {
    const k = kit();
    expect(await k.send("GET", "/nowhere")).toMatchObject({
      status: 404,
      body: { error: "/nowhere is not a path of this API" },
    });
    const wrong = await kit().pipeline;
    void wrong;
    const response = await k.send("DELETE", "/notes");
    expect(response).toMatchObject({
      status: 405,
      body: { error: "DELETE is not allowed on /notes; use GET, POST" },
    });
    expect((await k.send("GET", "/notes/%E0%A4%A")).status).toBe(400);
    expect((await k.send("GET", "")).status).toBe(404); // the server URL itself
    expect(k.handled).toEqual([]);
  });

  it.each([
    [
      "nested thousands deep",
      () => '{"text":' + "[".repeat(5000) + "]".repeat(5000) + "}",
      400,
      /nested more than 64 levels deep/,
    ],
    [
      "with a 70,000-character string",
      () => JSON.stringify({ text: "x".repeat(70_000) }),
      400,
      /a string of 70000 characters, at most 65536/,
    ],
    [
      "with a 70,000-character key",
      () => JSON.stringify({ ["k".repeat(70_000)]: 1 }),
      400,
      /a key of 70000 characters/,
    ],
  ])("refuses a body %s before it is validated or stored", async (_what, body, status, message) => {
    const k = kit();
    const refused = await k.send("POST", "/notes", { body: body(), type: "application/json" });
    expect(refused.status).toBe(status);
    expect(refused.body.error).toMatch(message);
    expect(k.handled).toEqual([]);
  });

  it("refuses a body over the byte limit with 413 where the spec documents it, else 400", async () => {
    const k = kit();
    k.pipeline.limits = { bytes: 10 };
    expect(
      (await k.send("POST", "/notes", { body: '{"text":"hello world"}', type: "application/json" })).status,
    ).toBe(400);
    const big = toFormData({ file: new File([new Uint8Array(64)], "a.wav", { type: "audio/wav" }) });
    expect(await k.send("POST", "/uploads", { body: big })).toMatchObject({
      status: 413,
      body: { error: expect.stringMatching(/bytes, at most 10$/) },
    });
    expect(k.handled).toEqual([]);
  });

  it("lets no handler skip the pipeline: `untyped` is refused", () => {
    const { pipeline } = kit();
    const http = simulate(createOpenApiHttp<any>({ baseUrl: "https://kit.test" }), pipeline);
    expect(() => http.untyped.get("https://kit.test/notes", () => Response.json({}))).toThrow(
      /not through `untyped`/,
    );
  });

  it("refuses to bind a handler to a path the spec does not have", () => {
    const { pipeline } = kit();
    const http = simulate(createOpenApiHttp<any>({ baseUrl: "https://kit.test" }), pipeline);
    expect(() => http.delete("/notes", () => new Response())).toThrow(
      /DELETE \/notes is not an operation of the spec/,
    );
  });
});
