import { describe, expect, it } from "vitest";
import { toFormData } from "../../src/core/form-body.ts";
import { FormParts, mediaKind, mediaTypeMatches, readBody, selectMediaType } from "../../src/core/media.ts";
import type { OpenApiDocument } from "../../src/core/openapi-types.ts";
import { runtimeValidator } from "../../src/core/ajv-compiler.ts";

// A spec of its own: one operation per media type the validator reads.
const Config = {
  type: "object",
  required: ["language"],
  properties: { language: { type: "string", enum: ["en", "fr"] }, speakers: { type: "integer" } },
  additionalProperties: false,
};
const ok = (content: object) => ({ "200": { description: "ok", content } });
const spec: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "media", version: "1" },
  paths: {
    "/upload": {
      post: {
        operationId: "upload",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file", "config"],
                properties: {
                  file: { type: "string", format: "binary", maxLength: 100 },
                  extra: { type: "array", items: { type: "string", format: "binary" } },
                  config: { $ref: "#/components/schemas/Config" },
                  count: { type: "integer", minimum: 1 },
                  label: { type: "string", maxLength: 5 },
                },
                additionalProperties: false,
              },
              encoding: {
                file: { contentType: "audio/*" },
                // Each repeated part's type (not one part holding the array).
                extra: { contentType: "audio/*" },
                config: { contentType: "application/json; charset=utf-8" },
              },
            },
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["count"],
                properties: { count: { type: "integer", maximum: 3 }, flag: { type: "boolean" } },
              },
            },
          },
        },
        responses: ok({ "application/json": { schema: { type: "object" } } }),
      },
    },
    "/stream": {
      get: {
        operationId: "stream",
        responses: ok({
          "application/x-ndjson": { schema: { $ref: "#/components/schemas/Config" } },
          "text/plain": { schema: { type: "string", maxLength: 10 } },
          "application/octet-stream": { schema: { type: "string", format: "binary" } },
        }),
      },
    },
    "/lines": {
      get: {
        operationId: "lines",
        responses: ok({
          "application/x-ndjson": { schema: { type: "array", maxItems: 2, items: { type: "object" } } },
        }),
      },
    },
  },
  components: { schemas: { Config } },
};
const v = runtimeValidator(spec);

const wav = (name = "a.wav", bytes = 4) => new File([new Uint8Array(bytes)], name, { type: "audio/wav" });

async function received(form: FormData) {
  const read = await readBody(new Request("https://x.test/upload", { method: "POST", body: form }));
  if (!read.ok) throw new Error(read.message);
  return { contentType: `multipart/form-data`, body: read.body };
}

describe("media types", () => {
  it.each([
    ["application/json", "json"],
    ["application/problem+json", "json"],
    ["application/x-ndjson", "ndjson"],
    ["multipart/form-data", "multipart"],
    ["application/x-www-form-urlencoded", "form"],
    ["text/csv", "text"],
    ["application/octet-stream", "binary"],
    ["audio/wav", "binary"],
  ] as const)("reads %s as %s", (type, kind) => {
    expect(mediaKind(type)).toBe(kind);
  });

  it("matches wildcards and lists as OpenAPI writes them, and picks the declared key for a Content-Type", () => {
    expect(mediaTypeMatches("audio/*", "audio/mpeg")).toBe(true);
    expect(mediaTypeMatches("audio/*, video/mp4", "video/mp4")).toBe(true);
    expect(mediaTypeMatches("audio/*", "text/plain")).toBe(false);
    expect(selectMediaType(["application/json", "text/*"], "text/csv; charset=utf-8")).toBe("text/*");
    expect(selectMediaType(["application/json"], "Application/JSON")).toBe("application/json");
    expect(selectMediaType(["application/json"], undefined)).toBeUndefined();
  });

  it("reads a body without consuming the message, and says when it is malformed instead of throwing", async () => {
    const request = new Request("https://x.test", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    const read = await readBody(request);
    expect(read).toMatchObject({ ok: false, kind: "json" });
    expect(await request.text()).toBe("{oops");
    const badForm = await readBody(
      new Request("https://x.test", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=zzz" },
        body: "not a form",
      }),
    );
    expect(badForm).toMatchObject({ ok: false, kind: "multipart" });
    expect(await readBody(new Response(null))).toMatchObject({ ok: true, body: undefined, size: 0 });
  });
});

describe("multipart/form-data bodies", () => {
  it("accepts a form whose parts follow the schema and their encoding", async () => {
    const form = toFormData({ file: wav(), config: { language: "en", speakers: 2 }, count: 3 });
    expect(v.validateRequest("upload", await received(form))).toEqual([]);
  });

  it("names each part that breaks the schema: a JSON part, a number from its text, a missing file", async () => {
    const form = new FormData();
    form.append("config", JSON.stringify({ language: "de" }));
    form.append("count", "0");
    form.append("label", "far too long");
    const issues = v.validateRequest("upload", await received(form));
    expect(issues).toEqual(
      expect.arrayContaining([
        { location: "body.config.language", message: "must be one of en, fr" },
        { location: "body.count", message: "0 is out of range: must be >= 1" },
        { location: "body.label", message: "12 characters, at most 5" },
        { location: "body.file", message: "is required" },
      ]),
    );
  });

  it("refuses a JSON part that does not parse, a text field where a file belongs, and a file of the wrong type", async () => {
    const form = new FormData();
    form.append("file", "just text");
    form.append("config", "{not json");
    form.append("extra", new File(["x"], "notes.txt", { type: "text/plain" }));
    const issues = v.validateRequest("upload", await received(form));
    expect(issues).toEqual(
      expect.arrayContaining([
        { location: "body.file", message: "must be a file part, not a text field" },
        { location: "body.config", message: "is not valid JSON" },
      ]),
    );
    const wrongType = toFormData({
      file: new File(["x"], "a.txt", { type: "text/plain" }),
      config: { language: "en" },
    });
    expect(v.validateRequest("upload", await received(wrongType))).toEqual([
      { location: "body.file", message: "a file of type text/plain; expected audio/*" },
    ]);
  });

  it("takes repeated parts as an array field, and refuses a single field sent twice", async () => {
    const form = toFormData({ file: wav(), config: { language: "en" }, extra: [wav("b.wav"), wav("c.wav")] });
    expect(v.validateRequest("upload", await received(form))).toEqual([]);
    form.append("count", "1");
    form.append("count", "2");
    expect(v.validateRequest("upload", await received(form))).toEqual([
      { location: "body.count", message: "sent 2 times; expected once" },
    ]);
  });

  it("reads an array of files with an encoding type as repeated file parts, each of that type", async () => {
    const form = toFormData({ file: wav(), config: { language: "en" }, extra: [wav("b.wav")] });
    form.append("extra", new File([new Uint8Array(2)], "c.mp4", { type: "video/mp4" }));
    form.append("extra", "not a file");
    expect(v.validateRequest("upload", await received(form))).toEqual([
      { location: "body.extra[1]", message: expect.stringContaining("video/mp4") },
      { location: "body.extra[2]", message: "must be a file part, not a text field" },
    ]);
  });

  it("checks a form a caller built (Blobs for files) before it is sent", () => {
    const body = { file: wav(), config: { language: "en" }, count: 2 };
    expect(v.validateRequest("upload", { contentType: "multipart/form-data", body })).toEqual([]);
    expect(
      v.validateRequest("upload", {
        contentType: "multipart/form-data",
        body: { ...body, config: { language: "xx" } },
      }),
    ).toEqual([{ location: "body.config.language", message: "must be one of en, fr" }]);
  });

  it("checks a file part's size in bytes against its property's length limits", async () => {
    const big = toFormData({ file: wav("big.wav", 101), config: { language: "en" } });
    expect(v.validateRequest("upload", await received(big))).toEqual([
      { location: "body.file", message: "101 bytes, at most 100" },
    ]);
  });

  it("checks a FormData a caller built, leaving out only a JSON part it put in a Blob (unreadable before sending)", () => {
    const form = new FormData();
    form.append("file", wav());
    form.append("config", new Blob(['{"language":"xx"}'], { type: "application/json" }));
    form.append("count", "0");
    expect(v.validateRequest("upload", { contentType: "multipart/form-data", body: form })).toEqual([
      { location: "body.count", message: "0 is out of range: must be >= 1" },
    ]);
    const missing = new FormData();
    missing.append("config", '{"language":"en"}');
    expect(v.validateRequest("upload", { contentType: "multipart/form-data", body: missing })).toEqual([
      { location: "body.file", message: "is required" },
    ]);
  });

  it("reads a urlencoded form field by field, with its numbers and booleans", async () => {
    const read = await readBody(
      new Request("https://x.test", { method: "POST", body: new URLSearchParams("count=2&flag=true") }),
    );
    expect(read.ok && read.body).toBeInstanceOf(FormParts);
    const contentType = "application/x-www-form-urlencoded";
    expect(v.validateRequest("upload", { contentType, body: read.ok ? read.body : undefined })).toEqual([]);
    const over = await readBody(
      new Request("https://x.test", { method: "POST", body: new URLSearchParams("count=9&flag=maybe") }),
    );
    expect(v.validateRequest("upload", { contentType, body: over.ok ? over.body : undefined })).toEqual([
      { location: "body.count", message: "9 is out of range: must be <= 3" },
      { location: "body.flag", message: "must be boolean, not string" },
    ]);
  });
});

describe("streamed, text and binary responses", () => {
  const response = (contentType: string, body: unknown) => ({ status: 200, contentType, body });

  it("checks each NDJSON line against the schema, and names a line that is not JSON", () => {
    const good = '{"language":"en"}\n{"language":"fr","speakers":1}\n';
    expect(v.validateResponse("stream", response("application/x-ndjson", good))).toEqual([]);
    const bad = '{"language":"en"}\n{"language":"xx"}\nnot json\n';
    expect(v.validateResponse("stream", response("application/x-ndjson", bad))).toEqual([
      { location: "body.line 3", message: "is not valid JSON" },
      { location: "body[1].language", message: "must be one of en, fr" },
    ]);
  });

  it("takes an empty NDJSON stream or text as a whole answer (no records), but not an empty JSON document", () => {
    expect(v.validateResponse("stream", response("application/x-ndjson", undefined))).toEqual([]);
    expect(v.validateResponse("stream", response("text/plain", undefined))).toEqual([]);
  });

  it("checks an NDJSON stream as a whole when its schema is an array", () => {
    expect(v.validateResponse("lines", response("application/x-ndjson", "{}\n{}\n{}\n"))).toEqual([
      { location: "body", message: "3 items, at most 2" },
    ]);
  });

  it("checks text against its schema, takes bytes as they are, and refuses an empty body the spec documents", () => {
    expect(v.validateResponse("stream", response("text/plain", "short"))).toEqual([]);
    expect(v.validateResponse("stream", response("text/plain", "much too long"))).toEqual([
      { location: "body", message: "13 characters, at most 10" },
    ]);
    expect(v.validateResponse("stream", response("application/octet-stream", new Uint8Array(3)))).toEqual([]);
    expect(v.validateResponse("stream", response("application/octet-stream", undefined))).toEqual([
      { location: "body", message: "is empty; 200 documents a application/octet-stream body" },
    ]);
    expect(v.validateResponse("stream", response("application/json", {}))[0]?.location).toBe(
      "header.content-type",
    );
  });
});
