// Every TypeScript example in README.md compiles against the code as it is: each ```ts block is
// type-checked, its `batchspec/...` imports resolved to src/ (as the package's exports map them).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/apis.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

// What the examples take as given from the reader's own code.
const PRELUDE = `
declare const mintZoomJwt: () => Promise<string>;
declare const mintSoketJwt: () => Promise<string>;
declare const request: Request;
declare const jobId: string;
declare const scribe: import("batchspec/zoom-scribe").ZoomScribeClient;
`;

/** A block as a module: its imports at the top, the rest inside an async function (examples may `return`). */
function asModule(block: string): string {
  const lines = block.split("\n");
  const imports = lines.filter((l) => /^import /.test(l));
  const body = lines.filter((l) => !/^import /.test(l));
  return `${imports.join("\n")}\nexport async function example() {\n${body.join("\n")}\n}\n`;
}

function diagnostics(): Map<number, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  )!;
  const options: ts.CompilerOptions = {
    ...config.options,
    // Checked only, never built: no declarations (their diagnostics would be about the wrappers), no build info.
    noEmit: true,
    declaration: false,
    incremental: false,
    noUnusedLocals: false,
    baseUrl: repoRoot,
    paths: { "batchspec/*/mock": ["src/*/mock.ts"], "batchspec/*": ["src/*/index.ts"] },
  };
  const files = new Map<string, string>([[join(repoRoot, "readme-prelude.d.ts"), PRELUDE]]);
  blocks.forEach((block, i) => files.set(join(repoRoot, `readme-example-${i + 1}.ts`), asModule(block)));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => files.get(f) ?? ts.sys.readFile(f);
  host.getSourceFile = (f, language) =>
    files.has(f) ? ts.createSourceFile(f, files.get(f)!, language, true) : getSourceFile(f, language);
  const program = ts.createProgram([...files.keys()], options, host);
  const out = new Map<number, string[]>();
  blocks.forEach((_, i) => {
    const file = program.getSourceFile(join(repoRoot, `readme-example-${i + 1}.ts`))!;
    out.set(
      i,
      ts
        .getPreEmitDiagnostics(program, file)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    );
  });
  return out;
}

describe("README.md", { timeout: 60_000 }, () => {
  it("has TypeScript examples", () => expect(blocks.length).toBeGreaterThanOrEqual(4));

  it("has examples that all compile against the code", () => {
    const found = diagnostics();
    expect(Object.fromEntries([...found].filter(([, d]) => d.length > 0))).toEqual({});
  });
});
