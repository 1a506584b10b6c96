// The README's TypeScript examples as modules, so that the one `tsc` of `npm test` (and of
// `npm run typecheck`) checks them with everything else: each ```ts block of README.md becomes
// test/readme-examples/example-<n>.ts, its lines at the same line numbers as in the README (an error at
// example-3.ts(412,5) is README.md line 412), its `batchspec/...` imports pointed at the sources the
// package's exports map them to, the rest of the block in an async function (examples may `return`).
// The directory is written here, never committed; files whose text did not change are left alone.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { repoRoot } from "./apis.ts";

export const EXAMPLES_DIR = "test/readme-examples";

/** What the examples take as given from the reader's own code: declared where a block does not import it. */
const GIVEN: Record<string, string> = {
  mintZoomJwt: "() => Promise<string>",
  mintSoketJwt: "() => Promise<string>",
  request: "Request",
  jobId: "string",
  scribe: 'import("../../src/zoom-scribe/index.ts").ZoomScribeClient',
};

interface Block {
  /** The README line of the block's first line (the one after the fence). */
  line: number;
  lines: string[];
}

export function readmeBlocks(readme: string): Block[] {
  const blocks: Block[] = [];
  const lines = readme.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "```ts") continue;
    const end = lines.indexOf("```", i + 1);
    if (end === -1) throw new Error(`README.md line ${i + 1}: a \`\`\`ts block is never closed`);
    blocks.push({ line: i + 2, lines: lines.slice(i + 1, end) });
    i = end;
  }
  return blocks;
}

/** `batchspec/<subpath>` to the source file its exports entry builds from, relative to EXAMPLES_DIR. */
function sourcesOfExports(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, { default: string }>;
  };
  const out = new Map<string, string>();
  for (const [subpath, entry] of Object.entries(pkg.exports)) {
    const built = /^\.\/dist\/(.+)\.js$/.exec(entry.default);
    if (built) out.set(`${pkg.name}${subpath.slice(1)}`, `../../${built[1]}.ts`);
  }
  return out;
}

/**
 * One block as a module. Line 1 says where it comes from, line 2 declares what the reader's code would
 * give; the block keeps its README line numbers, its imports (at its top) where they are, with the
 * wrapping function opened at the end of the last of them.
 */
export function exampleModule(block: Block, sources: Map<string, string>, index: number): string {
  if (block.line < 4) throw new Error("README.md: a ```ts block cannot start before line 4");
  // `batchspec/...` (in imports, static or dynamic) to its source; the line count stays as it is.
  const lines = block.lines.map((l) =>
    l.replace(/(["'])(batchspec\/[^"']*)\1/g, (whole, quote: string, spec: string) =>
      sources.has(spec) ? `${quote}${sources.get(spec)}${quote}` : whole,
    ),
  );
  const named = declaredNames(lines.join("\n"));
  if (named.misplacedImport !== undefined) {
    throw new Error(
      `README.md line ${block.line + named.misplacedImport}: an import below the example's first statement (put its imports at the top of the block)`,
    );
  }
  const imported = new Set(named.imported);
  const given = Object.entries(GIVEN)
    .filter(([name]) => !imported.has(name))
    .map(([name, type]) => `declare const ${name}: ${type};`)
    .join(" ");
  const open = `export async function example${index}() {`;
  // What the example declares and never reads again is still read here (tsc's noUnusedLocals is on).
  const close = named.all.length ? `void [${named.all.join(", ")}]; }` : "}";
  const head = [
    `// README.md lines ${block.line}-${block.line + block.lines.length - 1}, written by scripts/readme-examples.ts: edit README.md, not this file.`,
    given,
    ...Array.from({ length: block.line - 3 }, () => ""),
  ];
  if (named.importsEnd === undefined) {
    // No imports: the function opens on the line just above the block.
    head[head.length - 1] = open;
  } else {
    // Opened at the end of the imports' last line.
    lines[named.importsEnd] = `${lines[named.importsEnd]} ${open}`;
  }
  return [...head, ...lines, close, ""].join("\n");
}

/**
 * The names a block imports, every name it declares at its top level (imports included), the line
 * (0-based) its imports end on, and the line of an import that comes after another statement.
 */
function declaredNames(text: string): {
  imported: string[];
  all: string[];
  importsEnd: number | undefined;
  misplacedImport: number | undefined;
} {
  const file = ts.createSourceFile("example.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line;
  const imported: string[] = [];
  const all: string[] = [];
  let importsEnd: number | undefined;
  let misplacedImport: number | undefined;
  let statements = 0;
  const bindings = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) all.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindings(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statements > 0) misplacedImport ??= lineOf(statement.getStart(file));
      else importsEnd = lineOf(statement.end);
      const clause = statement.importClause;
      const bound = clause?.namedBindings;
      // A type cannot be read as a value (an unused one is the example's own mistake).
      const values = clause?.isTypeOnly
        ? []
        : [
            ...(clause?.name ? [clause.name.text] : []),
            ...(bound && ts.isNamespaceImport(bound) ? [bound.name.text] : []),
            ...(bound && ts.isNamedImports(bound)
              ? bound.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text)
              : []),
          ];
      if (bound && ts.isNamedImports(bound)) imported.push(...bound.elements.map((e) => e.name.text));
      if (clause?.name) imported.push(clause.name.text);
      if (bound && ts.isNamespaceImport(bound)) imported.push(bound.name.text);
      all.push(...values);
      continue;
    }
    statements++;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bindings(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      all.push(statement.name.text);
    }
  }
  return { imported, all, importsEnd, misplacedImport };
}

/** Writes test/readme-examples/ from README.md; returns how many examples there are. */
export function writeReadmeExamples(root = repoRoot): number {
  const dir = join(root, EXAMPLES_DIR);
  const blocks = readmeBlocks(readFileSync(join(root, "README.md"), "utf8"));
  const sources = sourcesOfExports();
  mkdirSync(dir, { recursive: true });
  const wanted = new Map<string, string>(
    blocks.map((block, i) => [`example-${i + 1}.ts`, exampleModule(block, sources, i + 1)]),
  );
  for (const name of readdirSync(dir)) if (!wanted.has(name)) rmSync(join(dir, name), { force: true });
  for (const [name, text] of wanted) {
    const path = join(dir, name);
    if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeFileSync(path, text);
  }
  return blocks.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) writeReadmeExamples();
