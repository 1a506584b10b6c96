// Sofer as the code knows it, once for its client, simulator and suite: the spec id, the servers, the
// generated operations table and how to load its validator (validation.ts, on first use).
import { OPERATIONS, SERVERS } from "../../generated/sofer.operations.ts";

/** Production, the spec's first server. */
export const SOFER_BASE_URL = SERVERS[0];
/** Sofer's staging server: `createSoferClient({ apiKey, baseUrl: SOFER_STAGING_URL })`. */
export const SOFER_STAGING_URL = SERVERS[1];

/** What one batch may hold, by processing mode (seed 002). */
export const SOFER_LIMITS = { express: 10, standard: 500 } as const;

export const SOFER = {
  provider: "sofer",
  factory: "createSoferClient",
  baseUrl: SOFER_BASE_URL,
  operations: OPERATIONS,
  // Loaded on first use, so a bundle that never validates does not carry the spec or its validators.
  loadValidator: () => import("./validation.ts").then((m) => m.soferValidator()),
} as const;
