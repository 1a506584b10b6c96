// The client shell on a tiny spec of its own: what every provider's client gets from createApiClient.
import { describe, expect, it } from "vitest";
import { apiErrorGuard, createApiClient, type ApiDefinition } from "../../src/core/client.ts";
import { ConfigurationError } from "../../src/core/auth.ts";
import { NotFoundError, TimeoutError, ValidationError } from "../../src/core/errors.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { lazyRuntimeValidator } from "../../src/core/ajv-compiler.ts";
import { tinySpec } from "./tiny-spec.ts";

const definition: ApiDefinition<ReturnType<typeof operationTable>> = {
  provider: "tiny",
  factory: "createTinyClient",
  baseUrl: "https://tiny.test/v1",
  operations: operationTable(tinySpec),
  validator: lazyRuntimeValidator(tinySpec),
  requestIdHeaders: ["x-tiny-request"],
  issuesFromBody: (body) => {
    const field = (body as { field?: unknown }).field;
    return typeof field === "string" ? [{ location: field, message: "is wrong" }] : [];
  },
};

/** An empty answer with the 2xx status each operation of the tiny spec documents. */
const documentedAnswer = (request: Request) =>
  new Response(null, { status: new URL(request.url).pathname.endsWith("/uploads") ? 202 : 204 });

function recording(answer: (request: Request) => Response = () => Response.json({ things: [] })) {
  const seen: Request[] = [];
  return {
    seen,
    fetch: async (request: Request) => {
      seen.push(request);
      return answer(request);
    },
  };
}

// The shell is typed from a provider's generated `operations`; the tiny spec has none, so these run loose.
const tiny = (options: object) => createApiClient<any, any>(definition, options as never);

describe("createApiClient", () => {
  it("runs an operation by its operationId: method, path, parameters and the bearer token", async () => {
    const { seen, fetch } = recording();
    const api = tiny({ token: "tok", fetch });
    expect(await api.send("listThings", { params: { query: { kind: "a", limit: 2 } } })).toEqual({
      things: [],
    });
    expect(seen[0]?.method).toBe("GET");
    expect(seen[0]?.url).toBe("https://tiny.test/v1/things?kind=a&limit=2");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer tok");
  });

  it("passes any other option of openapi-fetch's in the init on, and the signal given in either place", async () => {
    const { seen, fetch } = recording();
    const api = tiny({ token: "tok", fetch });
    await api.send("listThings", { params: { query: { kind: "a" } }, querySerializer: () => "kind=b" });
    expect(seen[0]?.url).toBe("https://tiny.test/v1/things?kind=b");
    for (const place of ["init", "options"]) {
      const caller = new AbortController();
      caller.abort(new Error(`stopped in ${place}`));
      const call =
        place === "init"
          ? api.send("listThings", { params: { query: { kind: "a" } }, signal: caller.signal })
          : api.send("listThings", { params: { query: { kind: "a" } } }, { signal: caller.signal });
      await expect(call).rejects.toThrow(`stopped in ${place}`);
    }
  });

  it("serializes a JSON body itself, whatever bodySerializer the init carries", async () => {
    const { seen, fetch } = recording(documentedAnswer);
    const api = tiny({ token: "tok", fetch });
    await api.send("createThing", { body: { name: "a" }, bodySerializer: () => "CUSTOM" });
    expect(await seen[0]?.text()).toBe('{"name":"a"}');
  });

  it("ends with the caller's reason when a signal given in the init aborts while a 2xx body is read", async () => {
    const stalling = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode('{"things": [')),
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const api = tiny({ token: "tok", fetch: stalling, timeoutMs: 60_000 });
    const caller = new AbortController();
    const pending = api.send("listThings", { params: { query: { kind: "a" } }, signal: caller.signal });
    await new Promise((r) => setTimeout(r, 20));
    const reason = new Error("caller gave up");
    caller.abort(reason);
    expect(await pending.catch((e: unknown) => e)).toBe(reason);
  });

  it("sends the credential the way the provider says", async () => {
    const { seen, fetch } = recording();
    const api = createApiClient<any, any>(
      { ...definition, authHeaders: (t) => ({ "x-api-key": t }) },
      { token: "k", fetch },
    );
    await api.send("listThings", { params: { query: { kind: "a" } } });
    expect(seen[0]?.headers.get("x-api-key")).toBe("k");
    expect(seen[0]?.headers.has("authorization")).toBe(false);
  });

  it("refuses a request that breaks the spec before sending it, naming the parameter, unless told not to validate", async () => {
    const { seen, fetch } = recording();
    const api = tiny({ token: "tok", fetch });
    const refused = await api
      .send("listThings", { params: { query: { kind: "a", limit: 11 } } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ sent: false, field: "query.limit", operation: "listThings" });
    expect(seen).toHaveLength(0);
    await api.send("listThings", { params: { query: { kind: "a", limit: 11 } } }, { validate: false });
    expect(seen).toHaveLength(1);
  });

  it("turns an error status into the error class for it, with the provider's fields and request id", async () => {
    const { fetch } = recording(() =>
      Response.json(
        { message: "no such thing", field: "path.id" },
        { status: 404, headers: { "x-tiny-request": "r-1" } },
      ),
    );
    const error = await tiny({ token: "tok", fetch })
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, requestId: "r-1", operation: "getThing", provider: "tiny" });
    expect((error as Error).message).toBe("tiny getThing failed with 404: no such thing (request id r-1)");
  });

  it("scrubs every token a token function returned from an error, wherever the provider echoes it", async () => {
    let n = 0;
    const { fetch } = recording((request) =>
      Response.json(
        { message: `bad token ${request.headers.get("authorization")!.slice(7)}` },
        { status: 400 },
      ),
    );
    const api = tiny({ token: () => `secret-token-${++n}`, fetch });
    const error = (await api
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e)) as ValidationError;
    expect(JSON.stringify(error)).not.toContain("secret-token-1");
    expect(error.message).toContain("[redacted]");
  });

  it("does not hang on a token function that never answers: the per-call timeout or the caller's abort ends the call", async () => {
    const { seen, fetch } = recording();
    const never = () => new Promise<string>(() => {});
    const api = tiny({ token: never, fetch, maxRetries: 0 });
    const query = { params: { query: { kind: "a" } } };
    const timedOut = await api.send("listThings", query, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect((timedOut as Error).message).toBe("tiny listThings: no response within 30 ms");
    const controller = new AbortController();
    const pending = api.send("listThings", query, { signal: controller.signal });
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    expect(seen).toHaveLength(0);
  });

  it("asks a token function again for every attempt, and throws what it throws, unretried", async () => {
    let n = 0;
    const { seen, fetch } = recording(() => new Response(null, { status: 503 }));
    const api = tiny({ token: () => `jwt-${++n}`, fetch, maxRetries: 1, sleep: async () => {} });
    await api.send("listThings", { params: { query: { kind: "a" } } }).catch(() => undefined);
    expect(seen.map((r) => r.headers.get("authorization"))).toEqual(["Bearer jwt-1", "Bearer jwt-2"]);
    const failing = tiny({ token: () => Promise.reject(new Error("vault is down")), fetch, maxRetries: 2 });
    await expect(failing.send("listThings", { params: { query: { kind: "a" } } })).rejects.toThrow(
      "vault is down",
    );
    expect(seen).toHaveLength(2);
  });

  it("scrubs each call's own token from its error, however many calls run at once", async () => {
    let n = 0;
    const { fetch } = recording((request) =>
      Response.json(
        { message: `bad token ${request.headers.get("authorization")!.slice(7)}` },
        { status: 404 },
      ),
    );
    const api = tiny({ token: async () => `secret-token-${String(++n).padStart(4, "0")}`, fetch });
    const errors = await Promise.all(
      Array.from({ length: 40 }, () =>
        api.send("getThing", { params: { path: { id: "t1" } } }).catch((e: unknown) => e),
      ),
    );
    expect(errors.filter((e) => JSON.stringify(e).includes("secret-token-"))).toEqual([]);
  });

  it.each([
    ["no options", undefined, /createTinyClient: expected an options object/],
    ["an empty token", { token: "" }, /createTinyClient.token: expected a non-empty string/],
    ["a relative base URL", { token: "t", baseUrl: "/v1" }, /createTinyClient.baseUrl: not an absolute URL/],
    [
      "a fetch that is not a function",
      { token: "t", fetch: 1 },
      /createTinyClient.fetch: expected a function, got number/,
    ],
  ])("refuses %s, naming the option", (_what, options, message) => {
    expect(() => tiny(options as object)).toThrow(message);
    expect(() => tiny(options as object)).toThrow(ConfigurationError);
  });

  it("sends a body as the media type the operation takes: a form part by part, text as is", async () => {
    const spec = structuredClone(tinySpec);
    spec.paths!["/notes"] = {
      put: {
        operationId: "putNote",
        requestBody: {
          required: true,
          content: { "text/plain": { schema: { type: "string", maxLength: 5 } } },
        },
        responses: { "204": { description: "stored" } },
      },
    };
    const { seen, fetch } = recording(documentedAnswer);
    const api = createApiClient<any, any>(
      { ...definition, operations: operationTable(spec), validator: lazyRuntimeValidator(spec) },
      { token: "t", fetch },
    );
    const file = new File([new Uint8Array(4)], "a.wav", { type: "audio/wav" });
    await api.send("upload", { body: { file, config: { language: "en" } } });
    const form = await seen[0]!.formData();
    expect(seen[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect((form.get("file") as File).name).toBe("a.wav");
    expect(form.get("config")).toBe('{"language":"en"}');
    await api.send("putNote", { body: "hello" });
    expect([seen[1]!.headers.get("content-type"), await seen[1]!.text()]).toEqual(["text/plain", "hello"]);
    await expect(api.send("putNote", { body: "too long" })).rejects.toThrow(/body: 8 characters, at most 5/);
    // The same operation takes JSON: a body without a file goes as JSON, and is checked as JSON.
    await api.send("upload", { body: { url: "https://example.test/a.wav" } });
    expect([seen[2]!.headers.get("content-type"), await seen[2]!.json()]).toEqual([
      "application/json",
      { url: "https://example.test/a.wav" },
    ]);
    await expect(api.send("upload", { body: { config: {} } })).rejects.toThrow(/url: is required/);
    // A FormData the caller built goes as it is, and is checked part by part.
    const built = new FormData();
    built.append("config", "{}");
    await expect(api.send("upload", { body: built })).rejects.toThrow(/file: is required/);
    built.append("file", file);
    await api.send("upload", { body: built });
    expect(((await seen[3]!.formData()).get("file") as File).size).toBe(4);
  });

  it("sends a form the caller names multipart with the runtime's boundary, files in arrays too, and a urlencoded form as such", async () => {
    const spec = structuredClone(tinySpec);
    spec.paths!["/forms"] = {
      post: {
        operationId: "postForm",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded; charset=utf-8": {
              schema: { type: "object", properties: { a: { type: "string" }, n: { type: "integer" } } },
            },
          },
        },
        responses: { "204": { description: "ok" } },
      },
    };
    const { seen, fetch } = recording(documentedAnswer);
    const api = createApiClient<any, any>(
      { ...definition, operations: operationTable(spec), validator: lazyRuntimeValidator(spec) },
      { token: "t", fetch },
    );
    const file = new File([new Uint8Array(2)], "a.wav", { type: "audio/wav" });
    await api.send("upload", { body: { file }, headers: { "Content-Type": "multipart/form-data" } });
    expect(seen[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(((await seen[0]!.formData()).get("file") as File).name).toBe("a.wav");
    await api.send("postForm", { body: { a: "x y", n: 2 } });
    expect(await seen[1]!.text()).toBe("a=x+y&n=2");
    await expect(
      api.send("upload", {
        body: { file: "not a file" },
        headers: { "Content-Type": "multipart/form-data" },
      }),
    ).rejects.toThrow(/file: must be a file \(a Blob or File\), not a text value/);
  });

  it("refuses before sending a body nested too deep to serialize, and one that cannot be serialized", async () => {
    const { seen, fetch } = recording();
    const api = tiny({ token: "t", fetch });
    let deep: unknown = "leaf";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const error = await api
      .send("createThing", { body: { name: "a", deep } }, { validate: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ValidationError", sent: false, field: "body" });
    expect((error as Error).message).toMatch(/nested more than 1000 levels deep; it cannot be sent/);
    const bigint = await api
      .send("createThing", { body: { name: "a", n: 1n } }, { validate: false })
      .catch((e: unknown) => e);
    expect(bigint).toMatchObject({ name: "ValidationError", sent: false });
    expect((bigint as Error).message).toMatch(/could not be serialized \(TypeError\)/);
    expect(seen).toHaveLength(0);
  });

  it("checks header parameters against the spec, and sends them", async () => {
    const spec = structuredClone(tinySpec);
    spec.paths!["/orders"] = {
      post: {
        operationId: "order",
        parameters: [
          { name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", minLength: 8 } },
        ],
        responses: { "204": { description: "ok" } },
      },
    };
    const { seen, fetch } = recording(() => new Response(null, { status: 204 }));
    const api = createApiClient<any, any>(
      { ...definition, operations: operationTable(spec), validator: lazyRuntimeValidator(spec) },
      { token: "t", fetch },
    );
    await expect(api.send("order", {})).rejects.toThrow(/header.idempotency-key: is required/i);
    await expect(api.send("order", { params: { header: { "Idempotency-Key": "short" } } })).rejects.toThrow(
      /header.Idempotency-Key: 5 characters, at least 8/,
    );
    await api.send("order", { params: { header: { "Idempotency-Key": "key-12345" } } });
    expect(seen[0]?.headers.get("idempotency-key")).toBe("key-12345");
  });

  it("checks a raw multipart call too, when the client validates raw calls", async () => {
    const { seen, fetch } = recording(() => new Response(null, { status: 202 }));
    const api = createApiClient<any, any>(definition, { token: "t", fetch, validateRequests: true });
    const good = new FormData();
    good.append("file", new File(["abc"], "a.wav", { type: "audio/wav" }));
    expect((await api.raw.POST("/uploads", { body: good })).response.status).toBe(202);
    await expect(api.raw.POST("/uploads", { body: new FormData() })).rejects.toThrow(
      /body.file: is required|file: is required/,
    );
    expect(seen).toHaveLength(1);
  });

  it("refuses an operation the spec does not have", async () => {
    await expect(tiny({ token: "t", fetch: recording().fetch }).send("deleteThing", {})).rejects.toThrow(
      /tiny: no operation deleteThing in the spec/,
    );
  });

  it("narrows a caught error to one provider's API errors", async () => {
    const { fetch } = recording(() => Response.json({ message: "gone" }, { status: 404 }));
    const error = await tiny({ token: "t", fetch })
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(apiErrorGuard<{ message: string }>("tiny")(error)).toBe(true);
    expect(apiErrorGuard("other")(error)).toBe(false);
    expect(apiErrorGuard("tiny")(new Error("x"))).toBe(false);
  });
});
