// Which API a conformance suite runs against: the built-in simulator in process (default), the same
// simulator served over real HTTP on loopback (`batchspec mock`, and npm test), or a live base URL
// given on the command line or in the environment, so users can run the same checks against the real
// provider in their CI.
//
//   BATCHSPEC_<ID>_BASE_URL   e.g. BATCHSPEC_ZOOM_SCRIBE_BASE_URL=https://api.zoom.us/v2
//   BATCHSPEC_<ID>_TOKEN      the bearer token for it (required with a base URL)

import { redactUrl } from "../../src/core/secret-values.ts";

export type Target =
  /** The simulator, answering in process (no network). */
  | { kind: "simulator"; baseUrl: string; token: string }
  /** The simulator behind a loopback HTTP server whose state the checks still steer. */
  | { kind: "http-simulator"; baseUrl: string; token: string }
  /** A live API. */
  | { kind: "live"; baseUrl: string; token: string };

export const envName = (specId: string, what: string) =>
  `BATCHSPEC_${specId.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_${what}`;

/** A usage problem with the target's settings (reported in one line, exit status 2). */
export class TargetError extends Error {
  override name = "TargetError";
}

export function selectTarget(
  specId: string,
  simulator: { baseUrl: string; token: string },
  env: Record<string, string | undefined> = process.env,
): Target {
  const baseUrl = env[envName(specId, "BASE_URL")];
  if (baseUrl === undefined || baseUrl === "") return { kind: "simulator", ...simulator };
  return liveTarget(
    baseUrl,
    env[envName(specId, "TOKEN")],
    envName(specId, "BASE_URL"),
    envName(specId, "TOKEN"),
  );
}

/** A live target, checked: an absolute http(s) URL and a token. */
export function liveTarget(
  baseUrl: string,
  token: string | undefined,
  urlName = "--base-url",
  tokenName = "--token",
): Target {
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol))
    throw new TargetError(`${urlName}: not an absolute http(s) URL: ${JSON.stringify(redactUrl(baseUrl))}`);
  const url = new URL(baseUrl);
  if (url.username || url.password)
    throw new TargetError(`${urlName}: a base URL carries no credentials (give the token with ${tokenName})`);
  if (url.search || url.hash)
    throw new TargetError(`${urlName}: a base URL has no query or fragment (the API's paths go after it)`);
  if (!token) throw new TargetError(`${urlName} is set, so ${tokenName} must be set too`);
  return { kind: "live", baseUrl: baseUrl.replace(/\/+$/, ""), token };
}
