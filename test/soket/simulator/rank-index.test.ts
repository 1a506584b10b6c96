// The index behind the Soket simulator's filtered pages: against a plain list of categories, after any
// run of pushes, moves and removals, its counts, k-th items and next items agree (growth included).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RankIndex } from "../../../src/soket/simulator/rank-index.ts";

type C = "a" | "b" | "c";
const category = fc.constantFrom<C>("a", "b", "c");
const operation = fc.oneof(
  fc.record({ push: category }),
  fc.record({ move: fc.nat(), to: category }),
  fc.record({ remove: fc.nat() }),
);

describe("RankIndex", () => {
  it("agrees with a plain list on count, select and next after any operations", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(operation, { maxLength: 120 }),
        (capacity, ops) => {
          const index = new RankIndex<C>(capacity);
          const model: (C | undefined)[] = [];
          for (const op of ops) {
            if ("push" in op) expect(index.push(op.push)).toBe(model.push(op.push) - 1);
            else if (model.length === 0) continue;
            else if ("move" in op) {
              const at = op.move % model.length;
              index.move(at, op.to);
              if (model[at] !== undefined) model[at] = op.to;
            } else {
              const at = op.remove % model.length;
              index.remove(at);
              model[at] = undefined;
            }
          }
          for (const c of [undefined, "a", "b", "c"] as const) {
            const positions = model.flatMap((m, i) =>
              m !== undefined && (c === undefined || m === c) ? [i] : [],
            );
            expect(index.count(c)).toBe(positions.length);
            positions.forEach((p, rank) => expect(index.select(rank, c)).toBe(p));
            expect(index.select(positions.length, c)).toBe(-1);
            for (let from = 0; from <= model.length; from++)
              expect(index.next(from, c)).toBe(positions.find((p) => p >= from) ?? -1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("answers -1 for a category it never held and ignores moves of removed positions", () => {
    const index = new RankIndex<C>();
    index.push("a");
    index.remove(0);
    index.move(0, "b");
    expect([
      index.count(),
      index.count("b"),
      index.select(0, "c"),
      index.next(0),
      index.categoryOf(0),
    ]).toEqual([0, 0, -1, -1, undefined]);
  });
});
