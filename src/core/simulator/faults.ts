// Failures a simulator is told to answer instead of handling a request (rate limits, outages, drift).

export interface Fault {
  status: number;
  /** Sets `Retry-After` (seconds as a number, or the header's text as is). */
  retryAfter?: number | string;
  /** Only requests of this operation; any operation when left out. */
  operationId?: string;
  /** How many requests it answers before it is used up (default 1). */
  times?: number;
  /** The body to send; the provider's error body for the status when left out. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

export class FaultQueue {
  #faults: (Fault & { left: number })[] = [];

  inject(fault: Fault): void {
    // 1xx cannot be a final answer (and a Response cannot carry it).
    if (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599) {
      throw new RangeError(`fault.status: ${String(fault.status)} is not a final HTTP status (200 to 599)`);
    }
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`fault.times: expected an integer ≥ 1, got ${String(fault.times)}`);
    }
    this.#faults.push({ ...fault, left: times });
  }

  /** The next fault for this operation, if any, counting it as used. */
  take(operationId: string): Fault | undefined {
    const index = this.#faults.findIndex((f) => f.operationId === undefined || f.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  /** How many faults are still waiting. */
  get size(): number {
    return this.#faults.length;
  }

  clear(): void {
    this.#faults = [];
  }
}
