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

describe("credentials in URLs the client never remembered", () => {
  const renderingsOf = (error: unknown) => [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    JSON.stringify((error as { body?: unknown }).body),
  ];
  it("are scrubbed from an error wherever a URL is quoted: in a JSONL manifest, or long forgotten", async () => {
    const echoing = async (request: Request) =>
      Response.json({ detail: `refused: ${await request.text()}` }, { status: 400 });
    const client = createSoferClient({ apiKey: "k", fetch: echoing, maxRetries: 0 });
    const jsonl = [1, 2].map((n) => JSON.stringify({ audio_url: `${presigned}&n=${n}` })).join("\n");
    const upload = await client.manifests.upload(jsonl).catch((e: unknown) => e);
    // A status answer that quotes a URL of some earlier call, with its token.
    const quoting = async () =>
      Response.json(
        { detail: "could not fetch https://cdn.example.com/a.mp3?sig=abc123secret&x=1" },
        { status: 500 },
      );
    const status = await createSoferClient({ apiKey: "k", fetch: quoting, maxRetries: 0 })
      .batches.status("7c9e6679-7425-40de-944b-e07fc1f90ae7")
      .catch((e: unknown) => e);
    for (const error of [upload, status]) {
      expect((error as Error).name).toMatch(/Error$/);
      for (const text of renderingsOf(error)) {
        expect(text).not.toContain(SIGNATURE);
        expect(text).not.toContain("abc123secret");
      }
    }
    expect(String(status)).toContain("sig=[redacted]&x=1");
  });
});

it("scrubs GCS signed URLs' signatures and a storage service's echo of a refused signature", async () => {
  const { redactText } = await import("../../src/core/redact.ts");
  const gcs =
    "https://storage.googleapis.com/b/a.wav?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=0123abcdef";
  expect(redactText(`could not fetch ${gcs}`, [])).toBe(
    "could not fetch https://storage.googleapis.com/b/a.wav?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=[redacted]",
  );
  expect(
    redactText(
      "<Error><SignatureProvided>abc123</SignatureProvided><StringToSign>x</StringToSign></Error>",
      [],
    ),
  ).toBe(
    "<Error><SignatureProvided>[redacted]</SignatureProvided><StringToSign>[redacted]</StringToSign></Error>",
  );
});
