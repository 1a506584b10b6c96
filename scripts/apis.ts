// The list of APIs lives in one place, redocly.yaml; every script reads it from here.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface ApiEntry {
  /** The spec id, e.g. `zoom-scribe`. */
  id: string;
  /** The spec's root file, relative to the repository. */
  root: string;
  /** The generated types, relative to the repository (`x-openapi-ts.output`). */
  typesFile: string;
  /** The bundled spec as JSON, for run-time validation, relative to the repository. */
  bundleFile: string;
  /**
   * The spec's validators, compiled ahead of time (ajv standalone code), relative to the repository: an
   * ES module of plain JavaScript, which tsc neither checks nor emits (scripts/copy-generated.ts puts it
   * in dist/), with its types beside it in `validatorsTypesFile`.
   */
  validatorsFile: string;
  validatorsTypesFile: string;
}

export function readApis(): ApiEntry[] {
  const config = parse(readFileSync(join(repoRoot, "redocly.yaml"), "utf8")) as {
    apis?: Record<string, { root?: string; "x-openapi-ts"?: { output?: string } }>;
  };
  const entries = Object.entries(config.apis ?? {});
  if (entries.length === 0) throw new Error("redocly.yaml: no entry under `apis:`");
  return entries.map(([id, api]) => {
    const typesFile = api["x-openapi-ts"]?.output;
    if (!api.root) throw new Error(`redocly.yaml: apis.${id} has no \`root\``);
    if (!typesFile) throw new Error(`redocly.yaml: apis.${id} has no \`x-openapi-ts.output\``);
    return {
      id,
      root: api.root,
      typesFile,
      bundleFile: typesFile.replace(/\.ts$/, ".openapi.json"),
      validatorsFile: typesFile.replace(/\.ts$/, ".validators.js"),
      validatorsTypesFile: typesFile.replace(/\.ts$/, ".validators.d.ts"),
    };
  });
}
