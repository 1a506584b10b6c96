// specs/slng: the rules SLNG states are in the schema where JSON Schema can say them (the job_id
// pattern, page_size at most 100, the status filter's values, the three JSON create bodies told apart,
// the multipart body's required parts, the closed `{error}` body), and every example of the spec
// validates against its own schema (shared/providers/slng.md). There is no src/slng yet, so the
// validator is compiled at run time from the bundled spec.
import { describe, expect, it } from "vitest";
import document from "../../generated/slng.openapi.json" with { type: "json" };
import { OPERATIONS } from "../../generated/slng.operations.ts";
import { runtimeValidator } from "../../src/core/ajv-compiler.ts";
import type { OpenApiDocument } from "../../src/core/openapi-types.ts";

const spec = document as unknown as OpenApiDocument;
const v = runtimeValidator(spec);

const json = (operationId: string, value: unknown) =>
  v.validateRequest(operationId, { skipSecurity: true, contentType: "application/json", body: value });
const form = (value: unknown) =>
  v.validateRequest("batchJobsCreate", {
    skipSecurity: true,
    contentType: "multipart/form-data",
    body: value,
  });
const query = (q: Record<string, unknown>) =>
  v.validateRequest("batchJobsList", { skipSecurity: true, query: q });
const path = (operationId: string, jobId: string) =>
  v.validateRequest(operationId, { skipSecurity: true, pathParams: { jobId } });
const response = (operationId: string, status: number, body: unknown) =>
  v.validateResponse(operationId, { status, contentType: "application/json", body });
const locations = (issues: { location: string }[]) => issues.map((i) => i.location);

const config = { language: "en" };
const audio = () => new Blob([new Uint8Array(16)], { type: "audio/wav" });
const urlBody = { input_url: "https://storage.example.com/a.mp3", transcription_config: config };
const presignBody = { mode: "presign", filename: "a.wav", transcription_config: config };
const uploadBody = { s3_key: "inputs/job1/a.wav", job_id: "job1", transcription_config: config };

describe("job_id is alphanumeric", () => {
  it.each(["batchJobsGet", "batchJobsDelete", "batchJobsFiles"])("in the path of %s", (operationId) => {
    expect(path(operationId, "myjob123")).toEqual([]);
    expect(locations(path(operationId, "my-job"))).toContain("path.jobId");
    expect(locations(path(operationId, "job_1"))).toContain("path.jobId");
  });
  it("in every create body", () => {
    expect(locations(json("batchJobsCreate", { ...urlBody, job_id: "my job" }))).not.toEqual([]);
    expect(json("batchJobsCreate", { ...presignBody, job_id: "job1" })).toEqual([]);
    expect(json("batchJobsCreate", { ...presignBody, job_id: "job-1" })).not.toEqual([]);
    expect(form({ file: audio(), transcription_config: config, job_id: "myjob123" })).toEqual([]);
    expect(locations(form({ file: audio(), transcription_config: config, job_id: "my-job" }))).toContain(
      "body.job_id",
    );
  });
  it("in the answers", () => {
    expect(response("batchJobsCreate", 202, { job_id: "myjob123", status: "QUEUED" })).toEqual([]);
    expect(locations(response("batchJobsCreate", 202, { job_id: "my/job", status: "QUEUED" }))).toContain(
      "body.job_id",
    );
  });
});

describe("batchJobsList query", () => {
  it("takes a page_size of 1 to 100", () => {
    expect(query({ page_size: "100" })).toEqual([]);
    expect(query({ page_size: "1", page: "3" })).toEqual([]);
    expect(locations(query({ page_size: "101" }))).toContain("query.page_size");
    expect(locations(query({ page_size: "0" }))).toContain("query.page_size");
    expect(locations(query({ page: "0" }))).toContain("query.page");
  });
  it("takes a comma-separated status filter of the six values the list allows", () => {
    expect(query({ status: "DONE" })).toEqual([]);
    expect(query({ status: "QUEUED,IN_PROGRESS,DECODING,DONE,FAILED,DELETED" })).toEqual([]);
    expect(query(new URLSearchParams("status=DONE,FAILED") as never)).toEqual([]);
    for (const bad of ["POST_PROCESSING", "DONE,BOGUS", "DONE, FAILED", "done", "DONE,", ""])
      expect(locations(query({ status: bad })), bad).toContain("query.status");
  });
  it("takes date-times, and only the documented sorts", () => {
    expect(
      query({ submitted_after: "2026-01-01T00:00:00Z", sort_by: "model_code", sort_order: "asc" }),
    ).toEqual([]);
    expect(locations(query({ submitted_before: "yesterday" }))).toContain("query.submitted_before");
    expect(locations(query({ sort_by: "job_id" }))).toContain("query.sort_by");
  });
});

describe("batchJobsCreate JSON bodies: a URL, presign step 1 or presign step 3, exactly one", () => {
  it.each([
    ["a URL", urlBody],
    ["presign step 1", presignBody],
    ["presign step 3", uploadBody],
  ])("takes %s", (_, value) => {
    expect(json("batchJobsCreate", value)).toEqual([]);
  });
  it.each([
    ["a URL with s3_key", { ...urlBody, s3_key: "inputs/a.wav" }],
    ["a URL with mode", { ...urlBody, mode: "presign", filename: "a.wav" }],
    ["presign step 1 with s3_key", { ...presignBody, s3_key: "inputs/a.wav" }],
    ["all three", { ...urlBody, ...presignBody, ...uploadBody }],
    ["none of them", { transcription_config: config }],
    ["a mode other than presign", { ...presignBody, mode: "upload" }],
    ["presign step 1 without filename", { mode: "presign", transcription_config: config }],
    ["a URL without transcription_config", { input_url: "https://storage.example.com/a.mp3" }],
    ["a URL that is not HTTPS", { ...urlBody, input_url: "ftp://storage.example.com/a.mp3" }],
  ])("refuses %s", (_, value) => {
    expect(json("batchJobsCreate", value)).not.toEqual([]);
  });
  it("takes metadata as an object in JSON", () => {
    expect(json("batchJobsCreate", { ...urlBody, metadata: { a: 1 } })).toEqual([]);
    expect(json("batchJobsCreate", { ...urlBody, metadata: '{"a":1}' })).not.toEqual([]);
  });
});

describe("batchJobsCreate multipart body", () => {
  const parts = (entries: [string, string | Blob][]) => {
    const f = new FormData();
    for (const [name, value] of entries) f.append(name, value);
    return f;
  };
  it("takes a file and a JSON transcription_config, with metadata as a JSON string", () => {
    expect(
      form(
        parts([
          ["file", audio()],
          ["transcription_config", JSON.stringify({ language: "en", diarization: "speaker" })],
          ["metadata", JSON.stringify({ a: 1 })],
          ["tracking", JSON.stringify({ title: "t", tags: ["x"] })],
          ["output_config", JSON.stringify({ srt_overrides: { max_line_length: 37, max_lines: 2 } })],
        ]),
      ),
    ).toEqual([]);
  });
  it.each([
    ["file", [["transcription_config", "{}"]]],
    ["transcription_config", [["file", audio()]]],
  ] as [string, [string, string | Blob][]][])("refuses a body without %s", (part, entries) => {
    expect(form(parts(entries))).toEqual([{ location: `body.${part}`, message: "is required" }]);
  });
  it("reads transcription_config as JSON and checks it", () => {
    expect(
      locations(
        form(
          parts([
            ["file", audio()],
            ["transcription_config", "not json"],
          ]),
        ),
      ),
    ).toContain("body.transcription_config");
    expect(
      locations(
        form(
          parts([
            ["file", audio()],
            ["transcription_config", JSON.stringify({ diarization: "everyone" })],
          ]),
        ),
      ),
    ).toContain("body.transcription_config.diarization");
  });
  it("wants the file as a file part, not a text field", () => {
    expect(
      locations(
        form(
          parts([
            ["file", "audio.wav"],
            ["transcription_config", "{}"],
          ]),
        ),
      ),
    ).toContain("body.file");
  });
});

describe("answers", () => {
  it("an error body is exactly {error}", () => {
    expect(response("batchJobsGet", 403, { error: "API key id not found" })).toEqual([]);
    expect(response("batchJobsGet", 403, { error: "x", code: 1 })).not.toEqual([]);
    expect(response("batchJobsGet", 404, {})).not.toEqual([]);
  });
  it("answers a bad key with 403, never 401", () => {
    expect(locations(response("batchJobsList", 401, { error: "x" }))).toEqual(["status"]);
  });
  it("refuses delete of a running job with 409, and only delete", () => {
    expect(response("batchJobsDelete", 409, { error: "Job must be DONE or FAILED to delete" })).toEqual([]);
    expect(locations(response("batchJobsGet", 409, { error: "x" }))).toEqual(["status"]);
  });
  it("knows the seven job states", () => {
    const job = (status: string) => ({ job_id: "a1", status });
    for (const status of [
      "QUEUED",
      "IN_PROGRESS",
      "DECODING",
      "POST_PROCESSING",
      "DONE",
      "FAILED",
      "DELETED",
    ])
      expect(v.validateSchema("BatchJob", job(status)), status).toEqual([]);
    expect(v.validateSchema("BatchJob", job("EXPIRED"))).not.toEqual([]);
  });
  it("takes error_message as {message}, a string or null (shared/PROVIDERS.md)", () => {
    const job = (error_message: unknown) => ({ job_id: "a1", status: "FAILED", error_message });
    for (const value of [{ message: "bad audio" }, "bad audio", null])
      expect(v.validateSchema("BatchJob", job(value))).toEqual([]);
    expect(v.validateSchema("BatchJob", job(42))).not.toEqual([]);
    expect(v.validateSchema("BatchJob", job({}))).not.toEqual([]);
  });
  it("lists output files only in json, txt or srt", () => {
    const file = (format: string) => ({ format, key: "k", s3_uri: "s3://b/k", download_url: "https://x/k" });
    expect(v.validateSchema("JobOutputFile", file("srt"))).toEqual([]);
    expect(v.validateSchema("JobOutputFile", file("json-v2"))).not.toEqual([]);
  });
});

describe("every example validates against its schema", () => {
  type Node = Record<string, any>;
  const resolve = (node: any): any =>
    node?.$ref
      ? resolve(
          (node.$ref as string)
            .split("/")
            .slice(1)
            .reduce((n: any, k: string) => n[k.replace(/~1/g, "/").replace(/~0/g, "~")], spec),
        )
      : node;
  const examplesOf = (media: Node | undefined): [string, unknown][] => [
    ...Object.entries<any>(media?.examples ?? {}).map(([name, ex]): [string, unknown] => [
      name,
      resolve(ex).value,
    ]),
    ...(media && "example" in media ? [["example", media.example] as [string, unknown]] : []),
  ];
  const cases: [string, string, () => unknown[]][] = [];
  const withoutExample: string[] = [];
  for (const operationId of Object.keys(OPERATIONS)) {
    const info = v.operation(operationId);
    const raw = resolve(spec.paths?.[info.path!])[info.method.toLowerCase()] as Node;
    const content = (resolve(raw.requestBody)?.content ?? {}) as Node;
    for (const [type, media] of Object.entries<Node>(content))
      for (const [name, value] of examplesOf(media))
        cases.push([
          operationId,
          `request ${type} ${name}`,
          () =>
            v.validateRequest(operationId, {
              skipSecurity: true,
              contentType: type,
              // A form example names its file; a form sends one.
              body: type === "multipart/form-data" ? { ...(value as Node), file: audio() } : value,
            }),
        ]);
    for (const [status, rawResponse] of Object.entries<any>(raw.responses))
      for (const [type, media] of Object.entries<Node>(resolve(rawResponse).content ?? {}))
        for (const [name, value] of examplesOf(media))
          cases.push([
            operationId,
            `${status} ${name}`,
            () => v.validateResponse(operationId, { status: Number(status), contentType: type, body: value }),
          ]);
    if (info.parameters.length > 0) {
      const pathParams: Node = {};
      const q: Node = {};
      for (const { param } of info.parameters) {
        const { example } = param as { example?: unknown };
        if (example === undefined) withoutExample.push(`${operationId} ${param.name}`);
        (param.in === "path" ? pathParams : q)[param.name] = String(example);
      }
      cases.push([
        operationId,
        "parameters",
        () => v.validateRequest(operationId, { skipSecurity: true, pathParams, query: q }),
      ]);
    }
  }
  it("has an example for every parameter, request body and response", () => {
    expect(withoutExample).toEqual([]);
    for (const operationId of Object.keys(OPERATIONS)) {
      const info = v.operation(operationId);
      for (const status of Object.keys(info.operation.responses ?? {}))
        expect(
          cases.some(([op, what]) => op === operationId && what.startsWith(`${status} `)),
          `${operationId} ${status}`,
        ).toBe(true);
    }
    expect(cases.filter(([, what]) => what.startsWith("request multipart")).length).toBeGreaterThan(0);
    expect(cases.filter(([, what]) => what.startsWith("request application/json")).length).toBe(3);
  });
  it("has the seed's request and response among them", () => {
    expect(cases.map(([op, what]) => `${op} ${what}`)).toEqual(
      expect.arrayContaining([
        "batchJobsCreate request multipart/form-data seed",
        "batchJobsCreate 200 seed",
      ]),
    );
  });
  it.each(cases)("%s %s", (_, __, check) => {
    expect(check()).toEqual([]);
  });
});
