// Requests a simulator sends out on its own (webhook deliveries): each is recorded with how it ended,
// sent in the order posted (one after the other) without holding up the request that caused it, and
// `flush()` waits for all of them.

export interface Delivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's status, or the error that stopped the delivery. */
  status?: number;
  error?: string;
}

export class Outbox<D extends Delivery = Delivery> {
  readonly deliveries: D[] = [];
  #tail: Promise<void> = Promise.resolve();
  readonly #send: (request: Request) => Promise<Response>;

  /** `send` is how requests leave: the global fetch at delivery time unless a test says otherwise. */
  constructor(send: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request)) {
    this.#send = send;
  }

  /** Records `delivery` and POSTs it; `prepare` may add headers first (a signature). */
  post(delivery: D, prepare?: (delivery: D) => Promise<void>): void {
    this.deliveries.push(delivery);
    this.#tail = this.#tail.then(async () => {
      try {
        await prepare?.(delivery);
        const { url, headers, body } = delivery;
        delivery.status = (await this.#send(new Request(url, { method: "POST", headers, body }))).status;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    });
  }

  /** Resolves once every delivery posted so far has been answered (or failed). */
  async flush(): Promise<void> {
    // A delivery may post another while it is sent: wait until no more are queued.
    for (let tail = this.#tail; ; tail = this.#tail) {
      await tail;
      if (tail === this.#tail) return;
    }
  }

  clear(): void {
    this.deliveries.length = 0;
  }
}
