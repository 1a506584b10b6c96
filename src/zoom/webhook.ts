// Zoom AI Services webhook signatures (shared/seeds/001_f3a0e4e9e0803f6e.txt): `x-zm-signature` is
// `sha256=` + hex HMAC-SHA256(secret, "v0:{x-zm-request-timestamp}:{raw body}"), the timestamp in Unix
// seconds. The verification itself (tolerance, rotation, constant-time compare) is core's.
import { concatBytes, type BytesLike } from "../core/hmac.ts";
import {
  signWebhook,
  verifyWebhook,
  type SignatureScheme,
  type VerifyWebhookOptions,
  type WebhookFailure,
  type WebhookResult,
} from "../core/webhook.ts";

export const ZOOM_SIGNATURE_HEADER = "x-zm-signature";
export const ZOOM_TIMESTAMP_HEADER = "x-zm-request-timestamp";

const zoomScheme: SignatureScheme = {
  name: "verifyZoomWebhook",
  signatureHeader: ZOOM_SIGNATURE_HEADER,
  timestampHeader: ZOOM_TIMESTAMP_HEADER,
  digestOf: (signature) => /^sha256=([0-9a-fA-F]{64})$/.exec(signature)?.[1],
  signatureOf: (digest) => `sha256=${digest}`,
  message: (timestamp, rawBody) => concatBytes(`v0:${timestamp}:`, rawBody),
};

export type ZoomWebhookFailure = WebhookFailure;
export type ZoomWebhookResult<TPayload> = WebhookResult<TPayload>;
/** `secret` is the `notifications.secret` the job was created with. */
export type VerifyZoomWebhookOptions = VerifyWebhookOptions;

/**
 * Checks a Zoom job notification: the signature against each secret (in constant time), and the
 * timestamp within `toleranceSeconds` of now. Returns the parsed payload only when all holds.
 */
export function verifyZoomWebhook<TPayload = unknown>(
  options: VerifyZoomWebhookOptions,
): Promise<ZoomWebhookResult<TPayload>> {
  return verifyWebhook<TPayload>(zoomScheme, options);
}

/** The two headers Zoom would send with `rawBody` signed by `secret`: for tests and simulators. */
export function signZoomWebhook(options: {
  secret: string;
  rawBody: BytesLike;
  /** Unix seconds. Default: now. */
  timestamp?: number;
}): Promise<Record<string, string>> {
  return signWebhook(zoomScheme, options);
}
