// SLNG's operations and the two S3 origins reach the same handlers through MSW (global interception, a
// real fetch with a FormData body) and through fetchFromHandlers; every query parameter is honoured.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unhonouredParameters } from "../../../src/core/simulator/index.ts";
import { createSlngState, slngFetch, slngHandlers, slngPipeline } from "../../../src/slng/mock.ts";
import { BASE, config, KEY, multipartForm } from "./helpers.ts";

const state = createSlngState();
const direct = slngFetch(state);
const server = setupServer(...slngHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe.each([
  ["fetchFromHandlers", (r: Request) => direct(r)],
  ["MSW", (r: Request) => fetch(r)],
])("SLNG through %s", (_how, send) => {
  it("creates by multipart, presigns, uploads, completes and downloads", async () => {
    const auth = { Authorization: `Bearer ${KEY}` };
    const created = await send(
      new Request(`${BASE}/v1/batch/jobs`, {
        method: "POST",
        headers: auth,
        body: multipartForm(new Blob([new Uint8Array(100)], { type: "audio/wav" })),
      }),
    );
    expect(created.status).toBe(202);
    const { job_id } = (await created.json()) as { job_id: string };
    const presign = await send(
      new Request(`${BASE}/v1/batch/jobs`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ mode: "presign", filename: "a.wav", transcription_config: config }),
      }),
    );
    const { upload } = (await presign.json()) as any;
    const put = await send(new Request(upload.url, { method: "PUT", headers: upload.headers, body: "abc" }));
    expect(put.status).toBe(200);
    state.runToCompletion(job_id);
    const files = (await (
      await send(new Request(`${BASE}/v1/batch/jobs/${job_id}/files`, { headers: auth }))
    ).json()) as any;
    const txt = await send(new Request(files.outputs[1].download_url));
    expect([txt.status, txt.headers.get("content-type")]).toEqual([200, "text/plain; charset=utf-8"]);
    expect(state.requests.entries.at(-1)?.operationId).toBe("batchJobsFiles");
  });
});

it("honours every query parameter the spec declares", () => {
  expect(unhonouredParameters(slngPipeline(state))).toEqual([]);
});
