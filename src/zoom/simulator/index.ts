// The Zoom batch simulator, shared by Scribe and Translator: each product's mock.ts gives its own
// (outcomes, output naming, refusals) and binds the operations to its paths.
import type { HttpHandler } from "msw";
import { guard, simulate } from "../../core/simulator/index.ts";
import { zoomOperations } from "./operations.ts";
import { zoomPipeline, type ZoomSimProduct } from "./product.ts";
import type { ZoomCreateRequest, ZoomState } from "./state.ts";

export {
  createZoomState,
  type FileOutcome,
  type SimulatedFile,
  type SimulatedJob,
  type ZoomSimulatorOptions,
  type ZoomState,
  type ZoomCreateRequest,
} from "./state.ts";
export { baseName, withoutExtension } from "./inputs.ts";
export type { WebhookDelivery } from "./notifications.ts";
export type { ZoomSimProduct } from "./product.ts";

export interface ZoomHandlerOptions {
  /** Where the simulated API lives. Default: the spec's server, `https://api.zoom.us/v2`. */
  baseUrl?: string;
}

/**
 * The product's openapi-msw `http` with the pipeline in front of every handler, the six operations to
 * bind, and the guard to put first (unknown paths, wrong methods, malformed escapes):
 * `const { http, op, guard } = zoomSimulator(product, state, baseUrl, createOpenApiHttp<paths>({ baseUrl }))`.
 */
export function zoomSimulator<Req extends ZoomCreateRequest, Http extends object>(
  product: ZoomSimProduct<Req>,
  state: ZoomState<Req>,
  baseUrl: string,
  http: Http,
): { http: Http; op: ReturnType<typeof zoomOperations<Req>>; guard: HttpHandler } {
  const pipeline = zoomPipeline(product, state);
  return {
    http: simulate(http, pipeline),
    op: zoomOperations(product, state),
    guard: guard(pipeline, baseUrl),
  };
}
