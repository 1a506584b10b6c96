// The node:http adapter: a WHATWG handler served over real HTTP. Requests arrive whole (method, URL,
// headers, streamed body), responses leave whole (status, headers with every Set-Cookie, streamed body,
// none for HEAD/204/304), and nothing a handler or a client does stops the server.
import { createHash } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serve, type FetchHandler, type Served } from "../../conformance/cli/http-adapter.ts";

const open: Served[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function start(handle: FetchHandler): Promise<Served> {
  const served = await serve(handle);
  open.push(served);
  return served;
}

/** Sends raw bytes on a new connection and resolves with everything the server wrote before closing. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let got = "";
    socket.on("data", (d) => (got += d.toString()));
    socket.on("end", () => resolve(got));
    socket.on("error", reject);
  });
}

describe("serve", () => {
  it("listens on a free loopback port and says where", async () => {
    const served = await start(async () => new Response("ok"));
    expect(served.url).toBe(`http://127.0.0.1:${served.port}`);
    expect(served.port).toBeGreaterThan(0);
    expect(await (await fetch(served.url)).text()).toBe("ok");
  });

  it("hands the handler the method, the full URL, every header and the body", async () => {
    let seen: { method: string; url: string; headers: [string, string][]; body: string } | undefined;
    const served = await start(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        headers: [...request.headers],
        body: await request.text(),
      };
      return new Response(null, { status: 204 });
    });
    await fetch(`${served.url}/v2/jobs/a%20b?page_size=5&x=1`, {
      method: "PATCH",
      headers: { "x-trace": "t-1", "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(seen).toMatchObject({
      method: "PATCH",
      url: `${served.url}/v2/jobs/a%20b?page_size=5&x=1`,
      body: '{"a":1}',
    });
    expect(seen!.headers).toEqual(
      expect.arrayContaining([
        ["x-trace", "t-1"],
        ["content-type", "application/json"],
      ]),
    );
  });

  it("streams a large request body in, and a large response body out, byte for byte", async () => {
    const served = await start(async (request) => {
      const hash = createHash("sha256");
      let size = 0;
      const reader = request.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        hash.update(read.value);
        size += read.value.byteLength;
      }
      return new Response(
        new ReadableStream({
          start(c) {
            for (let i = 0; i < 64; i++) c.enqueue(new Uint8Array(64 * 1024).fill(i));
            c.close();
          },
        }),
        { headers: { "x-sha256": hash.digest("hex"), "x-size": String(size) } },
      );
    });
    const payload = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    const response = await fetch(`${served.url}/upload`, { method: "PUT", body: payload });
    expect(response.headers.get("x-size")).toBe(String(payload.byteLength));
    expect(response.headers.get("x-sha256")).toBe(createHash("sha256").update(payload).digest("hex"));
    const back = new Uint8Array(await response.arrayBuffer());
    expect(back.byteLength).toBe(64 * 64 * 1024);
    expect(back[64 * 1024 * 63]).toBe(63);
  });

  it("sends the first chunk of a response before the handler's stream has ended", async () => {
    let finish!: () => void;
    const later = new Promise<void>((resolve) => (finish = resolve));
    const served = await start(async () => {
      const body = new ReadableStream<Uint8Array>({
        async start(c) {
          c.enqueue(new TextEncoder().encode("first\n"));
          await later;
          c.enqueue(new TextEncoder().encode("second\n"));
          c.close();
        },
      });
      return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
    });
    const response = await fetch(served.url);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first\n");
    finish();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("second\n");
  });

  it("writes every Set-Cookie header, and the status text", async () => {
    const served = await start(async () => {
      const headers = new Headers({ "x-one": "1" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/; HttpOnly");
      return new Response("made", { status: 201, statusText: "Made It", headers });
    });
    const response = await fetch(served.url);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made It");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
  });

  it.each([204, 304])("writes no body for a %i", async (status) => {
    const served = await start(async () => new Response(null, { status }));
    const text = await raw(served.port, "GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    expect(text.startsWith(`HTTP/1.1 ${status}`)).toBe(true);
    expect(text.endsWith("\r\n\r\n")).toBe(true);
  });

  it("answers HEAD with the headers alone, without reading the handler's body (here an endless one)", async () => {
    let cancelled = false;
    const served = await start(
      async () =>
        new Response(
          new ReadableStream({
            pull: (c) => c.enqueue(new TextEncoder().encode("body")),
            cancel: () => void (cancelled = true),
          }),
          { headers: { "x-kind": "endless" } },
        ),
    );
    const text = await raw(served.port, "HEAD / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain("x-kind: endless");
    expect(text.endsWith("\r\n\r\n")).toBe(true);
    expect(cancelled).toBe(true);
  });

  it("stops pulling a response body while the client is not reading it", async () => {
    let pulled = 0;
    const served = await start(
      async () =>
        new Response(
          new ReadableStream({
            pull: (c) => {
              pulled += 1;
              c.enqueue(new Uint8Array(64 * 1024));
            },
          }),
        ),
    );
    const socket = connect(served.port, "127.0.0.1", () => socket.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n"));
    socket.pause(); // reads nothing
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The socket's and the kernel's buffers hold a few MB at most; an adapter that ignored
    // backpressure would have pulled hundreds of MB by now.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(200);
    socket.destroy();
  });

  it("answers 500 with a short text when the handler throws, and keeps serving", async () => {
    let calls = 0;
    const served = await start(async () => {
      if (++calls === 1) throw new Error("boom: secret internals");
      return new Response("fine");
    });
    const failed = await fetch(served.url);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await failed.text();
    expect(text).toBe("internal error: the handler failed");
    expect(text).not.toContain("boom");
    expect(await (await fetch(served.url)).text()).toBe("fine");
  });

  it("cuts the connection when a response body fails midway, and keeps serving", async () => {
    const served = await start(async (request) => {
      if (new URL(request.url).pathname === "/ok") return new Response("fine");
      const body = new ReadableStream({
        pull(c) {
          c.enqueue(new TextEncoder().encode("part"));
          c.error(new Error("broke"));
        },
      });
      return new Response(body);
    });
    const response = await fetch(`${served.url}/broken`);
    await expect(response.text()).rejects.toThrow();
    expect(await (await fetch(`${served.url}/ok`)).text()).toBe("fine");
  });

  it("aborts the request's signal when the client leaves in the middle of its body", async () => {
    let aborted!: (reason: unknown) => void;
    const abortedWith = new Promise((resolve) => (aborted = resolve));
    const served = await start(async (request) => {
      request.signal.addEventListener("abort", () => aborted(request.signal.reason));
      await request.arrayBuffer().catch(() => {});
      return new Response("never read");
    });
    const socket = connect(served.port, "127.0.0.1", () => {
      socket.write("POST /upload HTTP/1.1\r\nhost: x\r\ncontent-length: 100000\r\n\r\n");
      socket.write("only a little");
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on("error", () => {});
    const reason = await abortedWith;
    expect(String(reason)).toContain("the client closed the connection");
  });

  it("answers a request line over 16 KB with 431 and a malformed one with 400, and keeps serving", async () => {
    const served = await start(async () => new Response("fine"));
    const long = await raw(served.port, `GET /${"a".repeat(70_000)} HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(long).toMatch(/\r\n\r\nrequest line and headers over 16 KB$/);
    const garbage = await raw(served.port, "NOT HTTP AT ALL\r\n\r\n");
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toMatch(/\r\n\r\nmalformed HTTP request$/);
    expect(await (await fetch(served.url)).text()).toBe("fine");
  });

  it("takes an absolute-form request target as a path on this server", async () => {
    const served = await start(async (request) => new Response(request.url));
    const text = await raw(
      served.port,
      "GET http://elsewhere.example/v2/jobs?x=1 HTTP/1.1\r\nhost: elsewhere.example\r\nconnection: close\r\n\r\n",
    );
    expect(text).toContain(`${served.url}/v2/jobs?x=1`);
  });

  it("closes promptly with a response still streaming, aborting its request, and with idle keep-alive connections", async () => {
    let aborted = false;
    const served = await serve(async (request) => {
      request.signal.addEventListener("abort", () => void (aborted = true));
      if (new URL(request.url).pathname === "/idle") return new Response("ok");
      return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("tick")) }));
    });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${served.url}/idle`, { agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      })
        .on("error", reject)
        .end();
    });
    const streaming = await fetch(`${served.url}/forever`);
    const reader = streaming.body!.getReader();
    await reader.read(); // the stream has started and never ends
    const started = Date.now();
    await served.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await vi.waitFor(() => expect(aborted).toBe(true), { timeout: 1000 });
    await expect(fetch(served.url)).rejects.toThrow();
    agent.destroy();
  });
});
