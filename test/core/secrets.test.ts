// Secrets never leave: every value the client sent as a credential is scrubbed from every rendering of
// every error (message, toString, JSON, util.inspect, cause, headers, body, request id, jobs), however a
// provider echoes it.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/core/client.ts";
import { ConnectionError, JobFailedError, PollTimeoutError } from "../../src/core/errors.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { lazyRuntimeValidator } from "../../src/core/ajv-compiler.ts";
import { waitForJob } from "../../src/core/poll.ts";
import { redactBody, redactText } from "../../src/core/redact.ts";
import { tinySpec } from "./tiny-spec.ts";

const TOKEN = "tok$ecret.value/+=";

/** Every way an error is seen. */
const renderings = (error: unknown) => ({
  message: (error as Error).message,
  toString: String(error),
  json: JSON.stringify(error),
  inspect: inspect(error, { depth: Infinity, showHidden: false }),
});

function client(
  answer: (request: Request) => Response | Promise<Response>,
  token: unknown = async () => TOKEN,
) {
  return createApiClient<any, any>(
    {
      provider: "tiny",
      factory: "createTinyClient",
      baseUrl: "https://tiny.test/v1",
      operations: operationTable(tinySpec),
      validator: lazyRuntimeValidator(tinySpec),
      requestIdHeaders: ["x-request-id"],
    },
    { token, fetch: async (r: Request) => answer(r), maxRetries: 0 } as never,
  );
}

const leaks = (error: unknown) =>
  Object.entries(renderings(error))
    .filter(([, text]) => text.includes("ecret.value") || text.includes("tok$"))
    .map(([where]) => where);

describe("secrets in errors", () => {
  it.each([
    [
      "echoed in another header and as the request id",
      () =>
        new Response(null, {
          status: 404,
          headers: { "x-echo": `you sent ${TOKEN}`, "x-request-id": TOKEN },
        }),
    ],
    [
      "echoed after Bearer, with characters such as $ and /",
      () => Response.json({ message: `rejected Authorization: Bearer ${TOKEN}` }, { status: 401 }),
    ],
    [
      "echoed as an object key",
      () => Response.json({ message: "bad", fields: { [TOKEN]: "unknown key" } }, { status: 400 }),
    ],
    [
      "echoed inside a body nested deeper than errors copy",
      () => {
        let deep: unknown = { token_echo: TOKEN };
        for (let i = 0; i < 5000; i++) deep = { d: deep };
        return Response.json({ message: "deep", deep }, { status: 422 });
      },
    ],
  ])("scrubs a token a token function returned, %s", async (_what, answer) => {
    const error = await client(answer)
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(leaks(error)).toEqual([]);
  });

  it("scrubs the token from a connection failure and the whole chain of its causes", async () => {
    const error = await client(() => {
      throw new TypeError(`fetch failed for token ${TOKEN}`, {
        cause: new Error(`socket closed (${TOKEN})`),
      });
    })
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(leaks(error)).toEqual([]);
    expect(inspect(error)).toContain("socket closed ([redacted])");
  });

  it("scrubs the jobs that JobFailedError and PollTimeoutError carry", async () => {
    const job = { state: "FAILED", error: { message: `could not read with ${TOKEN}` } };
    const failed = await waitForJob(async () => job, {
      isDone: () => false,
      isFailed: () => true,
      secrets: () => [TOKEN],
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(JobFailedError);
    expect(leaks(failed)).toEqual([]);
    const stuck = await waitForJob(async () => ({ ...job, state: "RUNNING" }), {
      isDone: () => false,
      timeoutMs: 0,
      secrets: () => [TOKEN],
    }).catch((e: unknown) => e);
    expect(stuck).toBeInstanceOf(PollTimeoutError);
    expect(leaks(stuck)).toEqual([]);
  });

  it("refuses a token that cannot travel in a header, without quoting it", async () => {
    const thrown = (() => {
      try {
        client(() => Response.json({}), "sk_live_ABC\nDEF");
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toMatchObject({ name: "ConfigurationError" });
    expect(String(thrown)).not.toContain("sk_live_ABC");
    const fromFunction = await client(
      () => Response.json({}),
      async () => "sk_live_ABC\u0000",
    )
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(fromFunction).toMatchObject({ name: "ConfigurationError" });
    expect(String(fromFunction)).toMatch(/cannot travel in a header/);
    expect(String(fromFunction)).not.toContain("sk_live_ABC");
  });

  it("scrubs an excerpt of a bad 2xx body whole before cutting it, and JSON-escaped echoes too", async () => {
    const long = `${"x".repeat(190)}${TOKEN}`;
    const straddling = await client(
      () => new Response(long, { status: 200, headers: { "content-type": "application/json" } }),
    )
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(leaks(straddling)).toEqual([]);
    expect(JSON.stringify(straddling)).not.toContain(TOKEN.slice(0, 6));
    const escaped = await client(() =>
      Response.json(
        { message: `echo ${JSON.stringify(TOKEN).slice(1, -1).replace(/\//g, "\\/")}` },
        { status: 400 },
      ),
    )
      .send("getThing", { params: { path: { id: "t1" } } })
      .catch((e: unknown) => e);
    expect(JSON.stringify(escaped)).not.toContain("ecret.value");
  });

  it("keeps the credentials of a raw call's body as the client's secrets", async () => {
    const api = client((request) =>
      request.method === "POST"
        ? new Response(null, { status: 204 })
        : Response.json({ message: "the key aws-secret-for-raw leaked" }, { status: 404 }),
    );
    await api.raw.POST("/things", { body: { name: "a", secret: "aws-secret-for-raw" } as never });
    const error = await api.send("getThing", { params: { path: { id: "t1" } } }).catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain("aws-secret-for-raw");
  });

  it("copies a body nested thousands deep without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(JSON.stringify(redactBody(deep)).length).toBeLessThan(1000);
    expect(redactText(`Bearer ${TOKEN} and more`, [])).toBe("Bearer [redacted] and more");
  });
});
