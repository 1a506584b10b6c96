// The operations table of a spec: for each operationId of a path operation, its method, path template,
// documented statuses, query parameters and request media types. `npm run generate` writes it to
// generated/<id>.operations.ts, so clients route and simulators answer without loading the whole spec.
import { resolveRef, type OpenApiDocument } from "./openapi-types.ts";

export interface OperationEntry {
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly string[];
  readonly query: readonly string[];
  readonly requestMediaTypes: readonly string[];
  /** For each 2xx status, the media types of its body (none: the status has no body). */
  readonly successBodies: { readonly [status: string]: readonly string[] };
}

export type OperationTable = { readonly [operationId: string]: OperationEntry };

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export function operationTable(document: OpenApiDocument): Record<string, OperationEntry> {
  const table: Record<string, OperationEntry> = {};
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolveRef<Record<string, unknown>>(document, rawItem, "").node;
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      // An operation's parameter replaces the path item's of the same name and place.
      const params = new Map<string, { in?: string; name?: string }>();
      for (const raw of [
        ...((item.parameters as unknown[]) ?? []),
        ...((op.parameters as unknown[]) ?? []),
      ]) {
        const p = resolveRef<{ in?: string; name?: string }>(document, raw, "").node;
        params.set(`${p.in}:${p.name}`, p);
      }
      const body = op.requestBody
        ? resolveRef<{ content?: object }>(document, op.requestBody, "").node
        : undefined;
      table[op.operationId as string] = {
        method: method.toUpperCase(),
        path,
        statuses: Object.keys((op.responses ?? {}) as object),
        query: [...params.values()].filter((p) => p.in === "query").map((p) => String(p.name)),
        requestMediaTypes: Object.keys(body?.content ?? {}),
        successBodies: Object.fromEntries(
          Object.entries((op.responses ?? {}) as Record<string, unknown>)
            .filter(([status]) => status.startsWith("2"))
            .map(([status, raw]) => [
              status,
              Object.keys(resolveRef<{ content?: object }>(document, raw, "").node.content ?? {}),
            ]),
        ),
      };
    }
  }
  return table;
}
