// A simulator never throws: what a careless or hostile caller sends is answered with a status the spec
// documents (or the guard's 404/405), in SLNG's `{error}` body, and leaves the state as it was; the
// simulated S3 origins answer S3's XML errors.
import { describe, expect, it } from "vitest";
import { BASE, KEY, simulator } from "./helpers.ts";

const BOUNDARY = "XyZ";
const part = (headers: string, content: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${content}\r\n`;
const multipart = (...parts: string[]) => `${parts.join("")}--${BOUNDARY}--\r\n`;
const filePart = (filename: string, content = "RIFF") =>
  part(
    `Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: audio/wav`,
    content,
  );
const field = (name: string, content: string) =>
  part(`Content-Disposition: form-data; name="${name}"`, content);
const form = `multipart/form-data; boundary=${BOUNDARY}`;
const long = "x".repeat(70_000);
const cfg = '{"language":"en"}';

function setup(options: Parameters<typeof simulator>[0] = {}) {
  const { state, fetch } = simulator(options);
  const send = async (
    method: string,
    url: string,
    body?: BodyInit,
    contentType = "application/json",
    extra: Record<string, string> = {},
  ) => {
    const headers = { Authorization: `Bearer ${KEY}`, "content-type": contentType, ...extra };
    const init: RequestInit & { duplex?: "half" } = { method, headers, body };
    if (body instanceof ReadableStream) init.duplex = "half";
    const response = await fetch(new Request(url, init));
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed as any };
  };
  const untouched = () => [state.jobs.size, state.uploads.size];
  return { state, send, untouched };
}

describe("the SLNG simulator, given hostile requests", () => {
  it.each([
    ["a multipart body that is not multipart", 400, "POST", "/v1/batch/jobs", "garbage", form],
    [
      "a multipart body without a boundary",
      400,
      "POST",
      "/v1/batch/jobs",
      multipart(filePart("a.wav")),
      "multipart/form-data",
    ],
    [
      "a multipart body cut short",
      400,
      "POST",
      "/v1/batch/jobs",
      multipart(filePart("a.wav"), field("transcription_config", cfg)).slice(0, 70),
      form,
    ],
    [
      "`file` as a text field",
      400,
      "POST",
      "/v1/batch/jobs",
      multipart(field("file", "x"), field("transcription_config", cfg)),
      form,
    ],
    [
      "a form without transcription_config",
      400,
      "POST",
      "/v1/batch/jobs",
      multipart(filePart("a.wav")),
      form,
    ],
    [
      "a transcription_config that is not JSON",
      400,
      "POST",
      "/v1/batch/jobs",
      multipart(filePart("a.wav"), field("transcription_config", "{")),
      form,
    ],
    ["an empty multipart body", 400, "POST", "/v1/batch/jobs", "", form],
    ["malformed JSON", 400, "POST", "/v1/batch/jobs", '{"input_url": ', "application/json"],
    ["an empty body", 400, "POST", "/v1/batch/jobs", "", "application/json"],
    ["a JSON array", 400, "POST", "/v1/batch/jobs", "[]", "application/json"],
    ["a body of another type", 400, "POST", "/v1/batch/jobs", "hello", "text/plain"],
    [
      "a body nested thousands deep",
      400,
      "POST",
      "/v1/batch/jobs",
      `{"input_url":"https://a.test/a.wav","transcription_config":{},"metadata":{"x":${"[".repeat(5000)}${"]".repeat(5000)}}}`,
      "application/json",
    ],
    [
      "a 70,000-character job_id",
      400,
      "POST",
      "/v1/batch/jobs",
      JSON.stringify({ input_url: "https://a.test/a", job_id: long, transcription_config: {} }),
      "application/json",
    ],
    [
      "a 70,000-character key",
      400,
      "POST",
      "/v1/batch/jobs",
      JSON.stringify({ input_url: "https://a.test/a", transcription_config: {}, [long]: 1 }),
      "application/json",
    ],
    [
      "a javascript: input_url",
      400,
      "POST",
      "/v1/batch/jobs",
      JSON.stringify({ input_url: "javascript:alert(1)", transcription_config: {} }),
      "application/json",
    ],
    [
      "a step 3 naming an s3_key nobody presigned",
      400,
      "POST",
      "/v1/batch/jobs",
      JSON.stringify({ s3_key: "../../etc/passwd", transcription_config: {} }),
      "application/json",
    ],
    [
      "a step 3 naming __proto__",
      400,
      "POST",
      "/v1/batch/jobs",
      JSON.stringify({ s3_key: "__proto__", transcription_config: {} }),
      "application/json",
    ],
    ["a job named constructor", 404, "GET", "/v1/batch/jobs/constructor", undefined, "application/json"],
    ["a malformed %-escape in an id", 400, "GET", "/v1/batch/jobs/%E0%A4%A", undefined, "application/json"],
    [
      "a malformed %-escape in a query",
      400,
      "GET",
      "/v1/batch/jobs?page=%E0%A4%A",
      undefined,
      "application/json",
    ],
    ["a page no list can reach", 400, "GET", "/v1/batch/jobs?page=1e400", undefined, "application/json"],
    [
      "a date that is no date",
      400,
      "GET",
      "/v1/batch/jobs?submitted_before=2026-13-45T99:00:00Z",
      undefined,
      "application/json",
    ],
    ["an empty status filter", 400, "GET", "/v1/batch/jobs?status=", undefined, "application/json"],
    ["a path the API does not have", 404, "GET", "/v1/batch/job", undefined, "application/json"],
    [
      "an id that climbs out of its path",
      400,
      "GET",
      "/v1/batch/jobs/..%2F..%2Fetc",
      undefined,
      "application/json",
    ],
    ["a method the path does not take", 405, "PUT", "/v1/batch/jobs", "{}", "application/json"],
  ])(
    "answers %s with %i in SLNG's body, creating nothing",
    async (_what, status, method, path, body, type) => {
      const { send, untouched } = setup();
      const answer = await send(method, `${BASE}${path}`, body, type);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error: expect.any(String) });
      expect(untouched()).toEqual([0, 0]);
    },
  );

  it("refuses a body whose Content-Length is over the limit without reading it (413)", async () => {
    const { send, untouched } = setup({ maxUploadBytes: 1000 });
    const stream = new ReadableStream<Uint8Array>({
      pull: () => {
        throw new Error("the body was read");
      },
    });
    const answer = await send("POST", `${BASE}/v1/batch/jobs`, stream, form, {
      "content-length": "9000000000",
    });
    expect(answer).toEqual({ status: 413, body: { error: "File too large. Maximum size is 1 GB." } });
    expect(untouched()).toEqual([0, 0]);
  });

  it("takes odd but well-formed parts: a part named __proto__, a nameless file, a long unicode name", async () => {
    const { state, send } = setup();
    const name = `${"ध्वनि".repeat(200)}.wav`;
    for (const filename of ["", name]) {
      const answer = await send(
        "POST",
        `${BASE}/v1/batch/jobs`,
        multipart(field("__proto__", "{}"), filePart(filename), field("transcription_config", cfg)),
        form,
      );
      expect(answer.status).toBe(202);
    }
    expect([...state.jobs.values()].map((j) => "filename" in j.source && j.source.filename)).toEqual([
      "audio",
      name,
    ]);
    expect(({} as { file?: unknown }).file).toBeUndefined();
  });

  it("answers odd requests to the S3 origins with S3's XML errors, never throwing", async () => {
    const { send, state } = setup();
    const presigned = await send(
      "POST",
      `${BASE}/v1/batch/jobs`,
      JSON.stringify({ mode: "presign", filename: "../../a b?.wav", transcription_config: {} }),
    );
    expect(presigned.status).toBe(200);
    expect(presigned.body.upload.s3_key).toBe(`inputs/${presigned.body.job_id}/.._.._a_b_.wav`);
    for (const url of [
      "https://slng-sim-uploads.test/%E0%A4%A",
      "https://slng-sim-uploads.test/inputs/x/y?X-Amz-Signature=abc",
      "https://slng-sim-downloads.test/%E0%A4%A",
      "https://slng-sim-downloads.test/outputs/job1.json?X-Amz-Date=garbage&X-Amz-Expires=x&X-Amz-Signature=1",
      "https://slng-sim-downloads.test/outputs/job1.json",
    ]) {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const answer = await send(
          method,
          url,
          method === "PUT" ? "x" : undefined,
          "application/octet-stream",
        );
        // The upload origin takes only PUT, the download origin only GET (and HEAD): 405 for the rest.
        const taken = url.includes("uploads") ? "PUT" : "GET";
        expect([url, method, answer.status]).toEqual([url, method, method === taken ? 403 : 405]);
        expect(answer.body).toMatch(/^<\?xml.*<Error><Code>\w+<\/Code>/s);
      }
    }
    expect(state.jobs.size).toBe(0);
  });

  it("answers a page far beyond the last with an empty page whose numbers are still true", async () => {
    const { state, send } = setup();
    state.addJob({ source: { kind: "url", url: "https://a.test/a.wav" } });
    const answer = await send("GET", `${BASE}/v1/batch/jobs?page=9007199254740991&page_size=100`);
    expect(answer).toEqual({
      status: 200,
      body: { items: [], meta: { page: 9007199254740991, page_size: 100, total: 1, pages: 1 } },
    });
  });
});
