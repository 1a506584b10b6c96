// The validating proxy: in front of a simulator (a conforming upstream) every exchange reports no
// violation; in front of a server that answers `{}` to everything, each exchange reports what is wrong,
// in a header and a log line, with no credential in either; an unreachable upstream is one 502.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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
