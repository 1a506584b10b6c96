// When to retry, and how long to wait: one pure decision function and one delay function.

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** The first backoff delay; it doubles each retry. Default 500 ms. */
  initialRetryDelayMs?: number;
  /** The backoff cap. Default 8 s. */
  maxRetryDelayMs?: number;
  /** A Retry-After longer than this is not waited out: the error is thrown with its retryAfterMs. Default 60 s. */
  maxRetryAfterMs?: number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  maxRetries: 2,
  initialRetryDelayMs: 500,
  maxRetryDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/** What happened to one attempt. */
export type AttemptOutcome =
  | { kind: "response"; status: number }
  /** `beforeSend`: the request never left (connection refused, DNS failure). */
  | { kind: "connection"; beforeSend: boolean }
  | { kind: "timeout" }
  | { kind: "aborted" };

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export interface RetryDecision {
  /** Retries already made (0 after the first attempt). */
  retriesSoFar: number;
  maxRetries: number;
  /** The method is idempotent, or the caller said this request is. */
  idempotent: boolean;
  outcome: AttemptOutcome;
}

/**
 * Whether to try again. A 429 and a connection refused before sending are always safe: nothing was
 * done. A 408/5xx, a broken connection or a timeout may have come after the server acted, so they are
 * retried only for idempotent requests. The caller's abort is never retried.
 */
export function shouldRetry({ retriesSoFar, maxRetries, idempotent, outcome }: RetryDecision): boolean {
  if (retriesSoFar >= maxRetries) return false;
  switch (outcome.kind) {
    case "aborted":
      return false;
    case "connection":
      return outcome.beforeSend || idempotent;
    case "timeout":
      return idempotent;
    case "response":
      if (outcome.status === 429) return true;
      return RETRYABLE_STATUSES.has(outcome.status) && idempotent;
  }
}

/**
 * How long to wait before retry number `retriesSoFar + 1`: the provider's Retry-After (seconds or an
 * HTTP date) or retry-after-ms when it sent one, else exponential backoff with jitter (0.5 s doubling
 * to 8 s, each delay shortened by up to a quarter at random). Undefined when the provider asks for a
 * longer wait than `maxRetryAfterMs`: then do not retry.
 */
export function retryDelayMs(
  retriesSoFar: number,
  headers: Headers | undefined,
  options: Required<RetryOptions>,
  random: () => number = Math.random,
  now: number = Date.now(),
): number | undefined {
  const asked = headers ? retryAfterMs(headers, now) : undefined;
  if (asked !== undefined) return asked <= options.maxRetryAfterMs ? asked : undefined;
  const base = Math.min(options.initialRetryDelayMs * 2 ** retriesSoFar, options.maxRetryDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}

/** Parses `Retry-After` (seconds or an HTTP date) and `retry-after-ms` into milliseconds from `now`. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.max(0, Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
