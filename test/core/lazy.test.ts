// lazy(): a module loaded on first use is loaded once; later calls reuse the same promise (a loader hook,
// as tsx's and vitest's are, would otherwise run on every call: Sofer's createExpress went from 75 to
// 370 µs a call under tsx when each call imported its module again).
import { describe, expect, it } from "vitest";
import { lazy } from "../../src/core/lazy.ts";

describe("lazy", () => {
  it("loads once, on the first call, and hands every caller the same module", async () => {
    let loads = 0;
    const module = lazy(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([module(), module()]);
    expect(await module()).toBe(a);
    expect(b).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries a load that failed again on the next call", async () => {
    let loads = 0;
    const module = lazy(async () => {
      if (++loads === 1) throw new Error("chunk not fetched");
      return { n: loads };
    });
    await expect(module()).rejects.toThrow("chunk not fetched");
    expect(await module()).toEqual({ n: 2 });
    expect(await module()).toEqual({ n: 2 });
    expect(loads).toBe(2);
  });
});
