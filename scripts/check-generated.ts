// npm run check:generated: regenerate into a scratch directory and fail, naming each file, when
// generated/ differs (stale, missing, or a file no API produces any more).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { generateAll } from "./generate.ts";

const scratch = mkdtempSync(join(tmpdir(), "batchspec-generated-"));
try {
  const expected = await generateAll(scratch);
  const problems: string[] = [];
  for (const file of expected) {
    const current = join(repoRoot, file);
    if (!existsSync(current)) problems.push(`${file}: missing`);
    else if (readFileSync(current, "utf8") !== readFileSync(join(scratch, file), "utf8"))
      problems.push(`${file}: stale`);
  }
  const generatedDir = join(repoRoot, "generated");
  for (const name of existsSync(generatedDir) ? readdirSync(generatedDir) : []) {
    if (!expected.includes(`generated/${name}`)) problems.push(`generated/${name}: produced by no API`);
  }
  if (problems.length > 0) {
    console.error(
      `generated/ is out of date with specs/ (run \`npm run generate\`):\n  ${problems.join("\n  ")}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`check:generated: ${expected.length} files up to date`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
