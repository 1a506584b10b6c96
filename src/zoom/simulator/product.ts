// What differs between Zoom's batch APIs in the simulator, and the kit's pipeline hooks for Zoom:
// who may call (401, or 403 for a token without the product's plan), and Zoom's error body.
import { bearerTokenOf, type Refusal, type SimulatorPipeline } from "../../core/simulator/index.ts";
import type { OpenApiValidator } from "../../core/openapi-validator.ts";
import type { ZoomApi, ZoomOperationIds } from "../client.ts";
import { zoomError, zoomValidationError, type ZoomErrorBody } from "../errors.ts";
import type { InputFile } from "./inputs.ts";
import type { FileOutcome, SimulatedFile, ZoomCreateRequest, ZoomState } from "./state.ts";

export interface ZoomSimProduct<Req extends ZoomCreateRequest> extends ZoomApi {
  /** The spec's validator (validation.ts), loaded with the simulator. */
  validator: () => OpenApiValidator;
  /** The 403 body for a token without the product's plan. */
  forbidden: ZoomErrorBody;
  defaultOutcome(uri: string): FileOutcome;
  /** Where a file's output goes. */
  outputUri(output: Req["output"], input: InputFile, fileId: string): string;
  /** Refusals beyond the spec's schema (a 400 or 422 with Zoom's body), given the resolved input files. */
  refuse?(body: Req, inputs: number): { status: 400 | 422; message: string } | undefined;
  /** Product-specific fields of a processed file (Scribe's `duration_sec`). */
  fileExtras?(file: SimulatedFile): Record<string, unknown>;
}

/** The body Zoom sends for a refusal (codes from Zoom's general error table, shared/providers/zoom.md §1.6). */
function zoomErrorFor(product: ZoomSimProduct<never>, refusal: Refusal): ZoomErrorBody {
  const { status, message, issues } = refusal;
  if (status === 400 && issues) return zoomValidationError(issues);
  if (status === 401) return zoomError(124, "Invalid access token.");
  if (status === 403) return product.forbidden;
  if (status === 429)
    return zoomError(
      429,
      "You have reached the maximum per-second rate limit for this API. Try again later.",
    );
  return zoomError(status === 400 ? 300 : status, message);
}

export function zoomPipeline<Req extends ZoomCreateRequest>(
  product: ZoomSimProduct<Req>,
  state: ZoomState<Req>,
): SimulatorPipeline {
  const { ids } = product;
  return {
    provider: product.provider,
    operations: product.operations,
    validator: product.validator,
    faults: state.faults,
    log: state.requests,
    authenticate(request) {
      const token = bearerTokenOf(request);
      const { options } = state;
      if (token !== undefined && options.forbiddenTokens.includes(token))
        return { status: 403, message: product.forbidden.message };
      if (token !== options.token) return { status: 401, message: "Invalid access token." };
      return undefined;
    },
    errorBody: (refusal) => zoomErrorFor(product as ZoomSimProduct<never>, refusal),
    honours: zoomHonours(ids),
  };
}

/** The query parameters the simulator's handlers implement, by operation. */
export function zoomHonours(ids: ZoomOperationIds): Record<string, readonly string[]> {
  return {
    [ids.list]: ["state", "page_size", "next_page_token"],
    [ids.listFiles]: ["page_size", "next_page_token"],
  };
}
