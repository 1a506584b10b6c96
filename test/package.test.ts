// What an installed package offers: every entry in package.json's exports points at a file the build
// writes, each provider has its client, mock and validation entries, and the package says it has no side
// effects (so bundlers drop what a user does not import).
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtDist } from "./built-dist.ts";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  sideEffects?: unknown;
  exports: Record<string, string | { types?: string; default?: string }>;
};

describe("package.json", () => {
  beforeAll(() => builtDist(), 200_000);

  it("says it has no side effects", () => {
    expect(pkg.sideEffects).toBe(false);
  });

  it("exports, for each provider, its client, its mock and its validation", () => {
    for (const id of ["zoom-scribe", "zoom-translator", "sofer", "soket", "slng"])
      for (const entry of [`./${id}`, `./${id}/mock`, `./${id}/validation`])
        expect(Object.keys(pkg.exports)).toContain(entry);
  });

  it.each(Object.entries(pkg.exports).filter(([, v]) => typeof v === "object"))(
    "%s points at files the build writes",
    (_, target) => {
      const { types, default: main } = target as { types: string; default: string };
      expect(existsSync(join(root, main)), main).toBe(true);
      expect(existsSync(join(root, types)), types).toBe(true);
    },
  );
});
