// npm test: the checks that only read the tree run side by side (prettier, the generated-drift check
// with its spec lint, and the one tsc, which also builds dist/ for the tests that run it and checks the
// README's examples, written out first by scripts/readme-examples.ts; the compiled validators are copied
// in after it, scripts/copy-generated.ts), each one's output printed whole when it ends, and every test
// with vitest beside them; it fails if any of them does.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { copyGenerated } from "./copy-generated.ts";
import { unchangedSinceGenerate } from "./fingerprint.ts";

const bin = (name: string) => `${repoRoot}/node_modules/.bin/${name}`;

function run(name: string, command: string, args: string[]): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: repoRoot, shell: process.platform === "win32" });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => {
      process.stdout.write(`${name}: could not start (${error.message})\n`);
      done(false);
    });
    child.on("close", (code) => {
      process.stdout.write(output);
      if (code !== 0) process.stdout.write(`${name}: failed (exit ${code})\n`);
      done(code === 0);
    });
  });
}

// prettier starts at once, vitest as soon as the README's examples are written: the tests that run
// dist/ wait for tsc (test/built-dist.ts), which writes its verdict to the marker file when it ends.
const prettier = run("prettier", bin("prettier"), ["--check", "--cache", "."]);
// tsc checks the README's examples too: they are written out before vitest and tsc start (vitest's
// test/readme-typecheck.test.ts reads them); scripts/readme-examples.ts loads TypeScript's parser, so it
// is loaded once prettier has started.
let examples = true;
try {
  (await import("./readme-examples.ts")).writeReadmeExamples();
} catch (error) {
  process.stdout.write(`readme-examples: ${(error as Error).message}\n`);
  examples = false;
}
const marker = join(mkdtempSync(join(tmpdir(), "batchspec-test-")), "dist");
const tests = new Promise<boolean>((done) => {
  // Arguments after `npm test --` go to vitest (a file filter, -t "name", ...).
  const vitest = spawn(bin("vitest"), ["run", ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: "inherit",
    shell: process.platform === "win32",
    env: { ...process.env, BATCHSPEC_DIST_MARKER: marker },
  });
  vitest.on("close", (code) => done(code === 0));
});
// The drift check's usual answer (generated/ as generate left it, from the same inputs) is found here;
// only a miss starts check:generated, which lints and regenerates to compare.
async function checkGenerated(): Promise<boolean> {
  const unchanged = unchangedSinceGenerate();
  if (unchanged === undefined) return run("check:generated", bin("tsx"), ["scripts/check-generated.ts"]);
  process.stdout.write(
    `check:generated: ${unchanged} files up to date (specs and generator unchanged since npm run generate)\n`,
  );
  return true;
}
const generated = checkGenerated();
const built = run("tsc", bin("tsc"), []).then((ok) => {
  // The compiled validators go into dist/ beside what tsc built (scripts/copy-generated.ts).
  if (ok) {
    try {
      copyGenerated();
    } catch (error) {
      process.stdout.write(`copy-generated: failed (${(error as Error).message})\n`);
      ok = false;
    }
  }
  writeFileSync(marker, ok ? "ok" : "failed");
  return ok;
});
const passed = await Promise.all([prettier, generated, built, tests]);
process.exit(passed.includes(false) || !examples ? 1 : 0);
