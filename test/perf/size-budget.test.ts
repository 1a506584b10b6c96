// The size budget (issue 10): bytes are not noisy, so unlike the benchmarks this runs in npm test.
// Each public entry, bundled as a user would bundle one use of it (bench/bundles.ts), must stay within
// its budget; a failure names the entry and the modules that make it up, biggest first.
import { describe, expect, it } from "vitest";
import { BUNDLE_ENTRIES, bundleSizes, type BundleSize } from "../../bench/bundles.ts";

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function describeBundle(b: BundleSize): string {
  const top = b.modules
    .slice(0, 8)
    .map((m) => `  ${String(m.bytes).padStart(7)} B  ${m.path}`)
    .join("\n");
  return `${b.name}: ${kB(b.bytes)} min+gzip, budget ${kB(b.budget ?? 0)}; biggest modules (minified):\n${top}`;
}

describe("bundle sizes", { timeout: 60_000 }, () => {
  let sizes: BundleSize[];
  const sized = async () => (sizes ??= await bundleSizes());

  it.each(BUNDLE_ENTRIES.filter((e) => e.budget !== undefined).map((e) => [e.name]))(
    "%s stays within its budget",
    async (name) => {
      const b = (await sized()).find((s) => s.name === name)!;
      expect(b.bytes <= b.budget!, describeBundle(b)).toBe(true);
    },
  );

  it("loads neither the spec nor its validators with a client until it validates", async () => {
    for (const b of (await sized()).filter((s) => /client$/.test(s.name))) {
      const eager = b.modules.map((m) => m.path);
      expect(eager.filter((p) => /validators|openapi\.json|openapi-validator|ajv/.test(p))).toEqual([]);
      expect(b.lazyBytes, `${b.name} should load its validation on first use`).toBeGreaterThan(0);
      // Nor the error classes and full redaction: they load when the first error is made.
      expect(eager.filter((p) => /core\/(errors|redact)\.ts$/.test(p))).toEqual([]);
      // Nor waiting and paging: they load when the client first waits or pages.
      expect(eager.filter((p) => /core\/(poll|paginate)\.ts$/.test(p))).toEqual([]);
      // Nor the retry rules and the sleep between retries: they load at the first failure.
      expect(eager.filter((p) => /core\/(retry|sleep)\.ts$/.test(p))).toEqual([]);
      // Nor what a call needs only sometimes: the transport after a failure (retries, guarded bodies,
      // log lines), a body's handling, raw calls' checks, a call's errors.
      expect(
        eager.filter((p) => /core\/(transport-recovery|request-body|raw-calls|call-failure)\.ts$/.test(p)),
      ).toEqual([]);
      // Nor a provider's whole job in one call (Sofer's transcribeBatch, Soket's transcribeFiles).
      expect(eager.filter((p) => /(sofer|soket)\/transcribe-(batch|files)\.ts$/.test(p))).toEqual([]);
      // Nor Sofer's manifest upload, wait and RSS walk, batch creates and their checks, waitForBatch.
      expect(
        eager.filter((p) => /sofer\/(manifests|batches|checks|speakers|wait|batch-kit)\.ts$/.test(p)),
      ).toEqual([]);
      // Nor Soket's file handling for uploads and the readers of the results' download, its submit and
      // delete with their checks, its waits, walks and results' stream.
      expect(
        eager.filter((p) => /soket\/(upload-files|read-body|writes|wait|walks|stream)\.ts$/.test(p)),
      ).toEqual([]);
      // Nor SLNG's creates, file handling, presigned upload, walk, waits, downloads and transcribe.
      expect(
        eager.filter((p) =>
          /slng\/(submit|files|presigned-upload|storage|iterate|wait|transcribe)\.ts$/.test(p),
        ),
      ).toEqual([]);
    }
  });

  it("bundles no code that compiles code at run time (eval, new Function) in any entry", async () => {
    for (const b of await sized()) {
      for (const text of b.texts) expect(text, b.name).not.toMatch(/\beval\(|new Function\(|\bFunction\(/);
    }
  });
});
