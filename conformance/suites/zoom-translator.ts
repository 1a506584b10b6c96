// Conformance of Zoom Translator's batch API with specs/zoom-translator: the checks common to Zoom's batch
// APIs (zoom-batch-suite.ts) and Translator's own refusals and output naming below.
import { expect } from "../harness/expect.ts";
import { createZoomTranslatorClient } from "../../src/zoom-translator/index.ts";
import {
  createZoomTranslatorState,
  zoomTranslatorHandlers,
  zoomTranslatorProduct,
} from "../../src/zoom-translator/mock.ts";
import { ZOOM_TRANSLATOR } from "../../src/zoom-translator/spec.ts";
import { zoomBatchSuite, type RawZoomClient } from "./zoom-batch-suite.ts";

const SEED = "s3://acme-bucket/input/2026/03/"; // the seed's PREFIX example (shared/seeds/001)
const CREATE = ZOOM_TRANSLATOR.ids.create;

export default zoomBatchSuite({
  simulator: zoomTranslatorProduct,
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
  extra(s, { paths, prefixJob }) {
    const post = (body: unknown) => async (c: { api: { POST: RawZoomClient["POST"] } }) => {
      const { response, error } = await c.api.POST(paths.jobs, { body });
      return { status: response.status, body: error };
    };
    s.refusals([
      {
        name: "two target languages",
        operationId: CREATE,
        status: 400,
        field: "config.target_languages",
        breaksSpec: true,
        send: post(
          prefixJob(SEED, { config: { source_language: "en-US", target_languages: ["fr-FR", "de-DE"] } }),
        ),
      },
      {
        name: "an ADJACENT layout with a MANIFEST input",
        operationId: CREATE,
        status: 400,
        field: "input.mode",
        breaksSpec: true,
        send: post(
          prefixJob(SEED, {
            input: { mode: "MANIFEST", source: "S3", manifest: [`${SEED}welcome.txt`] },
            output: { destination: "S3", uri: "s3://acme-bucket/output/", layout: "ADJACENT" },
          }),
        ),
      },
      {
        name: "a language pair with no English side",
        operationId: CREATE,
        status: 400,
        says: "one side must be English",
        simulatorOnly: true,
        send: post(prefixJob(SEED, { config: { source_language: "fr-FR", target_languages: ["de-DE"] } })),
      },
    ]);

    s.check("accepts a pair whose English side is the target", { simulatorOnly: true }, async (c) => {
      const body = prefixJob(SEED, { config: { source_language: "ja-JP", target_languages: ["en-US"] } });
      expect((await c.api.POST(paths.jobs, { body })).response.status).toBe(201);
    });

    s.check(
      "writes ADJACENT outputs next to their inputs, named {original_filename}_{file_id}.json",
      { simulatorOnly: true },
      async (c) => {
        const body = prefixJob(SEED, {
          output: { destination: "S3", uri: "s3://acme-bucket/unused/", layout: "ADJACENT" },
        });
        body.input.filters = { include_globs: ["*.txt"] };
        const { data } = await c.api.POST(paths.jobs, { body });
        c.state.runToCompletion(data.job_id);
        const files = await c.api.GET(paths.files, { params: { path: { jobId: data.job_id } } });
        expect(files.data?.files.map((f: { output_uri: string }) => f.output_uri)).toEqual([
          `${SEED}notes_f_001.json`,
          `${SEED}welcome_f_002.json`,
        ]);
      },
    );
  },
});
