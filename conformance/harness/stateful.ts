// Stateful checks, the same for every provider, from a short description of its resources (which
// operation creates one, reads one, lists them, removes one): a created resource is readable at once; a
// removed one reads as the provider documents afterwards; every id a list returns can be fetched; a
// page walk returns each item once. Against a live API the checks that create something run only with
// writes allowed, and what they created is removed at the end where the provider has a way to.
import { expect } from "./expect.ts";
import type { RawResult } from "./suite.ts";

type Json = any;

export interface ResourceConfig {
  /** What the resource is called in check names: "job", "manifest", "upload". */
  noun: string;
  /**
   * Creating one with the operation's own request example (`example`: by name; it must create a new one
   * each time it is sent); `id` reads the new one's id off the answer.
   */
  create?: { operationId: string; example?: string; id(body: Json): unknown };
  /** Reading one: its operation, the path parameter that takes the id, and the id in the answer. */
  get: { operationId: string; param: string; id(body: Json): unknown };
  /**
   * Listing them, the smallest pages first: the first page's query, its items, an item's id, and the
   * query of the next page (undefined after the last).
   */
  list?: {
    operationId: string;
    query: Record<string, string>;
    items(body: Json): unknown;
    id(item: Json): unknown;
    next(body: Json, query: Record<string, string>): Record<string, string> | undefined;
  };
  /**
   * Removing one (a cancel or a delete): the operation, its id parameter, and what a read of it must
   * show after a 2xx (a 4xx the spec documents is taken as the provider's answer for a fresh one: SLNG
   * deletes only finished jobs).
   */
  remove?: {
    operationId: string;
    param: string;
    after(read: RawResult): void;
    /** Against the simulator: brings a new one to where it can be removed (SLNG deletes only finished jobs). */
    whenRemovable?(state: unknown, id: string): void;
  };
}

export interface StatefulTools {
  simulated: boolean;
  allowWrites: boolean;
  /** Sends a request for an operation: path parameters (others from the spec's examples), a query. */
  call(
    operationId: string,
    path?: Record<string, string>,
    query?: Record<string, string>,
    /** The request body example to send, by name (default: the first). */
    example?: string,
  ): Promise<RawResult>;
  /** What a check created on a live API, removed at the end of the run. */
  created(id: string): void;
  /** What a check removed itself (not to be removed again at the end). */
  removed(id: string): void;
  /** The simulator's state (against the simulator). */
  state: unknown;
}

export interface StatefulCheck {
  name: string;
  /** Creates something: skipped against a live API unless writes are allowed. */
  writes: boolean;
  run(): Promise<void>;
}

const MAX_PAGES = 50;
const MAX_FETCHED = 25;

export function statefulChecks(r: ResourceConfig, tools: StatefulTools): StatefulCheck[] {
  const checks: StatefulCheck[] = [];
  const ok = (result: RawResult, what: string) => {
    if (!is2xx(result.status))
      throw new Error(`${what}: expected a 2xx, got ${result.status} ${short(result.body)}`);
  };
  const is2xx = (status: number) => status >= 200 && status < 300;

  const create = async (): Promise<string> => {
    const made = await tools.call(r.create!.operationId, {}, {}, r.create!.example);
    if (!is2xx(made.status))
      throw new Error(`creating a ${r.noun} with the spec's example got ${made.status} ${short(made.body)}`);
    const id = r.create!.id(made.body);
    if (typeof id !== "string" || id === "")
      throw new Error(`the created ${r.noun}'s answer carries no id: ${short(made.body)}`);
    tools.created(id);
    return id;
  };
  const read = (id: string) => tools.call(r.get.operationId, { [r.get.param]: id });

  /** Walks the list from the first page; every page's items' ids, in order, and the pages read. */
  const walk = async (): Promise<{ ids: string[]; pages: number }> => {
    const list = r.list!;
    const ids: string[] = [];
    let query: Record<string, string> | undefined = { ...list.query };
    let pages = 0;
    const seenQueries = new Set<string>();
    while (query && pages < MAX_PAGES) {
      const key = JSON.stringify(query);
      if (seenQueries.has(key)) throw new Error(`the list sent back to a page already read (${key})`);
      seenQueries.add(key);
      const page = await tools.call(list.operationId, {}, query);
      ok(page, `listing ${r.noun}s (${new URLSearchParams(query)})`);
      const items = list.items(page.body);
      if (!Array.isArray(items))
        throw new Error(`a page of ${r.noun}s without its list of items: ${short(page.body)}`);
      for (const item of items) {
        const id = list.id(item);
        if (typeof id !== "string" || id === "")
          throw new Error(`a listed ${r.noun} without an id: ${short(item)}`);
        ids.push(id);
      }
      pages += 1;
      query = list.next(page.body, query);
    }
    // Against the simulator every walk ends; live, an account may hold more than the pages read.
    if (query && tools.simulated)
      throw new Error(`the walk over ${r.noun}s did not end within ${MAX_PAGES} pages`);
    return { ids, pages };
  };

  if (r.create) {
    checks.push({
      name: `a created ${r.noun} can be read at once`,
      writes: true,
      async run() {
        const id = await create();
        const got = await read(id);
        ok(got, `reading the ${r.noun} just created (${id})`);
        expect(r.get.id(got.body), `the ${r.noun} read is the one created`).toBe(id);
      },
    });
  }
  if (r.create && r.remove) {
    const remove = r.remove;
    checks.push({
      name: `a removed ${r.noun} reads as documented afterwards`,
      writes: true,
      async run() {
        const id = await create();
        if (tools.simulated) remove.whenRemovable?.(tools.state, id);
        const removed = await tools.call(remove.operationId, { [remove.param]: id });
        // Live, a documented refusal (a 4xx) may be the provider's answer for a new one (SLNG deletes
        // only finished jobs): the harness has checked its status and body are the spec's. Against the
        // simulator, brought to where it can be removed, the removal must succeed and be seen.
        if (!is2xx(removed.status) && !tools.simulated) {
          expect(removed.status, `removing a new ${r.noun}: ${short(removed.body)}`).toBeLessThan(500);
          return;
        }
        ok(removed, `removing the ${r.noun} just created (${id})`);
        tools.removed(id);
        remove.after(await read(id));
      },
    });
  }
  if (r.list) {
    const seed = async (count: number) => {
      if (r.create && (tools.simulated || tools.allowWrites)) for (let i = 0; i < count; i++) await create();
    };
    checks.push({
      name: `every ${r.noun} id the list returns can be fetched`,
      writes: false,
      async run() {
        await seed(3);
        const { ids } = await walk();
        for (const id of [...new Set(ids)].slice(0, MAX_FETCHED))
          ok(await read(id), `reading listed ${r.noun} ${id}`);
      },
    });
    checks.push({
      name: `a page walk over the ${r.noun}s returns each once`,
      writes: false,
      async run() {
        await seed(5);
        const { ids, pages } = await walk();
        const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
        expect(twice, `${r.noun}s listed on more than one page (${pages} pages read)`).toEqual([]);
        if (tools.simulated && r.create)
          expect(ids.length, "the walk saw the five just created").toBeGreaterThanOrEqual(5);
      },
    });
  }
  return checks;
}

const short = (value: unknown) => {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};
