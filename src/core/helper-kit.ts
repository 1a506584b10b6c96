// What a provider's helpers share beyond `send`: waiting for something to finish (polling on first use,
// the client's clock and secrets), and the error for a 2xx they cannot go on with.
import type { HelperOptions } from "./client.ts";
import type { TransportOptions } from "./transport.ts";
import { waitForJobOnUse } from "./on-use.ts";
import type { WaitForJobOptions } from "./poll.ts";

/** Options of a wait: the backoff and deadline of `waitForJob`, and the options of each poll's request. */
export interface HelperWaitOptions<T> extends Omit<
  WaitForJobOptions<T>,
  "isDone" | "isFailed" | "provider" | "describeFailure" | "secrets"
> {
  request?: HelperOptions;
}

/** A wait's end in failure: when, and how to say it. */
export interface WaitFailure<T> {
  isFailed(value: T): boolean;
  describe(value: T): string;
}

export function helperKit(api: {
  provider: string;
  timing: Pick<TransportOptions, "sleep" | "random">;
  secrets(): string[];
}) {
  const { provider } = api;
  return {
    /** Polls `get` until `isDone` (or `failure`), with the client's clock and secrets. */
    wait<T>(
      get: (signal?: AbortSignal) => Promise<T>,
      isDone: (value: T) => boolean,
      // `request` is for the caller's `get`; the rest is the wait's.
      { request: _request, ...options }: HelperWaitOptions<T> = {},
      failure?: WaitFailure<T>,
    ): Promise<T> {
      return waitForJobOnUse<T>(get, {
        ...api.timing,
        ...options,
        provider,
        secrets: api.secrets,
        isDone,
        ...(failure ? { isFailed: failure.isFailed, describeFailure: failure.describe } : {}),
      });
    },
    /** An InvalidResponseError for a 2xx whose body a helper cannot go on with (its start quoted). */
    async invalid(
      operation: string,
      problem: string,
      body: unknown,
      contentType = "application/json",
    ): Promise<Error> {
      const { InvalidResponseError } = await import("./errors.ts");
      let text: string;
      try {
        text = typeof body === "string" ? body : (JSON.stringify(body)?.slice(0, 2000) ?? String(body));
      } catch {
        text = String(body);
      }
      return new InvalidResponseError(problem, {
        provider,
        operation,
        status: 200,
        contentType,
        text: text.slice(0, 2000),
        secrets: api.secrets(),
      });
    },
  };
}
