// The fetch every client sends through: per-request timeouts combined with the caller's AbortSignal,
// and retries (see retry.ts). The first attempt sends the request as it was built; only a retry builds
// it again, from the body as it was before it became a stream (see AttemptRequest), so bodies (JSON,
// forms, files) are re-sent intact without copying a stream on the happy path. Log lines carry no
// credentials.
//
// Only the happy path is here: one attempt (credential, fetch, timeout) and a 2xx read as text. What
// comes after anything else (a failure, a retry, a body left for someone else to read under a guard,
// log lines) is in transport-recovery.ts, loaded when it is first needed.
import { lazy } from "./lazy.ts";
import type { RetryOptions } from "./retry.ts";

/**
 * Where requests go. The transport gives the attempt's signal as `init.signal` (as the global fetch
 * takes it), so the request itself is built without one; a fetch that ignores it is raced instead.
 */
export type FetchLike = (request: Request, init?: { signal: AbortSignal }) => Promise<Response>;

export interface Logger {
  debug?(message: string, data: Record<string, unknown>): void;
  warn?(message: string, data: Record<string, unknown>): void;
}

export interface TransportOptions extends RetryOptions {
  /** The spec id, for errors and logs. */
  provider: string;
  /**
   * Where requests finally go. Default: the global fetch, looked up at each request (not when the client
   * is created), so an interceptor installed later (MSW, nock) still sees the calls.
   */
  fetch?: FetchLike;
  /** Per-attempt timeout until the response headers arrive. Default 60 s. */
  timeoutMs?: number;
  logger?: Logger;
  /**
   * Puts the credential on each attempt (a token function is asked again for every attempt, under the
   * attempt's timeout and the caller's signal), returning the secret value it sent.
   */
  authorize?: (request: Request) => string | Promise<string>;
  /** Told every secret value `authorize` sent (for scrubbing errors). */
  onSecret?: (value: string) => void;
  /** For tests: how to wait (between retries, and between polls in a client's waitForJob), and the jitter source. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Per-call settings; each overrides the client's. */
export interface CallOptions extends RetryOptions {
  timeoutMs?: number;
  /** Say true for a POST that is safe to repeat, so a 5xx or a timeout may be retried. */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** The operationId, for errors and logs. */
  operation?: string;
  /** Told every secret value this call's attempts sent. */
  onSecret?: (value: string) => void;
  /**
   * Send the first attempt as a copy, so that the credential is not put on the request the caller
   * holds (a client says so when middlewares of its user will see the request).
   */
  copyFirst?: boolean;
  /** Told the request before it is sent. */
  onSent?: (request: Request) => void;
  /** Told the status of the response returned (the last attempt's). */
  onAnswered?: (status: number) => void;
  /**
   * The caller reads a 2xx body as text at once: the transport reads it under the attempt's timeout and
   * the caller's signal and hands it here, then returns the response with its body used. Cheaper than
   * guarding the body's readers for someone else to call (see guardBody).
   */
  onText?: (text: string) => void;
}

/** The retry settings, as a client's options and a call's both name them. */
export const RETRY_KEYS = [
  "maxRetries",
  "initialRetryDelayMs",
  "maxRetryDelayMs",
  "maxRetryAfterMs",
] as const;

/** The longest delay a timer can take (2^31 - 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647;

const ATTEMPT = Symbol("batchspec.attempt");

/** A body that can be sent again as it is (a stream cannot: it is used up by the first send). */
function isReplayable(body: unknown): boolean {
  return (
    body === null ||
    body === undefined ||
    typeof body === "string" ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

/**
 * A Request that knows how to be sent again: its body as given (a string, a form, a Blob), kept for a
 * retry to be built from. Clients hand this class to openapi-fetch as its `Request`. Any Request counts
 * as one for `instanceof` (openapi-fetch checks what a middleware returns against it); the transport
 * tells them apart by what they carry.
 */
export class AttemptRequest extends Request {
  readonly [ATTEMPT]: { body: unknown; callerSignal: boolean };
  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    super(input, init);
    // A signal from the caller: given here, or carried by the request this one is made from.
    const source = input instanceof Request ? input : undefined;
    const from = source && attemptOf(source);
    const inherited = source !== undefined && (from === undefined || from.callerSignal);
    this[ATTEMPT] = { body: init.body ?? from?.body, callerSignal: init.signal != null || inherited };
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
}

export const attemptOf = (request: Request): AttemptRequest[typeof ATTEMPT] | undefined =>
  (request as Partial<AttemptRequest>)[ATTEMPT];

/** The body an AttemptRequest was built with, as given (undefined for any other request). */
export function sourceBody(request: Request): unknown {
  return attemptOf(request)?.body;
}

/**
 * The init given to the fetch: the attempt's signal, made only when the fetch asks for it (a stub that
 * never does costs nothing; making one costs more than the rest of a call's own work). A class, not an
 * object literal with a getter: V8 makes such literals slow objects, which cost the garbage collector
 * more than the rest of a request. A fetch that wraps another should pass this init on as it is (a copy
 * made by spreading it would not carry the signal, which is not an own property).
 */
export class AttemptInit {
  constructor(private readonly controller: AbortController) {}
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}

export function validateTransportOptions(options: TransportOptions | CallOptions, where: string): void {
  for (const name of [...RETRY_KEYS, "timeoutMs"] as const) {
    const value = options[name];
    if (value === undefined) continue;
    // A timer cannot wait longer than 2^31 - 1 ms (about 24.8 days): Node would fire it at once.
    const integer = name === "maxRetries";
    const min = name === "timeoutMs" ? 1 : 0;
    const max = integer ? 100 : MAX_TIMER_MS;
    // (NaN fails `value >= min`.)
    if (!(typeof value === "number" && value >= min && value <= max && (!integer || Number.isInteger(value))))
      throw new RangeError(
        `${where}.${name}: expected ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${String(value)}`,
      );
  }
}

export interface Transport {
  /** Sends `request` with the client's settings overridden by `call`. */
  send(request: Request, call?: CallOptions): Promise<Response>;
  /** A fetch bound to per-call settings, to hand to openapi-fetch's per-call `fetch` option. */
  with(call: CallOptions): FetchLike;
}

/** One call through the transport: what its attempts share. */
export interface CallState {
  original: Request;
  call: CallOptions;
  options: TransportOptions;
  inner: FetchLike;
  random: () => number;
  timeoutMs: number;
  /** What an AttemptRequest carries (its body as given), or undefined for a request built elsewhere. */
  prepared: AttemptRequest[typeof ATTEMPT] | undefined;
  /** A retry can be built again from the body as given. */
  replayable: boolean;
  /** A copy taken before the first attempt used up a body that cannot be built again. */
  spare: Request | undefined;
  callerSignal: AbortSignal | undefined;
  /** The secret values this call's attempts sent, scrubbed from the errors it throws. */
  secrets: string[];
}

/** What comes after anything but a 2xx read as text, loaded when first needed. */
const recovery = lazy(() => import("./transport-recovery.ts"));

export function createTransport(options: TransportOptions): Transport {
  validateTransportOptions(options, options.provider);
  const inner: FetchLike = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
  const random = options.random ?? Math.random;
  const clientTimeoutMs = options.timeoutMs ?? 60_000;

  const send = async (original: Request, call: CallOptions = {}): Promise<Response> => {
    if (hasSettings(call)) validateTransportOptions(call, call.operation ?? options.provider);
    call.onSent?.(original);
    const prepared = attemptOf(original);
    // How a retry gets a request whose body is whole: built again from the body as given, or else
    // (a body that was a stream, or a request built elsewhere) from a copy taken before the first
    // attempt uses the body up (unless retries are turned off: the default allows some).
    const replayable = prepared !== undefined && isReplayable(prepared.body);
    const state: CallState = {
      original,
      call,
      options,
      inner,
      random,
      timeoutMs: call.timeoutMs ?? clientTimeoutMs,
      prepared,
      replayable,
      spare:
        !replayable && original.body !== null && (call.maxRetries ?? options.maxRetries) !== 0
          ? original.clone()
          : undefined,
      callerSignal: call.signal ?? (prepared && !prepared.callerSignal ? undefined : original.signal),
      secrets: [],
    };
    const attempt = await runAttempt(state, 0);
    // A response below 400 is final (a retry is never made after one): anything else goes on in
    // transport-recovery.ts, with the retry rules.
    const status = attempt.response?.status;
    if (status !== undefined && status < 400) return answer(state, attempt, 0);
    return (await recovery()).recover(state, attempt, 0);
  };

  return { send, with: (call) => (request) => send(request, call) };
}

/**
 * One attempt: the credential put on its request (a token function asked under the attempt's
 * timeout), the request sent and raced against the abort (so the timeout fires even for a fetch that
 * ignores its signal). What happened is left on the attempt; a retry's request is built by `rebuild`.
 */
export async function runAttempt(
  state: CallState,
  retriesSoFar: number,
  rebuild?: (state: CallState) => Request,
): Promise<Attempt> {
  const { callerSignal, options, call, original } = state;
  if (callerSignal?.aborted) throw callerSignal.reason;
  const attempt = new Attempt(state.timeoutMs, callerSignal);
  try {
    // The first attempt sends an AttemptRequest as it was built (unless someone else will see it); a
    // request from elsewhere is the caller's, so the credential goes on a copy.
    const request = rebuild
      ? rebuild(state)
      : state.prepared && !call.copyFirst
        ? original
        : new Request(original);
    if (options.authorize) {
      attempt.inAuthorize = true;
      const authorizing = options.authorize(request);
      let secret: string;
      if (typeof authorizing === "string") secret = authorizing;
      else {
        authorizing.catch(() => undefined); // settled late, after a timeout: nobody waits for it any more
        secret = await attempt.race(authorizing);
      }
      state.secrets.push(secret);
      options.onSecret?.(secret);
      call.onSecret?.(secret);
      attempt.inAuthorize = false;
    }
    if (options.logger?.debug)
      await (await recovery()).log(state, "debug", "request", { attempt: retriesSoFar + 1 });
    // The signal is made only when the fetch asks for it (a stub that never does costs nothing).
    attempt.pending = state.inner(request, new AttemptInit(attempt.controller));
    attempt.response = await attempt.race(attempt.pending);
  } catch (error) {
    attempt.failed = error;
  }
  return attempt;
}

/**
 * The final response (below 400): a 2xx the caller reads as text at once is read here under the
 * attempt's timeout and the caller's signal; any other is returned with its body guarded.
 */
export async function answer(state: CallState, attempt: Attempt, retriesSoFar: number): Promise<Response> {
  const { call, options } = state;
  const response = attempt.response!;
  call.onAnswered?.(response.status);
  if (options.logger?.debug)
    await (
      await recovery()
    ).log(state, "debug", "response", {
      status: response.status,
      attempts: retriesSoFar + 1,
    });
  if (call.onText && response.ok) {
    let text: string;
    try {
      text = await attempt.race(response.text());
    } catch (error) {
      throw attempt.aborted ? await (await recovery()).failure(state, attempt) : error;
    } finally {
      attempt.release();
    }
    call.onText(text);
    return response;
  }
  return (await recovery()).guardBody(state, attempt, response);
}

/**
 * One attempt's abort, by its timer or the caller's signal: its controller (whose signal the fetch is
 * given), and whatever the transport waits for in the meantime, which it rejects at once, so that
 * nothing waits past the abort even on a fetch that ignores its signal. (Not AbortSignal.any: a
 * composite signal is held weakly and can be collected mid-request, so the abort never lands.) The
 * timer and the listener take the attempt itself (a timer argument, a listener object): no closures.
 * A guarded body's clock (pause, resume, expiry) is in transport-recovery.ts.
 */
export class Attempt {
  readonly controller = new AbortController();
  /**
   * The timeout's timer, armed from an immediate (`armed` false until then): most attempts settle
   * before the event loop's next turn (a stub, a cache, a simulator in process), and an immediate costs
   * far less to set and clear than a timer (about 6% of a helper call over a stubbed fetch). A fetch that
   * has not settled by then gets its timer for the time left, so the timeout is unchanged.
   */
  declare timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined;
  armed = false;
  timedOut = false;
  aborted = false;
  released = false;
  /** When the timer is due (performance.now()), for readers that may keep the timer from running. */
  declare deadline: number;
  declare reason: unknown;
  /** Rejects what `race` waits for now. */
  declare reject: ((reason: unknown) => void) | undefined;
  /** Rejects the guard's `stopped` promise, once someone asked for it. */
  declare stop: ((reason: unknown) => void) | undefined;
  declare stopped: Promise<never> | undefined;
  /** What happened: the response, or the failure (`inAuthorize`: thrown by the token source). */
  declare response: Response | undefined;
  declare failed: unknown;
  declare pending: Promise<Response> | undefined;
  inAuthorize = false;
  constructor(
    readonly timeoutMs: number,
    readonly callerSignal: AbortSignal | undefined,
  ) {
    this.deadline = performance.now() + timeoutMs;
    callerSignal?.addEventListener("abort", this, { once: true });
    // Where there is no setImmediate and clearImmediate (browsers, some edge runtimes), the timer is
    // armed at once.
    if (typeof setImmediate === "function" && typeof clearImmediate === "function")
      this.timer = setImmediate(arm, this);
    else arm(this);
  }
  /** The caller's signal aborted. */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }
  onTimeout(): void {
    this.timedOut = true;
    this.callerSignal?.removeEventListener("abort", this);
    this.abort(new DOMException(`no response within ${this.timeoutMs} ms`, "TimeoutError"));
  }
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller.abort(reason);
    this.reject?.(reason);
    this.stop?.(reason);
  }
  /** `work`, or its rejection with the abort reason as soon as the attempt is aborted (one at a time). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(this.reason as Error);
    return new Promise<T>((resolve, reject) => {
      this.reject = reject;
      work.then(resolve, reject);
    });
  }
  /** Lets go of the timer and the caller's signal. */
  release(): void {
    this.released = true;
    disarm(this);
    this.callerSignal?.removeEventListener("abort", this);
  }
}
export const timeOut = (attempt: Attempt) => attempt.onTimeout();

/** Arms the attempt's timer for the time left (none while its clock is stopped: deadline Infinity). */
const arm = (attempt: Attempt) => {
  attempt.armed = true;
  // (Released: never, as release clears the immediate first. A delay below 1 ms is 1 ms.)
  attempt.timer =
    attempt.aborted || attempt.deadline === Infinity
      ? undefined
      : setTimeout(timeOut, attempt.deadline - performance.now(), attempt);
};

/** Clears the attempt's timer, or the immediate that would arm it. */
export function disarm(attempt: Attempt): void {
  // An immediate only where there is one: elsewhere `armed` is always true.
  (attempt.armed ? clearTimeout : clearImmediate)(attempt.timer as never);
  attempt.timer = undefined;
  attempt.armed = true;
}

/** Whether a call overrides any of the client's settings. */
function hasSettings(call: CallOptions): boolean {
  return call.timeoutMs !== undefined || RETRY_KEYS.some((key) => call[key] !== undefined);
}
