// The few OpenAPI 3.1 document shapes the run-time code reads, and local `$ref` resolution.

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string; [key: string]: unknown };
  servers?: { url: string }[];
  paths?: Record<string, unknown>;
  webhooks?: Record<string, unknown>;
  components?: Record<string, Record<string, unknown> | undefined>;
  [key: string]: unknown;
}

/**
 * Follows local `$ref`s (`#/components/...`) until a non-reference node, returning it with its JSON
 * pointer. `pointer` is where `node` itself sits, used when it is not a reference.
 */
export function resolveRef<T>(
  document: object,
  node: unknown,
  pointer: string,
): { node: T; pointer: string } {
  let current = node;
  let where = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== "string") return { node: current as T, pointer: where };
    if (!ref.startsWith("#/")) throw new Error(`only local references are supported, not ${ref}`);
    where = ref.slice(1);
    current = where
      .split("/")
      .slice(1)
      .reduce<unknown>(
        (obj, part) =>
          (obj as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        document,
      );
    if (current === undefined) throw new Error(`unresolvable reference ${ref}`);
  }
  throw new Error(`reference cycle at ${pointer}`);
}
