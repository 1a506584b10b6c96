// files.upload sends a real multipart body (repeated `files` parts) from every kind of file a user has
// in Node: a File, bytes with a name, a Blob with a name, and a path streamed from disk (fs.openAsBlob).
// A retried upload sends the same bytes again; a file changed on disk between attempts is refused by
// Node, never sent changed (which also shows the file is read when sent, not when upload() is called).
import { randomBytes } from "node:crypto";
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConnectionError,
  createSoketClient,
  RateLimitError,
  ServerError,
  type SoketUploadable,
} from "../../src/soket/index.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
const dir = mkdtempSync(join(tmpdir(), "soket-upload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Part {
  name: string;
  filename: string;
  type: string;
  bytes: Uint8Array;
}

async function partsOf(request: Request): Promise<Part[]> {
  const form = await request.formData();
  return Promise.all(
    [...form].map(async ([name, value]) => {
      if (typeof value === "string") throw new Error(`a text field ${name} where files belong`);
      return {
        name,
        filename: value.name,
        type: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      };
    }),
  );
}

/** The 202 of the spec's example, for the parts received. */
function accepted(parts: Part[]): Response {
  return Response.json(
    {
      batch_upload_id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
      status: "accepted",
      total_files: parts.length,
      spool_seconds: 0.42,
      files: parts.map((p, i) => ({
        file_id: `file-${i + 1}`,
        filename: p.filename,
        size_bytes: p.bytes.length,
        estimated_duration_seconds: 32.8,
        upload_status: "pending",
      })),
    },
    { status: 202 },
  );
}

/** A client whose fetch answers each attempt with `answer(attempt number, request)`. */
function uploading(answer: (attempt: number, request: Request) => Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer(requests.length, request);
  };
  return { requests, client: createSoketClient({ token: JWT, fetch, sleep: async () => {} }) };
}

function diskFile(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("the multipart body", () => {
  it('sends a Blob that carries only a name under that name, not as "blob"', async () => {
    let parts: Part[] = [];
    const { client } = uploading(async (_, request) => accepted((parts = await partsOf(request))));
    const blob = Object.assign(new Blob([new Uint8Array(4)], { type: "audio/wav" }), { name: "named.wav" });
    await client.files.upload([blob]);
    expect(parts.map((p) => [p.filename, p.type, p.bytes.length])).toEqual([["named.wav", "audio/wav", 4]]);
  });

  it("sends every kind of file as a `files` part with its name, type and bytes", async () => {
    const onDisk = randomBytes(300_000);
    const path = diskFile("interview.wav", onDisk);
    const buffer = Buffer.from("mp3 bytes");
    const typed = new Uint8Array([0, 1, 2, 255]);
    let parts: Part[] = [];
    const { requests, client } = uploading(async (_, request) => accepted((parts = await partsOf(request))));
    const items: SoketUploadable[] = [
      new File(["hello"], "hello.ogg", { type: "audio/ogg" }),
      { data: buffer, filename: "song.mp3" },
      { data: typed, filename: "raw.pcm", type: "audio/L16" },
      { data: new Blob(["blob bytes"], { type: "audio/flac" }), filename: "b.flac" },
      { data: await openAsBlob(path), filename: "renamed.wav" },
      path,
    ];
    const result = await client.files.upload(items);

    expect(result.files.map((f) => f.file_id)).toEqual([
      "file-1",
      "file-2",
      "file-3",
      "file-4",
      "file-5",
      "file-6",
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe("POST");
    expect(requests[0]!.url).toBe("https://api.soket.ai/transcribe/files/upload");
    expect(requests[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${JWT}`);
    expect(parts.map(({ name, filename, type }) => [name, filename, type])).toEqual([
      ["files", "hello.ogg", "audio/ogg"],
      ["files", "song.mp3", "audio/mpeg"],
      ["files", "raw.pcm", "audio/l16"], // Blob types are lower-cased,
      ["files", "b.flac", "audio/flac"],
      ["files", "renamed.wav", "audio/wav"],
      ["files", "interview.wav", "audio/wav"],
    ]);
    expect(Buffer.from(parts[0]!.bytes).toString()).toBe("hello");
    expect(Buffer.from(parts[1]!.bytes).equals(buffer)).toBe(true);
    expect([...parts[2]!.bytes]).toEqual([0, 1, 2, 255]);
    expect(Buffer.from(parts[4]!.bytes).equals(onDisk)).toBe(true);
    expect(Buffer.from(parts[5]!.bytes).equals(onDisk)).toBe(true);
  });
});

describe("a retried upload", () => {
  it("re-sends the same bytes, part for part, after a 503", async () => {
    const onDisk = randomBytes(1_048_576 + 17);
    const path = diskFile("long.wav", onDisk);
    const buffer = randomBytes(4096);
    const received: Part[][] = [];
    const { requests, client } = uploading(async (attempt, request) => {
      received.push(await partsOf(request));
      return attempt === 1 ? Response.json({ error: "busy" }, { status: 503 }) : accepted(received.at(-1)!);
    });
    const result = await client.files.upload([path, { data: buffer, filename: "clip.mp3" }]);

    expect(requests).toHaveLength(2);
    expect(result.total_files).toBe(2);
    const [first, second] = received as [Part[], Part[]];
    expect(second.map((p) => [p.name, p.filename, p.type])).toEqual([
      ["files", "long.wav", "audio/wav"],
      ["files", "clip.mp3", "audio/mpeg"],
    ]);
    // Byte for byte: the second attempt's parts are the sources, and the first attempt's.
    expect(Buffer.from(second[0]!.bytes).equals(onDisk)).toBe(true);
    expect(Buffer.from(second[1]!.bytes).equals(buffer)).toBe(true);
    for (const [i, part] of second.entries())
      expect(Buffer.from(part.bytes).equals(first[i]!.bytes)).toBe(true);
  });

  it("is not retried after a 5xx when told the upload is not idempotent", async () => {
    const { requests, client } = uploading(async () => Response.json({ error: "busy" }, { status: 503 }));
    const error = await client.files
      .upload([new File(["a"], "a.wav")], { idempotent: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("is retried after a 429 even so, the same bytes again", async () => {
    const received: Part[][] = [];
    const { client } = uploading(async (attempt, request) => {
      received.push(await partsOf(request));
      return attempt === 1
        ? Response.json({ error: "rate limit exceeded" }, { status: 429, headers: { "retry-after": "0" } })
        : accepted(received.at(-1)!);
    });
    await client.files.upload([{ data: Buffer.from("abc"), filename: "a.wav" }], { idempotent: false });
    expect(received.map((parts) => Buffer.from(parts[0]!.bytes).toString())).toEqual(["abc", "abc"]);
  });

  it("reads a path when it is sent: a file changed on disk after the first attempt is never sent changed", async () => {
    const path = diskFile("changing.wav", Buffer.from("original bytes"));
    const seen: string[] = [];
    const { requests, client } = uploading(async (attempt, request) => {
      if (attempt === 1) {
        seen.push(Buffer.from((await partsOf(request))[0]!.bytes).toString());
        writeFileSync(path, Buffer.from("changed! bytes"));
        return new Response(null, { status: 503 });
      }
      seen.push(Buffer.from((await partsOf(request))[0]!.bytes).toString()); // Node refuses to read it
      return new Response(null, { status: 500 });
    });
    const error = await client.files.upload([path], { maxRetries: 1 }).catch((e: unknown) => e);
    expect(requests).toHaveLength(2);
    expect(seen).toEqual(["original bytes"]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(String((error as Error).cause)).toContain("NotReadableError");
    expect(JSON.stringify(error)).not.toContain(JWT);
  });
});

it("a 429 the caller does not retry is a RateLimitError with Soket's {error} body", async () => {
  const { client } = uploading(async () => Response.json({ error: "rate limit exceeded" }, { status: 429 }));
  const error = await client.files
    .upload([new File(["a"], "a.wav")], { maxRetries: 0 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect((error as RateLimitError<{ error: string }>).body).toEqual({ error: "rate limit exceeded" });
});
