// What the helpers that talk to storage (the presigned PUT, the transcript download) share: the
// transport's share of a helper's options, and the secrets an error of theirs is scrubbed of.
import type { HelperOptions } from "../core/client.ts";
import { urlSecrets } from "../core/secret-values.ts";
import type { CallOptions } from "../core/transport.ts";
import type { SlngKit } from "./kit.ts";

/** The transport's share of a helper's options (the rest is `send`'s). */
export function callOptions(opts: HelperOptions): CallOptions {
  const { validate: _validate, ...rest } = opts ?? {};
  return rest;
}

/**
 * The client's secrets and the credentials in a signed storage URL's query (its signature, its
 * security token): scrubbed from an error should storage echo them back in its answer.
 */
export function storageSecrets(kit: SlngKit, url: string | undefined): string[] {
  const out = kit.api.secrets();
  if (url !== undefined) urlSecrets(url, out);
  return out;
}
