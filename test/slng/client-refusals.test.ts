// The SLNG client's checks before sending: its options, job settings without a transcription_config or
// with a bad job_id or metadata, files that are empty, nameless, missing or over 1 GB, URLs that are not
// HTTPS, job ids that are not alphanumeric, list filters SLNG refuses, unknown transcript formats, and
// the timing options of its waits. Nothing reaches the network.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createSlngClient,
  ValidationError,
  type SlngClient,
  type SlngJobConfig,
} from "../../src/slng/index.ts";

const KEY = "slng_test_key_0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "slng-refusals-"));
const empty = join(dir, "empty.wav");
writeFileSync(empty, "");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recording() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response(null, { status: 500 });
  };
  return { sent, client: createSlngClient({ apiKey: KEY, fetch, maxRetries: 0 }) };
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

const config: SlngJobConfig = { transcription_config: { language: "en" } };
const wav = () => new File([new Uint8Array([1, 2])], "a.wav", { type: "audio/wav" });

describe("options", () => {
  it("needs an apiKey and an absolute baseUrl", () => {
    expect(() => createSlngClient(undefined as never)).toThrow(ConfigurationError);
    expect(() => createSlngClient({} as never)).toThrow(/apiKey/);
    expect(() => createSlngClient({ apiKey: "" })).toThrow(ConfigurationError);
    expect(() => createSlngClient({ apiKey: KEY, baseUrl: "api.batch.slng.ai" })).toThrow(/baseUrl/);
  });
});

describe("refused before sending", () => {
  const cases: [string, (c: SlngClient) => Promise<unknown>, RegExp][] = [
    ["no config", (c) => c.jobs.submitFile(wav(), undefined as never), /config: expected/],
    [
      "no transcription_config",
      (c) => c.jobs.submitUrl("https://x.example/a.wav", {} as never),
      /transcription_config: required/,
    ],
    [
      "a job_id that is not alphanumeric",
      (c) => c.jobs.submitFile(wav(), { ...config, job_id: "my-job" }),
      /job_id: expected an alphanumeric job id, got "my-job"/,
    ],
    [
      "metadata that is not an object",
      (c) => c.jobs.submitFile(wav(), { ...config, metadata: "x" as never }),
      /metadata: expected an object/,
    ],
    ["an empty file", (c) => c.jobs.submitFile(empty, config), /empty \(0 bytes\)/],
    ["a missing path", (c) => c.jobs.submitFile(join(dir, "nope.wav"), config), /no file at/],
    ["a directory", (c) => c.jobs.submitFile(dir, config), /is not a file/],
    [
      "a Blob without a name",
      (c) => c.jobs.submitFile(new Blob([new Uint8Array([1])]), config),
      /a Blob without a file name/,
    ],
    [
      "bytes without a filename",
      (c) => c.jobs.submitFile({ data: new Uint8Array([1]), filename: "" }, config),
      /file.filename/,
    ],
    [
      "data that is not bytes",
      (c) =>
        c.jobs.submitViaPresignedUpload(
          { data: { size: 2 ** 30 + 1 } as never, filename: "big.wav" },
          config,
        ),
      /file.data/,
    ],
    [
      "a non-URL",
      (c) => c.jobs.submitUrl("meeting.mp3", config),
      /input_url: expected an absolute HTTPS URL/,
    ],
    [
      "an http URL",
      (c) => c.jobs.submitUrl("http://x.example/a.wav", config),
      /SLNG downloads only HTTPS URLs, got a http: URL/,
    ],
    ["an empty job id", (c) => c.jobs.get(""), /jobId: expected an alphanumeric job id/],
    ["a job id with a slash", (c) => c.jobs.delete("a/../b"), /jobId: expected an alphanumeric job id/],
    ["files of a bad id", (c) => c.jobs.files("x y"), /jobId/],
    ["a bad id to wait for", (c) => c.waitForJob("x-1"), /jobId/],
    [
      "an unknown format",
      (c) => c.downloadTranscript("myjob123", "vtt" as never),
      /format: expected "json", "txt" or "srt", got "vtt"/,
    ],
    [
      "a list filter SLNG refuses",
      async (c) => {
        for await (const _ of c.jobs.iterate({ status: ["DONE", "POST_PROCESSING"] as never })) break;
      },
      /"POST_PROCESSING" is not a status the list filters by/,
    ],
    [
      "a setting that is not one of a job's (it would be dropped)",
      (c) => c.jobs.submitUrl("https://x.example/a.wav", { ...config, model: "x" } as never),
      /model: not a setting of an SLNG job \(transcription_config, job_id, model_code/,
    ],
    [
      "a transcription_config field beside it instead of in it",
      (c) => c.jobs.submitFile(wav(), { ...config, language: "de" } as never),
      /language: not a setting of an SLNG job .*; it belongs inside transcription_config/,
    ],
    [
      "a stray setting on the presigned path",
      (c) => c.jobs.submitViaPresignedUpload(wav(), { ...config, diarization: "speaker" } as never),
      /diarization: .*belongs inside transcription_config/,
    ],
    [
      "a page for the walk, which numbers its pages itself",
      async (c) => {
        for await (const _ of c.jobs.iterate({ page: 3 } as never)) break;
      },
      /page: the walk asks for every page from 1/,
    ],
    [
      "a list filter that is neither a status nor a list of them",
      async (c) => {
        for await (const _ of c.jobs.iterate({ status: 5 } as never)) break;
      },
      /status: expected a status, a list of statuses or a comma-separated string/,
    ],
    [
      "a page_size over 100",
      async (c) => {
        for await (const _ of c.jobs.iterate({ page_size: 101 })) break;
      },
      /page_size: expected an integer from 1 to 100/,
    ],
  ];
  it.each(cases)("%s", async (_name, call, message) => {
    const { sent, client } = recording();
    const error = await refusal(call(client));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^slng \w+: request refused before sending/);
    expect(sent).toHaveLength(0);
  });

  it("takes a walk's options as they are when iterate is called (a TypeError at once for none)", async () => {
    const { sent, client } = recording();
    expect(() => client.jobs.iterate(null as never)).toThrow(TypeError);
    const options = { page_size: 101 };
    const walk = client.jobs.iterate(options);
    options.page_size = 10;
    const error = await refusal(
      (async () => {
        for await (const _ of walk) break;
      })(),
    );
    expect(error.message).toMatch(/page_size: expected an integer from 1 to 100, got 101/);
    expect(sent).toHaveLength(0);
  });

  it("refuses a file over 1 GB by its size, before any request", async () => {
    const { sent, client } = recording();
    const big = new Blob([new Uint8Array(1)]);
    Object.defineProperty(big, "size", { value: 2 ** 30 + 1 });
    Object.defineProperty(big, "name", { value: "big.wav" });
    Object.defineProperty(big, "type", { value: "audio/wav" });
    const error = await refusal(client.jobs.submitViaPresignedUpload(big, config));
    expect(error.message).toMatch(/big.wav is 1073741825 bytes; SLNG takes at most 1 GB/);
    expect(sent).toHaveLength(0);
  });

  it("checks a wait's and transcribe's timing and format", async () => {
    const { sent, client } = recording();
    await expect(client.waitForJob("myjob123", { timeoutMs: -1 })).rejects.toThrow(ConfigurationError);
    await expect(
      client.transcribe("https://x.example/a.wav", config, { format: "vtt" as never }),
    ).rejects.toThrow(/transcribe.format/);
    await expect(
      client.transcribe("https://x.example/a.wav", config, { multipartMaxBytes: -1 }),
    ).rejects.toThrow(/multipartMaxBytes/);
    expect(sent).toHaveLength(0);
  });

  it("refuses hooks that are not functions before anything is sent (not a TypeError once the job exists)", async () => {
    const { sent, client } = recording();
    await expect(
      client.transcribe("https://x.example/a.wav", config, { onSubmitted: "log" as never }),
    ).rejects.toThrow(/^transcribe.onSubmitted: expected a function, got string$/);
    await expect(
      client.transcribe("https://x.example/a.wav", config, { onProgress: {} as never }),
    ).rejects.toThrow(ConfigurationError);
    await expect(client.waitForJob("myjob123", { onProgress: 1 as never })).rejects.toThrow(
      /waitForJob.onProgress: expected a function, got number/,
    );
    await expect(
      client.jobs.submitViaPresignedUpload(wav(), config, { onPresigned: null as never }),
    ).rejects.toThrow(/submitViaPresignedUpload.onPresigned: expected a function, got null/);
    expect(sent).toHaveLength(0);
  });
});
