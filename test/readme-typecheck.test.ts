// The README's TypeScript examples are checked by npm test's one tsc, as the modules
// scripts/readme-examples.ts writes to test/readme-examples/ before tsc starts: those modules must be the
// README's as it is now, and must keep each example line at its README line number, so that tsc's
// error points into the README.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/apis.ts";
import { EXAMPLES_DIR, exampleModule, readmeBlocks } from "../scripts/readme-examples.ts";

const sources = new Map([
  ["batchspec/zoom-scribe", "../../src/zoom-scribe/index.ts"],
  ["batchspec/slng/mock", "../../src/slng/mock.ts"],
]);

describe("the README's examples, as tsc checks them", () => {
  it("are written out from the README as it is now (npm test writes them before tsc starts)", () => {
    const blocks = readmeBlocks(readFileSync(join(repoRoot, "README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const dir = join(repoRoot, EXAMPLES_DIR);
    expect(existsSync(dir), `${EXAMPLES_DIR} is missing: run npm test`).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(blocks.map((_, i) => `example-${i + 1}.ts`).sort());
    for (const [i, block] of blocks.entries()) {
      const text = readFileSync(join(dir, `example-${i + 1}.ts`), "utf8");
      // Not the module text itself (that would be the function under test): each README line is there.
      const lines = text.split("\n");
      for (const [j, line] of block.lines.entries())
        expect(lines[block.line - 1 + j], `README.md line ${block.line + j}`).toContain(
          line.split('"batchspec/')[0]!.slice(0, 40),
        );
    }
  });

  it("keeps every line of an example at its README line number, imports split over lines included", () => {
    const readme = [
      "# Title",
      "",
      "Some prose.",
      "",
      "```ts",
      "import {",
      "  createZoomScribeClient,",
      '} from "batchspec/zoom-scribe";',
      'import { slngFetch } from "batchspec/slng/mock";',
      'import { other } from "elsewhere";',
      "",
      "const { a, b: [c] } = createZoomScribeClient({ token: jobId });",
      "return slngFetch;",
      "```",
    ].join("\n");
    const [block] = readmeBlocks(readme);
    expect(block!.line).toBe(6);
    const module = exampleModule(block!, sources, 1).split("\n");
    expect(module[0]).toMatch(/^\/\/ README\.md lines 6-13/);
    expect(module[5]).toBe("import {");
    expect(module[7]).toBe('} from "../../src/zoom-scribe/index.ts";');
    expect(module[8]).toBe('import { slngFetch } from "../../src/slng/mock.ts";');
    // Opened after the last import; what the reader's code gives is declared, unless imported.
    expect(module[9]).toBe('import { other } from "elsewhere"; export async function example1() {');
    expect(module[1]).toContain("declare const jobId: string;");
    expect(module[11]).toBe("const { a, b: [c] } = createZoomScribeClient({ token: jobId });");
    expect(module[12]).toBe("return slngFetch;");
    // Everything declared is read at the end, so tsc's noUnusedLocals does not count against an example.
    expect(module[13]).toBe("void [createZoomScribeClient, slngFetch, other, a, c]; }");
  });

  it("opens the function just above an example without imports", () => {
    const [block] = readmeBlocks("a\nb\nc\n```ts\nconst x = 1;\n```\n");
    const module = exampleModule(block!, sources, 2).split("\n");
    expect(module[3]).toBe("export async function example2() {");
    expect(module[4]).toBe("const x = 1;");
    expect(module[5]).toBe("void [x]; }");
  });

  it("refuses an import below the first statement, naming its README line", () => {
    const [block] = readmeBlocks('a\nb\nc\n```ts\nconst x = 1;\nimport { y } from "z";\n```\n');
    expect(() => exampleModule(block!, sources, 1)).toThrow(/README\.md line 6: an import below/);
  });

  it("says which line an unclosed block starts on", () => {
    expect(() => readmeBlocks("a\n```ts\nconst x = 1;\n")).toThrow(/README\.md line 2: .* never closed/);
  });
});
