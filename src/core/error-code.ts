// Reading a network error's code (ECONNREFUSED...), for the transport's retry decision and errors.

/** The `code` of a Node network error, looking through `cause` chains (undici wraps them). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
