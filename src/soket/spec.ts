// Soket as the code knows it, once for its client, simulator and suite: the spec id, the server, the
// generated operations table and how to load its validator (validation.ts, on first use).
import { OPERATIONS, SERVERS } from "../../generated/soket.operations.ts";

/** `https://api.soket.ai/transcribe`, the spec's server. */
export const SOKET_BASE_URL = SERVERS[0];

/** The most items a page of `GET /files` or of a batch's results holds (Soket's `limit` maximum). */
export const SOKET_MAX_PAGE = 200;

export const SOKET = {
  provider: "soket",
  factory: "createSoketClient",
  baseUrl: SOKET_BASE_URL,
  operations: OPERATIONS,
  // Loaded on first use, so a bundle that never validates does not carry the spec or its validators.
  loadValidator: () => import("./validation.ts").then((m) => m.soketValidator()),
} as const;
