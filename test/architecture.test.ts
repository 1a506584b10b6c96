// The house rules of the layout, as tests: data flows one way, src/core knows no provider, and no
// provider imports another (a family layer such as src/zoom/ serves only its own products).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readApis, repoRoot } from "../scripts/apis.ts";

const files = (dir: string): string[] =>
  readdirSync(join(repoRoot, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(repoRoot, path)).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
const importsOf = (file: string) =>
  [...readFileSync(join(repoRoot, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map(
    (m) => m[1]!,
  );
const providers = readApis().map((api) => api.id);
const family = (id: string) => id.split("-")[0]!; // zoom-scribe → zoom
const names = [...new Set([...providers, ...providers.map(family)])];

describe("the layout", () => {
  it("keeps src/core free of any provider: no import of one, and no provider named in its code", () => {
    const offences = files("src/core").flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), "utf8").toLowerCase();
      return names.filter((n) => new RegExp(`\\b${n}\\b`).test(text)).map((n) => `${file} names ${n}`);
    });
    expect(offences).toEqual([]);
  });

  /** Where `file` imports from, as paths from the repository root (bare specifiers kept as they are). */
  const targetsOf = (file: string) =>
    importsOf(file).map((spec) =>
      spec.startsWith(".") ? relative(repoRoot, join(repoRoot, file, "..", spec)) : spec,
    );
  /** Whether a provider (or family) may import `target`: core, its own code and generated files, its family's. */
  const allowed = (owner: string, family: string, target: string) =>
    !target.startsWith("batchspec") &&
    (!target.startsWith("src/") ||
      target.startsWith("src/core/") ||
      target.startsWith(`src/${owner}/`) ||
      target.startsWith(`src/${family}/`)) &&
    (!target.startsWith("generated/") ||
      target.startsWith(`generated/${owner}.`) ||
      target === `generated/${family}-shared.ts`);

  it("lets no provider import another provider (its code or its generated files), only its own family layer and core", () => {
    const offences = providers.flatMap((id) =>
      files(`src/${id}`).flatMap((file) =>
        targetsOf(file)
          .filter((target) => !allowed(id, family(id), target))
          .map((target) => `${file} imports ${target}`),
      ),
    );
    expect(offences).toEqual([]);
  });

  it("lets a family layer import only core and its shared types, never one of its products", () => {
    const families = [...new Set(providers.map(family))].filter((f) => !providers.includes(f));
    const offences = families.flatMap((f) =>
      files(`src/${f}`).flatMap((file) =>
        targetsOf(file)
          .filter((target) => !allowed(f, f, target))
          .map((target) => `${file} imports ${target}`),
      ),
    );
    expect(offences).toEqual([]);
  });
});
