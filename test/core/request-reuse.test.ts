// What the cheaper transport (issue 10) must not break: a request is sent as openapi-fetch built it and
// a response is guarded in place, so middlewares, clones, streams, retries and signals must all still
// behave as with plain fetch.
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { AttemptRequest, createTransport } from "../../src/core/transport.ts";
import { createApiClient } from "../../src/core/client.ts";
import { operationTable } from "../../src/core/operation-table.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { zoomScribeSpec } from "../../src/zoom-scribe/validation.ts";
import { createZoomScribeState, zoomScribeFetch } from "../../src/zoom-scribe/mock.ts";

const JOB = {
  input: { mode: "SINGLE", source: "S3", uri: "s3://acme-bucket/audio/a.wav" },
  output: { destination: "S3", uri: "s3://acme-bucket/out/a.json", layout: "SINGLE" },
  config: { language: "en-US" },
} as const;
const simulated = () =>
  zoomScribeFetch(createZoomScribeState({ token: "test-token", objects: ["s3://acme-bucket/audio/a.wav"] }));
/** A fetch that answers only the abort of the signal it is given. */
const hang = (_request: Request, init?: { signal?: AbortSignal }) =>
  new Promise<Response>((_, reject) =>
    init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
  );
const client = (fetch = simulated()) => createZoomScribeClient({ token: "test-token", fetch, maxRetries: 0 });

describe("a client with middlewares of its user", () => {
  it("lets a middleware replace the request with a new Request, for helpers and raw calls alike", async () => {
    const c = client();
    c.use({
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        headers.set("x-trace", "1");
        return new Request(request, { headers });
      },
    });
    expect((await c.jobs.list()).jobs).toEqual([]);
    expect((await c.GET("/aiservices/scribe/jobs")).response.status).toBe(200);
  });

  it("keeps the caller's signal on a request a middleware rebuilt", async () => {
    const c = createZoomScribeClient({ token: "t", fetch: hang, maxRetries: 0, timeoutMs: 5_000 });
    c.use({
      onRequest({ request }) {
        const Rebuilt = request.constructor as typeof Request;
        return new Rebuilt(request, { headers: { "x-trace": "1" } });
      },
    });
    const caller = new AbortController();
    const pending = c.GET("/aiservices/scribe/jobs", { signal: caller.signal });
    caller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
  });

  it("keeps the caller's signal on a plain new Request a middleware built from the request", async () => {
    const c = createZoomScribeClient({ token: "t", fetch: hang, maxRetries: 0, timeoutMs: 5_000 });
    c.use({ onRequest: ({ request }) => new Request(request, { headers: { "x-trace": "1" } }) });
    const caller = new AbortController();
    const pending = c.GET("/aiservices/scribe/jobs", { signal: caller.signal });
    caller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
  });

  it("keeps the caller's signal on a request a middleware of the call's own rebuilt, for raw calls and send", async () => {
    const middleware = [
      {
        onRequest: ({ request }: { request: Request }) =>
          new Request(request, { headers: { "x-trace": "1" } }),
      },
    ];
    const c = createZoomScribeClient({ token: "t", fetch: hang, maxRetries: 0, timeoutMs: 5_000 });
    const caller = new AbortController();
    const pending = c.GET("/aiservices/scribe/jobs", { signal: caller.signal, middleware });
    caller.abort(new Error("user cancelled"));
    await expect(pending).rejects.toThrow("user cancelled");
  });

  it("shows a middleware, the client's or the call's own, a request whose signal is the caller's", async () => {
    const c = createZoomScribeClient({ token: "t", fetch: hang, maxRetries: 0, timeoutMs: 5_000 });
    const seen: AbortSignal[] = [];
    const record = { onRequest: ({ request }: { request: Request }) => void seen.push(request.signal) };
    const api = createApiClient<any, any>(
      {
        provider: "zoom-scribe",
        factory: "f",
        baseUrl: "https://api.zoom.us/v2",
        operations: operationTable(zoomScribeSpec),
        validator: () => ({}) as never,
      },
      { token: "t", fetch: hang, maxRetries: 0 },
    );
    const caller = new AbortController();
    const calls = [
      api.send("listBatchJobs", { middleware: [record], signal: caller.signal }, { validate: false }),
      (c.use(record), c.jobs.list({}, { signal: caller.signal })),
    ];
    caller.abort(new Error("user cancelled"));
    for (const call of calls) await expect(call).rejects.toThrow("user cancelled");
    expect(seen.map((signal) => signal.aborted)).toEqual([true, true]);
  });

  it("lets a middleware clone a raw call's response, and answers a raw 204 under a middleware", async () => {
    const c = client();
    const bodies: unknown[] = [];
    const middleware = [
      {
        onResponse: async ({ response }: { response: Response }) =>
          void bodies.push(await response.clone().json()),
      },
    ];
    const { data } = await c.GET("/aiservices/scribe/jobs", { middleware });
    expect(data?.jobs).toEqual([]);
    expect(bodies).toEqual([data]);
    const job = await c.jobs.create(JOB);
    c.use({ onResponse: ({ response }) => void response.clone() });
    const { response } = await c.DELETE("/aiservices/scribe/jobs/{jobId}", {
      params: { path: { jobId: job.job_id } },
    });
    expect(response.status).toBe(204);
  });

  it("gives a middleware's clone of a raw call's response its URL, type and redirection", async () => {
    const answer = () => {
      const response = Response.json({ jobs: [], next_cursor: "" });
      for (const [name, value] of Object.entries({
        url: "https://api.zoom.us/x",
        type: "basic",
        redirected: true,
      }))
        Object.defineProperty(response, name, { value });
      return response;
    };
    const c = createZoomScribeClient({ token: "t", fetch: async () => answer(), maxRetries: 0 });
    const seen: unknown[] = [];
    c.use({ onResponse: ({ response }) => void seen.push(response.clone()) });
    await c.GET("/aiservices/scribe/jobs");
    const clone = seen[0] as Response;
    expect([clone.url, clone.type, clone.redirected]).toEqual(["https://api.zoom.us/x", "basic", true]);
  });

  it("does not show a middleware the credential", async () => {
    const c = client();
    const seen: (string | null)[] = [];
    c.use({
      onRequest({ request }) {
        seen.push(request.headers.get("authorization"));
      },
      onResponse({ request }) {
        seen.push(request.headers.get("authorization"));
      },
    });
    await c.jobs.list();
    await c.GET("/aiservices/scribe/jobs");
    expect(seen).toEqual([null, null, null, null]);
  });

  it("keeps the credential from a middleware after another, never added, was ejected", async () => {
    const c = client();
    const seen: (string | null)[] = [];
    c.use({ onResponse: ({ request }) => void seen.push(request.headers.get("authorization")) });
    c.eject({ onRequest: () => undefined });
    await c.jobs.list();
    expect(seen).toEqual([null]);
  });

  it("survives a middleware that looks at the response's body: a helper still gets its data or its error body", async () => {
    const c = client();
    c.use({
      onResponse({ response }) {
        if (response.body === null) throw new Error("a body was expected");
      },
    });
    const created = await c.jobs.create(JOB);
    expect(created.job_id).toMatch(/^job_/);
    await expect(c.jobs.get("nope")).rejects.toThrow(/404: Job nope not found/);
  });
});

describe("a response guarded by the transport", () => {
  const send = () =>
    createTransport({ provider: "p", maxRetries: 0, fetch: async () => new Response("hello") }).send(
      new AttemptRequest("https://x.test/a"),
    );
  it.each([
    ["reads its body after .body was looked at", async (r: Response) => (r.body ? r.text() : "")],
    [
      "is read through a clone, then streamed",
      async (r: Response) => [await r.clone().text(), await new Response(r.body).text()],
    ],
    ["is cloned after .body was looked at", async (r: Response) => (void r.body, r.clone().text())],
    ["streams its body chunk by chunk", async (r: Response) => new Response(r.body).text()],
  ])("behaves as a plain response when it %s", async (_, use) => {
    expect(await use(await send())).toEqual(await use(new Response("hello")));
  });

  it("lets go of the caller's signal for a body nobody reads (Content-Length: 0), and after a timeout", async () => {
    const empty = createTransport({
      provider: "p",
      maxRetries: 0,
      fetch: async () => new Response("", { status: 202, headers: { "content-length": "0" } }),
    });
    const caller = new AbortController();
    for (let i = 0; i < 5; i++)
      await empty.send(new AttemptRequest("https://x.test/"), { signal: caller.signal });
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
    const hanging = createTransport({
      provider: "p",
      maxRetries: 0,
      timeoutMs: 10,
      fetch: () => new Promise(() => {}),
    });
    await expect(
      hanging.send(new AttemptRequest("https://x.test/"), { signal: caller.signal }),
    ).rejects.toThrow();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
  });
});

describe("a raw call's JSON body, read by the client to be checked", () => {
  it.each(["text", "json", "arrayBuffer", "blob", "stream"] as const)(
    "is what openapi-fetch reads with parseAs %s",
    async (parseAs) => {
      const { data } = await client().GET("/aiservices/scribe/jobs", { parseAs });
      const text =
        parseAs === "json"
          ? JSON.stringify(data)
          : parseAs === "text"
            ? (data as string)
            : await new Response(data as BodyInit).text();
      expect(JSON.parse(text)).toMatchObject({ jobs: [] });
    },
  );

  it("is given to openapi-fetch once, then is a used body as any other", async () => {
    const c = client();
    const { data, response } = await c.GET("/aiservices/scribe/jobs");
    expect(data?.jobs).toEqual([]);
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    await expect(response.json()).rejects.toThrow(TypeError);
  });
});

describe("one long-lived signal given to many calls", () => {
  // A Request given a signal follows it until the Request is garbage-collected: given to the Request,
  // a shared signal would gather a listener per call (a MaxListenersExceededWarning past 1,500, and
  // every call slower than the last).
  it("carries no listener once helper calls are done, under middlewares too", async () => {
    const c = client();
    const app = new AbortController();
    for (let i = 0; i < 200; i++) await c.jobs.list({}, { signal: app.signal });
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
    c.use({ onRequest: () => undefined });
    for (let i = 0; i < 200; i++) await c.jobs.list({}, { signal: app.signal });
    await expect(c.jobs.get("no-such-job", { signal: app.signal })).rejects.toThrow();
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
  });

  it("still aborts a call in flight", async () => {
    const c = createZoomScribeClient({ token: "t", fetch: hang, maxRetries: 0, timeoutMs: 5_000 });
    const app = new AbortController();
    const helper = c.jobs.list({}, { signal: app.signal });
    const raw = c.GET("/aiservices/scribe/jobs", { signal: app.signal });
    app.abort(new Error("shutting down"));
    await expect(helper).rejects.toThrow("shutting down");
    await expect(raw).rejects.toThrow("shutting down");
    expect(getEventListeners(app.signal, "abort")).toHaveLength(0);
  });
});

describe("a 2xx body the caller reads at once (onText), read by the transport under the attempt's timeout", () => {
  it("comes whole, and leaves no timer and no listener on the caller's signal behind", async () => {
    vi.useFakeTimers();
    try {
      const transport = createTransport({ provider: "p", fetch: async () => new Response("hello") });
      const caller = new AbortController();
      const texts: string[] = [];
      const response = await transport.send(new AttemptRequest("https://x.test/a"), {
        signal: caller.signal,
        onText: (text) => texts.push(text),
      });
      expect([response.status, response.bodyUsed, texts]).toEqual([200, true, ["hello"]]);
      expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves no timer behind a helper's call", async () => {
    vi.useFakeTimers();
    try {
      const c = client();
      const created = await c.jobs.create(JOB);
      expect((await c.jobs.get(created.job_id)).job_id).toBe(created.job_id);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("a retry", () => {
  it("keeps the request's settings (credentials mode, cache, keepalive) and its headers", async () => {
    const sent: Request[] = [];
    const transport = createTransport({
      provider: "p",
      sleep: async () => undefined,
      fetch: async (request) => {
        sent.push(request);
        return new Response(null, { status: sent.length < 2 ? 503 : 200 });
      },
    });
    const request = new AttemptRequest("https://x.test/jobs", {
      method: "POST",
      body: JSON.stringify({ a: 1 }),
      headers: { "content-type": "application/json", "x-trace": "1" },
      credentials: "include",
      cache: "no-store",
    });
    await transport.send(request, { idempotent: true });
    expect(sent).toHaveLength(2);
    const [, retried] = sent;
    expect([retried!.credentials, retried!.cache, retried!.headers.get("x-trace")]).toEqual([
      "include",
      "no-store",
      "1",
    ]);
    expect(await retried!.text()).toBe('{"a":1}');
  });

  it("gives the fetch the attempt's signal in the init, so a wrapper that passes the init on passes the abort on", async () => {
    let received: AbortSignal | undefined;
    const inner = (_request: Request, init?: { signal?: AbortSignal }) => {
      received = init?.signal;
      return new Promise<Response>(() => {});
    };
    const transport = createTransport({
      provider: "p",
      maxRetries: 0,
      timeoutMs: 10,
      fetch: (request, init) => inner(request, init),
    });
    await expect(transport.send(new AttemptRequest("https://x.test/"))).rejects.toThrow();
    expect(received?.aborted).toBe(true);
  });
});
