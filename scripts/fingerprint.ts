// What `npm run generate` made generated/ from: a hash of every file that can change its output (the
// specs, the lint config, the generator and the core modules it imports, the lockfile that pins the
// tools) and a hash of each file it wrote. `check:generated` trusts generated/ without linting and
// regenerating when both still match; any difference is only a miss (it then checks the slow way),
// never a failure.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "./apis.ts";

export const FINGERPRINT_FILE = "generated/.fingerprint.json";

const INPUT_DIRS = ["specs", "scripts", "src/core"];
const INPUT_FILES = [
  "redocly.yaml",
  ".redocly.lint-ignore.yaml",
  "package.json",
  "package-lock.json",
  ".prettierrc.json",
  ".prettierignore",
];

interface Fingerprint {
  inputs: string;
  outputs: Record<string, string>;
}

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function filesUnder(dir: string): string[] {
  const abs = join(repoRoot, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, encoding: "utf8" })
    .map((name) => join(abs, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(repoRoot, path));
}

/** One hash of every input, by path and content. */
export function inputsHash(): string {
  const paths = [
    ...INPUT_DIRS.flatMap(filesUnder),
    ...INPUT_FILES.filter((f) => existsSync(join(repoRoot, f))),
  ];
  const hash = createHash("sha256");
  for (const path of paths.sort()) hash.update(`${path}\0${sha256(join(repoRoot, path))}\n`);
  return hash.digest("hex");
}

/** Records the inputs and the files generate just wrote. */
export function writeFingerprint(outputs: readonly string[]): void {
  const fingerprint: Fingerprint = {
    inputs: inputsHash(),
    outputs: Object.fromEntries([...outputs].sort().map((file) => [file, sha256(join(repoRoot, file))])),
  };
  writeFileSync(join(repoRoot, FINGERPRINT_FILE), `${JSON.stringify(fingerprint, null, 2)}\n`);
}

/**
 * The number of generated files, when generated/ is exactly what generate made from the inputs as they
 * are now (same inputs, each output unchanged, no file added); otherwise undefined.
 */
export function unchangedSinceGenerate(): number | undefined {
  const path = join(repoRoot, FINGERPRINT_FILE);
  if (!existsSync(path)) return undefined;
  let fingerprint: Fingerprint;
  try {
    fingerprint = JSON.parse(readFileSync(path, "utf8")) as Fingerprint;
  } catch {
    return undefined;
  }
  if (fingerprint.inputs !== inputsHash()) return undefined;
  const present = filesUnder("generated").filter((f) => f !== FINGERPRINT_FILE);
  const recorded = Object.keys(fingerprint.outputs ?? {});
  if (present.length !== recorded.length || !present.every((f) => f in fingerprint.outputs)) return undefined;
  for (const file of recorded)
    if (sha256(join(repoRoot, file)) !== fingerprint.outputs[file]) return undefined;
  return recorded.length;
}
