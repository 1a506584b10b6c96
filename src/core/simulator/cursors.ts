// Opaque page cursors kept on the simulator's side: a cursor is a handle to a position the simulator
// issued for one listing, so a cursor it never issued, one issued for another listing, and one from
// before a reset are all refused. The book keeps the latest `capacity` cursors.

export class CursorBook<Position> {
  readonly #capacity: number;
  #entries = new Map<string, { scope: string; position: Position }>();
  #count = 0;
  #nonce = randomHex();

  constructor(capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("CursorBook: capacity must be ≥ 1");
    this.#capacity = capacity;
  }

  /** A new cursor for `position` within the listing named `scope`. */
  issue(scope: string, position: Position): string {
    this.#count += 1;
    const token = `${this.#count.toString(36)}${this.#nonce}`;
    this.#entries.set(token, { scope, position });
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return token;
  }

  /** The position of a cursor this book issued for `scope`, or undefined. */
  redeem(token: string, scope: string): Position | undefined {
    const entry = this.#entries.get(token);
    return entry && entry.scope === scope ? entry.position : undefined;
  }

  /** Forgets every cursor: those issued before are refused from now on. */
  clear(): void {
    this.#entries.clear();
    this.#nonce = randomHex();
  }
}

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
