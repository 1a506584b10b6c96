// Every answer of the Sofer simulator validates against the spec: each operation is run through its
// lifecycle and its refusals, every response is checked with the spec's validator, and every status the
// spec documents for each operation is seen at least once.
import { describe, expect, it } from "vitest";
import { INJECTED_FAULT_HEADER } from "../../../src/core/simulator/index.ts";
import { createSoferState, soferFetch } from "../../../src/sofer/mock.ts";
import { SOFER } from "../../../src/sofer/spec.ts";
import { soferValidator } from "../../../src/sofer/validation.ts";

const BASE = "https://api.sofer.ai";
const UNKNOWN = "00000000-0000-4000-8000-0000000000ff";
const episodes = Array.from({ length: 3 }, (_, i) => ({
  audio_url: `https://pod.test/${i}.mp3`,
  guid: `g${i}`,
}));
const state = createSoferState({
  feeds: { "https://pod.test/feed.xml": { title: "Pod", episodes } },
  failingUrls: ["https://a.test/bad.mp3"],
  batchFilesPageSize: 2,
});
const fetch = soferFetch(state);
const seen = new Set<string>();
const problems: string[] = [];

/** Sends a request for `operationId`, validates its response against the spec and notes its status. */
async function call(
  operationId: keyof typeof SOFER.operations,
  path: string,
  init: { body?: unknown; token?: string | null } = {},
) {
  const { method } = SOFER.operations[operationId];
  const headers = new Headers({ "content-type": "application/json" });
  if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? "conformance-token"}`);
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const response = await fetch(new Request(`${BASE}${path}`, { method, headers, body }));
  const parsed = (await response.json()) as any;
  const issues = soferValidator().validateResponse(operationId, {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get("content-type"),
    body: parsed,
  });
  problems.push(...issues.map((i) => `${operationId} ${response.status} ${i.location}: ${i.message}`));
  seen.add(`${operationId} ${response.status}`);
  return { status: response.status, body: parsed, headers: response.headers };
}

const express = {
  processing_mode: "express",
  batch_title: "Series",
  info: { hebrew_word_format: ["en", "he"] },
  audio_sources: [
    { audio_url: "https://a.test/1.mp3", client_item_id: "one", num_speakers: 2 },
    { audio_url: "https://a.test/bad.mp3", client_item_id: "two", auto_detect_speakers: true },
    { audio_url: "https://a.test/3.mp3", auto_detect_speakers: true },
  ],
};

describe("the Sofer simulator's answers, against the spec", () => {
  let fileId = "";
  let batchId = "";
  let transcriptionId = "";

  it("uploads, imports, lists and reads manifests", async () => {
    const json = await call("batchTranscribe_uploadBatchFile", "/v1/transcriptions/batch-files", {
      body: {
        content_type: "json",
        json_items: [{ audio_url: "https://a.test/1.mp3" }],
        metadata: { title: "T" },
      },
    });
    expect(json.status).toBe(200);
    fileId = json.body.batch_file_id;
    await call("batchTranscribe_uploadBatchFile", "/v1/transcriptions/batch-files", {
      body: { content_type: "jsonl", jsonl: "{" },
    });
    await call("batchTranscribe_uploadBatchFile", "/v1/transcriptions/batch-files", {
      body: { content_type: "json" },
    });
    for (const offset of [0, 2])
      await call("batchTranscribe_createBatchFileFromRss", "/v1/transcriptions/batch-files/from-rss", {
        body: { rss_url: "https://pod.test/feed.xml", limit: 2, offset },
      });
    await call("batchTranscribe_createBatchFileFromRss", "/v1/transcriptions/batch-files/from-rss", {
      body: { rss_url: "x" },
    });
    for (const id of state.batchFiles.keys()) {
      await call("batchTranscribe_getBatchFile", `/v1/transcriptions/batch-files/${id}`); // PENDING_VALIDATION
      state.validateBatchFile(id);
      await call("batchTranscribe_getBatchFile", `/v1/transcriptions/batch-files/${id}`); // VALID or INVALID
    }
    await call("batchTranscribe_getBatchFile", `/v1/transcriptions/batch-files/${UNKNOWN}`);
    await call("batchTranscribe_getBatchFile", "/v1/transcriptions/batch-files/not-a-uuid");
    const first = await call("batchTranscribe_listBatchFiles", "/v1/transcriptions/batch-files");
    await call(
      "batchTranscribe_listBatchFiles",
      `/v1/transcriptions/batch-files?cursor=${first.body.next_cursor}`,
    );
    await call("batchTranscribe_listBatchFiles", "/v1/transcriptions/batch-files?cursor=forged");
  });

  it("creates express and standard batches, and reads them at every stage", async () => {
    const created = await call("batchTranscribe_createBatchTranscription", "/v1/transcriptions/batch", {
      body: express,
    });
    expect(created.status).toBe(200);
    batchId = created.body.batch_id;
    transcriptionId = created.body.transcription_ids[1];
    const standard = { batch_file_id: fileId, info: { primary_language: "he" } };
    expect(
      (await call("batchTranscribe_createBatchTranscription", "/v1/transcriptions/batch", { body: standard }))
        .status,
    ).toBe(200);
    await call("batchTranscribe_createBatchTranscription", "/v1/transcriptions/batch", {
      body: { ...express, batch_file_id: fileId },
    });
    for (let step = 0; step < 3; step++) {
      await call("batchTranscribe_getBatchStatus", `/v1/transcriptions/batch/${batchId}/status`);
      for (const id of ["one", "two"])
        await call(
          "batchTranscribe_getBatchTranscriptionByClientItemId",
          `/v1/transcriptions/batch/${batchId}/items/by-client-item-id?client_item_id=${id}`,
        );
      for (const id of state.batches.get(batchId)!.transcriptions.map((t) => t.id)) {
        await call("transcribe_getTranscriptionStatus", `/v1/transcriptions/${id}/status`);
        await call("transcribe_getTranscription", `/v1/transcriptions/${id}`);
        await call(
          "transcribe_getTranscription",
          `/v1/transcriptions/${id}?filter_hebrew_word_format=hybrid`,
        );
      }
      state.advance(batchId);
    }
    state.insufficientFunds = true;
    const poor = await call("batchTranscribe_createBatchTranscription", "/v1/transcriptions/batch", {
      body: express,
    });
    state.insufficientFunds = false;
    state.runToCompletion(poor.body.batch_id);
    const failed = await call(
      "batchTranscribe_getBatchStatus",
      `/v1/transcriptions/batch/${poor.body.batch_id}/status`,
    );
    expect(failed.body).toMatchObject({ status: "FAILED", failed_count: 3 });
  });

  it("refuses unknown ids (404), malformed ids and queries (400), and missing keys (401)", async () => {
    const byClient = "/items/by-client-item-id";
    await call("batchTranscribe_getBatchStatus", `/v1/transcriptions/batch/${UNKNOWN}/status`);
    await call("batchTranscribe_getBatchStatus", "/v1/transcriptions/batch/nope/status");
    await call(
      "batchTranscribe_getBatchTranscriptionByClientItemId",
      `/v1/transcriptions/batch/${batchId}${byClient}?client_item_id=x`,
    );
    await call(
      "batchTranscribe_getBatchTranscriptionByClientItemId",
      `/v1/transcriptions/batch/${UNKNOWN}${byClient}?client_item_id=x`,
    );
    await call(
      "batchTranscribe_getBatchTranscriptionByClientItemId",
      `/v1/transcriptions/batch/${batchId}${byClient}`,
    );
    await call("transcribe_getTranscriptionStatus", `/v1/transcriptions/${UNKNOWN}/status`);
    await call("transcribe_getTranscriptionStatus", "/v1/transcriptions/nope/status");
    await call("transcribe_getTranscription", `/v1/transcriptions/${UNKNOWN}`);
    await call(
      "transcribe_getTranscription",
      `/v1/transcriptions/${transcriptionId}?filter_hebrew_word_format=xx`,
    );
    for (const [operationId, entry] of Object.entries(SOFER.operations)) {
      const path = entry.path
        .replace("{batch_file_id}", fileId)
        .replace("{batch_id}", batchId)
        .replace("{transcription_id}", transcriptionId);
      for (const token of [null, "not-a-key"]) {
        const body = entry.method === "POST" ? {} : undefined;
        const refused = await call(operationId as keyof typeof SOFER.operations, path, { token, body });
        expect(refused).toMatchObject({ status: 401, body: { detail: "Invalid or missing API key." } });
      }
    }
  });

  it("answers injected faults (429 with Retry-After) in Sofer's body, marked as injected", async () => {
    for (const [operationId, entry] of Object.entries(SOFER.operations)) {
      state.faults.inject({ status: 429, retryAfter: 2, operationId });
      const path = entry.path
        .replace("{batch_file_id}", fileId)
        .replace("{batch_id}", batchId)
        .replace("{transcription_id}", transcriptionId);
      const body = entry.method === "POST" ? {} : undefined;
      const answer = await call(operationId as keyof typeof SOFER.operations, path, { body });
      expect(answer.status).toBe(429);
      expect(answer.body).toEqual({ detail: "Rate limit exceeded." });
      expect([answer.headers.get("retry-after"), answer.headers.get(INJECTED_FAULT_HEADER)]).toEqual([
        "2",
        "true",
      ]);
    }
    expect(state.faults.size).toBe(0);
  });

  it("validated every answer, and gave every status the spec documents for each operation", () => {
    expect(problems).toEqual([]);
    const documented = Object.entries(SOFER.operations).flatMap(([id, e]) =>
      e.statuses.map((s) => `${id} ${s}`),
    );
    expect(documented.filter((s) => !seen.has(s))).toEqual([]);
    expect([...seen].filter((s) => !documented.includes(s))).toEqual([]);
  });
});
