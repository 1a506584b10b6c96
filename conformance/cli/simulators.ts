// Every provider's simulator, made the same way for a server: its state (accepting one token), its
// handlers bound to a base URL, and a control that moves what it holds along (advance, complete), injects
// faults and resets. The mock server (./mock-server.ts) serves them over HTTP.
import { http as mswHttp, type HttpHandler } from "msw";
import { OPERATIONS as SLNG_OPERATIONS, SERVERS as SLNG_SERVERS } from "../../generated/slng.operations.ts";
import {
  OPERATIONS as SOFER_OPERATIONS,
  SERVERS as SOFER_SERVERS,
} from "../../generated/sofer.operations.ts";
import {
  OPERATIONS as SOKET_OPERATIONS,
  SERVERS as SOKET_SERVERS,
} from "../../generated/soket.operations.ts";
import {
  OPERATIONS as ZOOM_SCRIBE_OPERATIONS,
  SERVERS as ZOOM_SCRIBE_SERVERS,
} from "../../generated/zoom-scribe.operations.ts";
import {
  OPERATIONS as ZOOM_TRANSLATOR_OPERATIONS,
  SERVERS as ZOOM_TRANSLATOR_SERVERS,
} from "../../generated/zoom-translator.operations.ts";
import { redactUrl } from "../../src/core/secret-values.ts";
import { fetchFromHandlers, type LoggedRequest, type RequestLog } from "../../src/core/simulator/index.ts";
import { createSlngState, slngHandlers, type SlngState } from "../../src/slng/mock.ts";
import { createSoferState, soferHandlers, type SoferState } from "../../src/sofer/mock.ts";
import {
  batchStatusOf,
  createSoketState,
  soketHandlers,
  uploadStatusOf,
  type SoketState,
} from "../../src/soket/mock.ts";
import { isTerminal, type ZoomState } from "../../src/zoom/simulator/state.ts";
import { isProvider, PROVIDERS, type ProviderId } from "../suites/index.ts";
import { createZoomScribeState, zoomScribeHandlers } from "../../src/zoom-scribe/mock.ts";
import { createZoomTranslatorState, zoomTranslatorHandlers } from "../../src/zoom-translator/mock.ts";

// The providers are the suites' (conformance/suites/index.ts): one list for the CLI's commands.
export type { ProviderId };
export const PROVIDER_IDS: readonly ProviderId[] = PROVIDERS;
export const isProviderId = isProvider;

/** Where each provider's API lives below its server's origin (the path of the spec's first server URL). */
export const BASE_PATHS: Record<ProviderId, string> = {
  "zoom-scribe": basePathOf(ZOOM_SCRIBE_SERVERS[0]), // "/v2"
  "zoom-translator": basePathOf(ZOOM_TRANSLATOR_SERVERS[0]), // "/v2"
  sofer: basePathOf(SOFER_SERVERS[0]), // ""
  soket: basePathOf(SOKET_SERVERS[0]), // "/transcribe"
  slng: basePathOf(SLNG_SERVERS[0]), // ""
};

/** The operation ids of each provider's spec (what a fault's `operationId` may name). */
export const OPERATION_IDS: Record<ProviderId, readonly string[]> = {
  "zoom-scribe": Object.keys(ZOOM_SCRIBE_OPERATIONS),
  "zoom-translator": Object.keys(ZOOM_TRANSLATOR_OPERATIONS),
  sofer: Object.keys(SOFER_OPERATIONS),
  soket: Object.keys(SOKET_OPERATIONS),
  slng: Object.keys(SLNG_OPERATIONS),
};

function basePathOf(serverUrl: string): string {
  return new URL(serverUrl).pathname.replace(/\/+$/, "");
}

/** The reserved prefix of the mock server's own paths: no provider's spec has a path under it. */
export const CONTROL_PREFIX = "/__batchspec";

export interface SimulatorOptions {
  /** Where the API is served, e.g. `http://127.0.0.1:PORT/v2`. */
  baseUrl: string;
  /** The one bearer token (or API key) the simulator accepts. */
  token: string;
  /** The origin of the server, for what the simulator serves besides its API (SLNG's storage). */
  origin: string;
  /** Move a job one step each time it is read. Default false. */
  advanceOnGet?: boolean;
}

/** A thing the control moved, and where it is now. */
export interface Moved {
  id: string;
  kind: string;
  status: string;
}

export interface FaultRequest {
  status: number;
  operationId?: string;
  retryAfter?: number | string;
}

export interface SimulatorControl {
  /** Moves one job (batch, upload, manifest) one step; every unfinished one when `id` is left out. */
  advance(id?: string): Moved[];
  /** Moves one (or every unfinished one) to its end. */
  complete(id?: string): Moved[];
  /** The next matching request is answered with this status instead (the provider's error body). */
  fault(fault: FaultRequest): void;
  /** Forgets every job, request and fault. */
  reset(): void;
  /** The requests the simulator handled, oldest first, their URLs redacted. */
  requests(): LoggedRequest[];
}

export interface Simulator<S> {
  state: S;
  handlers: HttpHandler[];
  control: SimulatorControl;
}

export interface SimulatorEntry<S = unknown> {
  id: ProviderId;
  /** The spec's server path, e.g. "/v2" ("" when the API sits at the origin's root). */
  basePath: string;
  /** Paths below CONTROL_PREFIX that the simulator's handlers answer (SLNG's storage origins). */
  ownPrefixes: readonly string[];
  create(options: SimulatorOptions): Simulator<S>;
}

/** An id the control was given that the simulator does not hold. */
export class UnknownIdError extends Error {
  override name = "UnknownIdError";
}

const redacted = (log: RequestLog): LoggedRequest[] =>
  log.entries.map((e) => ({ ...e, url: redactUrl(e.url) }));

/**
 * What a Zoom simulator's bucket holds when served: the objects of each spec's create examples (shared/
 * seeds/000 and 001, as the conformance suites use them), so those examples run against it as they are.
 */
export const ZOOM_BUCKETS: Record<"zoom-scribe" | "zoom-translator", readonly string[]> = {
  "zoom-scribe": ["call_0001.wav", "call_0002.mp3", "sub/call_0003.wav", "tmp/scratch.wav", "notes.txt"].map(
    (key) => `s3://acme-bucket/audio/2025/11/${key}`,
  ),
  "zoom-translator": ["notes.txt", "welcome.txt", "deep/nested.txt", "readme.md"].map(
    (key) => `s3://acme-bucket/input/2026/03/${key}`,
  ),
};

function zoomEntry<S extends ZoomState<any>>(
  id: "zoom-scribe" | "zoom-translator",
  state: (options: { token: string; advanceOnGet: boolean; objects: Iterable<string> }) => S,
  handlers: (state: S, options: { baseUrl: string }) => HttpHandler[],
): SimulatorEntry<S> {
  return {
    id,
    basePath: BASE_PATHS[id],
    ownPrefixes: [],
    create({ baseUrl, token, advanceOnGet = false }) {
      const s = state({ token, advanceOnGet, objects: ZOOM_BUCKETS[id] });
      const jobsOf = (jobId: string | undefined) => {
        if (jobId === undefined) return [...s.jobs.values()].filter((j) => !isTerminal(j.state));
        const job = s.jobs.get(jobId);
        if (!job) throw new UnknownIdError(`no job ${jobId} in the ${id} simulator`);
        return [job];
      };
      const move = (jobId: string | undefined, step: (id: string) => string) =>
        jobsOf(jobId).map((j) => ({ id: j.job_id, kind: "job", status: step(j.job_id) }));
      return {
        state: s,
        handlers: handlers(s, { baseUrl }),
        control: {
          advance: (jobId) => move(jobId, (j) => s.advance(j)),
          complete: (jobId) => move(jobId, (j) => s.runToCompletion(j)),
          fault: (fault) => s.faults.inject(fault),
          reset: () => s.reset(),
          requests: () => redacted(s.requests),
        },
      };
    },
  };
}

const sofer: SimulatorEntry<SoferState> = {
  id: "sofer",
  basePath: BASE_PATHS.sofer,
  ownPrefixes: [],
  create({ baseUrl, token, advanceOnGet = false }) {
    const s = createSoferState({ apiKeys: [token], advanceOnGet });
    const ended = (status: string) => status === "COMPLETED" || status === "FAILED";
    // A batch moves along its transcriptions; a manifest (batch file) is validated in its one step.
    const move = (id: string | undefined, step: "advance" | "runToCompletion"): Moved[] => {
      if (id === undefined) {
        const manifests = [...s.batchFiles.values()].filter((f) => f.status === "PENDING_VALIDATION");
        const batches = [...s.batches.values()].filter((b) => !ended(b.status));
        return [
          ...manifests.map((f) => ({
            id: f.id,
            kind: "manifest",
            status: s.validateBatchFile(f.id),
          })),
          ...batches.map((b) => ({ id: b.batch_id, kind: "batch", status: s[step](b.batch_id) })),
        ];
      }
      if (s.batches.has(id)) return [{ id, kind: "batch", status: s[step](id) }];
      if (s.batchFiles.has(id)) return [{ id, kind: "manifest", status: s.validateBatchFile(id) }];
      throw new UnknownIdError(`no batch or manifest ${id} in the sofer simulator`);
    };
    return {
      state: s,
      handlers: soferHandlers(s, { baseUrl }),
      control: {
        advance: (id) => move(id, "advance"),
        complete: (id) => move(id, "runToCompletion"),
        fault: (fault) => s.faults.inject(fault),
        reset: () => s.reset(),
        requests: () => redacted(s.requests),
      },
    };
  },
};

const soket: SimulatorEntry<SoketState> = {
  id: "soket",
  basePath: BASE_PATHS.soket,
  ownPrefixes: [],
  create({ baseUrl, token, advanceOnGet = false }) {
    const s = createSoketState({ tokens: [token], advanceOnGet });
    const uploadEnded = (status: string) => status === "completed" || status === "failed";
    const uploadStep = (id: string, all: boolean) => {
      if (all) s.completeUploads(id);
      else s.advanceUploads(id);
      return uploadStatusOf(s.uploads.get(id)!);
    };
    // An id is an upload's (batch_upload_id) or a batch's; both move, uploads first.
    const move = (id: string | undefined, all: boolean): Moved[] => {
      const batchStep = (batchId: string) => (all ? s.runToCompletion(batchId) : s.advance(batchId));
      if (id === undefined) {
        const uploads = [...s.uploads.values()].filter((u) => !uploadEnded(uploadStatusOf(u)));
        const batches = [...s.batches.values()].filter((b) => !uploadEnded(batchStatusOf(b)));
        return [
          ...uploads.map((u) => ({
            id: u.batch_upload_id,
            kind: "upload",
            status: uploadStep(u.batch_upload_id, all),
          })),
          ...batches.map((b) => ({ id: b.batch_id, kind: "batch", status: batchStep(b.batch_id) })),
        ];
      }
      if (s.uploads.has(id)) return [{ id, kind: "upload", status: uploadStep(id, all) }];
      if (s.batches.has(id)) return [{ id, kind: "batch", status: batchStep(id) }];
      throw new UnknownIdError(`no upload or batch ${id} in the soket simulator`);
    };
    return {
      state: s,
      handlers: soketHandlers(s, { baseUrl }),
      control: {
        advance: (id) => move(id, false),
        complete: (id) => move(id, true),
        fault: (fault) => s.faults.inject(fault),
        reset: () => s.reset(),
        requests: () => redacted(s.requests),
      },
    };
  },
};

/**
 * SLNG hands out URLs on two storage origins (presigned uploads, signed downloads). The simulator takes
 * an origin without a path (src/slng/simulator/state.ts keeps only `new URL(x).origin`, and reads the
 * object key from the whole path), so it keeps its own internal origins, and the server exposes them
 * under these paths: requests there are passed on to the internal origin, and the API's JSON answers
 * have the internal origins rewritten to the exposed ones (the simulated signatures do not cover the host).
 */
export const SLNG_UPLOADS_PATH = `${CONTROL_PREFIX}/slng-uploads`;
export const SLNG_DOWNLOADS_PATH = `${CONTROL_PREFIX}/slng-downloads`;
const SLNG_UPLOAD_ORIGIN = "https://slng-sim-uploads.test";
const SLNG_DOWNLOAD_ORIGIN = "https://slng-sim-downloads.test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The request, sent to another URL with everything else kept (its body streamed on). */
function retarget(request: Request, url: string): Request {
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

const slng: SimulatorEntry<SlngState> = {
  id: "slng",
  basePath: BASE_PATHS.slng,
  ownPrefixes: [SLNG_UPLOADS_PATH, SLNG_DOWNLOADS_PATH],
  create({ baseUrl, token, origin, advanceOnGet = false }) {
    const s = createSlngState({
      apiKeys: [token],
      advanceOnGet,
      uploadOrigin: SLNG_UPLOAD_ORIGIN,
      downloadOrigin: SLNG_DOWNLOAD_ORIGIN,
    });
    const inner = fetchFromHandlers(slngHandlers(s, { baseUrl }));
    const exposedUploads = `${origin}${SLNG_UPLOADS_PATH}`;
    const exposedDownloads = `${origin}${SLNG_DOWNLOADS_PATH}`;
    const passOn = (exposed: string, internal: string) =>
      mswHttp.all(new RegExp(`^${escape(exposed)}/`), ({ request }) =>
        inner(retarget(request, `${internal}${request.url.slice(exposed.length)}`)),
      );
    const api = mswHttp.all(
      new RegExp(`^${escape(baseUrl.replace(/\/+$/, ""))}(?:[/?#]|$)`),
      async ({ request }) => {
        const response = await inner(request);
        if (!/json/i.test(response.headers.get("content-type") ?? "")) return response;
        const text = (await response.text())
          .replaceAll(`${SLNG_UPLOAD_ORIGIN}/`, `${exposedUploads}/`)
          .replaceAll(`${SLNG_DOWNLOAD_ORIGIN}/`, `${exposedDownloads}/`);
        const headers = new Headers(response.headers);
        headers.delete("content-length");
        return new Response(text, { status: response.status, statusText: response.statusText, headers });
      },
    );
    return {
      state: s,
      handlers: [
        passOn(exposedUploads, SLNG_UPLOAD_ORIGIN),
        passOn(exposedDownloads, SLNG_DOWNLOAD_ORIGIN),
        api,
      ],
      control: {
        advance(id) {
          if (id === undefined) {
            const unfinished = [...s.jobs.values()].filter(
              (j) => !["DONE", "FAILED", "DELETED"].includes(j.status),
            );
            return unfinished.map((j) => ({ id: j.job_id, kind: "job", status: s.advance(j.job_id)! }));
          }
          if (!s.jobs.has(id)) throw new UnknownIdError(`no job ${id} in the slng simulator`);
          return [{ id, kind: "job", status: s.advance(id)! }];
        },
        complete(id) {
          if (id === undefined) {
            const unfinished = [...s.jobs.values()].filter(
              (j) => !["DONE", "FAILED", "DELETED"].includes(j.status),
            );
            return unfinished.map((j) => ({
              id: j.job_id,
              kind: "job",
              status: s.runToCompletion(j.job_id)!,
            }));
          }
          if (!s.jobs.has(id)) throw new UnknownIdError(`no job ${id} in the slng simulator`);
          return [{ id, kind: "job", status: s.runToCompletion(id)! }];
        },
        fault: (fault) => s.faults.inject(fault),
        reset: () => s.reset(),
        requests: () => redacted(s.requests),
      },
    };
  },
};

export interface SimulatorStates {
  "zoom-scribe": ReturnType<typeof createZoomScribeState>;
  "zoom-translator": ReturnType<typeof createZoomTranslatorState>;
  sofer: SoferState;
  soket: SoketState;
  slng: SlngState;
}

export const SIMULATORS: { readonly [K in ProviderId]: SimulatorEntry<SimulatorStates[K]> } = {
  "zoom-scribe": zoomEntry("zoom-scribe", createZoomScribeState, zoomScribeHandlers),
  "zoom-translator": zoomEntry("zoom-translator", createZoomTranslatorState, zoomTranslatorHandlers),
  sofer,
  soket,
  slng,
};
