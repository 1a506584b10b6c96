// A simulator never throws: what a careless or hostile caller sends is answered with a status the spec
// documents (or the guard's 404/405 for what is no operation of it), in Soket's `{error}` body, and
// leaves the state as it was.
import { describe, expect, it } from "vitest";
import { createSoketState, soketFetch } from "../../../src/soket/mock.ts";

const BASE = "https://api.soket.ai/transcribe";
const BOUNDARY = "XyZ";
const part = (headers: string, content: string) => `--${BOUNDARY}\r\n${headers}\r\n\r\n${content}\r\n`;
const multipart = (...parts: string[]) => `${parts.join("")}--${BOUNDARY}--\r\n`;
const filePart = (name: string, filename: string, content = "RIFF") =>
  part(`Content-Disposition: form-data; name="${name}"; filename="${filename}"`, content);

function simulator(options: Parameters<typeof createSoketState>[0] = {}) {
  const state = createSoketState(options);
  const fetch = soketFetch(state);
  const send = async (
    method: string,
    url: string,
    body?: BodyInit,
    contentType = "application/json",
    extra: Record<string, string> = {},
  ) => {
    const headers = { Authorization: "Bearer conformance-token", "content-type": contentType, ...extra };
    const init: RequestInit & { duplex?: "half" } = { method, headers, body };
    if (body instanceof ReadableStream) init.duplex = "half";
    const response = await fetch(new Request(url, init));
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) };
  };
  const untouched = () => [state.uploads.size, state.files.size, state.batches.size];
  return { state, send, untouched };
}

const long = "x".repeat(70_000);
const form = `multipart/form-data; boundary=${BOUNDARY}`;

describe("the Soket simulator, given hostile requests", () => {
  it.each([
    ["a multipart body that is not multipart", 400, "POST", "/files/upload", "garbage", form],
    [
      "a multipart body without a boundary",
      400,
      "POST",
      "/files/upload",
      multipart(filePart("files", "a.wav")),
      "multipart/form-data",
    ],
    [
      "a multipart body cut short",
      400,
      "POST",
      "/files/upload",
      multipart(filePart("files", "a.wav")).slice(0, 60),
      form,
    ],
    [
      "`files` as a text field",
      400,
      "POST",
      "/files/upload",
      multipart(part('Content-Disposition: form-data; name="files"', "x")),
      form,
    ],
    ["an empty multipart body", 400, "POST", "/files/upload", "", form],
    ["a form without `files`", 400, "POST", "/files/upload", multipart(filePart("audio", "a.wav")), form],
    ["JSON to the upload", 400, "POST", "/files/upload", '{"files":["a.wav"]}', "application/json"],
    ["malformed JSON", 400, "POST", "/batch", '{"file_ids": [', "application/json"],
    ["an empty body", 400, "POST", "/batch", "", "application/json"],
    ["a JSON array for an object", 400, "DELETE", "/files", "[]", "application/json"],
    // Written as text: JSON.stringify itself overflows the stack on such a value.
    [
      "a body nested thousands deep",
      400,
      "POST",
      "/batch",
      `{"sources":[{"url":"https://a.test/a.wav","x":${"[".repeat(5000)}${"]".repeat(5000)}}]}`,
      "application/json",
    ],
    [
      "a 70,000-character id",
      400,
      "POST",
      "/batch",
      JSON.stringify({ file_ids: [long] }),
      "application/json",
    ],
    [
      "a 70,000-character key",
      400,
      "POST",
      "/batch",
      JSON.stringify({ sources: [{ url: "https://a.test/a" }], [long]: 1 }),
      "application/json",
    ],
    [
      "a source that is not an http(s) URL",
      400,
      "POST",
      "/batch",
      JSON.stringify({ sources: [{ url: "javascript:alert(1)" }] }),
      "application/json",
    ],
    [
      "a source of empty strings",
      400,
      "POST",
      "/batch",
      JSON.stringify({ sources: [{ url: "", gcs_key: "" }] }),
      "application/json",
    ],
    ["empty lists", 400, "POST", "/batch", JSON.stringify({ file_ids: [], sources: [] }), "application/json"],
    [
      "an id named __proto__",
      404,
      "POST",
      "/batch",
      JSON.stringify({ file_ids: ["__proto__"] }),
      "application/json",
    ],
    ["a malformed %-escape in an id", 400, "GET", "/status/batch/%E0%A4%A", undefined, "application/json"],
    ["a malformed %-escape in a query", 400, "GET", "/files?page=%E0%A4%A", undefined, "application/json"],
    ["a page no list can reach", 400, "GET", "/files?page=1e400", undefined, "application/json"],
    ["a path the API does not have", 404, "GET", "/batches", undefined, "application/json"],
    [
      "an id that climbs out of its path",
      404,
      "GET",
      "/files/upload/..%2F..%2Fetc",
      undefined,
      "application/json",
    ],
    ["a method the path does not take", 405, "PUT", "/batch", "{}", "application/json"],
  ])(
    "answers %s with %i in Soket's body, creating nothing",
    async (_what, status, method, path, body, type) => {
      const { send, untouched } = simulator();
      const answer = await send(method, `${BASE}${path}`, body, type);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error: expect.any(String) });
      expect(untouched()).toEqual([0, 0, 0]);
    },
  );

  it("refuses a body whose Content-Length is over the limit without reading it (413)", async () => {
    const { send, untouched } = simulator({ maxUploadBytes: 1000 });
    const stream = new ReadableStream<Uint8Array>({
      pull: () => {
        throw new Error("the body was read");
      },
    });
    const answer = await send("POST", `${BASE}/files/upload`, stream, form, {
      "content-length": "9000000000",
    });
    expect(answer).toEqual({ status: 413, body: { error: expect.stringContaining("at most") } });
    expect(untouched()).toEqual([0, 0, 0]);
  });

  it("counts the bytes of a streamed upload with no Content-Length, refusing one over maxUploadBytes (413)", async () => {
    const { send, untouched } = simulator({ maxUploadBytes: 1000 });
    const body = multipart(
      filePart("files", "a.wav", "a".repeat(600)),
      filePart("files", "b.wav", "b".repeat(600)),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body));
        controller.close();
      },
    });
    const answer = await send("POST", `${BASE}/files/upload`, stream, form);
    expect(answer).toEqual({
      status: 413,
      body: { error: "upload too large: 1200 bytes of files, at most 1000" },
    });
    expect(untouched()).toEqual([0, 0, 0]);
  });

  it("takes odd but well-formed parts: a part named __proto__, a nameless file, a long unicode name", async () => {
    const { state, send } = simulator();
    const name = `${"ध्वनि".repeat(200)}.wav`;
    const answer = await send(
      "POST",
      `${BASE}/files/upload`,
      multipart(
        part('Content-Disposition: form-data; name="__proto__"', "{}"),
        filePart("files", ""),
        filePart("files", name),
      ),
      form,
    );
    expect(answer.status).toBe(202);
    expect(answer.body.files.map((f: { filename: string }) => f.filename)).toEqual(["file-1", name]);
    expect(state.files.size).toBe(2);
    expect(({} as { files?: unknown }).files).toBeUndefined();
  });

  it("names at most five unknown ids of a DELETE of 10,000, deleting nothing", async () => {
    const { state, send } = simulator();
    const upload = state.addUpload([{ filename: "keep.wav", size_bytes: 1 }]);
    const ids = [upload.files[0]!.file_id, ...Array.from({ length: 10_000 }, (_, i) => `missing-${i}`)];
    const answer = await send("DELETE", `${BASE}/files`, JSON.stringify({ file_ids: ids }));
    expect(answer.status).toBe(404);
    expect(answer.body.error).toBe(
      "file not found: missing-0, missing-1, missing-2, missing-3, missing-4 and 9995 more; no file was deleted",
    );
    expect(state.files.size).toBe(1);
  });

  it("answers a page far beyond the last with an empty page whose numbers are still true", async () => {
    const { state, send } = simulator();
    state.addUpload([{ filename: "a.wav", size_bytes: 1 }]);
    const answer = await send("GET", `${BASE}/files?page=9007199254740991&limit=200`);
    expect(answer).toEqual({
      status: 200,
      body: { page: 9007199254740991, limit: 200, total_pages: 1, total_files: 1, count: 0, files: [] },
    });
  });
});
