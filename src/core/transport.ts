// The fetch every client sends through: per-request timeouts combined with the caller's AbortSignal,
// and retries (see retry.ts). The first attempt sends the request as it was built; only a retry builds
// it again, from the body as it was before it became a stream (see AttemptRequest), so bodies (JSON,
// forms, files) are re-sent intact without copying a stream on the happy path. Log lines carry no
// credentials.
import { errorCode } from "./error-code.ts";
import { redactUrl } from "./secret-values.ts";
import type { AttemptOutcome, RetryOptions } from "./retry.ts";

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
const RETRY_KEYS = ["maxRetries", "initialRetryDelayMs", "maxRetryDelayMs", "maxRetryAfterMs"] as const;

/** The longest delay a timer can take (2^31 - 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647;

const ATTEMPT = Symbol("batchspec.attempt");

/** The error classes, loaded when the first error is made (the happy path never needs them). */
const errors = () => import("./errors.ts");

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

const attemptOf = (request: Request): AttemptRequest[typeof ATTEMPT] | undefined =>
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
class AttemptInit {
  constructor(private readonly controller: AbortController) {}
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}

/** Codes of connection failures that happen before any byte of the request is sent. */
const BEFORE_SEND = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function validateTransportOptions(options: TransportOptions | CallOptions, where: string): void {
  const checks: [keyof RetryOptions | "timeoutMs", number | undefined, number][] = [
    ...RETRY_KEYS.map((key): [keyof RetryOptions, number | undefined, number] => [key, options[key], 0]),
    ["timeoutMs", options.timeoutMs, 1],
  ];
  for (const [name, value, min] of checks) {
    if (value === undefined) continue;
    // A timer cannot wait longer than 2^31 - 1 ms (about 24.8 days): Node would fire it at once.
    const max = name === "maxRetries" ? 100 : MAX_TIMER_MS;
    if (
      typeof value !== "number" ||
      Number.isNaN(value) ||
      value < min ||
      value > max ||
      (name === "maxRetries" && !Number.isInteger(value))
    ) {
      throw new RangeError(
        `${where}.${name}: expected ${name === "maxRetries" ? "an integer" : "a number"} from ${min} to ${max}, got ${String(value)}`,
      );
    }
  }
}

export interface Transport {
  /** Sends `request` with the client's settings overridden by `call`. */
  send(request: Request, call?: CallOptions): Promise<Response>;
  /** A fetch bound to per-call settings, to hand to openapi-fetch's per-call `fetch` option. */
  with(call: CallOptions): FetchLike;
}

export function createTransport(options: TransportOptions): Transport {
  validateTransportOptions(options, options.provider);
  const inner: FetchLike = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
  const random = options.random ?? Math.random;
  const clientTimeoutMs = options.timeoutMs ?? 60_000;

  const send = async (original: Request, call: CallOptions = {}): Promise<Response> => {
    if (hasSettings(call)) validateTransportOptions(call, call.operation ?? options.provider);
    const timeoutMs = call.timeoutMs ?? clientTimeoutMs;
    call.onSent?.(original);
    const prepared = attemptOf(original);
    const callerSignal: AbortSignal | undefined =
      call.signal ?? (prepared && !prepared.callerSignal ? undefined : original.signal);
    // How a retry gets a request whose body is whole: built again from the body as given, or else
    // (a body that was a stream, or a request built elsewhere) from a copy taken before the first
    // attempt uses the body up (unless retries are turned off: the default allows some).
    const replayable = prepared !== undefined && isReplayable(prepared.body);
    const spare =
      !replayable && original.body !== null && (call.maxRetries ?? options.maxRetries) !== 0
        ? original.clone()
        : undefined;
    // The secret values this call's attempts sent, scrubbed from the errors it throws.
    const secrets: string[] = [];
    const context = {
      provider: options.provider,
      operation: call.operation,
      method: original.method,
      url: original.url,
      secrets,
    };
    const logData = () => ({
      provider: options.provider,
      operation: call.operation,
      method: original.method,
      url: redactUrl(original.url),
    });
    // How a body read after the timeout or the caller's abort fails.
    const failure = async (attempt: Attempt) =>
      attempt.timedOut
        ? new (await errors()).TimeoutError({ ...context, timeoutMs })
        : (callerSignal?.reason as unknown);

    for (let retriesSoFar = 0; ; retriesSoFar++) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const attempt = new Attempt(timeoutMs, callerSignal);
      let outcome: AttemptOutcome;
      let response: Response | undefined;
      let failed: unknown;
      let pending: Promise<Response> | undefined;
      let inAuthorize = false;
      try {
        const request = attemptRequest(original, retriesSoFar, prepared, replayable, spare, call.copyFirst);
        if (options.authorize) {
          inAuthorize = true;
          const authorizing = options.authorize(request);
          let secret: string;
          if (typeof authorizing === "string") secret = authorizing;
          else {
            authorizing.catch(() => undefined); // settled late, after a timeout: nobody waits for it any more
            secret = await attempt.race(authorizing);
          }
          secrets.push(secret);
          options.onSecret?.(secret);
          call.onSecret?.(secret);
          inAuthorize = false;
        }
        options.logger?.debug?.("request", { ...logData(), attempt: retriesSoFar + 1 });
        // Raced against the abort, so the timeout fires even for a fetch that ignores its signal.
        // The signal is made only when the fetch asks for it (a stub that never does costs nothing).
        pending = inner(request, new AttemptInit(attempt.controller));
        response = await attempt.race(pending);
        outcome = { kind: "response", status: response.status };
      } catch (error) {
        failed = error;
        // A failing token source is the caller's to handle: thrown as it is, never retried.
        if (inAuthorize && !attempt.aborted) {
          attempt.release();
          throw error;
        }
        if (callerSignal?.aborted) outcome = { kind: "aborted" };
        else if (attempt.timedOut) outcome = { kind: "timeout" };
        else outcome = { kind: "connection", beforeSend: BEFORE_SEND.has(errorCode(error) ?? "") };
      }
      if (!response && pending) {
        // A response that arrives after we gave up is not read: release its connection.
        pending.then(
          (late) => late.body?.cancel().catch(() => undefined),
          () => undefined,
        );
      }

      if (outcome.kind === "aborted") {
        attempt.release();
        throw callerSignal?.reason ?? failed;
      }
      // A response below 400 is final (shouldRetry never retries one): the retry rules load at the
      // first outcome that may be retried.
      const delay =
        response && response.status < 400
          ? undefined
          : await retryDelay(retriesSoFar, outcome, response, original, call, options, random);
      if (delay === undefined) {
        if (response) {
          call.onAnswered?.(response.status);
          options.logger?.debug?.("response", {
            ...logData(),
            status: response.status,
            attempts: retriesSoFar + 1,
          });
          if (call.onText && response.ok) {
            let text: string;
            try {
              text = await attempt.race(response.text());
            } catch (error) {
              throw attempt.aborted ? await failure(attempt) : error;
            } finally {
              attempt.release();
            }
            call.onText(text);
            return response;
          }
          // From here the timeout covers each read of the body (see guardedRead and guardStream), not
          // the time before the caller starts one or between its reads.
          attempt.pause();
          return guardBody(response, attempt, () => failure(attempt));
        }
        attempt.release();
        const { ConnectionError, TimeoutError } = await errors();
        if (outcome.kind === "timeout") throw new TimeoutError({ ...context, timeoutMs });
        throw new ConnectionError(
          { ...context, beforeSend: outcome.kind === "connection" && outcome.beforeSend },
          failed,
        );
      }
      options.logger?.warn?.("retry", {
        ...logData(),
        ...(response ? { status: response.status } : { failure: outcome.kind }),
        retry: retriesSoFar + 1,
        delayMs: delay,
      });
      attempt.release();
      // Not awaited: under MSW's interceptor, cancelling a mocked body may never settle.
      response?.body?.cancel().catch(() => undefined);
      await (options.sleep ?? (await import("./sleep.ts")).sleep)(delay, callerSignal);
    }
  };

  return { send, with: (call) => (request) => send(request, call) };
}

/**
 * How long to wait before trying again, or undefined not to (retry.ts: shouldRetry, then retryDelayMs
 * with the client's retry settings overridden by the call's). Loaded with its rules on first use.
 */
async function retryDelay(
  retriesSoFar: number,
  outcome: AttemptOutcome,
  response: Response | undefined,
  request: Request,
  call: CallOptions,
  options: TransportOptions,
  random: () => number,
): Promise<number | undefined> {
  const { isIdempotentMethod, RETRY_DEFAULTS, retryDelayMs, shouldRetry } = await import("./retry.ts");
  const retry = { ...RETRY_DEFAULTS, ...pick(options), ...pick(call) };
  const idempotent = call.idempotent ?? isIdempotentMethod(request.method);
  return shouldRetry({ retriesSoFar, maxRetries: retry.maxRetries, idempotent, outcome })
    ? retryDelayMs(retriesSoFar, response?.headers, retry, random)
    : undefined;
}

/**
 * One attempt's abort, by its timer or the caller's signal: its controller (whose signal the fetch is
 * given), and whatever the transport waits for in the meantime, which it rejects at once, so that
 * nothing waits past the abort even on a fetch that ignores its signal. (Not AbortSignal.any: a
 * composite signal is held weakly and can be collected mid-request, so the abort never lands.) The
 * timer and the listener take the attempt itself (a timer argument, a listener object): no closures.
 */
class Attempt {
  readonly controller = new AbortController();
  timer: ReturnType<typeof setTimeout> | undefined;
  timedOut = false;
  aborted = false;
  #released = false;
  readonly #timeoutMs: number;
  /** When the timer is due (performance.now()), for readers that may keep the timer from running. */
  #deadline: number;
  readonly #callerSignal: AbortSignal | undefined;
  #reason: unknown;
  /** Rejects what `race` waits for now. */
  #reject: ((reason: unknown) => void) | undefined;
  /** Rejects `stopped`, once someone asked for it. */
  #stop: ((reason: unknown) => void) | undefined;
  #stopped: Promise<never> | undefined;
  constructor(timeoutMs: number, callerSignal: AbortSignal | undefined) {
    this.#timeoutMs = timeoutMs;
    this.#deadline = performance.now() + timeoutMs;
    this.#callerSignal = callerSignal;
    callerSignal?.addEventListener("abort", this, { once: true });
    this.timer = setTimeout(timeOut, timeoutMs, this);
  }
  /** The caller's signal aborted. */
  handleEvent(): void {
    this.#abort(this.#callerSignal?.reason);
  }
  onTimeout(): void {
    this.timedOut = true;
    this.#callerSignal?.removeEventListener("abort", this);
    this.#abort(new DOMException(`no response within ${this.#timeoutMs} ms`, "TimeoutError"));
  }
  #abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.#reason = reason;
    this.controller.abort(reason);
    this.#reject?.(reason);
    this.#stop?.(reason);
  }
  /** `work`, or its rejection with the abort reason as soon as the attempt is aborted (one at a time). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.aborted) return Promise.reject(this.#reason as Error);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      work.then(resolve, reject);
    });
  }
  /** A promise that rejects with the abort reason (for readers of a guarded body, any number of them). */
  get stopped(): Promise<never> {
    if (!this.#stopped) {
      this.#stopped = this.aborted
        ? Promise.reject(this.#reason as Error)
        : new Promise<never>((_, reject) => (this.#stop = reject));
      this.#stopped.catch(() => undefined);
    }
    return this.#stopped;
  }
  /**
   * Whether the attempt is over, its timer checked by the clock too: a body whose chunks are always
   * ready is read in microtasks only, and the timer's task would never run.
   */
  expired(): boolean {
    if (!this.aborted && performance.now() >= this.#deadline) this.onTimeout();
    return this.aborted;
  }
  /**
   * Stops the clock (a body handed to its reader, a chunk handed on): the time the caller takes
   * between reads is not the server's.
   */
  pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.#deadline = Number.POSITIVE_INFINITY;
  }
  /** Starts the clock again, a whole timeout from now (a read of the body begins). */
  resume(): void {
    if (this.aborted || this.#released) return;
    clearTimeout(this.timer);
    this.#deadline = performance.now() + this.#timeoutMs;
    this.timer = setTimeout(timeOut, this.#timeoutMs, this);
    // A body nobody reads to the end must not hold a script open until the timeout.
    (this.timer as { unref?: () => void }).unref?.();
  }
  /** Lets go of the timer and the caller's signal. */
  release(): void {
    this.#released = true;
    clearTimeout(this.timer);
    this.#callerSignal?.removeEventListener("abort", this);
  }
}
const timeOut = (attempt: Attempt) => attempt.onTimeout();

/**
 * The request of one attempt: the first sends the request as it was built; a retry builds it again
 * from the body as given, or from a copy of the spare taken before the first attempt.
 */
function attemptRequest(
  original: Request,
  retriesSoFar: number,
  prepared: AttemptRequest[typeof ATTEMPT] | undefined,
  replayable: boolean,
  spare: Request | undefined,
  copyFirst = false,
): Request {
  // The first attempt sends an AttemptRequest as it was built (unless someone else will see it); a
  // request from elsewhere is the caller's, so the credential goes on a copy.
  if (retriesSoFar === 0) return prepared && !copyFirst ? original : new Request(original);
  if (replayable) {
    const body = prepared!.body as BodyInit | null | undefined;
    const headers = new Headers(original.headers);
    // A form is written again with a boundary of its own: the runtime sets Content-Type to match.
    if (body instanceof FormData) headers.delete("content-type");
    // Everything else (credentials mode, cache, keepalive, the caller's signal...) as the original.
    return new Request(original, { headers, body });
  }
  if (original.body === null) return new Request(original);
  // A body that cannot be built again: a copy of the spare, kept whole in case this attempt fails too.
  return spare!.clone();
}

/** Whether a call overrides any of the client's settings. */
function hasSettings(call: CallOptions): boolean {
  return call.timeoutMs !== undefined || RETRY_KEYS.some((key) => call[key] !== undefined);
}

const READERS = ["text", "json", "arrayBuffer", "blob", "formData", "bytes"] as const;
type Reader = (typeof READERS)[number];

/** What a guarded response's readers need: the attempt's abort, how to fail, and what to release. */
interface Guard {
  attempt: Attempt;
  failure: () => Promise<unknown>;
  finish: () => void;
  /** The runtime's own body, read through its prototype's getter (as it is now: a clone replaces it). */
  native: () => BodyStream | null;
  guarded?: BodyStream;
}

type BodyStream = NonNullable<Response["body"]>;

const GUARD = Symbol("batchspec.guard");

/** `read` under the guard: it fails with the guard's failure once the attempt is aborted. */
async function guardedRead<T>(guard: Guard, read: () => Promise<T>): Promise<T> {
  guard.attempt.resume();
  try {
    return await Promise.race([read(), guard.attempt.stopped]);
  } catch (error) {
    throw guard.attempt.aborted ? await guard.failure() : error;
  } finally {
    guard.finish();
  }
}

/**
 * The prototype that guards a response's readers, one per prototype of response (the runtime's, or a
 * fetch's own make), made once: a response is guarded by a change of prototype and one property (its
 * guard), which keeps it a fast object (defining seven own properties on every response cost more than
 * the rest of the transport).
 */
function guardedPrototype(proto: object): object {
  let guarded = guardedPrototypes.get(proto);
  if (guarded) return guarded;
  const descriptors: PropertyDescriptorMap = {
    body: {
      configurable: true,
      get(this: { [GUARD]: Guard; bodyUsed: boolean }) {
        const guard = this[GUARD];
        if (guard.guarded) return guard.guarded;
        const native = guard.native();
        // Already being read (by text(), a clone, a reader of its own): nothing left to guard.
        if (native === null || native.locked || this.bodyUsed) return native;
        return (guard.guarded = guardStream(guard));
      },
    },
  };
  const readers = proto as Record<Reader, (() => Promise<unknown>) | undefined>;
  for (const name of READERS) {
    const read = readers[name];
    if (typeof read !== "function") continue;
    descriptors[name] = {
      configurable: true,
      writable: true,
      value(this: { [GUARD]: Guard }) {
        return guardedRead(this[GUARD], () => read.call(this));
      },
    };
  }
  guarded = Object.create(proto, descriptors) as object;
  guardedPrototypes.set(proto, guarded);
  return guarded;
}
const guardedPrototypes = new WeakMap<object, object>();

/**
 * The response with its body read under the attempt's timeout and the caller's signal: a body that
 * stalls after the headers arrived fails with `failure()` (a TimeoutError, or the caller's abort
 * reason) instead of hanging, even from a fetch that ignores its signal. `release` runs once the body
 * is read, cancelled or failed. The response itself is returned, its readers (`text()`, `json()`, ...,
 * and `body` for those who stream) guarded in place: no copy on the happy path.
 */
function guardBody(response: Response, attempt: Attempt, failure: () => Promise<unknown>): Response {
  // No body, or an empty one openapi-fetch will not read (Content-Length: 0): nothing to guard.
  if (response.body == null || response.headers.get("content-length") === "0") {
    attempt.release();
    return response;
  }
  const proto = Object.getPrototypeOf(response) as object;
  const bodyOf = bodyGetter(proto);
  let open = true;
  const guard: Guard = {
    attempt,
    failure,
    native: () => (bodyOf ? (bodyOf.call(response) as BodyStream | null) : null),
    finish: () => {
      if (open) attempt.release();
      open = false;
    },
  };
  Object.setPrototypeOf(response, guardedPrototype(proto));
  (response as unknown as { [GUARD]: Guard })[GUARD] = guard;
  return response;
}

/** The getter of `body` on a prototype chain (the runtime's own), or undefined. */
function bodyGetter(proto: object | null): (() => unknown) | undefined {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const get = Object.getOwnPropertyDescriptor(p, "body")?.get;
    if (get) return get;
  }
  return undefined;
}

/** The body, read chunk by chunk under the guard; the runtime's stream is locked on the first read. */
function guardStream({ native, attempt, failure, finish }: Guard): BodyStream {
  let reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> | undefined;
  return new ReadableStream(
    {
      async pull(out) {
        try {
          reader ??= native()!.getReader();
          // The timeout counts the wait for each chunk, not the time the caller spends between chunks
          // (a download read while each result is worked on).
          attempt.resume();
          if (attempt.expired()) throw new DOMException("the attempt is over", "AbortError");
          const chunk = await Promise.race([reader.read(), attempt.stopped]);
          attempt.pause();
          if (chunk.done) {
            finish();
            out.close();
          } else out.enqueue(chunk.value);
        } catch (error) {
          finish();
          reader?.cancel().catch(() => undefined);
          out.error(attempt.aborted ? await failure() : error);
        }
      },
      cancel(reason) {
        finish();
        return (reader ?? native())?.cancel(reason).catch(() => undefined);
      },
      // Nothing is pulled before someone reads: until then the runtime's own readers still work.
    },
    { highWaterMark: 0 },
  );
}

/** The retry settings `o` sets (those it leaves undefined are left out, not overridden). */
function pick(o: RetryOptions): RetryOptions {
  const out: RetryOptions = {};
  for (const key of RETRY_KEYS) if (o[key] !== undefined) out[key] = o[key];
  return out;
}
