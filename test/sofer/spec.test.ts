// specs/sofer: the rules the seed states are in the schema where JSON Schema can say them, and every
// example of the spec validates against its own schema (checked here with the validators the clients
// and simulator use, not only by the linter).
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../generated/sofer.operations.ts";
import { soferSpec, soferValidator } from "../../src/sofer/validation.ts";

const v = soferValidator();
const body = (operationId: string, value: unknown) =>
  v.validateRequest(operationId, {
    skipSecurity: true,
    contentType: "application/json",
    body: value,
    pathParams: {},
    query: {},
  });
const locations = (issues: { location: string }[]) => issues.map((i) => i.location);

const item = (n: number, extra: object = {}) => ({ audio_url: `https://cdn.example.com/${n}.mp3`, ...extra });
const items = (count: number) => Array.from({ length: count }, (_, i) => item(i + 1));

describe("batchTranscribe_createBatchTranscription", () => {
  const express = (extra: object) => ({ processing_mode: "express", info: {}, ...extra });
  it("takes an express batch of 1 to 10 audio_sources", () => {
    expect(body("batchTranscribe_createBatchTranscription", express({ audio_sources: items(10) }))).toEqual(
      [],
    );
    expect(
      locations(body("batchTranscribe_createBatchTranscription", express({ audio_sources: items(11) }))),
    ).toContain("body.audio_sources");
    expect(body("batchTranscribe_createBatchTranscription", express({ audio_sources: [] }))).not.toEqual([]);
  });
  it("takes a standard batch with batch_file_id, with or without the mode", () => {
    const id = "3f2b8a1e-6c4d-4e5f-9a7b-1c2d3e4f5a6b";
    expect(body("batchTranscribe_createBatchTranscription", { batch_file_id: id, info: {} })).toEqual([]);
    expect(
      body("batchTranscribe_createBatchTranscription", {
        processing_mode: "standard",
        batch_file_id: id,
        info: {},
      }),
    ).toEqual([]);
  });
  it.each([
    [
      "both",
      {
        processing_mode: "express",
        audio_sources: items(1),
        batch_file_id: "3f2b8a1e-6c4d-4e5f-9a7b-1c2d3e4f5a6b",
      },
    ],
    ["neither (standard)", {}],
    ["neither (express)", { processing_mode: "express" }],
  ])("refuses %s", (_, extra) => {
    expect(body("batchTranscribe_createBatchTranscription", { info: {}, ...extra })).not.toEqual([]);
  });
  it("leaves the match of mode and field to the API (shared/PROVIDERS.md: exactly one of the two fields)", () => {
    expect(body("batchTranscribe_createBatchTranscription", { info: {}, audio_sources: items(1) })).toEqual(
      [],
    );
  });
  it("refuses num_speakers with auto_detect_speakers, in info and in an item, and lets null mean unset", () => {
    const both = { num_speakers: 2, auto_detect_speakers: true };
    expect(
      body("batchTranscribe_createBatchTranscription", express({ audio_sources: items(1), info: both })),
    ).not.toEqual([]);
    expect(
      body("batchTranscribe_createBatchTranscription", express({ audio_sources: [item(1, both)] })),
    ).not.toEqual([]);
    const oneNull = { num_speakers: 2, auto_detect_speakers: null };
    expect(
      body(
        "batchTranscribe_createBatchTranscription",
        express({ audio_sources: [item(1, oneNull)], info: oneNull }),
      ),
    ).toEqual([]);
  });
});

it("lets a language other than English write Hebrew words in Hebrew letters only", () => {
  const info = (primary_language: string, hebrew_word_format: string[]) => ({
    processing_mode: "express",
    audio_sources: items(1),
    info: { primary_language, hebrew_word_format },
  });
  expect(body("batchTranscribe_createBatchTranscription", info("he", ["he"]))).toEqual([]);
  expect(body("batchTranscribe_createBatchTranscription", info("en", ["en", "he"]))).toEqual([]);
  expect(locations(body("batchTranscribe_createBatchTranscription", info("yi", ["en"])))).toContain(
    "body.info.hebrew_word_format[0]",
  );
});

describe("batchTranscribe_uploadBatchFile", () => {
  it("takes 1 to 500 json_items with content_type json, or a jsonl string with jsonl", () => {
    expect(body("batchTranscribe_uploadBatchFile", { content_type: "json", json_items: items(500) })).toEqual(
      [],
    );
    expect(
      body("batchTranscribe_uploadBatchFile", { content_type: "json", json_items: items(501) }),
    ).not.toEqual([]);
    expect(
      body("batchTranscribe_uploadBatchFile", { content_type: "jsonl", jsonl: '{"audio_url":"a"}' }),
    ).toEqual([]);
  });
  it.each([
    ["json with jsonl", { content_type: "json", jsonl: '{"audio_url":"a"}' }],
    ["jsonl with json_items", { content_type: "jsonl", json_items: items(1) }],
    ["both", { content_type: "json", json_items: items(1), jsonl: '{"audio_url":"a"}' }],
    ["neither", { content_type: "json" }],
  ])("refuses %s", (_, value) => {
    expect(body("batchTranscribe_uploadBatchFile", value)).not.toEqual([]);
  });
});

it("duration is a number that may be null (Sofer's own file says integer)", () => {
  const info = {
    id: "0b8e4f8a-2c1d-4b6e-8f3a-5d7c9e1b2a40",
    title: "t",
    created_at: "2026-06-01T10:00:00Z",
    primary_language: "en",
    hebrew_word_format: ["en"],
    status: "COMPLETED",
  };
  expect(v.validateSchema("TranscriptionInfo", { ...info, duration: 1802.5 })).toEqual([]);
  expect(v.validateSchema("TranscriptionInfo", { ...info, duration: null })).toEqual([]);
  expect(v.validateSchema("TranscriptionInfo", { ...info, duration: "1802" })).not.toEqual([]);
});

describe("every example validates against its schema", () => {
  const cases: [string, string, unknown][] = [];
  for (const operationId of Object.keys(OPERATIONS)) {
    const op = v.operation(operationId) as unknown as { method: string; path: string };
    const raw = (soferSpec.paths as Record<string, Record<string, any>>)[op.path]![op.method.toLowerCase()];
    const resolve = (node: any): any =>
      node?.$ref
        ? resolve(
            node.$ref
              .split("/")
              .slice(1)
              .reduce((n: any, k: string) => n[k], soferSpec),
          )
        : node;
    const media = raw.requestBody?.content?.["application/json"];
    for (const [name, ex] of Object.entries<any>(media?.examples ?? {}))
      cases.push([operationId, `request ${name}`, resolve(ex).value]);
    for (const [status, response] of Object.entries<any>(raw.responses)) {
      for (const [name, ex] of Object.entries<any>(
        resolve(response).content?.["application/json"]?.examples ?? {},
      ))
        cases.push([operationId, `${status} ${name}`, { status: Number(status), value: resolve(ex).value }]);
    }
  }
  it("has examples for every operation's request and 200", () => {
    for (const operationId of Object.keys(OPERATIONS)) {
      expect(
        cases.some(([op, what]) => op === operationId && what.startsWith("200")),
        operationId,
      ).toBe(true);
    }
  });
  it.each(cases)("%s %s", (operationId, what, value) => {
    if (what.startsWith("request")) expect(body(operationId, value)).toEqual([]);
    else {
      const { status, value: example } = value as { status: number; value: unknown };
      expect(
        v.validateResponse(operationId, {
          status,
          contentType: "application/json",
          body: example,
        }),
      ).toEqual([]);
    }
  });
});
