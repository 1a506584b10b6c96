// Positions 0, 1, 2, ... (a list's items in the order they were made), each in one category (a status)
// or removed, indexed so that "the k-th item of category c" and "the first item of c from position p"
// take O(log n) however long the list is: a page-numbered list filtered by status starts at its page
// without scanning what comes before it. One Fenwick tree of counts per category, and one of every item
// not removed. The kit's PositionIndex answers only "the nearest before p", which cannot jump to a page.

export class RankIndex<Category extends string> {
  #trees = new Map<Category, Int32Array>();
  /** Every position not removed, whatever its category. */
  #live: Int32Array;
  #counts = new Map<Category, number>();
  #liveCount = 0;
  /** Each position's category; undefined once removed. */
  #categoryOf: (Category | undefined)[] = [];
  #capacity: number;

  /** `capacity`: how many positions to make room for before growing (a batch knows its size). */
  constructor(capacity = 64) {
    this.#capacity = Math.max(1, Math.floor(capacity));
    this.#live = new Int32Array(this.#capacity + 1);
  }

  /** `count` positions, all in `category`, built in O(count) (a new batch's files or jobs, all queued). */
  static filled<C extends string>(count: number, category: C): RankIndex<C> {
    const index = new RankIndex<C>(count);
    index.#categoryOf = new Array<C | undefined>(count).fill(category);
    const tree = new Int32Array(index.#capacity + 1);
    tree.fill(1, 1, count + 1);
    buildFenwick(tree);
    index.#trees.set(category, tree);
    index.#counts.set(category, count);
    index.#live = tree.slice();
    index.#liveCount = count;
    return index;
  }

  /** How many positions were ever added (removed ones included). */
  get size(): number {
    return this.#categoryOf.length;
  }

  /** Items in `category`, or every item not removed when it is left out. O(1). */
  count(category?: Category): number {
    return category === undefined ? this.#liveCount : (this.#counts.get(category) ?? 0);
  }

  categoryOf(position: number): Category | undefined {
    return this.#categoryOf[position];
  }

  /** Adds the next position, in `category`, and returns it. */
  push(category: Category): number {
    const position = this.#categoryOf.length;
    if (position === this.#capacity) this.#grow();
    this.#categoryOf.push(category);
    this.#add(category, position, 1);
    this.#addLive(position, 1);
    return position;
  }

  /** Moves a position to another category (nothing for a removed or unknown one). */
  move(position: number, category: Category): void {
    const from = this.#categoryOf[position];
    if (from === undefined || from === category) return;
    this.#add(from, position, -1);
    this.#add(category, position, 1);
    this.#categoryOf[position] = category;
  }

  /** Removes a position from every count; it keeps its number (positions never shift). */
  remove(position: number): void {
    const from = this.#categoryOf[position];
    if (from === undefined) return;
    this.#add(from, position, -1);
    this.#addLive(position, -1);
    this.#categoryOf[position] = undefined;
  }

  /** The position of the `rank`-th item (from 0, in position order) of `category` (any when left out), or -1. */
  select(rank: number, category?: Category): number {
    const tree = this.#treeOf(category);
    if (!tree || !(rank >= 0) || rank >= this.count(category)) return -1;
    let left = Math.floor(rank) + 1; // find the smallest prefix holding this many
    let at = 0;
    for (let step = highestPowerOfTwo(this.#capacity); step > 0; step >>= 1) {
      const next = at + step;
      if (next <= this.#capacity && tree[next]! < left) {
        at = next;
        left -= tree[next]!;
      }
    }
    return at; // the 1-based index at + 1, as a 0-based position
  }

  /** The first position at or after `from` in `category` (any when left out), or -1. */
  next(from: number, category?: Category): number {
    const tree = this.#treeOf(category);
    if (!tree) return -1;
    let before = 0;
    for (let i = Math.min(Math.max(0, Math.floor(from)), this.#categoryOf.length); i > 0; i -= i & -i)
      before += tree[i]!;
    return this.select(before, category);
  }

  #treeOf(category: Category | undefined): Int32Array | undefined {
    return category === undefined ? this.#live : this.#trees.get(category);
  }

  #add(category: Category, position: number, delta: number): void {
    let tree = this.#trees.get(category);
    if (!tree) this.#trees.set(category, (tree = new Int32Array(this.#capacity + 1)));
    this.#counts.set(category, (this.#counts.get(category) ?? 0) + delta);
    for (let i = position + 1; i <= this.#capacity; i += i & -i) tree[i]! += delta;
  }

  #addLive(position: number, delta: number): void {
    this.#liveCount += delta;
    for (let i = position + 1; i <= this.#capacity; i += i & -i) this.#live[i]! += delta;
  }

  /** Doubles the capacity, rebuilding every tree in O(n). */
  #grow(): void {
    this.#capacity *= 2;
    const size = this.#capacity + 1;
    const trees = new Map<Category, Int32Array>();
    for (const category of this.#trees.keys()) trees.set(category, new Int32Array(size));
    const live = new Int32Array(size);
    this.#categoryOf.forEach((category, position) => {
      if (category === undefined) return;
      trees.get(category)![position + 1]! += 1;
      live[position + 1]! += 1;
    });
    for (const tree of [...trees.values(), live]) buildFenwick(tree);
    this.#trees = trees;
    this.#live = live;
  }
}

/** Turns per-position counts (1-based) into a Fenwick tree, in place, in O(n). */
function buildFenwick(tree: Int32Array): void {
  for (let i = 1; i < tree.length; i++) {
    const parent = i + (i & -i);
    if (parent < tree.length) tree[parent]! += tree[i]!;
  }
}

const highestPowerOfTwo = (n: number) => 2 ** Math.floor(Math.log2(n));
