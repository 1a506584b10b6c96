// The Soket client against answers that break what it relies on: each ends in a typed error that says
// what was wrong (InvalidResponseError), never a TypeError, a mix-up of files, or polling until the deadline;
// and what Soket echoes of a credential is scrubbed.
import { describe, expect, it } from "vitest";
import {
  createSoketClient,
  InvalidResponseError,
  ValidationError,
  type SoketFileOutcome,
} from "../../src/soket/index.ts";
import { createSoketState, soketFetch } from "../../src/soket/mock.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.c2ln";
const audio = (name: string) => new File([new Uint8Array(50_000).fill(1)], name);
const three = () => [audio("a.wav"), audio("b.wav"), audio("c.wav")];

/**
 * A client over the simulator whose answers to `operation` are changed by `edit`: a JSON body as a
 * value, an NDJSON download as its list of lines (objects, or text to send as it is).
 */
function editing(operation: RegExp, edit: (body: any) => unknown) {
  const state = createSoketState({ tokens: [JWT], advanceOnGet: true });
  const simulated = soketFetch(state);
  const fetch = async (request: Request) => {
    const response = await simulated(request.clone());
    const { pathname } = new URL(request.url);
    if (!response.ok || !operation.test(`${request.method} ${pathname}`)) return response;
    if (pathname.includes("/download/")) {
      const lines = (await response.text())
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as unknown);
      const edited = (edit(lines) ?? lines) as unknown[];
      const text = edited.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n");
      return new Response(text, { headers: { "content-type": "application/x-ndjson" } });
    }
    const body = await response.json();
    const edited = edit(body);
    return Response.json(edited === undefined ? body : edited, { status: response.status });
  };
  const client = createSoketClient({ token: JWT, fetch, sleep: async () => {}, maxRetries: 0 });
  return { client, state };
}

async function drain(outcomes: AsyncIterable<SoketFileOutcome>): Promise<unknown> {
  try {
    for await (const _ of outcomes);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("transcribeFiles refuses answers it cannot go on with", () => {
  it.each([
    [
      "an upload that names fewer files than were sent",
      /^POST \/transcribe\/files\/upload$/,
      (b: any) => ({ ...b, files: b.files.slice(1) }),
      "is an upload that does not name the 3 file(s) sent, each once with a file_id",
    ],
    [
      "an upload that gives two files one id",
      /^POST \/transcribe\/files\/upload$/,
      (b: any) => ({ ...b, files: b.files.map((f: any) => ({ ...f, file_id: "same" })) }),
      "each once with a file_id",
    ],
    [
      "an upload without its batch_upload_id",
      /^POST \/transcribe\/files\/upload$/,
      (b: any) => ({ ...b, batch_upload_id: 12 }),
      "is an upload that does not name",
    ],
    [
      "an upload's progress without its list of files",
      /^GET \/transcribe\/files\/upload\//,
      (b: any) => ({ ...b, files: null }),
      "is an upload's progress without a list of files",
    ],
    [
      "an upload status the spec does not document",
      /^GET \/transcribe\/files\/upload\//,
      (b: any) => ({ ...b, files: b.files.map((f: any) => ({ ...f, upload_status: "stored" })) }),
      "an upload_status the spec documents",
    ],
    [
      "an accepted batch without its batch_id",
      /^POST \/transcribe\/batch$/,
      (b: any) => ({ ...b, batch_id: "" }),
      "is an accepted batch without its batch_id",
    ],
    [
      "a batch status the spec does not document",
      /^GET \/transcribe\/status\//,
      (b: any) => ({ ...b, status: "done" }),
      "without a status the spec documents",
    ],
    [
      "a batch status that is null",
      /^GET \/transcribe\/status\//,
      () => null,
      "without a status the spec documents",
    ],
    [
      "a batch status without its counts",
      /^GET \/transcribe\/status\//,
      (b: any) => ({ ...b, files_completed: "2" }),
      "without its counts",
    ],
    [
      "a result of a file that is not in the batch",
      /^GET \/transcribe\/download\//,
      (lines: any[]) => [...lines.slice(0, 2), { ...lines[2], file_id: "someone-else" }],
      "has a result for file someone-else, which is not one of this batch's files or came twice",
    ],
    [
      "a file's result twice",
      /^GET \/transcribe\/download\//,
      (lines: any[]) => [lines[0], lines[0], lines[1], lines[2]],
      "which is not one of this batch's files or came twice",
    ],
    [
      "no result for a file",
      /^GET \/transcribe\/download\//,
      (lines: any[]) => lines.slice(0, 2),
      "has no result for 1 of the batch's files",
    ],
    [
      "a result without its file_id",
      /^GET \/transcribe\/download\//,
      (lines: any[]) => [{ ...lines[0], file_id: undefined }, ...lines.slice(1)],
      "has a result without its file_id",
    ],
    [
      "a line that is not JSON",
      /^GET \/transcribe\/download\//,
      (lines: any[]) => [lines[0], "{not json", lines[2]],
      "line 2 is not valid JSON",
    ],
  ])("%s", async (_, operation, edit, message) => {
    const { client } = editing(operation, edit);
    const error = await drain(client.transcribeFiles(three(), { initialDelayMs: 0, timeoutMs: 60_000 }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(message);
    expect(JSON.stringify(error)).not.toContain(JWT);
  });
});

describe("page walks refuse a page without the list its raw setting asks for", () => {
  it.each([
    [true, (b: any) => ({ ...b, jobs: undefined, files: [] }), "without its list of jobs (raw: true)"],
    [false, (b: any) => ({ ...b, files: "none" }), "without its list of files (merged)"],
  ])("raw %s", async (raw, edit, message) => {
    const { client, state } = editing(/^GET \/transcribe\/results\/batch\//, edit);
    const upload = state.addUpload([{ filename: "a.wav", size_bytes: 10 }]);
    state.completeUploads(upload.batch_upload_id);
    const batch = state.addBatch([{ upload: upload.files[0]! }]);
    const walk = async () => {
      for await (const _ of client.results.iterate(batch.batch_id, { raw }));
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(message);
  });
});

it("waitForBatch ends at once on a status it cannot read, not at the deadline", async () => {
  const { client, state } = editing(/^GET \/transcribe\/status\//, () => []);
  const batch = state.addBatch([{ url: "https://example.com/a.wav" }]);
  let polls = 0;
  const error = await client
    .waitForBatch(batch.batch_id, { initialDelayMs: 0, onProgress: () => polls++ })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect(polls).toBe(0);
});

it("a 400 that echoes a signed source URL and the token quotes neither its signature nor the token", async () => {
  const signed = "https://bucket.example.com/a.wav?X-Amz-Signature=abcdef0123456789&X-Amz-Expires=60";
  const fetch = async (request: Request) => {
    const body = (await request.json()) as { sources: { url: string }[] };
    const error = `cannot fetch ${body.sources[0]!.url} with ${request.headers.get("authorization")}`;
    return Response.json({ error }, { status: 400 });
  };
  const client = createSoketClient({ token: JWT, fetch, maxRetries: 0 });
  const error = await client.batches.submit({ sources: [{ url: signed }] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).sent).toBe(true);
  const shown = `${String(error)} ${JSON.stringify(error)}`;
  expect(shown).toContain("cannot fetch https://bucket.example.com/a.wav");
  expect(shown).not.toContain("abcdef0123456789");
  expect(shown).not.toContain(JWT);
});
