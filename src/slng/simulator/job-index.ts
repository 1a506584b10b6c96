// The list's index: each job's place in creation order, in one category (its owner's key, its model
// and its status; only the status ever changes), with one Fenwick tree (binary indexed tree) of counts
// per category. A list filtered by key, model and statuses, sorted by any of SLNG's three keys, is a
// run of groups (one per status or model, or one in all), each a union of categories in creation
// order; so the jobs before a range, a group's count and "the k-th job of a group" each take
// O(categories · log n), and a page O(page · categories · log n), without reading the jobs it skips.
// Memory: one tree of n counts per category in use (key × model × status, a handful in a test).

export class JobIndex<Status extends string> {
  /** A power of two, at least the number of positions. */
  #capacity = 1024;
  /** Per category id, a Fenwick tree over `#capacity` positions (1-based; index 0 unused). */
  #trees: Int32Array[] = [];
  #categories: { owner: string; model: string; status: Status }[] = [];
  /** Category ids by owner, then model, then status. */
  #ids = new Map<string, Map<string, Map<Status, number>>>();
  #categoryOf: number[] = [];

  /** How many positions there are. */
  get size(): number {
    return this.#categoryOf.length;
  }

  /** Adds the next position and returns it. */
  push(owner: string, model: string, status: Status): number {
    const position = this.#categoryOf.length;
    if (position === this.#capacity) this.#grow();
    const id = this.#idOf(owner, model, status);
    this.#categoryOf.push(id);
    this.#add(id, position, 1);
    return position;
  }

  /** Moves a position to another status (its owner and model stay). */
  move(position: number, status: Status): void {
    const from = this.#categoryOf[position];
    if (from === undefined) return;
    const { owner, model } = this.#categories[from]!;
    const to = this.#idOf(owner, model, status);
    if (to === from) return;
    this.#add(from, position, -1);
    this.#add(to, position, 1);
    this.#categoryOf[position] = to;
  }

  /** The models an owner has jobs of (in any status). */
  modelsOf(owner: string): string[] {
    return [...(this.#ids.get(owner)?.keys() ?? [])];
  }

  /** The category ids of an owner's jobs in these models and statuses (ids that exist only). */
  categories(owner: string, models: Iterable<string>, statuses: Iterable<Status>): number[] {
    const byModel = this.#ids.get(owner);
    const ids: number[] = [];
    if (!byModel) return ids;
    const wanted = [...new Set(statuses)];
    for (const model of new Set(models)) {
      const byStatus = byModel.get(model);
      for (const status of wanted) {
        const id = byStatus?.get(status);
        if (id !== undefined) ids.push(id);
      }
    }
    return ids;
  }

  /** How many positions before `end` are in any of `ids`. */
  before(ids: readonly number[], end: number): number {
    let n = 0;
    const last = Math.min(Math.max(0, Math.floor(end)), this.#categoryOf.length);
    for (const id of ids) {
      const tree = this.#trees[id]!;
      for (let i = last; i > 0; i -= i & -i) n += tree[i]!;
    }
    return n;
  }

  /** The position of the `rank`-th (from 0, in creation order) item in any of `ids`, or -1. */
  select(ids: readonly number[], rank: number): number {
    if (ids.length === 0 || !(rank >= 0)) return -1;
    let left = Math.floor(rank) + 1;
    let at = 0;
    for (let step = this.#capacity; step > 0; step >>= 1) {
      const next = at + step;
      if (next > this.#capacity) continue;
      let sum = 0;
      for (const id of ids) sum += this.#trees[id]![next]!;
      if (sum < left) {
        at = next;
        left -= sum;
      }
    }
    return at < this.#categoryOf.length ? at : -1; // the 1-based index at + 1, as a 0-based position
  }

  clear(): void {
    this.#capacity = 1024;
    this.#trees = [];
    this.#categories = [];
    this.#ids.clear();
    this.#categoryOf = [];
  }

  #idOf(owner: string, model: string, status: Status): number {
    let byModel = this.#ids.get(owner);
    if (!byModel) this.#ids.set(owner, (byModel = new Map()));
    let byStatus = byModel.get(model);
    if (!byStatus) byModel.set(model, (byStatus = new Map()));
    let id = byStatus.get(status);
    if (id === undefined) {
      id = this.#trees.length;
      byStatus.set(status, id);
      this.#categories.push({ owner, model, status });
      this.#trees.push(new Int32Array(this.#capacity + 1));
    }
    return id;
  }

  #add(id: number, position: number, delta: number): void {
    const tree = this.#trees[id]!;
    for (let i = position + 1; i <= this.#capacity; i += i & -i) tree[i]! += delta;
  }

  /** Doubles the capacity, rebuilding every tree in O(n) each. */
  #grow(): void {
    this.#capacity *= 2;
    const capacity = this.#capacity;
    const trees = this.#trees.map(() => new Int32Array(capacity + 1));
    this.#categoryOf.forEach((id, position) => (trees[id]![position + 1]! += 1));
    for (const tree of trees) {
      for (let i = 1; i <= capacity; i++) {
        const parent = i + (i & -i);
        if (parent <= capacity) tree[parent]! += tree[i]!;
      }
    }
    this.#trees = trees;
  }
}
