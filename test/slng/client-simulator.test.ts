// The SLNG client against its simulator: each way of creating a job, waited for and downloaded.
import { describe, expect, it } from "vitest";
import { createSlngClient } from "../../src/slng/index.ts";
import { createSlngState, slngFetch } from "../../src/slng/mock.ts";

const KEY = "test-key";
const setup = (): ReturnType<typeof createSlngClient> => {
  const state = createSlngState({ apiKeys: [KEY], advanceOnGet: true });
  return createSlngClient({ apiKey: KEY, fetch: slngFetch(state), sleep: async () => {} });
};
const audio = (bytes = 2048) => new File([new Uint8Array(bytes).fill(5)], "call.wav", { type: "audio/wav" });
const config = { transcription_config: { language: "en" } };

describe("transcribe, end to end against the simulator", () => {
  const cases: [string, () => string | File, { multipartMaxBytes?: number }][] = [
    ["a URL (JSON)", () => "https://example.com/audio/call.wav", {}],
    ["a small file (multipart)", () => audio(), {}],
    ["a large file (presigned upload)", () => audio(4096), { multipartMaxBytes: 1024 }],
  ];
  it.each(cases)("%s", async (_, input, options) => {
    const client = setup();
    const result = await client.transcribe(input(), config, { format: "txt", ...options });
    expect(result.job.status).toBe("DONE");
    expect(typeof result.transcript).toBe("string");
    expect(String(result.transcript).length).toBeGreaterThan(0);
  });
});
