// What the Soket client and its lazily loaded modules share.

/** The object without its undefined values (a query sends only what is given). */
export function defined<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (v !== undefined) out[k] = v;
  return out as T;
}
