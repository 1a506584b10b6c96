// Positions 0, 1, 2, ... (a simulator's items in the order they were made), each in one category (a
// job's state), indexed so that "the nearest position before p in category c" takes O(log n) however
// many items there are: a list filtered by state pages newest first without scanning what it skips.
// One Fenwick tree (binary indexed tree) of counts per category; moving an item is O(log n).

export class PositionIndex<Category> {
  /** Per category, a Fenwick tree over `#capacity` positions (1-based; index 0 unused). */
  #trees = new Map<Category, Int32Array>();
  /** A power of two, at least the number of positions. */
  #capacity = 1024;
  #categoryOf: Category[] = [];

  /** How many positions there are. */
  get size(): number {
    return this.#categoryOf.length;
  }

  /** Adds the next position, in `category`, and returns it. */
  push(category: Category): number {
    const position = this.#categoryOf.length;
    if (position === this.#capacity) this.#grow();
    this.#categoryOf.push(category);
    this.#add(category, position, 1);
    return position;
  }

  /** Moves `position` to `category` (nothing for a position it does not have). */
  move(position: number, category: Category): void {
    if (!(position >= 0 && position < this.#categoryOf.length)) return;
    const from = this.#categoryOf[position]!;
    if (from === category) return;
    this.#add(from, position, -1);
    this.#add(category, position, 1);
    this.#categoryOf[position] = category;
  }

  /** The nearest position before `before` (not itself) that is in `category`, or -1 when there is none. */
  previous(category: Category, before: number): number {
    const tree = this.#trees.get(category);
    if (!tree || !(before > 0)) return -1;
    // How many positions of the category lie before `before`; the last of them is the answer.
    let rank = 0;
    for (let i = Math.min(Math.floor(before), this.#categoryOf.length); i > 0; i -= i & -i) rank += tree[i]!;
    if (rank === 0) return -1;
    // The smallest prefix holding `rank` of them, by descending the tree.
    let at = 0;
    for (let step = this.#capacity; step > 0; step >>= 1) {
      const next = at + step;
      if (next <= this.#capacity && tree[next]! < rank) {
        at = next;
        rank -= tree[next]!;
      }
    }
    return at; // the 1-based index at + 1, as a 0-based position
  }

  clear(): void {
    this.#trees.clear();
    this.#capacity = 1024;
    this.#categoryOf = [];
  }

  #add(category: Category, position: number, delta: number): void {
    let tree = this.#trees.get(category);
    if (!tree) this.#trees.set(category, (tree = new Int32Array(this.#capacity + 1)));
    for (let i = position + 1; i <= this.#capacity; i += i & -i) tree[i]! += delta;
  }

  /** Doubles the capacity, rebuilding every tree in O(n). */
  #grow(): void {
    this.#capacity *= 2;
    const capacity = this.#capacity;
    const trees = new Map<Category, Int32Array>();
    for (const category of this.#trees.keys()) trees.set(category, new Int32Array(capacity + 1));
    this.#categoryOf.forEach((category, position) => (trees.get(category)![position + 1]! += 1));
    for (const tree of trees.values()) {
      for (let i = 1; i <= capacity; i++) {
        const parent = i + (i & -i);
        if (parent <= capacity) tree[parent]! += tree[i]!;
      }
    }
    this.#trees = trees;
  }
}
