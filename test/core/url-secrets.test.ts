// Credentials inside URLs a body carries (a pre-signed audio URL, a `?token=` link) are secrets of the
// client like any credential field: found by the same walk, and scrubbed from every error.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { secretValues, urlSecrets } from "../../src/core/secret-values.ts";
import { createSoferClient } from "../../src/sofer/index.ts";

const SIGNATURE = "c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw";
const presigned = `https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Expires=900&X-Amz-Signature=${SIGNATURE}`;

describe("urlSecrets", () => {
  it("takes the values of credential-like query parameters of http(s) URLs only", () => {
    const out: string[] = [];
    urlSecrets(presigned, out);
    urlSecrets("https://cdn.example.com/a.mp3?token=t0k3n&page=2", out);
    urlSecrets("not a url ?token=x", out);
    urlSecrets("s3://bucket/key?signature=nope", out);
    urlSecrets("https://[bad?token=x", out);
    expect(out).toEqual([SIGNATURE, "t0k3n"]);
  });

  it("secretValues finds them anywhere in a body, in arrays too", () => {
    expect(secretValues({ items: [{ audio_url: presigned }], links: [presigned] })).toEqual([
      SIGNATURE,
      SIGNATURE,
    ]);
  });
});

it("a client scrubs a pre-signed URL's signature from an error whose body echoes the request", async () => {
  // A server that refuses with the request's body quoted, as some do.
  const echoing = async (request: Request) =>
    Response.json({ detail: `refused: ${await request.text()}` }, { status: 400 });
  const client = createSoferClient({ apiKey: "k", fetch: echoing, maxRetries: 0 });
  const error = await client.batches.createExpress([{ audio_url: presigned }]).catch((e: unknown) => e);
  expect((error as Error).name).toBe("ValidationError");
  const renderings = [String(error), JSON.stringify(error), inspect(error, { depth: 8 })];
  expect(renderings.join("\n")).toContain("refused");
  for (const text of renderings) expect(text).not.toContain(SIGNATURE);
});
