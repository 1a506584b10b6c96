// Bearer authentication as an openapi-fetch middleware: every provider in batchspec sends
// `Authorization: Bearer <token>`.
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

export function bearerAuth(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === "function" ? await token() : token;
      if (typeof value !== "string" || value.trim() === "") {
        throw new ConfigurationError("token: the token function returned no token (an empty value)");
      }
      request.headers.set("Authorization", `Bearer ${value}`);
      return request;
    },
  };
}
