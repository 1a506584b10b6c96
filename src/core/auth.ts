// Credentials: every provider in batchspec sends `Authorization: Bearer <token>`; a provider may say otherwise.

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
  assertHeaderSafe(token, `${where}.token`);
}

/**
 * A credential must be sendable as a header value: printable, with no line breaks or control
 * characters. The message never quotes it (a runtime's own error would).
 */
function assertHeaderSafe(value: string, where: string): void {
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    throw new ConfigurationError(
      `${where}: holds a character that cannot travel in a header (a line break, a control or non-Latin-1 character)`,
    );
  }
}

/** `Authorization: Bearer <token>`, as every batchspec provider authenticates. */
export const bearerHeaders = (token: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
});

/**
 * Puts the credential on a request: asks the token source (so a JWT can be refreshed before each
 * attempt), sets the headers `headersFor` makes of it, and returns the value it sent (so an error can
 * scrub it). The transport calls it inside each attempt, under the attempt's timeout and the caller's signal.
 */
export function authorizer(
  token: TokenSource,
  where: string,
  headersFor: (token: string) => Record<string, string> = bearerHeaders,
): (request: Request) => string | Promise<string> {
  if (typeof token === "string") {
    // A fixed token was checked when the client was made: its headers are the same for every request.
    const headers = Object.entries(headersFor(token));
    return (request) => {
      for (const [name, header] of headers) request.headers.set(name, header);
      return token;
    };
  }
  return async (request) => {
    const value = await token();
    if (typeof value !== "string" || value.trim() === "") {
      throw new ConfigurationError(`${where}.token: the token function returned no token (an empty value)`);
    }
    assertHeaderSafe(value, `${where}.token`);
    for (const [name, header] of Object.entries(headersFor(value))) request.headers.set(name, header);
    return value;
  };
}
