// Conformance of Zoom Translator's batch API with specs/zoom-translator (the checks common to Zoom's batch
// APIs are in zoom-batch-suite.ts; Translator's own refusals and output naming are below).
import { describe, expect, it } from "vitest";
import { createZoomTranslatorClient } from "../src/zoom-translator/index.ts";
import { createZoomTranslatorState, zoomTranslatorHandlers } from "../src/zoom-translator/mock.ts";
import {
  zoomTranslatorSpec,
  zoomTranslatorValidator,
  ZOOM_TRANSLATOR_JOBS_PATH,
  ZOOM_TRANSLATOR_OPERATIONS,
} from "../src/zoom-translator/spec.ts";
import { zoomBatchSuite, type RawZoomClient } from "./zoom-batch-suite.ts";

const SEED = "s3://acme-bucket/input/2026/03/"; // the seed's PREFIX example (shared/seeds/001)
const JOBS = ZOOM_TRANSLATOR_JOBS_PATH;

zoomBatchSuite({
  id: "zoom-translator",
  jobsPath: ZOOM_TRANSLATOR_JOBS_PATH,
  operations: ZOOM_TRANSLATOR_OPERATIONS,
  spec: zoomTranslatorSpec,
  validator: zoomTranslatorValidator,
  client: (options) => createZoomTranslatorClient(options) as unknown as RawZoomClient,
  state: createZoomTranslatorState,
  handlers: zoomTranslatorHandlers,
  seedExample: "prefixToFrench",
  // include *.txt (one level only), no excludes
  seedInputs: [`${SEED}notes.txt`, `${SEED}welcome.txt`],
  // `{original_filename}_{file_id}.json` under the output prefix
  seedOutputs: [
    "s3://acme-bucket/output/2026/03/notes_f_001.json",
    "s3://acme-bucket/output/2026/03/welcome_f_002.json",
  ],
  seedExcluded: [`${SEED}deep/nested.txt`, `${SEED}readme.md`],
  seedReferenceId: "batch-translation-2026-03",
  goodFile: (name) => `${name}.txt`,
  badFile: (name) => `${name}.pdf`,
  config: { source_language: "en-US", target_languages: ["fr-FR"] },
  extra({ api, checked, simulated, prefixJob }) {
    describe("zoom-translator: what Zoom refuses", () => {
      it("refuses two target languages with 400 naming config.target_languages", async () => {
        const body = prefixJob(SEED, {
          config: { source_language: "en-US", target_languages: ["fr-FR", "de-DE"] },
        });
        const { response, error } = await checked.expectInvalid(() => api.POST(JOBS, { body }));
        expect(response.status).toBe(400);
        expect(JSON.stringify(error)).toContain("config.target_languages");
      });

      it("refuses an ADJACENT layout with a MANIFEST input with 400", async () => {
        const body = prefixJob(SEED, {
          input: { mode: "MANIFEST", source: "S3", manifest: [`${SEED}welcome.txt`] },
          output: { destination: "S3", uri: "s3://acme-bucket/output/", layout: "ADJACENT" },
        });
        const { response, error } = await checked.expectInvalid(() => api.POST(JOBS, { body }));
        expect(response.status).toBe(400);
        expect(JSON.stringify(error)).toContain("input.mode");
      });

      it.skipIf(!simulated)("refuses a language pair with no English side with 400", async () => {
        const body = prefixJob(SEED, { config: { source_language: "fr-FR", target_languages: ["de-DE"] } });
        const { response, error } = await api.POST(JOBS, { body });
        expect(response.status).toBe(400);
        expect(error?.message).toContain("one side must be English");
      });

      it.skipIf(!simulated)("accepts a pair whose English side is the target", async () => {
        const body = prefixJob(SEED, { config: { source_language: "ja-JP", target_languages: ["en-US"] } });
        expect((await api.POST(JOBS, { body })).response.status).toBe(201);
      });

      it.skipIf(!simulated)(
        "writes ADJACENT outputs next to their inputs, named {original_filename}_{file_id}.json",
        async () => {
          const body = prefixJob(SEED, {
            output: { destination: "S3", uri: "s3://acme-bucket/unused/", layout: "ADJACENT" },
          });
          body.input.filters = { include_globs: ["*.txt"] };
          const { data } = await api.POST(JOBS, { body });
          const files = await api.GET(`${JOBS}/{jobId}/files`, { params: { path: { jobId: data.job_id } } });
          expect(files.data?.files.map((f: { input_uri: string }) => f.input_uri)).toEqual([
            `${SEED}notes.txt`,
            `${SEED}welcome.txt`,
          ]);
        },
      );
    });
  },
});
