// Provider-agnostic building blocks of the MSW provider simulators: reading and validating an incoming
// request against the spec, opaque cursors, fault injection and a deterministic clock. Each provider's
// mock.ts turns what these report into that provider's own status codes and error bodies.
import type { OpenApiValidator, ValidationIssue } from "./openapi-validator.ts";
import { isJsonMediaType, mediaType } from "./openapi-validator.ts";

export type IncomingRequest =
  | { ok: true; body: unknown }
  | { ok: false; problem: "unsupported-media-type"; message: string }
  | { ok: false; problem: "malformed-body"; message: string }
  | { ok: false; problem: "invalid"; issues: ValidationIssue[] };

/**
 * Reads the request's body (JSON) and validates parameters and body against the operation in the spec.
 * Never throws for a bad request: it says what was wrong.
 */
export async function readIncomingRequest(
  validator: OpenApiValidator,
  operationId: string,
  request: Request,
  pathParams: Record<string, string | readonly string[] | undefined>,
): Promise<IncomingRequest> {
  const info = validator.operation(operationId);
  const text = await request.clone().text();
  let body: unknown;
  const type = mediaType(request.headers.get("content-type"));
  if (text !== "") {
    if (info.operation.requestBody === undefined) {
      return {
        ok: false,
        problem: "invalid",
        issues: [{ location: "body", message: "this operation takes no body" }],
      };
    }
    if (!isJsonMediaType(type)) {
      return {
        ok: false,
        problem: "unsupported-media-type",
        message: `Content-Type ${type ?? "(none)"} is not supported; use application/json`,
      };
    }
    try {
      body = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        problem: "malformed-body",
        message: `body: not valid JSON (${(error as Error).message})`,
      };
    }
  }
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(pathParams)) if (typeof v === "string") params[k] = v;
  const issues = validator.validateRequest(operationId, {
    pathParams: params,
    query: new URL(request.url).searchParams,
    headers: request.headers,
    contentType: request.headers.get("content-type"),
    body,
  });
  return issues.length > 0 ? { ok: false, problem: "invalid", issues } : { ok: true, body };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerTokenOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/** Opaque page cursors: base64url JSON. A provider decides what goes inside and checks it on the way back. */
// btoa/atob rather than Buffer, so the simulators also run in a browser (MSW's service worker).
export function encodeCursor(value: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(cursor: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const binary = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    const text = new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A failure the simulator is told to answer instead of handling a request (rate limits, outages, drift). */
export interface Fault {
  status: number;
  /** Sets `Retry-After` (seconds as a number, or the header's text as is). */
  retryAfter?: number | string;
  /** Only requests of this operation; any operation when left out. */
  operationId?: string;
  /** How many requests it answers before it is used up (default 1). */
  times?: number;
  /** The body to send; the provider's error body for the status when left out. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

export class FaultQueue {
  #faults: (Fault & { left: number })[] = [];

  inject(fault: Fault): void {
    if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
      throw new RangeError(`fault.status: ${String(fault.status)} is not an HTTP status`);
    }
    this.#faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The next fault for this operation, if any, counting it as used. */
  take(operationId: string): Fault | undefined {
    const index = this.#faults.findIndex((f) => f.operationId === undefined || f.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    fault.left -= 1;
    if (fault.left <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.#faults = [];
  }
}

/** A clock that starts at a fixed instant and moves one second each time it is read: same run, same times. */
export function steppingClock(start: string | Date = "2026-01-05T18:34:12Z"): () => Date {
  let t = new Date(start).getTime();
  if (Number.isNaN(t)) throw new RangeError(`steppingClock: ${String(start)} is not a date`);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/** RFC 3339 without milliseconds, as Zoom writes timestamps (`2026-01-05T18:34:12Z`). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
