// Nothing hangs: a body that stalls after its headers, a caller who gives up while the body streams, and
// a retry under MSW's setupServer (the README's own test setup) all settle.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/core/client.ts";
import { TimeoutError } from "../../src/core/errors.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { lazyRuntimeValidator } from "../../src/core/ajv-compiler.ts";
import { createTransport } from "../../src/core/transport.ts";
import { tinySpec } from "./tiny-spec.ts";

/** Headers now, then one chunk of the body, then nothing ever again (a signal-ignoring server). */
const stalling = async () =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"things": ['));
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );

describe("a body that stalls after its headers", () => {
  it("fails with a TimeoutError once the attempt's timeout passes", async () => {
    const transport = createTransport({ provider: "test", fetch: stalling, timeoutMs: 50, maxRetries: 0 });
    const response = await transport.send(new Request("https://api.test/things"));
    const started = Date.now();
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("fails with the caller's reason when the caller aborts while it streams", async () => {
    const transport = createTransport({ provider: "test", fetch: stalling, timeoutMs: 60_000 });
    const controller = new AbortController();
    const response = await transport.send(new Request("https://api.test/things"), {
      signal: controller.signal,
    });
    const reading = response.text();
    controller.abort(new Error("caller gave up"));
    await expect(reading).rejects.toThrow("caller gave up");
  });

  it("reaches a helper's caller as a TimeoutError too", async () => {
    const api = createApiClient<any, any>(
      {
        provider: "tiny",
        factory: "createTinyClient",
        baseUrl: "https://api.test",
        operations: operationTable(tinySpec),
        validator: lazyRuntimeValidator(tinySpec),
      },
      { token: "t", fetch: stalling, timeoutMs: 50, maxRetries: 0 },
    );
    await expect(api.send("listThings", { params: { query: { kind: "a" } } })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });
});

describe("a raw call's 2xx JSON body that stalls after its headers", () => {
  const tiny = (timeoutMs: number) =>
    createApiClient<any, any>(
      {
        provider: "tiny",
        factory: "createTinyClient",
        baseUrl: "https://api.test",
        operations: operationTable(tinySpec),
        validator: lazyRuntimeValidator(tinySpec),
      },
      { token: "t", fetch: stalling, timeoutMs, maxRetries: 0 },
    ).raw;

  it("fails with a TimeoutError once the attempt's timeout passes", async () => {
    const error = await tiny(50)
      .GET("/things", { params: { query: { kind: "a" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("fails with the caller's own reason when the caller aborts while it is read", async () => {
    const caller = new AbortController();
    const pending = tiny(60_000).GET("/things", { params: { query: { kind: "a" } }, signal: caller.signal });
    await new Promise((r) => setTimeout(r, 20));
    const reason = new Error("caller gave up");
    caller.abort(reason);
    expect(await pending.catch((e: unknown) => e)).toBe(reason);
  });
});

describe("a body whose chunks are always ready", () => {
  // Read chunk after chunk in microtasks only, the attempt's timer never gets to run: the reader must
  // still see the caller's abort, not stream for ever.
  const endless = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode('{"line": 1}\n'));
        },
      }),
      { status: 200, headers: { "content-type": "application/x-ndjson" } },
    );

  it("fails with the caller's reason when the caller aborts while it reads", async () => {
    const transport = createTransport({ provider: "test", fetch: endless, timeoutMs: 60_000 });
    const controller = new AbortController();
    const response = await transport.send(new Request("https://api.test/download"), {
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let chunks = 0;
    const error = await (async () => {
      for (;;) {
        if ((await reader.read()).done) return undefined;
        if (++chunks === 1000) controller.abort(new Error("caller gave up"));
      }
    })().catch((e: unknown) => e);
    expect((error as Error).message).toBe("caller gave up");
  });
});

describe("the timeout of a streamed body", () => {
  /** `count` chunks, each `gapMs` after the one before, then the end (or a stall, forever). */
  const chunks =
    (count: number, gapMs: number, stall = false) =>
    async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (count-- === 0) {
              if (!stall) controller.close();
              return stall ? new Promise<void>(() => undefined) : undefined;
            }
            await new Promise((r) => setTimeout(r, gapMs));
            controller.enqueue(new TextEncoder().encode('{"line": 1}\n'));
          },
        }),
        { status: 200, headers: { "content-type": "application/x-ndjson" } },
      );
  const readSlowly = async (response: Response, pauseMs: number) => {
    const reader = response.body!.getReader();
    let n = 0;
    for (;;) {
      if ((await reader.read()).done) return n;
      n++;
      await new Promise((r) => setTimeout(r, pauseMs)); // the caller works on each chunk
    }
  };

  it("counts the wait for each chunk, not the time the caller spends between chunks", async () => {
    const transport = createTransport({
      provider: "test",
      fetch: chunks(4, 5),
      timeoutMs: 60,
      maxRetries: 0,
    });
    const response = await transport.send(new Request("https://api.test/download"));
    // Four chunks, 90 ms of work after each: longer than the timeout every time.
    expect(await readSlowly(response, 90)).toBe(4);
  });

  it("does not count the time before the caller starts reading", async () => {
    const transport = createTransport({
      provider: "test",
      fetch: chunks(2, 5),
      timeoutMs: 60,
      maxRetries: 0,
    });
    const response = await transport.send(new Request("https://api.test/download"));
    await new Promise((r) => setTimeout(r, 120)); // twice the timeout, before the first read
    expect(await readSlowly(response, 0)).toBe(2);
  });

  it("fails with a TimeoutError when no chunk comes within the timeout", async () => {
    const transport = createTransport({
      provider: "test",
      fetch: chunks(2, 5, true),
      timeoutMs: 60,
      maxRetries: 0,
    });
    const response = await transport.send(new Request("https://api.test/download"));
    await expect(readSlowly(response, 1)).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("retries under MSW's setupServer", () => {
  let calls = 0;
  const server = setupServer(
    http.get("https://api.test/flaky", () => {
      calls += 1;
      return calls === 1
        ? HttpResponse.json({ message: "try again" }, { status: 503, headers: { "Retry-After": "0" } })
        : HttpResponse.json({ ok: true });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("retries an injected 503 and returns the next answer, without hanging", async () => {
    const transport = createTransport({ provider: "test", timeoutMs: 2000 });
    const response = await transport.send(new Request("https://api.test/flaky"));
    expect([response.status, await response.json(), calls]).toEqual([200, { ok: true }, 2]);
  });
});

describe("a response whose body nobody reads", () => {
  it("does not keep the process alive until the timeout", async () => {
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const script = [
      'import { createTransport } from "./src/core/transport.ts";',
      'const transport = createTransport({ provider: "t", timeoutMs: 60000, fetch: async () => new Response("{}") });',
      'await transport.send(new Request("https://api.test/x"));',
    ].join("\n");
    const started = Date.now();
    await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: new URL("../..", import.meta.url).pathname,
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
