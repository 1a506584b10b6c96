// The Sofer client's checks before sending: its options, the batch limits (10 express, 500 a
// manifest), one speaker setting per object, unique client item ids. Nothing reaches the network.
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createSoferClient,
  SOFER_BASE_URL,
  SOFER_STAGING_URL,
  ValidationError,
  type SoferItem,
} from "../../src/sofer/index.ts";

function recording() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response(null, { status: 500 });
  };
  return { sent, client: createSoferClient({ apiKey: "sofer-key", fetch, maxRetries: 0 }) };
}

const items = (count: number, extra: Partial<SoferItem> = {}): SoferItem[] =>
  Array.from({ length: count }, (_, i) => ({ audio_url: `https://cdn.example.com/${i}.mp3`, ...extra }));

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).sent).toBe(false);
  return error as ValidationError;
}

describe("createSoferClient options", () => {
  it.each([
    ["no options", undefined, "expected an options object with an `apiKey`"],
    ["no apiKey", {}, "createSoferClient.apiKey: expected a non-empty string"],
    ["an empty apiKey", { apiKey: " " }, "got an empty string"],
    ["a token instead of an apiKey", { token: "k" }, "createSoferClient.apiKey"],
  ])("refuses %s, naming the option", (_, options, message) => {
    expect(() => createSoferClient(options as never)).toThrow(ConfigurationError);
    expect(() => createSoferClient(options as never)).toThrow(message);
  });

  it("talks to production by default and to staging when asked, with the key as a bearer token", async () => {
    for (const [baseUrl, origin] of [
      [undefined, "https://api.sofer.ai"],
      [SOFER_STAGING_URL, "https://api-staging.sofer.ai"],
    ] as const) {
      const sent: Request[] = [];
      const client = createSoferClient({
        apiKey: "sofer-key",
        ...(baseUrl ? { baseUrl } : {}),
        maxRetries: 0,
        fetch: async (r: Request) => (sent.push(r), new Response(null, { status: 500 })),
      });
      await client.batches.status("7c9e6679-7425-40de-944b-e07fc1f90ae7").catch(() => undefined);
      expect(sent[0]?.url).toBe(
        `${origin}/v1/transcriptions/batch/7c9e6679-7425-40de-944b-e07fc1f90ae7/status`,
      );
      expect(sent[0]?.headers.get("authorization")).toBe("Bearer sofer-key");
    }
    expect(SOFER_BASE_URL).toBe("https://api.sofer.ai");
  });
});

describe("refused before sending", () => {
  it.each([
    [
      "11 express items",
      (c: Rec) => c.batches.createExpress(items(11)),
      "audio_sources: 11 items, at most 10",
    ],
    ["no express items", (c: Rec) => c.batches.createExpress([]), "audio_sources: at least one item"],
    [
      "both speaker settings on an item",
      (c: Rec) => c.batches.createExpress(items(2, { num_speakers: 2, auto_detect_speakers: true })),
      "audio_sources[0]: num_speakers and auto_detect_speakers cannot be given together",
    ],
    [
      "both speaker settings in info",
      (c: Rec) => c.batches.createExpress(items(1), { num_speakers: 2, auto_detect_speakers: false }),
      "info: num_speakers and auto_detect_speakers",
    ],
    [
      "a repeated client_item_id",
      (c: Rec) =>
        c.batches.createExpress([
          { audio_url: "https://a/1.mp3", client_item_id: "x" },
          { audio_url: "https://a/2.mp3", client_item_id: "x" },
        ]),
      'audio_sources[1].client_item_id: "x" is used twice',
    ],
    ["501 manifest items", (c: Rec) => c.manifests.upload(items(501)), "json_items: 501 items, at most 500"],
    [
      "a JSONL manifest of 501 lines",
      (c: Rec) =>
        c.manifests.upload(
          items(501)
            .map((i) => JSON.stringify(i))
            .join("\n"),
        ),
      "jsonl: 501 items, at most 500",
    ],
    [
      "a repeated client_item_id in a JSONL manifest",
      (c: Rec) =>
        c.manifests.upload(
          '{"audio_url":"a","client_item_id":"x"}\n\nnot json\n{"audio_url":"b","client_item_id":"x"}',
        ),
      'jsonl line 4.client_item_id: "x" is used twice',
    ],
    [
      "standard items over the manifest limit",
      (c: Rec) => c.batches.createStandard(items(501)),
      "json_items: 501 items, at most 500",
    ],
    [
      "a standard batch over a manifest id that is not a UUID",
      (c: Rec) => c.batches.createStandard("manifest-1"),
      "batch_file_id",
    ],
    [
      "transcribeBatch with a repeated client_item_id",
      (c: Rec) =>
        c
          .transcribeBatch([
            { audio_url: "https://a/1.mp3", client_item_id: "x" },
            { audio_url: "https://a/2.mp3", client_item_id: "x" },
          ])
          .next(),
      'items[1].client_item_id: "x" is used twice',
    ],
    ["transcribeBatch of nothing", (c: Rec) => c.transcribeBatch([]).next(), "items: at least one item"],
    [
      "transcribeBatch in an unknown mode",
      (c: Rec) => c.transcribeBatch(items(1), {}, { mode: "fast" as never }).next(),
      'processing_mode: expected "standard" or "express"',
    ],
  ])("%s", async (_, call, message) => {
    const { sent, client } = recording();
    const error = await refusal(call(client));
    expect(error.message).toContain(message);
    expect(sent).toHaveLength(0);
  });
});

type Rec = ReturnType<typeof recording>["client"];

it("sends more items than the documented limit when told not to validate (an account with raised limits)", async () => {
  const { sent, client } = recording();
  await client.batches.createExpress(items(11), {}, { validate: false }).catch(() => undefined);
  expect(sent).toHaveLength(1);
  expect((JSON.parse(await sent[0]!.text()) as { audio_sources: unknown[] }).audio_sources).toHaveLength(11);
});
