// npm test: the checks that only read the tree run side by side (prettier, the spec lint and the
// generated-drift check, and the one tsc, which also builds dist/ for the tests that run it and checks
// the README's examples, written out first by scripts/readme-examples.ts; the compiled validators are
// copied in after it, scripts/copy-generated.ts), each one's output printed
// whole when it ends, and every test with vitest beside them; it fails if any of them does.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./apis.ts";
import { copyGenerated } from "./copy-generated.ts";
import { writeReadmeExamples } from "./readme-examples.ts";

writeReadmeExamples();
const bin = (name: string) => `${repoRoot}/node_modules/.bin/${name}`;
const checks: [string, string, string[]][] = [
  ["prettier", bin("prettier"), ["--check", "--cache", "."]],
  ["check:generated", bin("tsx"), ["scripts/check-generated.ts"]],
  ["tsc", bin("tsc"), []],
];

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

// vitest starts at once, beside the checks: the tests that run dist/ wait for tsc (test/built-dist.ts),
// which writes its verdict to the marker file when it ends.
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
const passed = await Promise.all([
  ...checks.map(async ([name, command, args]) => {
    let ok = await run(name, command, args);
    if (name === "tsc") {
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
    }
    return ok;
  }),
  tests,
]);
process.exit(passed.includes(false) ? 1 : 0);
