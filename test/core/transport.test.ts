import { describe, expect, it, vi } from "vitest";
import { ConnectionError, TimeoutError } from "../../src/core/errors.ts";
import { AttemptRequest, createTransport, type TransportOptions } from "../../src/core/transport.ts";

/** A fetch that answers from a script, recording what it was sent (bodies read as text). */
function scripted(...answers: (Response | Error | "hang")[]) {
  const sent: { method: string; body: string; contentType: string | null }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push({
      method: request.method,
      body: await request.text(),
      contentType: request.headers.get("content-type"),
    });
    const next = answers.shift() ?? new Response("script ran out", { status: 599 });
    if (next === "hang") {
      return new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    }
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, sent };
}

function setup(answers: (Response | Error | "hang")[], options: Partial<TransportOptions> = {}) {
  const script = scripted(...answers);
  const delays: number[] = [];
  const transport = createTransport({
    provider: "test",
    fetch: script.fetch,
    sleep: async (ms, signal) => {
      delays.push(ms);
      signal?.throwIfAborted();
    },
    random: () => 0,
    ...options,
  });
  return { transport, sent: script.sent, delays };
}

const refused = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
const reset = () => Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
const post = (body: BodyInit = JSON.stringify({ a: 1 })) =>
  new Request("https://api.test/jobs", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
const get = () => new Request("https://api.test/jobs");

describe("createTransport", () => {
  it("retries a 429 after the Retry-After delay", async () => {
    const { transport, sent, delays } = setup([
      new Response("slow down", { status: 429, headers: { "Retry-After": "2" } }),
      Response.json({ ok: true }),
    ]);
    const response = await transport.send(post());
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(delays).toEqual([2000]);
  });

  it("does not retry a POST that got a 5xx, which may have created something", async () => {
    const { transport, sent } = setup([new Response(null, { status: 503 }), Response.json({})]);
    expect((await transport.send(post())).status).toBe(503);
    expect(sent).toHaveLength(1);
  });

  it("retries a POST that got a 5xx when the caller says it is idempotent", async () => {
    const { transport, sent, delays } = setup([
      new Response(null, { status: 500 }),
      new Response(null, { status: 502 }),
      Response.json({}),
    ]);
    expect((await transport.send(post(), { idempotent: true })).status).toBe(200);
    expect(sent).toHaveLength(3);
    expect(delays).toEqual([500, 1000]);
  });

  it("retries a GET that got a 5xx up to maxRetries, then returns the last response", async () => {
    const { transport, sent } = setup([503, 503, 503, 200].map((s) => new Response(null, { status: s })));
    expect((await transport.send(get())).status).toBe(503);
    expect(sent).toHaveLength(3);
  });

  it("retries a connection refused before sending, even for a POST", async () => {
    const { transport, sent } = setup([refused(), Response.json({})]);
    expect((await transport.send(post())).status).toBe(200);
    expect(sent).toHaveLength(2);
  });

  it("does not retry a POST whose connection broke after sending, and says so with a ConnectionError", async () => {
    const { transport, sent } = setup([reset(), Response.json({})]);
    const error = await transport.send(post(), { operation: "createJob" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toBe("test createJob: connection failed (ECONNRESET)");
    expect((error as ConnectionError).beforeSend).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it("re-sends the whole body on every retry, JSON and multipart alike", async () => {
    const form = new FormData();
    form.set("file", new Blob(["RIFF....WAVE"], { type: "audio/wav" }), "a.wav");
    form.set("config", JSON.stringify({ language: "en-US" }));
    const { transport, sent } = setup([new Response(null, { status: 429 }), Response.json({})]);
    await transport.send(new Request("https://api.test/upload", { method: "POST", body: form }));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe(sent[0]!.body);
    expect(sent[1]!.body).toContain("RIFF....WAVE");
    expect(sent[1]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("sends the request as it was built on the first attempt: no copy, no clone", async () => {
    const clone = vi.spyOn(Request.prototype, "clone");
    try {
      const seen: Request[] = [];
      const transport = createTransport({
        provider: "test",
        fetch: async (request) => {
          seen.push(request);
          return Response.json({});
        },
      });
      const request = new AttemptRequest("https://api.test/jobs", {
        method: "POST",
        body: JSON.stringify({ a: 1 }),
        headers: { "content-type": "application/json" },
      });
      await transport.send(request, { idempotent: true });
      expect(seen).toEqual([request]);
      expect(clone).not.toHaveBeenCalled();
    } finally {
      clone.mockRestore();
    }
  });

  it("builds a retry again from the body as given, a form with a boundary of its own", async () => {
    const form = new FormData();
    form.set("file", new Blob(["RIFF....WAVE"], { type: "audio/wav" }), "a.wav");
    const { transport, sent } = setup([new Response(null, { status: 429 }), Response.json({})]);
    // As openapi-fetch builds it: the runtime wrote Content-Type with the form's boundary.
    await transport.send(new AttemptRequest("https://api.test/upload", { method: "POST", body: form }));
    expect(sent).toHaveLength(2);
    for (const { body, contentType } of sent) {
      const boundary = /boundary=(.+)$/.exec(contentType ?? "")?.[1];
      expect(body).toContain(`--${boundary}`);
      expect(body).toContain("RIFF....WAVE");
    }
    expect(sent[1]!.contentType).not.toBe(sent[0]!.contentType);
  });

  it("gives the fetch the attempt's signal, which the timeout and the caller abort", async () => {
    const signals: AbortSignal[] = [];
    const transport = createTransport({
      provider: "test",
      timeoutMs: 20,
      maxRetries: 0,
      fetch: (_request, init) => {
        signals.push(init!.signal);
        return new Promise(() => undefined); // ignores its signal: the race ends the wait
      },
    });
    await expect(transport.send(new AttemptRequest("https://api.test/jobs"))).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as DOMException).name).toBe("TimeoutError");
    const caller = new AbortController();
    const pending = transport.send(new AttemptRequest("https://api.test/jobs", { signal: caller.signal }));
    caller.abort(new Error("changed my mind"));
    await expect(pending).rejects.toThrow("changed my mind");
    expect(signals[1]!.aborted).toBe(true);
  });

  it("fires the timeout on a request that hangs, with a TimeoutError", async () => {
    const { transport, sent } = setup(["hang", "hang", "hang"], { timeoutMs: 20 });
    const error = await transport.send(get(), { operation: "listJobs" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe("test listJobs: no response within 20 ms");
    expect(sent).toHaveLength(3); // a GET is retried after a timeout
  });

  it("fires the timeout where there is no setImmediate (browsers, some edge runtimes) too", async () => {
    const immediate = globalThis.setImmediate;
    // @ts-expect-error: removed for this test, as in a browser
    delete globalThis.setImmediate;
    try {
      const { transport } = setup(["hang"], { timeoutMs: 20, maxRetries: 0 });
      await expect(transport.send(get())).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      globalThis.setImmediate = immediate;
    }
  });

  it("fires the timeout under fake timers: vitest's defaults advanced at once, or only setTimeout faked and advanced async", async () => {
    vi.useFakeTimers();
    try {
      const { transport } = setup(["hang"], { timeoutMs: 1000, maxRetries: 0 });
      const sent = transport.send(get());
      vi.advanceTimersByTime(1000);
      await expect(sent).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      vi.useRealTimers();
    }
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { transport } = setup(["hang"], { timeoutMs: 1000, maxRetries: 0 });
      const sent = transport.send(get());
      sent.catch(() => undefined);
      await vi.advanceTimersByTimeAsync(1000);
      await expect(sent).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not retry a timed-out POST", async () => {
    const { transport, sent } = setup(["hang", Response.json({})], { timeoutMs: 20 });
    await expect(transport.send(post())).rejects.toBeInstanceOf(TimeoutError);
    expect(sent).toHaveLength(1);
  });

  it("lets a call override the client's timeout and retries", async () => {
    const { transport, sent } = setup(["hang", Response.json({})], { timeoutMs: 60_000 });
    await expect(transport.send(get(), { timeoutMs: 10, maxRetries: 0 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(sent).toHaveLength(1);
  });

  it("stops retrying when the caller aborts during the backoff, with the caller's reason", async () => {
    const controller = new AbortController();
    const script = scripted(new Response(null, { status: 503 }), Response.json({}));
    const transport = createTransport({
      provider: "test",
      fetch: script.fetch,
      sleep: async (_ms, signal) => {
        controller.abort(new Error("user gave up"));
        signal?.throwIfAborted();
      },
    });
    await expect(transport.send(get(), { signal: controller.signal })).rejects.toThrow("user gave up");
    expect(script.sent).toHaveLength(1);
  });

  it("never retries a request the caller aborted in flight", async () => {
    const controller = new AbortController();
    const { transport, sent } = setup(["hang", Response.json({})]);
    const pending = transport.send(get(), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 5);
    await expect(pending).rejects.toThrow("stop");
    expect(sent).toHaveLength(1);
  });

  it("does not wait out a Retry-After beyond maxRetryAfterMs: the 429 comes back at once", async () => {
    const { transport, sent, delays } = setup([
      new Response(null, { status: 429, headers: { "Retry-After": "86400" } }),
    ]);
    expect((await transport.send(get())).status).toBe(429);
    expect(sent).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("refuses per-call settings that cannot work, before sending", async () => {
    const { transport, sent } = setup([Response.json({})]);
    await expect(transport.send(get(), { operation: "listJobs", maxRetries: 1.5 })).rejects.toThrow(
      "listJobs.maxRetries: expected an integer from 0 to 100, got 1.5",
    );
    await expect(transport.send(get(), { timeoutMs: Number.NaN })).rejects.toThrow("test.timeoutMs");
    expect(sent).toHaveLength(0);
  });

  it("refuses settings that cannot work, naming them", () => {
    expect(() => createTransport({ provider: "p", maxRetries: -1 })).toThrow(
      "p.maxRetries: expected an integer from 0 to 100, got -1",
    );
    expect(() => createTransport({ provider: "p", timeoutMs: 0 })).toThrow(
      "p.timeoutMs: expected a number from 1 to 2147483647, got 0",
    );
    // Node fires a timer over 2^31 - 1 ms at once: such a timeout would end every attempt in 1 ms.
    expect(() => createTransport({ provider: "p", timeoutMs: Infinity })).toThrow("got Infinity");
    expect(() => createTransport({ provider: "p", maxRetryAfterMs: 2 ** 31 })).toThrow("p.maxRetryAfterMs");
  });
});

describe("transport log lines", () => {
  it("logs each attempt, the retry and the response in order, with credentials in the URL redacted", async () => {
    const lines: [string, Record<string, unknown>][] = [];
    const logger = {
      debug: (message: string, data: Record<string, unknown>) => lines.push([message, data]),
      warn: (message: string, data: Record<string, unknown>) => lines.push([message, data]),
    };
    const { transport } = setup([new Response("busy", { status: 503 }), new Response("ok")], { logger });
    const response = await transport.send(new Request("https://api.example.com/jobs?token=s3cr3t&page=2"), {
      operation: "listJobs",
    });
    expect(await response.text()).toBe("ok");
    const url = "https://api.example.com/jobs?token=%5Bredacted%5D&page=2";
    const base = { provider: "test", operation: "listJobs", method: "GET", url };
    expect(lines).toEqual([
      ["request", { ...base, attempt: 1 }],
      ["retry", { ...base, status: 503, retry: 1, delayMs: 500 }],
      ["request", { ...base, attempt: 2 }],
      ["response", { ...base, status: 200, attempts: 2 }],
    ]);
    expect(JSON.stringify(lines)).not.toContain("s3cr3t");
  });
});
