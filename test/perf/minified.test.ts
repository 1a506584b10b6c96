// What users get from their bundler: a client bundled and minified (class names mangled) must still
// throw errors that say what they are, load its lazy parts, and work.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("a minified bundle of a client", { timeout: 60_000 }, () => {
  it("throws errors named after their class, from the lazily loaded error module", async () => {
    const dir = mkdtempSync(join(tmpdir(), "batchspec-minified-"));
    try {
      const source = `
        import { createZoomScribeClient, isZoomScribeApiError } from ${JSON.stringify(join(root, "src/zoom-scribe/index.ts"))};
        const answer = (status, body) => async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
        const names = [];
        const notFound = createZoomScribeClient({ token: "t", fetch: answer(404, { code: 3001, message: "no such job" }), maxRetries: 0 });
        try { await notFound.jobs.get("j"); } catch (e) { names.push(e.name, isZoomScribeApiError(e)); }
        const invalid = createZoomScribeClient({ token: "t", fetch: answer(200, "not a job"), maxRetries: 0 });
        try { await invalid.jobs.create({}); } catch (e) { names.push(e.name, e.sent); }
        console.log(JSON.stringify(names));
      `;
      await build({
        stdin: { contents: source, resolveDir: root, loader: "ts" },
        bundle: true,
        minify: true,
        splitting: true,
        format: "esm",
        platform: "node",
        outdir: dir,
        outExtension: { ".js": ".mjs" },
        logLevel: "silent",
      });
      const out = execFileSync(process.execPath, [join(dir, "stdin.mjs")], { encoding: "utf8" });
      expect(JSON.parse(out)).toEqual(["NotFoundError", true, "ValidationError", false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
