// The inputs that made a Zoom simulator throw or answer wrongly (issue 9), each answered now with a
// status the spec documents, in Zoom's error body, and without changing the simulator's state.
import { describe, expect, it } from "vitest";
import { verifyZoomWebhook } from "../../../src/zoom/webhook.ts";
import { createZoomScribeState, zoomScribeFetch } from "../../../src/zoom-scribe/mock.ts";
import { ZOOM_SCRIBE } from "../../../src/zoom-scribe/spec.ts";
import { zoomScribeValidator } from "../../../src/zoom-scribe/validation.ts";

const JOBS = "https://api.zoom.us/v2/aiservices/scribe/jobs";
const objects = ["s3://acme/in/a.wav"];

function simulator() {
  const state = createZoomScribeState({ token: "t", objects });
  const fetch = zoomScribeFetch(state);
  const send = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(
      new Request(url, {
        method,
        headers: { Authorization: "Bearer t", "content-type": "application/json" },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
  };
  return { state, send };
}
const job = (input: object) => ({ input, output: { destination: "S3", uri: "s3://acme/out/" }, config: {} });
const documented = (operationId: string, status: number) =>
  ZOOM_SCRIBE.operations[operationId as keyof typeof ZOOM_SCRIBE.operations].statuses.includes(
    String(status) as never,
  );

describe("a Zoom simulator, given what made it throw or answer wrongly", () => {
  it.each([
    [
      "a manifest beside a uri, without a mode (it skipped the 1,000-file limit)",
      job({
        source: "S3",
        uri: "s3://acme/in/",
        manifest: Array.from({ length: 1001 }, (_, i) => `s3://acme/${i}.wav`),
      }),
      400,
    ],
    [
      "a 70,000-character glob",
      job({ source: "S3", uri: "s3://acme/in/", filters: { include_globs: ["*".repeat(70_000)] } }),
      400,
    ],
    [
      "a body nested thousands deep",
      job({ source: "S3", uri: "s3://acme/in/", x: JSON.parse("[".repeat(3000) + "]".repeat(3000)) }),
      400,
    ],
  ])("refuses %s and creates nothing", async (_what, body, status) => {
    const { state, send } = simulator();
    const answer = await send("POST", JOBS, body);
    expect(answer.status).toBe(status);
    expect(typeof answer.body.message).toBe("string");
    expect(state.jobs.size).toBe(0);
  });

  it("takes a manifest URI whose port Node's URL refuses, naming the file from the text", async () => {
    const { send } = simulator();
    const created = await send(
      "POST",
      JOBS,
      job({ mode: "MANIFEST", source: "S3", manifest: ["s3://acme:99999/a.wav"] }),
    );
    expect(created.status).toBe(201);
    const files = await send("GET", `${JOBS}/${created.body.job_id}/files`);
    expect(files.body.files[0].input_uri).toBe("s3://acme:99999/a.wav");
  });

  it("echoes only the fields of the input's own shape", async () => {
    const { send } = simulator();
    const created = await send(
      "POST",
      JOBS,
      job({ mode: "PREFIX", source: "S3", uri: "s3://acme/in/", extra: { any: "thing" } }),
    );
    const got = await send("GET", `${JOBS}/${created.body.job_id}`);
    expect(got.body.input).toEqual({ mode: "PREFIX", source: "S3", uri: "s3://acme/in/" });
    expect(
      zoomScribeValidator().validateResponse("getBatchJobStatus", {
        status: 200,
        contentType: "application/json",
        body: got.body,
      }),
    ).toEqual([]);
  });

  it.each([
    ["a malformed %-escape in a job id", "GET", `${JOBS}/%E0%A4%A`, 400],
    ["a path the API does not have", "GET", "https://api.zoom.us/v2/aiservices/nowhere", 404],
    ["a method the path does not take", "PUT", JOBS, 405],
  ])("answers %s in Zoom's error body", async (_what, method, url, status) => {
    const { send } = simulator();
    const answer = await send(method, url);
    expect(answer.status).toBe(status);
    // Zoom's body; a request that breaks the spec has code 300 (shared/providers/zoom.md §1.6).
    expect(answer.body).toMatchObject({ code: status === 400 ? 300 : status, message: expect.any(String) });
  });

  it("refuses a cursor it never issued, and one from before a reset", async () => {
    const { state, send } = simulator();
    for (let i = 0; i < 3; i++) await send("POST", JOBS, job({ source: "S3", uri: "s3://acme/in/" }));
    const forged = btoa(JSON.stringify({ k: "jobs", s: null, after: 2 }));
    expect((await send("GET", `${JOBS}?next_page_token=${forged}`)).status).toBe(400);
    const page = await send("GET", `${JOBS}?page_size=1`);
    state.reset();
    expect((await send("GET", `${JOBS}?next_page_token=${page.body.next_cursor}`)).status).toBe(400);
    expect(documented("listBatchJobs", 400)).toBe(true);
  });

  it("signs notifications that verify with verifyZoomWebhook's defaults (the real clock)", async () => {
    const received: { headers: Headers; body: string }[] = [];
    const state = createZoomScribeState({
      token: "t",
      objects,
      webhookFetch: async (request) => (
        received.push({ headers: request.headers, body: await request.text() }),
        new Response()
      ),
    });
    const fetch = zoomScribeFetch(state);
    const body = {
      ...job({ source: "S3", uri: "s3://acme/in/" }),
      notifications: { webhook_url: "https://hooks.test/z", secret: "s3cret" },
    };
    // Many jobs, each stamped several times: the clock must not run ahead of the real one.
    for (let n = 0; n < 100; n++) {
      const response = await fetch(
        new Request(JOBS, {
          method: "POST",
          headers: { Authorization: "Bearer t", "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
      state.runToCompletion(((await response.json()) as { job_id: string }).job_id);
    }
    await state.flushWebhooks();
    expect(received).toHaveLength(200);
    const results = await Promise.all(
      received.map((r) => verifyZoomWebhook({ secret: "s3cret", rawBody: r.body, headers: r.headers })),
    );
    expect(results.filter((r) => !r.valid)).toEqual([]);
  });
});
