// What the Sofer client's lazily loaded modules (manifests.ts, batches.ts, wait.ts, batch-kit.ts) use
// of the client: its core, given to them by client.ts on each call. Types only.
import type { operations, paths } from "../../generated/sofer.ts";
import type { createApiClient } from "../core/client.ts";

export type SoferApi = ReturnType<typeof createApiClient<paths, operations>>;
