// The requests a simulator handled, oldest first, keeping at most `capacity` (the oldest go first).

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
  #entries: LoggedRequest[] = [];

  constructor(capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("RequestLog: capacity must be ≥ 1");
    this.#capacity = capacity;
  }

  push(entry: LoggedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
  }

  /** The logged requests, oldest first. */
  get entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  get length(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}
