// The status index: each job's status by its place in creation order, with a count per status kept as
// jobs move, so `meta.total` for a status filter and the state's counts are O(1). A filtered, sorted
// page still walks the jobs (SLNG sorts by three keys and filters by dates, which no single order serves).

export class StatusIndex<Status extends string> {
  #statusOf: Status[] = [];
  #counts = new Map<Status, number>();

  get size(): number {
    return this.#statusOf.length;
  }

  /** Items in `status`, or every item when it is left out. O(1). */
  count(status?: Status): number {
    return status === undefined ? this.#statusOf.length : (this.#counts.get(status) ?? 0);
  }

  /** Items in any of `statuses`. O(statuses). */
  countOf(statuses: Iterable<Status>): number {
    let n = 0;
    for (const status of new Set(statuses)) n += this.count(status);
    return n;
  }

  statusOf(position: number): Status | undefined {
    return this.#statusOf[position];
  }

  push(status: Status): number {
    this.#statusOf.push(status);
    this.#counts.set(status, this.count(status) + 1);
    return this.#statusOf.length - 1;
  }

  move(position: number, status: Status): void {
    const from = this.#statusOf[position];
    if (from === undefined || from === status) return;
    this.#counts.set(from, this.count(from) - 1);
    this.#counts.set(status, this.count(status) + 1);
    this.#statusOf[position] = status;
  }
}
