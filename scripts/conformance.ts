// npm run conformance [-- options]: lint every spec, regenerate generated/, then the `batchspec
// conformance` command itself (conformance/cli/main.ts) with the options given, e.g.
// `npm run conformance -- --provider slng --junit out.xml`. Its exit status is the command's.
import { main } from "../conformance/cli/main.ts";
import { repoRoot } from "./apis.ts";
import { generateAll } from "./generate.ts";
import { lintSpecs } from "./lint-specs.ts";

if (!lintSpecs()) {
  console.error("conformance: the specs do not lint; fix them first");
  process.exit(1);
}
console.log(`conformance: regenerated ${(await generateAll(repoRoot)).join(", ")}\n`);
process.exitCode = await main(["conformance", ...process.argv.slice(2)], {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
});
