// What each public entry costs a bundle: esbuild bundles a one-line use of it for the browser
// (minified, code-split as bundlers split a dynamic import), and we count the entry's own chunk
// gzipped. The validation a client loads on first use is a chunk of its own, counted apart.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface BundleEntry {
  /** What a user imports and does, as the table names it. */
  name: string;
  /** The module's source, importing from the package's src/. */
  source: string;
  /** At most this many bytes, min+gzip (the size budget test enforces it), or undefined for none. */
  budget?: number;
  /** The target issue 10 set, where it differs from the budget (not met yet: the bench reports it). */
  target?: number;
}

const from = (path: string) => JSON.stringify(join(root, path));

export const BUNDLE_ENTRIES: BundleEntry[] = [
  ...(["zoom-scribe", "zoom-translator"] as const).flatMap((id) => {
    const factory = id === "zoom-scribe" ? "createZoomScribeClient" : "createZoomTranslatorClient";
    const validator = id === "zoom-scribe" ? "zoomScribeValidator" : "zoomTranslatorValidator";
    return [
      {
        name: `${id} client`,
        source: `import { ${factory} } from ${from(`src/${id}/index.ts`)};
export const client = ${factory}({ token: "t" });
export const job = client.jobs.get("id");`,
        // Issue 10's 8 kB: what the client carries at once is the happy path (openapi-fetch, the
        // request sent once with its credential and timeout, a 2xx decoded) and the helpers; retries,
        // body handling, raw calls' checks, errors, waiting and paging load on first use. 7.5 kB.
        budget: 8_000,
      },
      {
        name: `${id} webhook only`,
        source: `export { verifyZoomWebhook } from ${from(`src/${id}/index.ts`)};`,
        budget: 3_000,
      },
      {
        name: `${id} validation`,
        source: `import { ${validator} as v } from ${from(`src/${id}/validation.ts`)};
export const issues = v().validateRequest("x", {});`,
      },
    ];
  }),
  {
    name: "sofer client",
    source: `import { createSoferClient } from ${from("src/sofer/index.ts")};
export const client = createSoferClient({ apiKey: "k" });
export const batch = client.batches.status("id");`,
    // Issue 10's 8 kB: the client's core and Sofer's reads (status, get, list, item, transcriptions, the
    // manifests' walk); the manifests' upload, wait and RSS walk (manifests.ts), the batch creates and
    // their checks (batches.ts, checks.ts), waitForBatch (wait.ts) and transcribeBatch load on first use
    // from sibling modules of client.ts. 7.9 kB.
    budget: 8_000,
  },
  {
    name: "soket client",
    source: `import { createSoketClient } from ${from("src/soket/index.ts")};
export const client = createSoketClient({ token: "t" });
export const status = client.batches.status("id");`,
    // Issue 10's 8 kB: the client's core and Soket's reads (status, uploadStatus, list, results' page
    // and file); submit and delete with their checks (writes.ts), waitForUpload and waitForBatch with
    // their checks (wait.ts), the walks (walks.ts), results.stream (stream.ts), the file handling for
    // uploads, the body readers and transcribeFiles load on first use from sibling modules of
    // client.ts. 7.7 kB with the validateResponses check.
    budget: 8_000,
  },
  {
    name: "slng client",
    source: `import { createSlngClient } from ${from("src/slng/index.ts")};
export const client = createSlngClient({ apiKey: "k" });
export const job = client.jobs.get("id");`,
    // Issue 10's 8 kB: the client's core and SLNG's reads (get, list, delete, files, the walk); what
    // creates a job (its settings' checks, file handling, the multipart and URL creates, the presigned
    // upload), the walk's checks, waiting, downloads and transcribe load on first use from sibling
    // modules of client.ts. 7.9 kB with the validateResponses check.
    budget: 8_000,
  },
  {
    name: "bare openapi-fetch (for scale)",
    source: `import createClient from "openapi-fetch";
export const client = createClient({ baseUrl: "https://api.zoom.us/v2" });
export const job = client.GET("/jobs/{id}", { params: { path: { id: "id" } } });`,
  },
];

export interface BundleSize {
  name: string;
  /** The chunks that load with the entry (its own and those it imports statically), minified and gzipped. */
  bytes: number;
  /** The modules that load at once, biggest first, with their minified bytes. */
  modules: { path: string; bytes: number }[];
  /** Chunks it loads later (dynamic imports), minified and gzipped, all together. */
  lazyBytes: number;
  budget?: number;
  target?: number;
  /** The text of every chunk it loads, at once or later, for checks on what they contain. */
  texts: string[];
}

const gz = (text: string) => gzipSync(text, { level: 9 }).length;

/** Bundles each entry and measures it. */
export async function bundleSizes(entries: BundleEntry[] = BUNDLE_ENTRIES): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const entry of entries) {
    const result = await build({
      stdin: { contents: entry.source, resolveDir: root, sourcefile: "entry.ts", loader: "ts" },
      bundle: true,
      minify: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outdir: "/virtual",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    const chunks = new Map(
      result.outputFiles.filter((f) => f.path.endsWith(".js")).map((f) => [basename(f.path), f.text]),
    );
    // The entry's chunk and what it imports statically load at once; what it imports with import()
    // loads later.
    const eager = new Set(["stdin.js"]);
    const lazy = new Set<string>();
    const visit = (name: string, later: boolean) => {
      const text = chunks.get(name) ?? "";
      for (const [, how, file] of text.matchAll(/(import\(|from|import)\s*"\.\/([^"]+\.js)"/g)) {
        const isLazy = later || how === "import(";
        const target = isLazy ? lazy : eager;
        if (!target.has(file!) && !eager.has(file!)) {
          target.add(file!);
          visit(file!, isLazy);
        }
      }
    };
    visit("stdin.js", false);
    for (const name of eager) lazy.delete(name);
    // Counted as one file: esbuild splits out what the entry shares with its lazy chunks, where an
    // application's bundler (Rollup, webpack) keeps it in the application's own main chunk.
    const size = (names: Set<string>) => gz([...names].map((f) => chunks.get(f) ?? "").join("\n"));
    // Which modules the eager chunks hold, biggest first (minified bytes), to say what grew.
    const modules = Object.entries(result.metafile.outputs)
      .filter(([path]) => eager.has(basename(path)))
      .flatMap(([, output]) => Object.entries(output.inputs))
      .map(([path, input]) => ({ path: path.replace(/^.*node_modules\//, ""), bytes: input.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes);
    out.push({
      name: entry.name,
      modules,
      bytes: size(eager),
      lazyBytes: size(lazy),
      budget: entry.budget,
      target: entry.target,
      texts: [...eager, ...lazy].map((f) => chunks.get(f) ?? ""),
    });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verbose = process.argv.includes("--modules");
  for (const b of await bundleSizes()) {
    if (verbose) for (const m of b.modules) console.log(`    ${String(m.bytes).padStart(7)}  ${m.path}`);
    console.log(
      `${b.name.padEnd(36)} ${(b.bytes / 1000).toFixed(1).padStart(6)} kB${b.lazyBytes > 30 ? ` (+${(b.lazyBytes / 1000).toFixed(1)} kB loaded on first use)` : ""}${b.budget ? `  budget ${b.budget / 1000} kB` : ""}${b.target ? `, target ${b.target / 1000} kB` : ""}`,
    );
  }
}
