// The validating proxy: in front of a simulator (a conforming upstream) every exchange reports no
// violation; in front of a server that answers `{}` to everything, each exchange reports what is wrong,
// in a header and a log line, with no credential in either; an unreachable upstream is one 502.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../conformance/cli/mock-server.ts";
import { startProxy, type Proxy } from "../../conformance/cli/proxy.ts";
import { PROVIDER_IDS, type ProviderId } from "../../conformance/cli/simulators.ts";
import { createSlngClient } from "../../src/slng/index.ts";
import { createSoferClient } from "../../src/sofer/index.ts";
import { createSoketClient } from "../../src/soket/index.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { createZoomTranslatorClient } from "../../src/zoom-translator/index.ts";

const TOKEN = "proxy-secret-token-7f3a";
type Fetch = (request: Request) => Promise<Response>;

/** Each provider's client doing one create and one read through `baseUrl`. */
const FLOWS: Record<ProviderId, (baseUrl: string, fetch: Fetch) => Promise<void>> = {
  "zoom-scribe": async (baseUrl, fetch) => {
    const client = createZoomScribeClient({ token: TOKEN, baseUrl, fetch, maxRetries: 0 });
    const job = await client.jobs.create({
      input: { mode: "SINGLE", source: "S3", uri: "s3://acme-bucket/audio/2025/11/call_0001.wav" },
      output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
      config: { language: "en-US" },
    });
    await client.jobs.get(job.job_id);
  },
  "zoom-translator": async (baseUrl, fetch) => {
    const client = createZoomTranslatorClient({ token: TOKEN, baseUrl, fetch, maxRetries: 0 });
    const job = await client.jobs.create({
      input: { mode: "SINGLE", source: "S3", uri: "s3://acme-bucket/input/2026/03/notes.txt" },
      output: { destination: "S3", uri: "s3://acme-bucket/out/", layout: "PREFIX" },
      config: { source_language: "en-US", target_languages: ["fr-FR"] },
    });
    await client.jobs.get(job.job_id);
  },
  sofer: async (baseUrl, fetch) => {
    const client = createSoferClient({ apiKey: TOKEN, baseUrl, fetch, maxRetries: 0 });
    const batch = await client.batches.createExpress([{ audio_url: "https://cdn.example.com/a.mp3" }]);
    await client.batches.status(batch.batch_id);
  },
  soket: async (baseUrl, fetch) => {
    const client = createSoketClient({ token: TOKEN, baseUrl, fetch, maxRetries: 0 });
    const batch = await client.batches.submit({ sources: [{ url: "https://cdn.example.com/a.wav" }] });
    await client.batches.status(batch.batch_id);
  },
  slng: async (baseUrl, fetch) => {
    const client = createSlngClient({ apiKey: TOKEN, baseUrl, fetch, maxRetries: 0 });
    const job = await client.jobs.submitUrl("https://cdn.example.com/a.wav", {
      transcription_config: { language: "en" },
    });
    await client.jobs.get(job.job_id);
  },
};

/** A fetch that keeps every response's headers. */
function recording() {
  const seen: { url: string; status: number; headers: Headers }[] = [];
  const fetch: Fetch = async (request) => {
    const response = await globalThis.fetch(request);
    seen.push({ url: request.url, status: response.status, headers: response.headers });
    return response;
  };
  return { seen, fetch };
}

/** A node:http server that answers `{}` (200, JSON) to everything, and keeps what it was sent. */
async function emptyObjectServer() {
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.each(PROVIDER_IDS)("the %s proxy in front of its simulator", (id) => {
  let upstream: MockServer;
  let proxy: Proxy;
  const lines: string[] = [];
  beforeAll(async () => {
    upstream = await startMockServer({ provider: id, token: TOKEN });
    proxy = await startProxy({ provider: id, upstream: upstream.url, log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it("passes a conforming exchange through with x-batchspec-violations: 0 and logs nothing", async () => {
    expect(new URL(proxy.url).pathname).toBe(new URL(upstream.url).pathname);
    const { seen, fetch } = recording();
    await FLOWS[id](proxy.url, fetch);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const exchange of seen) {
      expect(exchange.url.startsWith(proxy.url)).toBe(true);
      expect(exchange.headers.get("x-batchspec-violations")).toBe("0");
      expect(exchange.headers.get("x-batchspec-violation")).toBeNull();
    }
    expect(lines).toEqual([]);
    // The simulator saw the requests: they went through, not answered by the proxy.
    expect(upstream.state.requests.length).toBe(seen.length);
  });
});

describe("the proxy in front of a server that answers {} to everything", () => {
  let upstream: Awaited<ReturnType<typeof emptyObjectServer>>;
  let proxy: Proxy;
  const lines: string[] = [];
  beforeAll(async () => {
    upstream = await emptyObjectServer();
    proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await proxy.close();
    await upstream.close();
  });

  it("counts the violations in a header, shows the first, and logs one line for each", async () => {
    lines.length = 0;
    const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/job_1`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({}); // the upstream's answer, as it was
    const count = Number(response.headers.get("x-batchspec-violations"));
    expect(count).toBeGreaterThan(0);
    expect(lines).toHaveLength(count);
    const first = response.headers.get("x-batchspec-violation")!;
    expect(first).toMatch(/^GET \/v2\/aiservices\/scribe\/jobs\/job_1 -> 200: response body/);
    expect(lines[0]).toBe(`batchspec proxy: violation: ${first.replace("->", "→")}`);
    // It says what: a field the spec requires that `{}` lacks.
    expect(lines.join("\n")).toMatch(/job_id/);
  });

  it("flags a request that breaks the spec too", async () => {
    lines.length = 0;
    const response = await fetch(`${proxy.url}/aiservices/scribe/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ input: "not an object" }),
    });
    expect(lines.some((l) => /POST \/v2\/aiservices\/scribe\/jobs → 200: request body/.test(l))).toBe(true);
    expect(Number(response.headers.get("x-batchspec-violations"))).toBe(lines.length);
  });

  it("puts no credential in a log line or a header, even when the request carries it where a problem quotes it", async () => {
    lines.length = 0;
    // The token as a path segment and as a credential query parameter: the problem lines quote the path.
    const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/${TOKEN}?access_token=${TOKEN}`, {
      headers: { authorization: `Bearer ${TOKEN}`, "x-api-key": TOKEN },
    });
    expect(Number(response.headers.get("x-batchspec-violations"))).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("[redacted]");
    for (const line of lines) expect(line).not.toContain(TOKEN);
    for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toContain(TOKEN);
    await response.arrayBuffer();
  });

  it("keeps a header to one line of at most 500 printable characters", async () => {
    const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/${"é".repeat(400)}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const first = response.headers.get("x-batchspec-violation")!;
    expect(first.length).toBeLessThanOrEqual(500);
    expect(first).toMatch(/^[\x20-\x7e]+$/);
  });

  it("forwards the method, path, query, headers and body, but not hop-by-hop headers", async () => {
    upstream.received.length = 0;
    await fetch(`${proxy.url}/aiservices/scribe/jobs?page_size=5`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "content-type": "application/json",
        "x-request-id": "abc-123",
        "proxy-authorization": "Basic c2VjcmV0",
      },
      body: '{"reference_id":"r1"}',
    });
    const [got] = upstream.received;
    expect(got).toMatchObject({
      method: "POST",
      url: "/v2/aiservices/scribe/jobs?page_size=5",
      body: '{"reference_id":"r1"}',
    });
    expect(got!.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      "x-request-id": "abc-123",
      host: new URL(upstream.origin).host,
    });
    expect(got!.headers["proxy-authorization"]).toBeUndefined();
  });
});

describe("the proxy with an unreachable upstream", () => {
  it("answers 502 in JSON naming the upstream, logs one line, and keeps serving", async () => {
    // The upstream's port is freed only once the proxy has its own: a proxy given the freed port would
    // forward to itself.
    const gone = await emptyObjectServer();
    const dead = `${gone.origin}/v2`;
    const lines: string[] = [];
    const proxy = await startProxy({ provider: "zoom-scribe", upstream: dead, log: (l) => lines.push(l) });
    await gone.close();
    try {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${proxy.url}/aiservices/scribe/jobs`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(response.status).toBe(502);
        const body = await response.json();
        expect(body).toEqual({ error: `upstream ${dead} unreachable: ECONNREFUSED` });
      }
      expect(lines).toEqual([
        `batchspec proxy: GET /v2/aiservices/scribe/jobs: upstream ${dead} unreachable (ECONNREFUSED)`,
        `batchspec proxy: GET /v2/aiservices/scribe/jobs: upstream ${dead} unreachable (ECONNREFUSED)`,
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("refuses an upstream that is not an http(s) URL when started", async () => {
    await expect(startProxy({ provider: "slng", upstream: "ftp://example.com" })).rejects.toThrow(
      "upstream: ftp://example.com/ is not an http(s) URL",
    );
  });
});

/** A node:http upstream that answers each request with `answer`. */
async function upstreamServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A request sent with node:http, for what fetch will not send (Expect: 100-continue). */
function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string | number> },
  body: Buffer,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = httpRequest(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          continued,
        }),
      );
    });
    req.on("error", reject);
    if (options.headers.expect) {
      req.on("continue", () => {
        continued = true;
        req.end(body);
      });
    } else req.end(body);
  });
}

describe("the proxy with bodies too large or too slow to hold", () => {
  it("forwards an upload sent with Expect: 100-continue (as curl sends any over 1 MB), not a 502", async () => {
    const upstream = await startMockServer({ provider: "slng", token: TOKEN });
    const lines: string[] = [];
    const proxy = await startProxy({ provider: "slng", upstream: upstream.url, log: (l) => lines.push(l) });
    try {
      const boundary = "----batchspec";
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="2MB.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`,
        ),
        Buffer.alloc(2 * 1024 * 1024, 7),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const answer = await rawRequest(
        `${proxy.url}/v1/batch/jobs`,
        {
          method: "POST",
          headers: {
            authorization: "Bearer X",
            expect: "100-continue",
            "content-type": `multipart/form-data; boundary=${boundary}`,
            "content-length": body.byteLength,
          },
        },
        body,
      );
      expect(answer.continued).toBe(true);
      // The simulator's own answer to a wrong key (SLNG refuses it with 403), through the proxy.
      expect(answer.status).toBe(403);
      // The request is checked as usual (this form lacks the fields SLNG requires).
      expect(answer.headers["x-batchspec-violation"]).toMatch(/^POST \/v1\/batch\/jobs -> 403: request body/);
      expect(lines.filter((l) => /unreachable/.test(l))).toEqual([]);
      expect(upstream.state.requests.entries.at(-1)).toMatchObject({ method: "POST", status: 403 });
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("sends a streamed response's first chunk before the upstream has sent the rest, and says the body went unread", async () => {
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.write('{"line":1}\n');
      setTimeout(() => res.end('{"line":2}\n'), 2000);
    });
    const lines: string[] = [];
    const proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: (l) => lines.push(l),
    });
    try {
      const started = performance.now();
      const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/job_1`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const reader = response.body!.getReader();
      const first = await reader.read();
      const firstAfter = performance.now() - started;
      expect(new TextDecoder().decode(first.value)).toBe('{"line":1}\n');
      expect(firstAfter).toBeLessThan(1000);
      // What could be checked without the body was: the media type is not the spec's JSON.
      expect(response.headers.get("x-batchspec-unchecked")).toMatch(
        /^response body: application\/x-ndjson without a Content-Length, streamed unread$/,
      );
      expect(Number(response.headers.get("x-batchspec-violations"))).toBeGreaterThanOrEqual(1);
      expect(response.headers.get("x-batchspec-violation")).toMatch(/response header\.content-type/);
      let rest = "";
      for (let r = await reader.read(); !r.done; r = await reader.read())
        rest += new TextDecoder().decode(r.value);
      expect(rest).toBe('{"line":2}\n');
      expect(lines).toContain(
        "batchspec proxy: unchecked: GET /v2/aiservices/scribe/jobs/job_1 → 200: response body: application/x-ndjson without a Content-Length, streamed unread",
      );
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("streams a 32 MiB download through with its memory growing by less than half of that", async () => {
    const size = 32 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 1);
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
      let sent = 0;
      const pump = () => {
        while (sent < size) {
          sent += chunk.byteLength;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const lines: string[] = [];
    const proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: (l) => lines.push(l),
    });
    // What is live, not garbage yet to be collected: measured right after a full collection.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const live = async () => {
      gc();
      // Freed buffers' memory is given back a moment after the collection.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    try {
      const before = await live();
      let peak = before;
      const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/job_1`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      let received = 0;
      let measuredAt = 0;
      const reader = response.body!.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        received += r.value.byteLength;
        if (received - measuredAt >= 4 * 1024 * 1024) {
          measuredAt = received;
          peak = Math.max(peak, await live());
        }
      }
      expect(received).toBe(size);
      expect(response.headers.get("x-batchspec-unchecked")).toBe(
        `response body: ${size} bytes, over 8 MiB, streamed unread`,
      );
      // Held whole, the body alone would add 32 MiB.
      expect(peak - before).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("streams an upload over 8 MiB to the upstream unread, and says so", async () => {
    let got = 0;
    const upstream = await upstreamServer((req, res) => {
      req.on("data", (c: Buffer) => (got += c.byteLength));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      });
    });
    const lines: string[] = [];
    const proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: (l) => lines.push(l),
    });
    try {
      const size = 12 * 1024 * 1024;
      const response = await fetch(`${proxy.url}/aiservices/scribe/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: new Uint8Array(size).fill(32),
      });
      expect(response.status).toBe(200);
      expect(got).toBe(size);
      expect(response.headers.get("x-batchspec-unchecked")).toBe(
        `request body: ${size} bytes, over 8 MiB, streamed unread`,
      );
      expect(
        lines.some((l) => l.includes("unchecked: POST /v2/aiservices/scribe/jobs → 200: request body")),
      ).toBe(true);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("streams a JSON body sent without a Content-Length once it passes 8 MiB, every byte in order", async () => {
    const item = `"${"x".repeat(1022)}",`;
    const count = 12 * 1024;
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      let sent = 0;
      const pump = () => {
        while (sent < count) {
          sent += 1;
          if (!res.write(item)) return void res.once("drain", pump);
        }
        res.end("0]");
      };
      pump();
    });
    const proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: () => {},
    });
    try {
      const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/job_1`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.headers.get("x-batchspec-unchecked")).toBe(
        "response body: over 8 MiB, streamed unchecked",
      );
      const text = await response.text();
      expect(text).toBe(`[${item.repeat(count)}0]`);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("checks a streamed body that ends small once it has ended, and logs what it found", async () => {
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.write('{"file_id": 42}\n');
      res.end("not json\n");
    });
    const lines: string[] = [];
    const proxy = await startProxy({
      provider: "soket",
      upstream: `${upstream.origin}/transcribe`,
      log: (l) => lines.push(l),
    });
    try {
      const path = "/transcribe/download/batch/1374132b-b5db-4ec3-9cf1-f61f982e89b0";
      const response = await fetch(`${proxy.url}/download/batch/1374132b-b5db-4ec3-9cf1-f61f982e89b0`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.headers.get("x-batchspec-violations")).toBe("0");
      expect(await response.text()).toBe('{"file_id": 42}\nnot json\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const late = lines.filter((l) => l.startsWith("batchspec proxy: violation (found after streaming): "));
      expect(late).toContain(
        `batchspec proxy: violation (found after streaming): GET ${path} → 200: response body.line 2: is not valid JSON`,
      );
      expect(late.length).toBeGreaterThan(1);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("still reads and checks a JSON body sent without a Content-Length when it is small", async () => {
    const upstream = await upstreamServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      res.end("}");
    });
    const proxy = await startProxy({
      provider: "zoom-scribe",
      upstream: `${upstream.origin}/v2`,
      log: () => {},
    });
    try {
      const response = await fetch(`${proxy.url}/aiservices/scribe/jobs/job_1`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(await response.json()).toEqual({});
      expect(response.headers.get("x-batchspec-unchecked")).toBeNull();
      expect(response.headers.get("x-batchspec-violation")).toMatch(/response body/);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});
