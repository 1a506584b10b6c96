// A simulator never throws: what a careless or hostile caller sends is answered with a status the spec
// documents (or the guard's 404/405 for what is no operation of it), in Sofer's `{detail}` body, and
// leaves the state as it was.
import { describe, expect, it } from "vitest";
import { createSoferState, soferFetch } from "../../../src/sofer/mock.ts";
import { SOFER } from "../../../src/sofer/spec.ts";

const BASE = "https://api.sofer.ai/v1/transcriptions";

function simulator() {
  const state = createSoferState({
    feeds: { "https://pod.test/feed.xml": [{ audio_url: "https://pod.test/1.mp3" }] },
  });
  const fetch = soferFetch(state);
  const send = async (method: string, url: string, body?: string, contentType = "application/json") => {
    const response = await fetch(
      new Request(url, {
        method,
        headers: { Authorization: "Bearer conformance-token", "content-type": contentType },
        body,
      }),
    );
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) };
  };
  const untouched = () => [state.batches.size, state.batchFiles.size, state.transcriptions.size];
  return { state, send, untouched };
}
const deep = (levels: number) => JSON.parse("[".repeat(levels) + "]".repeat(levels));
const long = "x".repeat(70_000);
const info = {};

describe("the Sofer simulator, given hostile requests", () => {
  it.each([
    ["malformed JSON", "POST", `${BASE}/batch`, '{"info": {', 400],
    ["an empty body", "POST", `${BASE}/batch`, "", 400],
    ["a JSON array for an object", "POST", `${BASE}/batch-files`, "[]", 400],
    [
      "a 70,000-character audio URL",
      "POST",
      `${BASE}/batch`,
      JSON.stringify({ processing_mode: "express", info, audio_sources: [{ audio_url: long }] }),
      400,
    ],
    [
      "a body nested thousands deep",
      "POST",
      `${BASE}/batch`,
      // Written as text: JSON.stringify itself overflows the stack on such a value.
      `{"processing_mode":"express","info":{"x":${"[".repeat(5000)}${"]".repeat(5000)}},"audio_sources":[{"audio_url":"u"}]}`,
      400,
    ],
    [
      "a 70,000-character key",
      "POST",
      `${BASE}/batch-files/from-rss`,
      JSON.stringify({ rss_url: "https://pod.test/feed.xml", [long]: 1 }),
      400,
    ],
    ["a malformed %-escape in an id", "GET", `${BASE}/%E0%A4%A/status`, undefined, 400],
    ["a malformed %-escape in a query", "GET", `${BASE}/batch-files?cursor=%E0%A4%A`, undefined, 400],
    ["a path the API does not have", "GET", "https://api.sofer.ai/v2/transcriptions", undefined, 404],
    ["a method the path does not take", "PUT", `${BASE}/batch`, "{}", 405],
  ])("answers %s with %i in Sofer's body, creating nothing", async (_what, method, url, body, status) => {
    const { send, untouched } = simulator();
    const answer = await send(method, url, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ detail: expect.any(String) });
    expect(untouched()).toEqual([0, 0, 0]);
  });

  it("takes a JSONL manifest as long as its items need (500 pre-signed URLs), checking each line on its own", async () => {
    const { state, send } = simulator();
    const signed = (n: number) =>
      JSON.stringify({
        audio_url: `https://bucket.s3.amazonaws.com/audio/${n}.mp3?X-Amz-Credential=${"c".repeat(60)}&X-Amz-Signature=${"f".repeat(64)}`,
        client_item_id: `item-${n}`,
      });
    const jsonl = Array.from({ length: 500 }, (_, i) => signed(i)).join("\n");
    expect(jsonl.length).toBeGreaterThan(65_536);
    const answer = await send(
      "POST",
      `${BASE}/batch-files`,
      JSON.stringify({ content_type: "jsonl", jsonl }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.item_count).toBe(500);
    // A line of 70,000 characters is stored, then makes the manifest INVALID, naming the line.
    const oneLine = await send(
      "POST",
      `${BASE}/batch-files`,
      JSON.stringify({ content_type: "jsonl", jsonl: long }),
    );
    expect(oneLine.status).toBe(200);
    expect(state.validateBatchFile(oneLine.body.batch_file_id)).toBe("INVALID");
    expect(state.batchFiles.get(oneLine.body.batch_file_id)?.validation_errors?.[0]).toMatch(/^item 1: /);
  });

  it("refuses a JSONL manifest of 501 items after four million blank lines, counting no further than it must", async () => {
    const { send, untouched } = simulator();
    const jsonl = `${"\n".repeat(4_000_000)}${'{"audio_url":"u"}\n'.repeat(501)}`;
    const answer = await send(
      "POST",
      `${BASE}/batch-files`,
      JSON.stringify({ content_type: "jsonl", jsonl }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("more than 500 items");
    expect(untouched()).toEqual([0, 0, 0]);
  });

  it("answers a body that is not JSON with 400 (Sofer documents no 415)", async () => {
    const { send } = simulator();
    const answer = await send("POST", `${BASE}/batch`, "info=1", "application/x-www-form-urlencoded");
    expect(answer).toEqual({ status: 400, body: { detail: expect.stringContaining("Content-Type") } });
    expect(SOFER.operations.batchTranscribe_createBatchTranscription.statuses).not.toContain("415");
  });

  it("makes a manifest of hostile JSONL lines INVALID, never throwing while it validates", async () => {
    const { state, send } = simulator();
    const lines = [
      "[".repeat(3000) + "]".repeat(3000),
      JSON.stringify({ audio_url: "u", x: deep(200) }),
      '{"__proto__": {"audio_url": "polluted"}}',
      "null",
      '"a string"',
      JSON.stringify({ audio_url: 12 }),
      "\u0000",
    ];
    const { status, body } = await send(
      "POST",
      `${BASE}/batch-files`,
      JSON.stringify({ content_type: "jsonl", jsonl: lines.join("\n") }),
    );
    expect(status).toBe(200);
    expect(state.validateBatchFile(body.batch_file_id)).toBe("INVALID");
    expect(state.batchFiles.get(body.batch_file_id)!.validation_errors).toEqual([
      "item 1: not a JSON object",
      "item 2: nested more than 64 levels deep",
      "item 3: audio_url is missing",
      "item 4: not a JSON object",
      "item 5: not a JSON object",
      "item 6: audio_url: must be string, not number",
      "item 7: not valid JSON",
    ]);
    expect(({} as { audio_url?: string }).audio_url).toBeUndefined();
  });

  it("answers a client_item_id query of 70,000 characters, and one that no item has, with 404", async () => {
    const { state, send } = simulator();
    const batch = state.addBatch({ processing_mode: "express", info }, [
      { audio_url: "u", client_item_id: "a" },
    ]);
    const url = `${BASE}/batch/${batch.batch_id}/items/by-client-item-id?client_item_id=`;
    expect((await send("GET", `${url}${"a".repeat(70_000)}`)).status).toBe(404);
    expect((await send("GET", `${url}__proto__`)).status).toBe(404);
    expect((await send("GET", `${url}a`)).status).toBe(200);
  });
});
