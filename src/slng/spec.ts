// SLNG as the code knows it, once for its client, simulator and suite: the spec id, the servers, the
// generated operations table and how to load its validator (validation.ts, on first use).
import { OPERATIONS, SERVERS } from "../../generated/slng.operations.ts";

/** Production, the spec's first server. */
export const SLNG_BASE_URL = SERVERS[0];
/** SLNG's staging server. */
export const SLNG_STAGING_URL = SERVERS[1];

export const SLNG = {
  provider: "slng",
  factory: "createSlngClient",
  baseUrl: SLNG_BASE_URL,
  operations: OPERATIONS,
  // Loaded on first use, so a bundle that never validates does not carry the spec or its validators.
  loadValidator: () => import("./validation.ts").then((m) => m.slngValidator()),
} as const;
