// Puts the compiled validators (generated/<id>.validators.js and .d.ts) into dist/generated/, where the
// built modules import them from: they are plain JavaScript, which tsc neither checks nor emits (see
// scripts/standalone-validators.ts). Part of every build: `npm run build` and npm test run it after tsc.
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readApis, repoRoot } from "./apis.ts";

export function copyGenerated(root = repoRoot): void {
  mkdirSync(join(root, "dist/generated"), { recursive: true });
  for (const api of readApis())
    for (const file of [api.validatorsFile, api.validatorsTypesFile])
      copyFileSync(join(root, file), join(root, "dist", file));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) copyGenerated();
