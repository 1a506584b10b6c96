// A 2xx whose body is not what the spec documents is a typed error, for helpers and raw calls alike,
// never a bare SyntaxError or `undefined`.
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/core/client.ts";
import { InvalidResponseError } from "../../src/core/errors.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { lazyRuntimeValidator } from "../../src/core/ajv-compiler.ts";
import { tinySpec } from "./tiny-spec.ts";

const json = (text: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Response(text, { status: 200, headers });
const cutShort = () =>
  new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"things": ['));
        controller.error(new TypeError("terminated"));
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );

const api = (answer: () => Response) =>
  createApiClient<any, any>(
    {
      provider: "tiny",
      factory: "createTinyClient",
      baseUrl: "https://tiny.test/v1",
      operations: operationTable(tinySpec),
      validator: lazyRuntimeValidator(tinySpec),
    },
    { token: "secret-token-1", fetch: async () => answer(), maxRetries: 0 },
  );
const list = { params: { query: { kind: "a" } } };

describe("a 2xx body that is not what the spec documents", () => {
  it.each([
    [
      "not JSON",
      () => json("<html>oops secret-token-1</html>"),
      /the 200 response is not valid JSON \(application\/json\): "<html>oops \[redacted\]<\/html>"/,
    ],
    ["JSON cut off", () => json('{"things": ['), /is not valid JSON/],
    [
      "empty where a body is documented",
      () => new Response(null, { status: 200 }),
      /has an empty body, where the spec documents application\/json/,
    ],
    ["an empty string with a JSON type", () => json(""), /has an empty body/],
    ["a body whose stream breaks off", cutShort, /was cut short while it was read/],
  ])("is an InvalidResponseError from a helper and a raw call: %s", async (_what, answer, message) => {
    for (const call of [
      () => api(answer).send("listThings", list),
      () => api(answer).raw.GET("/things", list),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toMatch(message);
      expect(JSON.stringify(error)).not.toContain("secret-token-1");
    }
  });

  it("is an InvalidResponseError from a raw call whose operation also documents a 2xx that is not JSON", async () => {
    // Such an operation's body is left for openapi-fetch to read, and read by the client only when JSON.
    const mixed = createApiClient<any, any>(
      {
        provider: "tiny",
        factory: "createTinyClient",
        baseUrl: "https://tiny.test/v1",
        operations: {
          getMixed: {
            method: "GET",
            path: "/mixed",
            statuses: ["200", "206"],
            query: [],
            requestMediaTypes: [],
            successBodies: { "200": ["application/json"], "206": ["text/plain"] },
          },
        },
        validator: lazyRuntimeValidator(tinySpec),
      },
      { token: "secret-token-1", fetch: async () => cutShort(), maxRetries: 0 },
    );
    const error = await mixed.raw.GET("/mixed" as never, {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/was cut short while it was read/);
  });

  it("gives an error status whose body breaks off the error class for its status, not a cut 2xx", async () => {
    const broken = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(new TextEncoder().encode('{"message": "busy'));
            controller.error(new TypeError("terminated"));
          },
        }),
        { status: 503, headers: { "content-type": "application/json" } },
      );
    const error = await api(broken)
      .send("listThings", list)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ServerError", status: 503 });
  });

  it("is an InvalidResponseError from a raw call too", async () => {
    const error = await api(() => json("not json"))
      .raw.GET("/things", list)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      status: 200,
      contentType: "application/json",
      excerpt: "not json",
      operation: "listThings",
    });
  });

  it("lets a body the spec documents through, and gives no data for a status without a body", async () => {
    expect(await api(() => json('{"things": []}')).send("listThings", list)).toEqual({ things: [] });
    const created = await api(() => new Response(null, { status: 204 })).send("createThing", {
      body: { name: "a" },
    });
    expect(created).toBeUndefined();
  });
});
