// Every answer of the Soket simulator validates against the spec: each operation is run through its
// lifecycle and its refusals, every response is checked with the spec's validator (an NDJSON download
// line by line), and every status the spec documents for each operation is seen at least once.
import { describe, expect, it } from "vitest";
import { INJECTED_FAULT_HEADER } from "../../../src/core/simulator/index.ts";
import { createSoketState, soketFetch } from "../../../src/soket/mock.ts";
import { SOKET } from "../../../src/soket/spec.ts";
import { soketValidator } from "../../../src/soket/validation.ts";

const BASE = "https://api.soket.ai/transcribe";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
type OperationId = keyof typeof SOKET.operations;

const state = createSoketState({
  failingFiles: ["broken.wav"],
  failingTranscriptions: ["b.mp3"],
  chunkSeconds: 2,
  developmentMode: true,
  maxUploadBytes: 400_000,
});
const fetch = soketFetch(state);
const seen = new Set<string>();
const problems: string[] = [];

/** Sends a request for `operationId`, validates its response against the spec and notes its status. */
async function call(
  operationId: OperationId,
  path: string,
  init: { body?: unknown; token?: string | null; fetch?: typeof fetch } = {},
) {
  const { method } = SOKET.operations[operationId];
  const headers = new Headers();
  if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? "conformance-token"}`);
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.body);
  }
  const response = await (init.fetch ?? fetch)(new Request(`${BASE}${path}`, { method, headers, body }));
  const contentType = response.headers.get("content-type");
  const text = await response.text();
  // NDJSON is validated as its text (the validator checks each line); everything else as JSON.
  const parsed: any = contentType === "application/x-ndjson" ? text : JSON.parse(text);
  const issues = soketValidator().validateResponse(operationId, {
    status: response.status,
    headers: response.headers,
    contentType,
    body: parsed,
  });
  problems.push(...issues.map((i) => `${operationId} ${response.status} ${i.location}: ${i.message}`));
  seen.add(`${operationId} ${response.status}`);
  return { status: response.status, body: parsed, headers: response.headers };
}

const audio = (name: string, bytes: number, type = "audio/wav") =>
  new File([new Uint8Array(bytes)], name, { type });
function form(...files: File[]) {
  const data = new FormData();
  for (const file of files) data.append("files", file);
  return data;
}

describe("the Soket simulator's answers, against the spec", () => {
  let uploadId = "";
  let fileIds: string[] = [];
  let batchId = "";

  it("uploads files, follows the upload, lists and deletes files", async () => {
    const upload = await call("uploadFiles", "/files/upload", {
      body: form(audio("a.wav", 64_000), audio("b.mp3", 32_000, "audio/mpeg"), audio("broken.wav", 100)),
    });
    expect(upload.status).toBe(202);
    uploadId = upload.body.batch_upload_id;
    fileIds = upload.body.files.map((f: { file_id: string }) => f.file_id);
    await call("uploadFiles", "/files/upload", { body: form(audio("big.wav", 400_001)) }); // 413
    const text = new FormData();
    text.append("files", "not a file");
    await call("uploadFiles", "/files/upload", { body: text }); // 400
    for (let step = 0; step < 3; step++) {
      await call("getUploadStatus", `/files/upload/${uploadId}`);
      await call("listFiles", "/files?limit=2");
      await call("listFiles", "/files?page=2&limit=2&upload_status=completed");
      state.advanceUploads(uploadId);
    }
    await call("getUploadStatus", `/files/upload/${UNKNOWN}`);
    await call("listFiles", "/files?limit=201");
    const spare = await call("uploadFiles", "/files/upload", { body: form(audio("spare.wav", 10)) });
    const spareId = spare.body.files[0].file_id;
    await call("deleteFiles", "/files", { body: { file_ids: [spareId, UNKNOWN] } }); // 404
    expect((await call("deleteFiles", "/files", { body: { file_ids: [spareId] } })).status).toBe(200);
    await call("deleteFiles", "/files", { body: { file_ids: [] } }); // 400
  });

  it("submits batches, and reads their status, results and downloads at every stage", async () => {
    const pending = await call("uploadFiles", "/files/upload", { body: form(audio("late.wav", 10)) });
    await call("submitBatch", "/batch", { body: { batch_upload_id: pending.body.batch_upload_id } }); // 409
    await call("submitBatch", "/batch", { body: { file_ids: [UNKNOWN] } }); // 404
    await call("submitBatch", "/batch", { body: {} }); // 400
    const created = await call("submitBatch", "/batch", {
      body: { batch_upload_id: uploadId, sources: [{ url: "https://example.com/audio3.wav" }] },
    });
    expect(created.status).toBe(202);
    batchId = created.body.batch_id;
    const queries = ["", "?raw=true&chunks=true", "?status=completed&speech_information=true&chunks=true"];
    for (let step = 0; step < 4; step++) {
      await call("getBatchStatus", `/status/batch/${batchId}`);
      for (const query of queries) {
        await call("getBatchResults", `/results/batch/${batchId}${query}`);
        await call("downloadBatchResults", `/download/batch/${batchId}${query}`);
        await call("downloadBatchResults", `/download/batch/${batchId}${query || "?"}&format=json`);
      }
      for (const id of fileIds)
        await call("getFileResult", `/results/file/${id}?chunks=true&speech_information=true`);
      state.advance(batchId);
    }
    const other = createSoketState({ batchAcceptedStatus: 200 });
    const answered = await call("submitBatch", "/batch", {
      body: { sources: [{ gcs_key: "uploads/2026/06/03/x.wav" }] },
      fetch: soketFetch(other),
    });
    expect(answered.status).toBe(200);
  });

  it("refuses unknown ids (404), bad queries (400), and missing or wrong tokens (401)", async () => {
    await call("getBatchStatus", `/status/batch/${UNKNOWN}`);
    await call("getBatchResults", `/results/batch/${UNKNOWN}`);
    await call("getBatchResults", `/results/batch/${batchId}?raw=yes`);
    await call("getFileResult", `/results/file/${UNKNOWN}`);
    await call("getFileResult", `/results/file/${fileIds[0]}?chunks=1`);
    await call("downloadBatchResults", `/download/batch/${UNKNOWN}`);
    await call("downloadBatchResults", `/download/batch/${batchId}?status=retrying`);
    for (const [operationId, entry] of Object.entries(SOKET.operations)) {
      const path = entry.path
        .replace("{batch_upload_id}", uploadId)
        .replace("{batch_id}", batchId)
        .replace("{file_id}", fileIds[0]!);
      for (const token of [null, "not-a-token"]) {
        const body = entry.method === "GET" ? undefined : {};
        const refused = await call(operationId as OperationId, path, { token, body });
        expect(refused).toMatchObject({ status: 401, body: { error: "invalid token" } });
      }
    }
  });

  it("answers injected faults (429 with Retry-After) in Soket's body, marked as injected", async () => {
    for (const [operationId, entry] of Object.entries(SOKET.operations)) {
      state.faults.inject({ status: 429, retryAfter: 2, operationId });
      const path = entry.path
        .replace("{batch_upload_id}", uploadId)
        .replace("{batch_id}", batchId)
        .replace("{file_id}", fileIds[0]!);
      const answer = await call(operationId as OperationId, path, {
        body: entry.method === "GET" ? undefined : {},
      });
      expect(answer.status).toBe(429);
      expect(answer.body).toEqual({ error: "rate limit exceeded" });
      expect([answer.headers.get("retry-after"), answer.headers.get(INJECTED_FAULT_HEADER)]).toEqual([
        "2",
        "true",
      ]);
    }
    expect(state.faults.size).toBe(0);
  });

  it("validated every answer, and gave every status the spec documents for each operation", () => {
    expect(problems).toEqual([]);
    const documented = Object.entries(SOKET.operations).flatMap(([id, e]) =>
      e.statuses.map((s) => `${id} ${s}`),
    );
    expect(documented.filter((s) => !seen.has(s))).toEqual([]);
    expect([...seen].filter((s) => !documented.includes(s))).toEqual([]);
  });
});
