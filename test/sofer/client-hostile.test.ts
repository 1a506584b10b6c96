// The Sofer client against answers that break what it relies on: each ends in a typed error that says
// what was wrong, never a TypeError, a silent mix-up of items, or polling until the deadline.
import { describe, expect, it } from "vitest";
import {
  createSoferClient,
  InvalidResponseError,
  ValidationError,
  type SoferItem,
} from "../../src/sofer/index.ts";
import { createSoferState, soferFetch } from "../../src/sofer/mock.ts";

const KEY = "test-key";
const items = (count: number): SoferItem[] =>
  Array.from({ length: count }, (_, i) => ({
    audio_url: `https://cdn.example.com/${i + 1}.mp3`,
    client_item_id: `ep-${i + 1}`,
  }));

/** A client over the simulator whose JSON answers to requests matching `path` are changed by `edit`. */
function editing(path: RegExp, edit: (body: any, request: Request) => unknown) {
  const state = createSoferState({ apiKeys: [KEY], advanceOnGet: true, validateOnUpload: true });
  const simulated = soferFetch(state);
  const fetch = async (request: Request) => {
    const response = await simulated(request.clone());
    if (!response.ok || !path.test(new URL(request.url).pathname + new URL(request.url).search))
      return response;
    const body = await response.json();
    const edited = edit(body, request);
    return Response.json(edited === undefined ? body : edited);
  };
  return createSoferClient({ apiKey: KEY, fetch, sleep: async () => {}, maxRetries: 0 });
}

async function drain(results: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of results);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("transcribeBatch refuses answers it cannot go on with", () => {
  it.each([
    [
      "a create that names fewer transcriptions than items",
      /\/batch$/,
      (b: any) => ({ ...b, transcription_ids: b.transcription_ids.slice(1) }),
      "names 2 transcriptions for 3 items",
    ],
    [
      "a create without its batch id",
      /\/batch$/,
      (b: any) => ({ ...b, batch_id: 7 }),
      "transcriptions for 3 items",
    ],
    [
      "a status without its list",
      /\/status$/,
      (b: any) => ({ ...b, transcriptions: {} }),
      "without its status or a list",
    ],
    ["a status that is null", /\/status$/, () => null, "without its status or a list"],
    [
      "a transcript that belongs to another item",
      /\/v1\/transcriptions\/a[0-9a-f-]+$/,
      (t: any) => ({ ...t, info: { ...t.info, client_item_id: "someone-else" } }),
      "is the transcript of item someone-else, asked for as that of item ep-",
    ],
    [
      "a transcript without text",
      /\/v1\/transcriptions\/a[0-9a-f-]+$/,
      (t: any) => ({ ...t, text: 5 }),
      "without its text",
    ],
  ])("%s", async (_, path, edit, message) => {
    const error = await drain(editing(path, edit).transcribeBatch(items(3), {}, { mode: "express" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(message);
  });

  it("a batch id given again for another batch", async () => {
    let first: string | undefined;
    const client = editing(/\/batch$/, (b: any) => ({ ...b, batch_id: (first ??= b.batch_id) }));
    const error = await drain(client.transcribeBatch(items(12), {}, { mode: "express" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("again, the id of a batch created before");
  });
});

describe("waiting refuses answers it cannot go on with", () => {
  it("waitForBatch: a status that is not an object ends at once, not at the deadline", async () => {
    const client = editing(/\/status$/, () => []);
    const created = await client.batches.createExpress(items(1));
    await expect(client.waitForBatch(created.batch_id, { initialDelayMs: 0 })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it("waitUntilValid: a manifest status the spec does not document", async () => {
    const client = editing(/\/batch-files\/f/, (m: any) => ({ ...m, status: "WEIRD" }));
    const uploaded = await client.manifests.upload(items(1));
    const error = await client.manifests
      .waitUntilValid(uploaded.batch_file_id, { initialDelayMs: 0 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('status is "WEIRD"');
  });
});

describe("transcribeBatch's own inputs", () => {
  it.each([
    ["timeoutMs", Number.NaN],
    ["initialDelayMs", -1],
    ["maxDelayMs", Number.POSITIVE_INFINITY],
  ])("refuses %s %s, naming it", async (name, value) => {
    const client = editing(/never/, () => undefined);
    const error = await drain(client.transcribeBatch(items(1), {}, { [name]: value }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toContain(`transcribeBatch.${name}`);
  });

  it("sends a client_item_id that is not a string as given, to be refused, never renamed", async () => {
    const client = editing(/never/, () => undefined);
    const error = await drain(
      client.transcribeBatch(
        [{ audio_url: "https://cdn.example.com/1.mp3", client_item_id: 42 as never }],
        {},
        { mode: "express" },
      ),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain("client_item_id");
  });
});
