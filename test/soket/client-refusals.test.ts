// The Soket client's checks before sending: its options, the files of an upload (no files, a path that
// is not there, a Blob without a name, bytes without a file name), a batch that names nothing or a
// source without gcs_key or url, empty ids, and the timing options of its waits. Nothing reaches the network.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createSoketClient,
  SOKET_BASE_URL,
  ValidationError,
  type SoketClient,
} from "../../src/soket/index.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
const dir = mkdtempSync(join(tmpdir(), "soket-refusals-"));
const empty = join(dir, "empty.wav");
writeFileSync(empty, "");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recording() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response(null, { status: 500 });
  };
  return { sent, client: createSoketClient({ token: JWT, fetch, maxRetries: 0 }) };
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).sent).toBe(false);
  return error as ValidationError;
}

describe("createSoketClient options", () => {
  it.each([
    ["no options", undefined, "expected an options object with a `token`"],
    ["no token", {}, "createSoketClient.token: expected a non-empty string"],
    ["an empty token", { token: " " }, "got an empty string"],
    ["a token with a line break", { token: "a\nb" }, "cannot travel in a header"],
    ["a baseUrl that is not a URL", { token: "t", baseUrl: "soket" }, "createSoketClient.baseUrl"],
  ])("refuses %s, naming the option", (_, options, message) => {
    expect(() => createSoketClient(options as never)).toThrow(ConfigurationError);
    expect(() => createSoketClient(options as never)).toThrow(message);
  });

  it("talks to https://api.soket.ai/transcribe with the JWT as a bearer token, fresh from a function", async () => {
    const sent: Request[] = [];
    let n = 0;
    const client = createSoketClient({
      token: () => `${JWT}-${++n}`,
      maxRetries: 0,
      fetch: async (r: Request) => (sent.push(r), new Response(null, { status: 500 })),
    });
    await client.batches.status("0f8fad5b-d9cb-469f-a165-70867728950e").catch(() => undefined);
    await client.batches.status("0f8fad5b-d9cb-469f-a165-70867728950e").catch(() => undefined);
    expect(sent[0]?.url).toBe(
      "https://api.soket.ai/transcribe/status/batch/0f8fad5b-d9cb-469f-a165-70867728950e",
    );
    expect(sent.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${JWT}-1`, `Bearer ${JWT}-2`]);
    expect(SOKET_BASE_URL).toBe("https://api.soket.ai/transcribe");
  });
});

type Call = (c: SoketClient) => Promise<unknown>;

describe("refused before sending", () => {
  it.each<[string, Call, string]>([
    ["an upload of no files", (c) => c.files.upload([]), "files: at least one file is needed"],
    ["an upload that is not a list", (c) => c.files.upload("a.wav" as never), "files: expected an array"],
    [
      "a path where there is no file",
      (c) => c.files.upload([join(dir, "missing.wav")]),
      `files[0]: no file at ${join(dir, "missing.wav")}`,
    ],
    ["a path to a directory", (c) => c.files.upload([dir]), `files[0]: ${dir} is not a file`],
    ["an empty file", (c) => c.files.upload([empty]), "files[0]: empty.wav is empty (0 bytes)"],
    [
      "a Blob without a file name",
      (c) => c.files.upload([new File(["a"], "a.wav"), new Blob(["x"])]),
      "files[1]: a Blob without a file name: pass a File, or { data, filename }",
    ],
    [
      "bytes without a file name",
      (c) => c.files.upload([{ data: new Uint8Array([1]) } as never]),
      "files[0].filename: expected a non-empty string",
    ],
    [
      "a file name without bytes",
      (c) => c.files.upload([{ data: "text", filename: "a.wav" } as never]),
      "files[0].data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array",
    ],
    ["a number for a file", (c) => c.files.upload([42 as never]), "files[0]: expected a File"],
    [
      "a batch that names no file",
      (c) => c.batches.submit({}),
      "body: names no file: give a batch_upload_id, file_ids or sources",
    ],
    [
      "a batch of empty lists",
      (c) => c.batches.submit({ batch_upload_id: "", file_ids: [], sources: [] }),
      "body: names no file",
    ],
    [
      "a source without gcs_key or url",
      (c) =>
        c.batches.submit({ sources: [{ url: "https://example.com/a.wav" }, { filename: "audio3.wav" }] }),
      "sources[1]: needs a gcs_key or a url",
    ],
    ["a source that is not an object", (c) => c.batches.submit({ sources: [null as never] }), "sources[0]"],
    ["a delete of no files", (c) => c.files.delete([]), "file_ids: at least one file id is needed"],
    ["a delete of an empty id", (c) => c.files.delete(["a", ""]), "file_ids[1]: expected a non-empty string"],
    ["an empty batch id", (c) => c.batches.status(""), "batch_id: expected a non-empty string"],
    ["an empty upload id", (c) => c.files.waitForUpload(" "), "batch_upload_id: expected a non-empty string"],
    ["an empty file id", (c) => c.results.file(""), "file_id: expected a non-empty string"],
    ["a download of an empty batch id", (c) => c.results.stream("").next(), "batch_id"],
    [
      "a page size over Soket's 200",
      (c) => c.results.iterate("b", { limit: 500 })[Symbol.asyncIterator]().next(),
      "limit",
    ],
    [
      "a download format Soket does not know",
      (c) => c.results.stream("b", { format: "csv" as never }).next(),
      "format",
    ],
    ["transcribeFiles of nothing", (c) => c.transcribeFiles([]).next(), "files: at least one file is needed"],
  ])("%s", async (_, call, message) => {
    const { sent, client } = recording();
    const error = await refusal(call(client));
    expect(error.message).toContain(message);
    expect(sent).toHaveLength(0);
  });
});

describe("options of the waits", () => {
  it.each<[string, Call, string]>([
    [
      "waitForBatch.timeoutMs NaN",
      (c) => c.waitForBatch("b", { timeoutMs: Number.NaN }),
      "waitForBatch.timeoutMs",
    ],
    [
      "waitForUpload.initialDelayMs -1",
      (c) => c.files.waitForUpload("u", { initialDelayMs: -1 }),
      "waitForUpload.initialDelayMs",
    ],
    [
      "transcribeFiles.maxDelayMs Infinity",
      (c) => c.transcribeFiles(["a.wav"], { maxDelayMs: Number.POSITIVE_INFINITY }).next(),
      "transcribeFiles.maxDelayMs",
    ],
    [
      "transcribeFiles.via",
      (c) => c.transcribeFiles(["a.wav"], { via: "ftp" as never }).next(),
      'transcribeFiles.via: expected "stream" or "pages"',
    ],
  ])("refuses %s with a ConfigurationError naming it", async (_, call, message) => {
    const { sent, client } = recording();
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(message);
    expect(sent).toHaveLength(0);
  });
});

it("a path is refused where Node's fs.openAsBlob cannot be had (a browser), naming what to pass instead", async () => {
  const { sent, client } = recording();
  const proc = globalThis.process as { getBuiltinModule?: unknown };
  const original = proc.getBuiltinModule;
  proc.getBuiltinModule = undefined;
  try {
    const error = await refusal(client.files.upload([join(dir, "a.wav")]));
    expect(error.message).toContain("can only be read where Node's fs.openAsBlob is");
    expect(error.message).toContain("pass a File or { data, filename }");
  } finally {
    proc.getBuiltinModule = original;
  }
  expect(sent).toHaveLength(0);
});
