// Credentials as an openapi-fetch middleware: every provider in batchspec sends
// `Authorization: Bearer <token>`; a provider may say otherwise.
import type { Middleware } from "openapi-fetch";

/** A fixed token, or a function that returns the current one (so a JWT can be refreshed before it expires). */
export type TokenSource = string | (() => string | Promise<string>);

/** Thrown for a client set up with options that cannot work; says which option and why. */
export class ConfigurationError extends TypeError {
  override name = "ConfigurationError";
}

export function assertTokenSource(token: unknown, where: string): asserts token is TokenSource {
  if (typeof token === "function") return;
  if (typeof token !== "string" || token.trim() === "") {
    throw new ConfigurationError(
      `${where}.token: expected a non-empty string or a function returning one, got ${
        typeof token === "string" ? "an empty string" : typeof token
      }`,
    );
  }
}

/** `Authorization: Bearer <token>`, as every batchspec provider authenticates. */
export const bearerHeaders = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
});

/**
 * The credential as an openapi-fetch middleware: asks the token source before each request (so a JWT can
 * be refreshed), sets the headers `headersFor` makes of it, and tells `onToken` each value it sent (so
 * errors can scrub it).
 */
export function authMiddleware(options: {
  token: TokenSource;
  headersFor?: (token: string) => Record<string, string>;
  /** For messages: the client's factory (`create<Provider>Client`). */
  where: string;
  onToken?: (token: string) => void;
  /** How long a token function may take (the request's own timeout). Default 60 s. */
  timeoutMs?: number;
}): Middleware {
  const headersFor = options.headersFor ?? bearerHeaders;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    async onRequest({ request }) {
      const token =
        typeof options.token === "function"
          ? await settleWithin(
              Promise.resolve().then(options.token),
              timeoutMs,
              request.signal,
              options.where,
            )
          : options.token;
      if (typeof token !== "string" || token.trim() === "") {
        throw new ConfigurationError(
          `${options.where}.token: the token function returned no token (an empty value)`,
        );
      }
      options.onToken?.(token);
      for (const [name, value] of Object.entries(headersFor(token))) request.headers.set(name, value);
      return request;
    },
  };
}

/** `promise`, unless the signal aborts or `timeoutMs` passes first: a token function cannot hang a call. */
function settleWithin<T>(
  promise: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal,
  where: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => finish(() => reject(signal.reason));
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ConfigurationError(`${where}.token: the token function gave no token within ${timeoutMs} ms`),
          ),
        ),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      settle();
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
