// The Translator client: the shared Zoom helpers on Translator's paths, and its own limits checked before sending.
import { describe, expect, it } from "vitest";
import {
  createZoomTranslatorClient,
  ValidationError,
  type ZoomTranslatorCreateJobRequest,
} from "../src/zoom-translator/index.ts";

function recording(answer: () => Response) {
  const sent: Request[] = [];
  return { sent, fetch: async (request: Request) => (sent.push(request), answer()) };
}

const job = (change: Partial<ZoomTranslatorCreateJobRequest> = {}): ZoomTranslatorCreateJobRequest => ({
  input: { mode: "PREFIX", source: "S3", uri: "s3://acme-bucket/input/" },
  output: { destination: "S3", uri: "s3://acme-bucket/output/", layout: "PREFIX" },
  config: { source_language: "en-US", target_languages: ["fr-FR"] },
  ...change,
});

describe("createZoomTranslatorClient", () => {
  it("creates a job on Translator's path with the bearer token", async () => {
    const { sent, fetch } = recording(() =>
      Response.json(
        { job_id: "job_1", state: "QUEUED", submitted_at: "2026-03-10T18:34:12Z" },
        { status: 201 },
      ),
    );
    const translator = createZoomTranslatorClient({ token: "jwt", fetch });
    await expect(translator.jobs.create(job())).resolves.toMatchObject({ job_id: "job_1" });
    expect(sent[0]?.url).toBe("https://api.zoom.us/v2/aiservices/translator/jobs");
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer jwt");
  });

  it.each([
    [
      "two target languages",
      job({ config: { source_language: "en-US", target_languages: ["fr-FR", "de-DE"] } }),
      "config.target_languages: 2 items, at most 1",
    ],
    [
      "a short locale code",
      job({ config: { source_language: "en", target_languages: ["fr-FR"] } }),
      "config.source_language: must match",
    ],
    [
      "an ADJACENT layout with a MANIFEST input",
      job({
        input: { mode: "MANIFEST", source: "S3", manifest: ["s3://acme-bucket/input/a.txt"] },
        output: { destination: "S3", uri: "s3://acme-bucket/output/", layout: "ADJACENT" },
      }),
      'input.mode: must be "PREFIX"',
    ],
  ])("refuses %s before sending, naming the field", async (_what, body, message) => {
    const { sent, fetch } = recording(() => new Response(null, { status: 500 }));
    const translator = createZoomTranslatorClient({ token: "jwt", fetch });
    const error = await translator.jobs.create(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain(message);
    expect(sent).toHaveLength(0);
  });

  it("names its own factory in configuration errors", () => {
    expect(() => createZoomTranslatorClient({ token: "" })).toThrow("createZoomTranslatorClient.token");
  });
});
