// Soket's nine operations reach the same handlers through MSW (global interception, a real fetch with a
// FormData body) and through fetchFromHandlers; the guard answers what is no operation of the spec.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unhonouredParameters } from "../../../src/core/simulator/index.ts";
import { createSoketState, soketFetch, soketHandlers, soketPipeline } from "../../../src/soket/mock.ts";
import { SOKET } from "../../../src/soket/spec.ts";

const BASE = "https://api.soket.ai/transcribe";
const AUTH = { Authorization: "Bearer conformance-token" };
const state = createSoketState();
const upload = state.addUpload([{ filename: "a.wav", size_bytes: 32_000 }]);
state.completeUploads();
const batch = state.addBatch([{ upload: upload.files[0]! }]);
const ids = { upload: upload.batch_upload_id, batch: batch.batch_id, file: upload.files[0]!.file_id };

const direct = soketFetch(state);
const server = setupServer(...soketHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

/** The operation the last request was routed to (from the request log), and its status. */
async function routed(fetch: (r: Request) => Promise<Response>, request: Request) {
  const response = await fetch(request);
  await response.arrayBuffer();
  return [state.requests.entries.at(-1)!.operationId, response.status];
}

describe.each([
  ["fetchFromHandlers", (r: Request) => direct(r)],
  ["MSW", (r: Request) => fetch(r)],
])("routing Soket's paths through %s", (_how, fetch) => {
  it.each([
    ["GET", "/files", "listFiles", 200],
    ["GET", `/files/upload/${ids.upload}`, "getUploadStatus", 200],
    ["GET", `/status/batch/${ids.batch}`, "getBatchStatus", 200],
    ["GET", `/results/batch/${ids.batch}`, "getBatchResults", 200],
    ["GET", `/results/file/${ids.file}`, "getFileResult", 200],
    ["GET", `/download/batch/${ids.batch}`, "downloadBatchResults", 200],
    ["DELETE", "/files", "deleteFiles", 404],
    ["POST", "/batch", "submitBatch", 202],
  ])("%s %s reaches %s (%i)", async (method, path, operationId, status) => {
    const body =
      method === "GET"
        ? undefined
        : JSON.stringify(method === "POST" ? { file_ids: [ids.file] } : { file_ids: ["x"] });
    const request = new Request(`${BASE}${path}`, {
      method,
      headers: { ...AUTH, "content-type": "application/json" },
      body,
    });
    expect(await routed(fetch, request)).toEqual([operationId, status]);
  });

  it("takes a FormData upload", async () => {
    const body = new FormData();
    body.append("files", new File(["RIFF"], "a.wav", { type: "audio/wav" }));
    const request = new Request(`${BASE}/files/upload`, { method: "POST", headers: AUTH, body });
    expect(await routed(fetch, request)).toEqual(["uploadFiles", 202]);
  });

  it.each([
    ["a path the API does not have", "GET", "/files/uploads", 404],
    ["a path without its id", "GET", "/status/batch", 404],
    ["a method the path does not take", "GET", "/files/upload", 405],
    ["a method the path does not take", "POST", "/files", 405],
  ])("answers %s (%s %s) with %i in Soket's body", async (_what, method, path, status) => {
    const response = await fetch(new Request(`${BASE}${path}`, { method, headers: AUTH }));
    expect([response.status, await response.json()]).toEqual([status, { error: expect.any(String) }]);
  });
});

it("binds every operation of the spec exactly once", () => {
  const bound = soketHandlers(createSoketState())
    .slice(1)
    .map((h) => `${h.info.method} ${String(h.info.path).replace(BASE, "")}`);
  const spec = Object.values(SOKET.operations).map(
    (o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ":$1")}`,
  );
  expect(bound.sort()).toEqual(spec.sort());
});

it("honours every query parameter the spec declares (none is refused as unimplemented)", () => {
  expect(unhonouredParameters(soketPipeline(createSoketState()))).toEqual([]);
});

it("answers at another base URL when given one", async () => {
  const fetch = soketFetch(createSoketState(), { baseUrl: "http://localhost:8002/transcribe/" });
  const response = await fetch(new Request("http://localhost:8002/transcribe/files", { headers: AUTH }));
  expect([response.status, (await response.json()).total_files]).toEqual([200, 0]);
  await expect(fetch(new Request(`${BASE}/files`))).rejects.toThrow(/no simulator handler/);
});
