// Requests a simulator sends out on its own (webhook deliveries): each is recorded with how it ended,
// sent in the order posted (one after the other) without holding up the request that caused it, and
// `flush()` waits for all of them. A receiver that never answers is given up on after `timeoutMs`, so it
// cannot hold back the deliveries behind it, nor a `flush()`.

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
  readonly #timeoutMs: number;

  /** `send` is how requests leave: the global fetch at delivery time unless a test says otherwise. */
  constructor(
    send: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
    timeoutMs = 10_000,
  ) {
    if (!(timeoutMs >= 1 && timeoutMs <= 2_147_483_647))
      throw new RangeError(`Outbox: timeoutMs must be from 1 to 2147483647, got ${String(timeoutMs)}`);
    this.#send = send;
    this.#timeoutMs = timeoutMs;
  }

  /** Records `delivery` and POSTs it; `prepare` may add headers first (a signature). */
  post(delivery: D, prepare?: (delivery: D) => Promise<void>): void {
    this.deliveries.push(delivery);
    this.#tail = this.#tail.then(async () => {
      try {
        await prepare?.(delivery);
        const { url, headers, body } = delivery;
        const controller = new AbortController();
        const given = `no answer within ${this.#timeoutMs} ms`;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort(new Error(given));
            reject(new Error(given));
          }, this.#timeoutMs);
        });
        try {
          const request = new Request(url, { method: "POST", headers, body, signal: controller.signal });
          delivery.status = (await Promise.race([this.#send(request), late])).status;
        } finally {
          clearTimeout(timer);
        }
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
