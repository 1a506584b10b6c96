// Two small helpers the SLNG client and its lazily loaded modules share.

/** The object without its undefined values (a body or query sends only what is given). */
export function defined<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A value as an error message quotes it: a string (its start) quoted, anything else by its type. */
export const describe = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value.slice(0, 100)) : value === null ? "null" : typeof value;

/** SLNG's job ids: alphanumeric. */
export const JOB_ID = /^[a-zA-Z0-9]+$/;

/** The most SLNG takes, from a file or a URL: 1 GB (read as 2^30 bytes, as the spec does). */
export const SLNG_MAX_FILE_BYTES = 2 ** 30;
/** The list's largest page. */
export const SLNG_MAX_PAGE = 100;
