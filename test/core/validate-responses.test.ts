// validateResponses: true holds every answer to the spec, of helpers and raw calls, 2xx and errors:
// an answer off the spec is an InvalidResponseError naming each problem (and never the token), while
// without the option the same answers pass as before.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { InvalidResponseError, NotFoundError } from "../../src/core/errors-public.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { zoomScribeSpec } from "../../src/zoom-scribe/validation.ts";

type Json = any;
const TOKEN = "secret-token-for-validate-responses";
const JOB = "/aiservices/scribe/jobs/{jobId}";
const op = (zoomScribeSpec.paths as Json)[JOB].get;
const job = Object.values(op.responses["200"].content["application/json"].examples as Json)[0] as Json;
const answer = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const client = (fetch: () => Promise<Response>, validateResponses?: boolean) =>
  createZoomScribeClient({
    token: TOKEN,
    fetch,
    maxRetries: 0,
    ...(validateResponses ? { validateResponses } : {}),
  });

async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the call succeeded");
}

describe("validateResponses", () => {
  it("passes an answer that matches the spec, from a helper and a raw call", async () => {
    const c = client(answer(200, job.value), true);
    expect((await c.jobs.get(job.value.job_id)).job_id).toBe(job.value.job_id);
    const raw = await c.GET(JOB, { params: { path: { jobId: job.value.job_id } } });
    expect(raw.data?.job_id).toBe(job.value.job_id);
  });

  it("refuses a 2xx off the spec with an InvalidResponseError naming the problem (helper and raw call)", async () => {
    const off = { ...job.value, state: "DONE-ISH" };
    const helper = await failure(client(answer(200, off), true).jobs.get("job_1"));
    expect(helper).toBeInstanceOf(InvalidResponseError);
    expect(helper.message).toMatch(/does not match the spec \(validateResponses\): body\.state: /);
    const raw = await failure(
      client(answer(200, off), true).GET(JOB, { params: { path: { jobId: "job_1" } } }),
    );
    expect(raw).toBeInstanceOf(InvalidResponseError);
    expect(raw.message).toMatch(/body\.state/);
    // Without the option, the client hands it on as it always did.
    expect((await client(answer(200, off)).jobs.get("job_1")).state).toBe("DONE-ISH");
  });

  it("refuses an error answer off the spec instead of passing it as the API's error", async () => {
    const conforming = await failure(
      client(answer(404, { code: 3001, message: "Job not found" }), true).jobs.get("job_1"),
    );
    expect(conforming).not.toBeInstanceOf(InvalidResponseError);
    expect(conforming).toBeInstanceOf(NotFoundError);
    const off = await failure(client(answer(404, { oops: true }), true).jobs.get("job_1"));
    expect(off).toBeInstanceOf(InvalidResponseError);
    expect(off.message).toMatch(/the 404 response does not match the spec/);
  });

  it("never shows the token, even when the answer echoes it", async () => {
    const error = await failure(client(answer(200, { ...job.value, state: TOKEN }), true).jobs.get("job_1"));
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 8 })])
      expect(text).not.toContain(TOKEN);
  });
});
