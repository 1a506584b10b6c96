// The requests a simulator handled, oldest first, keeping at most `capacity` (the oldest go first). A
// ring: logging a request is O(1) whatever the capacity; `entries` copies the ring out, oldest first.

export interface LoggedRequest {
  method: string;
  /** The operation the request was routed to. */
  operationId: string;
  url: string;
  /** The status it was answered with (0 while it is being answered). */
  status: number;
}

export class RequestLog {
  readonly #capacity: number;
  #ring: LoggedRequest[] = [];
  /** Where the next entry goes once the ring is full (then also the oldest entry). */
  #next = 0;

  constructor(capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("RequestLog: capacity must be ≥ 1");
    this.#capacity = capacity;
  }

  push(entry: LoggedRequest): void {
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(entry);
      return;
    }
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  /** The logged requests, oldest first. */
  get entries(): readonly LoggedRequest[] {
    return this.#next === 0
      ? [...this.#ring]
      : [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  get length(): number {
    return this.#ring.length;
  }

  clear(): void {
    this.#ring = [];
    this.#next = 0;
  }
}
