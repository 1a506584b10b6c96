// results.stream parses the download as it arrives: each NDJSON line is yielded when it comes, the
// body is read at most a chunk ahead of what was yielded (so 100,000 results hold no more memory than
// ten), lines are found across any chunking (a character split between chunks, CRLF, blank lines, no
// final line break), a bad line ends it with InvalidResponseError naming the line, a stalled stream
// times out, breaking off cancels the download, and `format: "json"` parses one array.
import { describe, expect, it } from "vitest";
import {
  createSoketClient,
  InvalidResponseError,
  NotFoundError,
  TimeoutError,
  type SoketFileResult,
} from "../../src/soket/index.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
const BATCH = "0f8fad5b-d9cb-469f-a165-70867728950e";
const encoder = new TextEncoder();

const result = (i: number): SoketFileResult => ({
  file_id: `file-${i}`,
  filename: `audio${i}.wav`,
  status: "completed",
  result: { text: `namaste ${i}` },
  errors: [],
});

/** A body made on demand, one chunk a pull, counting how many chunks were made. */
function onDemand(chunks: (i: number) => Uint8Array | undefined) {
  const made = { count: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks(made.count);
        if (chunk === undefined) return controller.close();
        made.count++;
        controller.enqueue(chunk);
      },
      cancel() {
        made.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, made };
}

function downloading(body: () => BodyInit | null, init: ResponseInit = {}, timeoutMs?: number) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(body(), {
      status: 200,
      headers: { "content-type": "application/x-ndjson" },
      ...init,
    });
  };
  const client = createSoketClient({
    token: JWT,
    fetch,
    maxRetries: 0,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return { requests, client };
}

async function failure(iterable: AsyncIterable<unknown>, seen: unknown[] = []): Promise<unknown> {
  try {
    for await (const item of iterable) seen.push(item);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("NDJSON, parsed as it arrives", () => {
  it("yields each result as its line comes, reading at most one line ahead", async () => {
    const { body, made } = onDemand((i) =>
      i < 1000 ? encoder.encode(`${JSON.stringify(result(i))}\n`) : undefined,
    );
    const { requests, client } = downloading(() => body);
    let count = 0;
    let widest = 0;
    for await (const item of client.results.stream(BATCH, { status: "completed" })) {
      expect(item.file_id).toBe(`file-${count}`);
      count++;
      widest = Math.max(widest, made.count - count);
    }
    expect(count).toBe(1000);
    expect(widest).toBeLessThanOrEqual(1);
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe(`/transcribe/download/batch/${BATCH}`);
    expect(url.search).toBe("?status=completed");
  });

  it("holds no more of a 100,000-result download than of a small one", async () => {
    const line = (i: number) => encoder.encode(`${JSON.stringify(result(i))}\n`);
    // Ten lines a chunk: the reader is never more than one chunk ahead of the results yielded.
    const { body, made } = onDemand((c) =>
      c < 10_000 ? concat(Array.from({ length: 10 }, (_, k) => line(c * 10 + k))) : undefined,
    );
    const { client } = downloading(() => body);
    let count = 0;
    let widest = 0;
    for await (const item of client.results.stream(BATCH)) {
      if (item.file_id !== `file-${count}`) throw new Error(`out of order at ${count}`);
      count++;
      widest = Math.max(widest, made.count * 10 - count);
    }
    expect(count).toBe(100_000);
    expect(widest).toBeLessThanOrEqual(10);
  });

  it("finds the lines across any chunking: split characters, CRLF, blank lines, no final break", async () => {
    const items = [
      { file_id: "a", filename: "हिंदी.wav", status: "completed", result: { text: "नमस्ते, आज हम" } },
      { file_id: "b", filename: "b.wav", status: "failed", errors: [{ message: "decode" }] },
      { file_id: "c", filename: "c.wav", status: "completed", result: { text: "তামিল ✓ 😀" } },
    ];
    const text = `${JSON.stringify(items[0])}\r\n\n${JSON.stringify(items[1])}\n  \n${JSON.stringify(items[2])}`;
    const bytes = encoder.encode(text);
    for (const size of [1, 2, 3, 7, 64, bytes.length]) {
      const { body } = onDemand((i) =>
        i * size < bytes.length ? bytes.slice(i * size, (i + 1) * size) : undefined,
      );
      const { client } = downloading(() => body);
      const seen: unknown[] = [];
      for await (const item of client.results.stream(BATCH)) seen.push(item);
      expect(seen, `chunks of ${size} bytes`).toEqual(items);
    }
  });

  it("ends at a line that is not JSON, naming its number, after yielding those before it", async () => {
    const { client } = downloading(
      () =>
        `${JSON.stringify(result(1))}\n\n${JSON.stringify(result(2))}\n{"file_id": "x", oops\n${JSON.stringify(result(4))}\n`,
    );
    const seen: unknown[] = [];
    const error = await failure(client.results.stream(BATCH), seen);
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("line 4 is not valid JSON");
    expect((error as InvalidResponseError).excerpt).toContain("oops");
    expect((error as InvalidResponseError).contentType).toBe("application/x-ndjson");
  });

  it.each([
    ["an array", "[1, 2]"],
    ["a number", "42"],
    ["null", "null"],
  ])("ends at a line that is %s, not a result object", async (_, line) => {
    const { client } = downloading(() => `${JSON.stringify(result(1))}\n${line}\n`);
    const error = await failure(client.results.stream(BATCH));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("line 2 is not a JSON object");
  });

  it("ends at bytes that are not UTF-8", async () => {
    const { client } = downloading(() =>
      concat([
        encoder.encode('{"file_id":"a"}\n{"x":"'),
        new Uint8Array([0xff, 0xfe]),
        encoder.encode('"}\n'),
      ]),
    );
    const error = await failure(client.results.stream(BATCH));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("is not valid UTF-8 (at line 2)");
  });

  it("scrubs the token from a bad line it quotes", async () => {
    const { client } = downloading(() => `{"echo": "Bearer ${JWT}", "token": ${JWT}}\n`);
    const error = await failure(client.results.stream(BATCH));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(JSON.stringify(error)).not.toContain(JWT);
    expect(String(error)).not.toContain(JWT);
  });

  it("an empty download is no results", async () => {
    const { client } = downloading(() => null);
    expect(await failure(client.results.stream(BATCH))).toBeUndefined();
  });
});

describe("a download that does not finish", () => {
  it("a stalled stream ends in TimeoutError within the timeout, after the results that came", async () => {
    const { body } = onDemand((i) =>
      i === 0 ? encoder.encode(`${JSON.stringify(result(0))}\n`) : i === 1 ? new Uint8Array(0) : undefined,
    );
    // After the first line, the body never sends another byte (a pull that never settles).
    const stalled = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const reader = body.getReader();
        const first = await reader.read();
        controller.enqueue(first.value!);
        reader.releaseLock();
        await new Promise(() => undefined);
      },
    });
    const { client } = downloading(() => stalled, {}, 150);
    const seen: unknown[] = [];
    const started = Date.now();
    const error = await failure(client.results.stream(BATCH), seen);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a connection that breaks mid-stream is an InvalidResponseError saying where", async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError("terminated"));
        sent = true;
        controller.enqueue(
          encoder.encode(`${JSON.stringify(result(0))}\n${JSON.stringify(result(1))}\n{"fi`),
        );
      },
    });
    const { client } = downloading(() => broken);
    const seen: unknown[] = [];
    const error = await failure(client.results.stream(BATCH), seen);
    expect(seen).toHaveLength(2);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("was cut short while it was read (at line 3)");
  });

  it("breaking out of the loop cancels the rest of the download", async () => {
    const { body, made } = onDemand((i) =>
      i < 100_000 ? encoder.encode(`${JSON.stringify(result(i))}\n`) : undefined,
    );
    const { client } = downloading(() => body);
    let count = 0;
    for await (const _ of client.results.stream(BATCH)) if (++count === 3) break;
    await new Promise((r) => setTimeout(r, 0));
    expect(made.cancelled).toBe(true);
    expect(made.count).toBeLessThanOrEqual(4);
  });

  it("a caller's abort ends it with the caller's reason, even while the body always has a chunk ready", async () => {
    // Finite, so that a client that reads the whole body first fails here rather than hangs.
    const { body } = onDemand((i) =>
      i < 100_000 ? encoder.encode(`${JSON.stringify(result(i))}\n`) : undefined,
    );
    const { client } = downloading(() => body);
    const controller = new AbortController();
    const reason = new Error("enough");
    let count = 0;
    const error = await (async () => {
      try {
        for await (const _ of client.results.stream(BATCH, { signal: controller.signal })) {
          if (++count === 5) controller.abort(reason);
          if (count === 1000) return "the abort never landed";
        }
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBe(reason);
    expect(count).toBe(5);
  });
});

describe("the other shapes of a download", () => {
  it("format json: one array, parsed whole, then yielded item by item", async () => {
    const { requests, client } = downloading(() => JSON.stringify([result(1), result(2)]), {
      headers: { "content-type": "application/json" },
    });
    const seen: unknown[] = [];
    for await (const item of client.results.stream(BATCH, { format: "json", raw: false })) seen.push(item);
    expect(seen).toEqual([result(1), result(2)]);
    expect(new URL(requests[0]!.url).search).toBe("?format=json&raw=false");
  });

  it.each([
    ["not JSON", "[{]", "is not valid JSON"],
    ["not an array", '{"files": []}', "is not a JSON array of results"],
    ["an item that is not an object", '[{"file_id":"a"}, 3]', "has item 1 that is not a JSON object"],
    ["an empty body", "", "has an empty body, where a JSON array is documented"],
  ])("format json: a body that is %s is an InvalidResponseError", async (_, text, message) => {
    const { client } = downloading(() => text, { headers: { "content-type": "application/json" } });
    const error = await failure(client.results.stream(BATCH, { format: "json" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain(message);
  });

  it("raw: true asks for the chunk jobs", async () => {
    const job = { job_id: "j1", file_id: "file-1", status: "completed", result: { text: "a" } };
    const { requests, client } = downloading(() => `${JSON.stringify(job)}\n`);
    const seen: unknown[] = [];
    for await (const item of client.results.stream(BATCH, { raw: true, chunks: true }))
      seen.push(item.job_id);
    expect(seen).toEqual(["j1"]);
    expect(new URL(requests[0]!.url).search).toBe("?raw=true&chunks=true");
  });

  it("an unknown batch is a NotFoundError with Soket's body", async () => {
    const { client } = downloading(() => JSON.stringify({ error: "batch not found" }), {
      status: 404,
      headers: { "content-type": "application/json" },
    });
    const error = await failure(client.results.stream(BATCH));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError<{ error: string }>).body).toEqual({ error: "batch not found" });
    expect((error as Error).message).toContain("batch not found");
  });
});

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
