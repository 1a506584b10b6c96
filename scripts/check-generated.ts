// npm run check:generated (and npm test): lint every spec, regenerate in memory, and fail, naming each
// file, when generated/ differs (stale, missing, or a file no API produces any more). One process, one
// start of the Redocly CLI (the lint), as generate.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { FINGERPRINT_FILE, unchangedSinceGenerate } from "./fingerprint.ts";

// generated/ as generate left it, from inputs that have not changed since: nothing to lint or regenerate.
const unchanged = unchangedSinceGenerate();
if (unchanged !== undefined) {
  console.log(
    `check:generated: ${unchanged} files up to date (specs and generator unchanged since npm run generate)`,
  );
  process.exit(0);
}
// Only now the generator and its tools (Redocly, openapi-typescript, prettier, ajv, esbuild): loading
// them costs more than the whole check above.
const { lintAndGenerate } = await import("./generate.ts");
const files = await lintAndGenerate();
if (!files) {
  console.error("check:generated: the specs do not lint (findings above)");
  process.exit(1);
}
const problems: string[] = [];
for (const [file, text] of files) {
  const current = join(repoRoot, file);
  if (!existsSync(current)) problems.push(`${file}: missing`);
  else if (readFileSync(current, "utf8") !== text) problems.push(`${file}: stale`);
}
const generatedDir = join(repoRoot, "generated");
for (const name of existsSync(generatedDir) ? readdirSync(generatedDir) : []) {
  if (!files.has(`generated/${name}`) && `generated/${name}` !== FINGERPRINT_FILE)
    problems.push(`generated/${name}: produced by no API`);
}
if (problems.length > 0) {
  console.error(
    `generated/ is out of date with specs/ (run \`npm run generate\`):\n  ${problems.join("\n  ")}`,
  );
  process.exitCode = 1;
} else {
  console.log(`check:generated: ${files.size} files up to date`);
}
