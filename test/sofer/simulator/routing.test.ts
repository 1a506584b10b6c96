// Sofer's paths overlap: /v1/transcriptions/batch-files also matches /v1/transcriptions/{transcription_id},
// and /v1/transcriptions/batch-files/status matches both batch-files/{batch_file_id} and
// {transcription_id}/status. The literal paths are bound first; both MSW and fetchFromHandlers try
// handlers in order, so each request reaches the same operation through either.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unhonouredParameters } from "../../../src/core/simulator/index.ts";
import { createSoferState, soferFetch, soferHandlers, soferPipeline } from "../../../src/sofer/mock.ts";

const BASE = "https://api.sofer.ai";
const TRANSCRIPTION = "a0000000-0000-4000-8000-000000000001";
const state = createSoferState();
state.addBatch({ processing_mode: "express", info: {} }, [
  { audio_url: "https://a.test/1.mp3", client_item_id: "x" },
]);

const direct = soferFetch(state);
const server = setupServer(...soferHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const request = (method: string, path: string) =>
  new Request(`${BASE}${path}`, { method, headers: { Authorization: "Bearer conformance-token" } });

/** The operation the last request was routed to (from the request log), its status and body. */
async function routed(fetch: (r: Request) => Promise<Response>, method: string, path: string) {
  const response = await fetch(request(method, path));
  const body = await response.json();
  return { operationId: state.requests.entries.at(-1)!.operationId, status: response.status, body };
}

describe.each([
  ["fetchFromHandlers", (r: Request) => direct(r)],
  ["MSW", (r: Request) => fetch(r)],
])("routing Sofer's overlapping paths through %s", (_how, fetch) => {
  it.each([
    ["GET", "/v1/transcriptions/batch-files", "batchTranscribe_listBatchFiles", 200],
    // A non-uuid id: batchTranscribe_getBatchFile's (not transcribe_getTranscriptionStatus's) refusal of its path parameter.
    ["GET", "/v1/transcriptions/batch-files/status", "batchTranscribe_getBatchFile", 400],
    ["GET", "/v1/transcriptions/batch-files/from-rss", "batchTranscribe_getBatchFile", 400],
    ["GET", `/v1/transcriptions/${TRANSCRIPTION}`, "transcribe_getTranscription", 200],
    ["GET", `/v1/transcriptions/${TRANSCRIPTION}/status`, "transcribe_getTranscriptionStatus", 200],
    ["GET", "/v1/transcriptions/batch", "transcribe_getTranscription", 400],
    ["GET", "/v1/transcriptions/batch/status", "transcribe_getTranscriptionStatus", 400],
    ["POST", "/v1/transcriptions/batch-files/from-rss", "batchTranscribe_createBatchFileFromRss", 400],
  ])("%s %s reaches %s (%i)", async (method, path, operationId, status) => {
    const answer = await routed(fetch, method, path);
    expect([answer.operationId, answer.status]).toEqual([operationId, status]);
    if (status === 400 && method === "GET")
      expect(answer.body.detail).toMatch(/^Invalid request: path\.\w+: must be a valid uuid/);
  });

  it.each([
    ["a path the API does not have", "GET", "/v1/transcriptions/", 404],
    // The guard is exact about a trailing slash: Sofer's own paths tell `/v1/transcriptions/` apart.
    ["a path the API does not have", "GET", "/v1/transcriptions/batch-files/", 404],
    ["a path the API does not have", "GET", "/v1/batches", 404],
    ["a method the path does not take", "DELETE", "/v1/transcriptions/batch-files", 405],
    ["a method the path does not take", "POST", `/v1/transcriptions/${TRANSCRIPTION}`, 405],
  ])("answers %s (%s %s) with %i in Sofer's body", async (_what, method, path, status) => {
    const answer = await routed(fetch, method, path);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ detail: expect.any(String) });
  });
});

it("binds every operation of the spec exactly once", async () => {
  const { SOFER } = await import("../../../src/sofer/spec.ts");
  const bound = soferHandlers(createSoferState())
    .slice(1)
    .map((h) => `${h.info.method} ${String(h.info.path).replace(BASE, "")}`);
  const spec = Object.values(SOFER.operations).map(
    (o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ":$1")}`,
  );
  expect(bound.sort()).toEqual(spec.sort());
});

it("honours every query parameter the spec declares (none is refused as unimplemented)", () => {
  expect(unhonouredParameters(soferPipeline(createSoferState()))).toEqual([]);
});

it("answers at another base URL (Sofer's dev server) when given one", async () => {
  const local = createSoferState();
  const fetch = soferFetch(local, { baseUrl: "http://localhost:8001/" });
  const response = await fetch(
    new Request("http://localhost:8001/v1/transcriptions/batch-files", {
      headers: { Authorization: "Bearer conformance-token" },
    }),
  );
  expect([response.status, await response.json()]).toEqual([200, { files: [], next_cursor: null }]);
  await expect(fetch(new Request(`${BASE}/v1/transcriptions/batch-files`))).rejects.toThrow(
    /no simulator handler/,
  );
});
