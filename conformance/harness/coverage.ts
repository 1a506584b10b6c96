// Which documented status codes a suite has provoked, so a suite can prove it covered them all.
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import type { Exchange } from "./checked-fetch.ts";

/** `operationId status` for every status the spec documents for a path operation (webhooks excluded). */
export function documentedStatuses(validator: OpenApiValidator): Set<string> {
  const out = new Set<string>();
  for (const op of validator.operations) {
    if (op.path === undefined) continue;
    for (const status of Object.keys(op.operation.responses ?? {})) out.add(`${op.operationId} ${status}`);
  }
  return out;
}

/** `operationId status` for every exchange that got a response. */
export function provokedStatuses(exchanges: readonly Exchange[]): Set<string> {
  const out = new Set<string>();
  for (const e of exchanges)
    if (e.operationId && e.status !== undefined) out.add(`${e.operationId} ${e.status}`);
  return out;
}
