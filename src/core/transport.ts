// The fetch every client sends through: per-request timeouts combined with the caller's AbortSignal,
// and retries (see retry.ts) with a fresh copy of the request each attempt, so bodies (JSON, multipart)
// are re-sent intact. Log lines carry no credentials.
import { ConnectionError, errorCode, TimeoutError } from "./errors.ts";
import { redactUrl } from "./redact.ts";
import {
  isIdempotentMethod,
  RETRY_DEFAULTS,
  retryDelayMs,
  shouldRetry,
  type AttemptOutcome,
  type RetryOptions,
} from "./retry.ts";
import { sleep as realSleep } from "./sleep.ts";

export type FetchLike = (request: Request) => Promise<Response>;

/** Receives one line per request, response and retry; nothing it is given holds a credential. */
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
  authorize?: (request: Request) => Promise<string>;
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
}

/** The longest delay a timer can take (2^31 - 1 ms). */
export const MAX_TIMER_MS = 2_147_483_647;

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
    ["maxRetries", options.maxRetries, 0],
    ["initialRetryDelayMs", options.initialRetryDelayMs, 0],
    ["maxRetryDelayMs", options.maxRetryDelayMs, 0],
    ["maxRetryAfterMs", options.maxRetryAfterMs, 0],
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
  const inner: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const wait = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;

  const send = async (original: Request, call: CallOptions = {}): Promise<Response> => {
    validateTransportOptions(call, call.operation ?? options.provider);
    const retry = { ...RETRY_DEFAULTS, ...pick(options), ...pick(call) };
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 60_000;
    const callerSignal = call.signal ?? original.signal;
    const idempotent = call.idempotent ?? isIdempotentMethod(original.method);
    // The secret values this call's attempts sent, scrubbed from the errors it throws.
    const secrets: string[] = [];
    const context = {
      provider: options.provider,
      operation: call.operation,
      method: original.method,
      url: original.url,
      secrets,
    };
    const logData = {
      provider: options.provider,
      operation: call.operation,
      method: original.method,
      url: redactUrl(original.url),
    };

    for (let retriesSoFar = 0; ; retriesSoFar++) {
      if (callerSignal.aborted) throw callerSignal.reason;
      // One controller per attempt, fed by the caller's signal and the timer. (Not AbortSignal.any: a
      // composite signal is held weakly and can be collected mid-request, so the abort never lands.)
      const controller = new AbortController();
      let timedOut = false;
      const onCallerAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", onCallerAbort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
      let outcome: AttemptOutcome;
      let response: Response | undefined;
      let failure: unknown;
      let pending: Promise<Response> | undefined;
      let inAuthorize = false;
      try {
        // A fresh copy each attempt: the original's body is never consumed, so a retry re-sends it whole.
        const attempt = new Request(original.clone(), { signal: controller.signal });
        if (options.authorize) {
          inAuthorize = true;
          const authorizing = options.authorize(attempt);
          authorizing.catch(() => undefined); // settled late, after a timeout: nobody waits for it any more
          const secret = await Promise.race([authorizing, rejectOnAbort(controller.signal)]);
          secrets.push(secret);
          options.onSecret?.(secret);
          call.onSecret?.(secret);
          inAuthorize = false;
        }
        options.logger?.debug?.("request", { ...logData, attempt: retriesSoFar + 1 });
        // Raced against the abort, so the timeout fires even for a fetch that ignores its signal.
        pending = inner(attempt);
        response = await Promise.race([pending, rejectOnAbort(controller.signal)]);
        outcome = { kind: "response", status: response.status };
      } catch (error) {
        failure = error;
        // A failing token source is the caller's to handle: thrown as it is, never retried.
        if (inAuthorize && !controller.signal.aborted) {
          clearTimeout(timer);
          callerSignal.removeEventListener("abort", onCallerAbort);
          throw error;
        }
        if (callerSignal.aborted) outcome = { kind: "aborted" };
        else if (timedOut) outcome = { kind: "timeout" };
        else outcome = { kind: "connection", beforeSend: BEFORE_SEND.has(errorCode(error) ?? "") };
      }
      // The timer and the caller's signal stay on a response that is returned until its body has been
      // read (see guardBody); everything else lets go of them now.
      const release = () => {
        clearTimeout(timer);
        callerSignal.removeEventListener("abort", onCallerAbort);
      };
      if (!response && pending) {
        // A response that arrives after we gave up is not read: release its connection.
        pending.then(
          (late) => late.body?.cancel().catch(() => undefined),
          () => undefined,
        );
      }

      if (outcome.kind === "aborted") {
        release();
        throw callerSignal.reason ?? failure;
      }
      const again = shouldRetry({ retriesSoFar, maxRetries: retry.maxRetries, idempotent, outcome });
      const delay = again ? retryDelayMs(retriesSoFar, response?.headers, retry, random) : undefined;
      if (delay === undefined) {
        if (response) {
          options.logger?.debug?.("response", {
            ...logData,
            status: response.status,
            attempts: retriesSoFar + 1,
          });
          const bodyFailure = () =>
            timedOut ? new TimeoutError({ ...context, timeoutMs }) : (callerSignal.reason as unknown);
          // The timer still covers the body, but no longer keeps the process alive: a body nobody
          // reads must not hold a script open until the timeout.
          (timer as { unref?: () => void }).unref?.();
          return guardBody(response, controller.signal, bodyFailure, release);
        }
        release();
        if (outcome.kind === "timeout") throw new TimeoutError({ ...context, timeoutMs });
        throw new ConnectionError(
          { ...context, beforeSend: outcome.kind === "connection" && outcome.beforeSend },
          failure,
        );
      }
      options.logger?.warn?.("retry", {
        ...logData,
        ...(response ? { status: response.status } : { failure: outcome.kind }),
        retry: retriesSoFar + 1,
        delayMs: delay,
      });
      release();
      // Not awaited: under MSW's interceptor, cancelling a mocked body may never settle.
      response?.body?.cancel().catch(() => undefined);
      await wait(delay, callerSignal);
    }
  };

  return { send, with: (call) => (request) => send(request, call) };
}

/**
 * The response with its body read under the attempt's timeout and the caller's signal: a body that
 * stalls after the headers arrived fails with `failure()` (a TimeoutError, or the caller's abort
 * reason) instead of hanging. `release` runs once the body is read, cancelled or failed.
 */
function guardBody(
  response: Response,
  signal: AbortSignal,
  failure: () => unknown,
  release: () => void,
): Response {
  if (response.body === null) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const aborted = rejectOnAbort(signal);
  aborted.catch(() => undefined);
  let open = true;
  const finish = () => {
    if (open) release();
    open = false;
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await Promise.race([reader.read(), aborted]);
        if (chunk.done) {
          finish();
          controller.close();
        } else controller.enqueue(chunk.value);
      } catch (error) {
        finish();
        reader.cancel().catch(() => undefined);
        controller.error(signal.aborted ? failure() : error);
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason).catch(() => undefined);
    },
  });
  const guarded = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(guarded, "url", { value: response.url });
  return guarded;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function pick(o: RetryOptions): RetryOptions {
  const out: RetryOptions = {};
  if (o.maxRetries !== undefined) out.maxRetries = o.maxRetries;
  if (o.initialRetryDelayMs !== undefined) out.initialRetryDelayMs = o.initialRetryDelayMs;
  if (o.maxRetryDelayMs !== undefined) out.maxRetryDelayMs = o.maxRetryDelayMs;
  if (o.maxRetryAfterMs !== undefined) out.maxRetryAfterMs = o.maxRetryAfterMs;
  return out;
}
