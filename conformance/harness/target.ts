// Which API a conformance suite runs against: the built-in simulator (default), or a live base URL
// given in the environment, so users can run the same checks against the real provider in their CI.
//
//   BATCHSPEC_<ID>_BASE_URL   e.g. BATCHSPEC_ZOOM_SCRIBE_BASE_URL=https://api.zoom.us/v2
//   BATCHSPEC_<ID>_TOKEN      the bearer token for it (required with a base URL)

export type Target =
  { kind: "simulator"; baseUrl: string; token: string } | { kind: "live"; baseUrl: string; token: string };

export const envName = (specId: string, what: string) =>
  `BATCHSPEC_${specId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_${what}`;

export function selectTarget(
  specId: string,
  simulator: { baseUrl: string; token: string },
  env: Record<string, string | undefined> = process.env,
): Target {
  const baseUrl = env[envName(specId, "BASE_URL")];
  if (baseUrl === undefined || baseUrl === "") return { kind: "simulator", ...simulator };
  if (!URL.canParse(baseUrl)) throw new Error(`${envName(specId, "BASE_URL")}: not an absolute URL`);
  const token = env[envName(specId, "TOKEN")];
  if (!token) {
    throw new Error(`${envName(specId, "BASE_URL")} is set, so ${envName(specId, "TOKEN")} must be set too`);
  }
  return { kind: "live", baseUrl, token };
}
