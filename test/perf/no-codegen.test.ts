// Edge runtimes and pages with a strict CSP forbid compiling code from strings. The built clients,
// their validation and webhook checks must work there: run them under Node's
// --disallow-code-generation-from-strings, from dist/ (npm test builds it before the tests run).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { builtDist } from "../built-dist.ts";

const root = resolve(import.meta.dirname, "../..");
const dist = (path: string) => JSON.stringify(pathToFileURL(join(root, "dist", path)).href);

function runStrict(program: string): string {
  return execFileSync(
    process.execPath,
    ["--disallow-code-generation-from-strings", "--input-type=module", "-e", program],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
}

const PROVIDERS = [
  { id: "zoom-scribe", factory: "createZoomScribeClient", validator: "zoomScribeValidator" },
  { id: "zoom-translator", factory: "createZoomTranslatorClient", validator: "zoomTranslatorValidator" },
];

describe("without code generation from strings", { timeout: 60_000 }, () => {
  beforeAll(() => builtDist(), 200_000);

  it("has a built dist/ to run", () => {
    expect(existsSync(join(root, "dist/src/zoom-scribe/index.js")), "run npm run build first").toBe(true);
  });

  it.each(PROVIDERS)("$id: a client validates, sends and decodes; validation and webhooks work", (p) => {
    const out = runStrict(`
      const { ${p.factory}, signZoomWebhook, verifyZoomWebhook } = await import(${dist(`src/${p.id}/index.js`)});
      const { ${p.validator} } = await import(${dist(`src/${p.id}/validation.js`)});
      const body = JSON.stringify({ job_id: "j", state: "QUEUED", submitted_at: "2026-01-05T18:34:12Z" });
      const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      const client = ${p.factory}({ token: "t", fetch });
      const job = await client.jobs.get("j");
      let refused = "";
      try { await client.jobs.create({}); } catch (error) { refused = error.name; }
      const issues = ${p.validator}().validateSchema("CreateJobRequest", { input: 1 });
      const secret = "webhook-secret";
      const raw = JSON.stringify({ event_type: "x" });
      const headers = await signZoomWebhook({ secret, rawBody: raw });
      const verified = await verifyZoomWebhook({ secret, rawBody: raw, headers });
      console.log(JSON.stringify({ state: job.state, refused, issues: issues.length, verified: verified.valid }));
    `);
    expect(JSON.parse(out)).toEqual({
      state: "QUEUED",
      refused: "ValidationError",
      issues: expect.any(Number),
      verified: true,
    });
    expect(JSON.parse(out).issues).toBeGreaterThan(0);
  });

  it("sofer: a client validates, sends and decodes, and its validator judges", () => {
    const out = runStrict(`
      const { createSoferClient } = await import(${dist("src/sofer/index.js")});
      const { soferValidator } = await import(${dist("src/sofer/validation.js")});
      const body = JSON.stringify({ batch_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7", transcription_ids: [], total_count: 0, status: "RECEIVED" });
      const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
      const client = createSoferClient({ apiKey: "k", fetch });
      const created = await client.batches.createExpress([{ audio_url: "https://a/1.mp3" }]);
      let refused = "";
      try { await client.batches.createExpress([{ audio_url: 1 }]); } catch (error) { refused = error.name; }
      const issues = soferValidator().validateSchema("BatchAudioSource", { audio_url: 1 });
      console.log(JSON.stringify({ status: created.status, refused, issues: issues.length }));
    `);
    expect(JSON.parse(out)).toEqual({
      status: "RECEIVED",
      refused: "ValidationError",
      issues: expect.any(Number),
    });
    expect(JSON.parse(out).issues).toBeGreaterThan(0);
  });

  it("slng: a client validates, sends a multipart upload and decodes, and its validator judges", () => {
    const out = runStrict(`
      const { createSlngClient } = await import(${dist("src/slng/index.js")});
      const { slngValidator } = await import(${dist("src/slng/validation.js")});
      const body = JSON.stringify({ job_id: "abc123", status: "QUEUED" });
      const fetch = async () => new Response(body, { status: 202, headers: { "content-type": "application/json" } });
      const client = createSlngClient({ apiKey: "k", fetch });
      const config = { transcription_config: { language: "en" }, metadata: { a: 1 } };
      const created = await client.jobs.submitFile(new File([new Uint8Array(8)], "a.wav"), config);
      let refused = "";
      try { await client.jobs.submitUrl("https://a/1.wav", { transcription_config: { diarization: 1 } }); } catch (error) { refused = error.name; }
      const issues = slngValidator().validateSchema("TranscriptionConfig", { diarization: 1 });
      console.log(JSON.stringify({ status: created.status, refused, issues: issues.length }));
    `);
    expect(JSON.parse(out)).toEqual({
      status: "QUEUED",
      refused: "ValidationError",
      issues: expect.any(Number),
    });
    expect(JSON.parse(out).issues).toBeGreaterThan(0);
  });

  it("would catch a validator compiled at run time (the flag is in force)", () => {
    expect(() =>
      runStrict(`
        const { runtimeValidator } = await import(${dist("src/core/ajv-compiler.js")});
        const { zoomScribeSpec } = await import(${dist("src/zoom-scribe/validation.js")});
        runtimeValidator(zoomScribeSpec).validateSchema("CreateJobRequest", {});
      `),
    ).toThrow(/Code generation from strings disallowed/);
  });
});
