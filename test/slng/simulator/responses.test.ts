// Every answer of the SLNG simulator validates against the spec: each operation is run through the
// lifecycle and its refusals, every response is checked with the spec's validator, and every status the
// spec documents for each operation is seen at least once (500 through an injected fault).
import { describe, expect, it } from "vitest";
import { INJECTED_FAULT_HEADER } from "../../../src/core/simulator/index.ts";
import { SLNG } from "../../../src/slng/spec.ts";
import { slngValidator } from "../../../src/slng/validation.ts";
import { BASE, config, KEY, multipartForm, simulator } from "./helpers.ts";

type OperationId = keyof typeof SLNG.operations;
const { state, fetch } = simulator({ failingJobs: ["https://example.com/bad.wav"], maxUploadBytes: 10_000 });
const seen = new Set<string>();
const problems: string[] = [];

async function call(
  operationId: OperationId,
  path: string,
  init: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {},
) {
  const { method } = SLNG.operations[operationId];
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set("Authorization", `Bearer ${init.key ?? KEY}`);
  let body: BodyInit | undefined;
  if (init.body instanceof FormData || typeof init.body === "string") body = init.body;
  else if (init.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.body);
  }
  const response = await fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const parsed: any = await response.json();
  const issues = slngValidator().validateResponse(operationId, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type"),
    body: parsed,
  });
  problems.push(...issues.map((i) => `${operationId} ${response.status} ${i.location}: ${i.message}`));
  seen.add(`${operationId} ${response.status}`);
  return { status: response.status, body: parsed, headers: response.headers };
}

const wav = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: "audio/wav" });

describe("the SLNG simulator's answers, against the spec", () => {
  const ids: string[] = [];

  it("creates jobs by all four paths, and refuses bad ones (400, 413)", async () => {
    const full = {
      ...config,
      diarization: "speaker",
      additional_vocab: [{ content: "SLNG", sounds_like: ["sling"] }],
    };
    const multipart = await call("batchJobsCreate", "/v1/batch/jobs", {
      body: multipartForm(wav(3200), "a.wav", { job_id: "multi1", metadata: "{}" }),
    });
    expect(multipart.status).toBe(202);
    const url = await call("batchJobsCreate", "/v1/batch/jobs", {
      body: {
        input_url: "https://example.com/bad.wav",
        transcription_config: full,
        tracking: { title: "t", reference: "r", tags: ["a"], details: "d" },
        output_config: { srt_overrides: { max_line_length: 30, max_lines: 2 } },
        metadata: { a: 1 },
      },
    });
    expect(url.status).toBe(202);
    const presign = await call("batchJobsCreate", "/v1/batch/jobs", {
      body: { mode: "presign", filename: "c.wav", transcription_config: config, tracking: { title: "t" } },
    });
    expect(presign.status).toBe(200);
    const put = await fetch(
      new Request(presign.body.upload.url, {
        method: "PUT",
        headers: presign.body.upload.headers,
        body: wav(10),
      }),
    );
    expect(put.status).toBe(200);
    const step3 = await call("batchJobsCreate", "/v1/batch/jobs", {
      body: { job_id: presign.body.job_id, s3_key: presign.body.upload.s3_key, transcription_config: config },
    });
    expect(step3.status).toBe(202);
    ids.push(multipart.body.job_id, url.body.job_id, step3.body.job_id);

    await call("batchJobsCreate", "/v1/batch/jobs", { body: { transcription_config: config } }); // 400
    await call("batchJobsCreate", "/v1/batch/jobs", {
      body: { input_url: "http://example.com/a.wav", transcription_config: config },
    }); // 400: not https
    await call("batchJobsCreate", "/v1/batch/jobs", {
      body: { input_url: "https://e.com/a.wav", mode: "presign", transcription_config: config },
    }); // 400: two variants
    await call("batchJobsCreate", "/v1/batch/jobs", {
      body: { input_url: "https://e.com/a.wav", job_id: "not-alnum", transcription_config: config },
    }); // 400: job_id pattern
    await call("batchJobsCreate", "/v1/batch/jobs", { body: multipartForm(wav(10_001)) }); // 413
  });

  it("lists, gets, reads files and deletes at every step of the lifecycle", async () => {
    for (let step = 0; step < 5; step++) {
      await call("batchJobsList", "/v1/batch/jobs");
      await call(
        "batchJobsList",
        "/v1/batch/jobs?status=DONE,FAILED&sort_by=status&sort_order=asc&page_size=2",
      );
      await call(
        "batchJobsList",
        "/v1/batch/jobs?model_code=slng/speechmatics/batch:15.0.0&sort_by=model_code",
      );
      for (const id of ids) {
        await call("batchJobsGet", `/v1/batch/jobs/${id}`);
        await call("batchJobsFiles", `/v1/batch/jobs/${id}/files`);
      }
      // Running until the last step, when it is DONE.
      const refused = await call("batchJobsDelete", `/v1/batch/jobs/${ids[0]}`);
      expect(refused.status).toBe(step < 4 ? 409 : 202);
      state.advance();
    }
    for (const id of ids.slice(1))
      expect((await call("batchJobsDelete", `/v1/batch/jobs/${id}`)).status).toBe(202);
    await call("batchJobsList", "/v1/batch/jobs?status=DELETED");
    await call("batchJobsGet", `/v1/batch/jobs/${ids[0]}`);
    await call("batchJobsFiles", `/v1/batch/jobs/${ids[0]}/files`);
  });

  it("refuses bad ids (400), unknown jobs (404), bad queries (400), missing or wrong keys (403)", async () => {
    for (const op of ["batchJobsGet", "batchJobsDelete", "batchJobsFiles"] as const) {
      const path = SLNG.operations[op].path;
      await call(op, path.replace("{jobId}", "not-alnum"));
      await call(op, path.replace("{jobId}", "unknown1"));
    }
    await call("batchJobsList", "/v1/batch/jobs?page_size=101");
    await call("batchJobsList", "/v1/batch/jobs?status=BOGUS");
    for (const [operationId, entry] of Object.entries(SLNG.operations)) {
      const path = entry.path.replace("{jobId}", ids[0]!);
      for (const key of [null, "not-a-key"]) {
        const body = entry.method === "POST" ? {} : undefined;
        const refused = await call(operationId as OperationId, path, { key, body });
        expect(refused.status).toBe(403);
      }
    }
  });

  it("answers injected faults (500) in SLNG's body, marked as injected", async () => {
    for (const [operationId, entry] of Object.entries(SLNG.operations)) {
      state.faults.inject({ status: 500, operationId });
      const answer = await call(operationId as OperationId, entry.path.replace("{jobId}", ids[0]!), {
        body: entry.method === "POST" ? {} : undefined,
      });
      expect([answer.status, answer.body, answer.headers.get(INJECTED_FAULT_HEADER)]).toEqual([
        500,
        { error: "Internal server error" },
        "true",
      ]);
    }
    expect(state.faults.size).toBe(0);
  });

  it("validated every answer, and gave every status the spec documents for each operation", () => {
    expect(problems).toEqual([]);
    const documented = Object.entries(SLNG.operations).flatMap(([id, e]) =>
      e.statuses.map((s) => `${id} ${s}`),
    );
    expect(documented.filter((s) => !seen.has(s))).toEqual([]);
    expect([...seen].filter((s) => !documented.includes(s))).toEqual([]);
  });
});
