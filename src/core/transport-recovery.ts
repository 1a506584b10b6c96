// The transport after anything but a 2xx read as text (transport.ts has the happy path): failures
// told apart, the retry decision and backoff (retry.ts), a retry's request built again, the errors
// thrown, log lines, and a body left for someone else to read, guarded by the attempt's timeout.
// Loaded the first time one of these is needed.
import { errorCode } from "./error-code.ts";
import type { AttemptOutcome, RetryOptions } from "./retry.ts";
import { redactUrl } from "./secret-values.ts";
import {
  answer,
  runAttempt,
  RETRY_KEYS,
  timeOut,
  disarm,
  type Attempt,
  type CallState,
  type Logger,
} from "./transport.ts";

/** The error classes, loaded when the first error is made. */
const errors = () => import("./errors.ts");

/** Codes of connection failures that happen before any byte of the request is sent. */
const BEFORE_SEND = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** A log line about the call: provider, operation, method and URL (its credentials redacted), and `data`. */
export function log(
  state: CallState,
  level: keyof Logger,
  message: string,
  data: Record<string, unknown>,
): void {
  state.options.logger?.[level]?.(message, {
    provider: state.options.provider,
    operation: state.call.operation,
    method: state.original.method,
    url: redactUrl(state.original.url),
    ...data,
  });
}

/** What the call's errors say about it. */
const context = ({ options, call, original, secrets }: CallState) => ({
  provider: options.provider,
  operation: call.operation,
  method: original.method,
  url: original.url,
  secrets,
});

/** How a body read after the timeout or the caller's abort fails. */
export async function failure(state: CallState, attempt: Attempt): Promise<unknown> {
  return attempt.timedOut
    ? new (await errors()).TimeoutError({ ...context(state), timeoutMs: state.timeoutMs })
    : (state.callerSignal?.reason as unknown);
}

/**
 * After an attempt that failed or answered 400 or more: retried while the rules allow (waiting out the
 * backoff or Retry-After), until an attempt answers for good or the failure is thrown.
 */
export async function recover(state: CallState, attempt: Attempt, retriesSoFar: number): Promise<Response> {
  const { callerSignal, options } = state;
  for (; ; retriesSoFar++) {
    const { response, failed, pending } = attempt;
    let outcome: AttemptOutcome;
    if (response) outcome = { kind: "response", status: response.status };
    else {
      // A failing token source is the caller's to handle: thrown as it is, never retried.
      if (attempt.inAuthorize && !attempt.aborted) {
        attempt.release();
        throw failed;
      }
      if (callerSignal?.aborted) outcome = { kind: "aborted" };
      else if (attempt.timedOut) outcome = { kind: "timeout" };
      else outcome = { kind: "connection", beforeSend: BEFORE_SEND.has(errorCode(failed) ?? "") };
      if (pending) {
        // A response that arrives after we gave up is not read: release its connection.
        pending.then(
          (late) => late.body?.cancel().catch(() => undefined),
          () => undefined,
        );
      }
    }
    if (outcome.kind === "aborted") {
      attempt.release();
      throw callerSignal?.reason ?? failed;
    }
    // A response below 400 is final (shouldRetry never retries one).
    const delay =
      response && response.status < 400
        ? undefined
        : await retryDelay(state, retriesSoFar, outcome, response);
    if (delay === undefined) {
      if (response) return answer(state, attempt, retriesSoFar);
      attempt.release();
      const { ConnectionError, TimeoutError } = await errors();
      if (outcome.kind === "timeout")
        throw new TimeoutError({ ...context(state), timeoutMs: state.timeoutMs });
      throw new ConnectionError(
        { ...context(state), beforeSend: outcome.kind === "connection" && outcome.beforeSend },
        failed,
      );
    }
    log(state, "warn", "retry", {
      ...(response ? { status: response.status } : { failure: outcome.kind }),
      retry: retriesSoFar + 1,
      delayMs: delay,
    });
    attempt.release();
    // Not awaited: under MSW's interceptor, cancelling a mocked body may never settle.
    response?.body?.cancel().catch(() => undefined);
    await (options.sleep ?? (await import("./sleep.ts")).sleep)(delay, callerSignal);
    attempt = await runAttempt(state, retriesSoFar + 1, retryRequest);
  }
}

/**
 * How long to wait before trying again, or undefined not to (retry.ts: shouldRetry, then retryDelayMs
 * with the client's retry settings overridden by the call's).
 */
async function retryDelay(
  { options, call, original, random }: CallState,
  retriesSoFar: number,
  outcome: AttemptOutcome,
  response: Response | undefined,
): Promise<number | undefined> {
  const { isIdempotentMethod, RETRY_DEFAULTS, retryDelayMs, shouldRetry } = await import("./retry.ts");
  const retry = { ...RETRY_DEFAULTS, ...pick(options), ...pick(call) };
  const idempotent = call.idempotent ?? isIdempotentMethod(original.method);
  return shouldRetry({ retriesSoFar, maxRetries: retry.maxRetries, idempotent, outcome })
    ? retryDelayMs(retriesSoFar, response?.headers, retry, random)
    : undefined;
}

/** The retry settings `o` sets (those it leaves undefined are left out, not overridden). */
function pick(o: RetryOptions): RetryOptions {
  const out: RetryOptions = {};
  for (const key of RETRY_KEYS) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

/**
 * A retry's request: built again from the body as given, or from a copy of the spare taken before the
 * first attempt.
 */
function retryRequest({ original, prepared, replayable, spare }: CallState): Request {
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

// A guarded body's clock: the attempt's timeout covers each read of the body, not the time before the
// caller starts one or between its reads.

/**
 * A promise that rejects with the abort reason (for readers of a guarded body, any number of them).
 */
function stopped(attempt: Attempt): Promise<never> {
  if (!attempt.stopped) {
    attempt.stopped = attempt.aborted
      ? Promise.reject(attempt.reason as Error)
      : new Promise<never>((_, reject) => (attempt.stop = reject));
    attempt.stopped.catch(() => undefined);
  }
  return attempt.stopped;
}

/**
 * Whether the attempt is over, its timer checked by the clock too: a body whose chunks are always
 * ready is read in microtasks only, and the timer's task would never run.
 */
function expired(attempt: Attempt): boolean {
  if (!attempt.aborted && performance.now() >= attempt.deadline) attempt.onTimeout();
  return attempt.aborted;
}

/**
 * Stops the clock (a body handed to its reader, a chunk handed on): the time the caller takes between
 * reads is not the server's.
 */
function pause(attempt: Attempt): void {
  disarm(attempt);
  attempt.deadline = Number.POSITIVE_INFINITY;
}

/** Starts the clock again, a whole timeout from now (a read of the body begins). */
function resume(attempt: Attempt): void {
  if (attempt.aborted || attempt.released) return;
  disarm(attempt);
  attempt.deadline = performance.now() + attempt.timeoutMs;
  attempt.timer = setTimeout(timeOut, attempt.timeoutMs, attempt);
  // A body nobody reads to the end must not hold a script open until the timeout.
  (attempt.timer as { unref?: () => void }).unref?.();
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
  resume(guard.attempt);
  try {
    return await Promise.race([read(), stopped(guard.attempt)]);
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
 * reason) instead of hanging, even from a fetch that ignores its signal. The attempt is released once
 * the body is read, cancelled or failed. The response itself is returned, its readers (`text()`,
 * `json()`, ..., and `body` for those who stream) guarded in place: no copy.
 */
export function guardBody(state: CallState, attempt: Attempt, response: Response): Response {
  pause(attempt);
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
    failure: () => failure(state, attempt),
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
          resume(attempt);
          if (expired(attempt)) throw new DOMException("the attempt is over", "AbortError");
          const chunk = await Promise.race([reader.read(), stopped(attempt)]);
          pause(attempt);
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
