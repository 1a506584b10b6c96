// Conformance of Zoom Scribe's batch API with specs/zoom-scribe: the checks common to Zoom's batch APIs
// (zoom-batch-suite.ts) and Scribe's own below.
import { expect } from "../harness/expect.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { createZoomScribeState, zoomScribeHandlers, zoomScribeProduct } from "../../src/zoom-scribe/mock.ts";
import { ZOOM_SCRIBE } from "../../src/zoom-scribe/spec.ts";
import { zoomBatchSuite, type RawZoomClient } from "./zoom-batch-suite.ts";

const SEED = "s3://acme-bucket/audio/2025/11/"; // the seed's PREFIX example (shared/seeds/000)

export default zoomBatchSuite({
  simulator: zoomScribeProduct,
  client: (options) => createZoomScribeClient(options) as unknown as RawZoomClient,
  state: createZoomScribeState,
  handlers: zoomScribeHandlers,
  seedExample: "prefixWithGlobs",
  // include **/*.wav and **/*.mp3, exclude **/tmp/**
  seedInputs: [`${SEED}call_0001.wav`, `${SEED}call_0002.mp3`, `${SEED}sub/call_0003.wav`],
  seedOutputs: [
    "s3://acme-bucket/transcripts/2025/11/call_0001.json",
    "s3://acme-bucket/transcripts/2025/11/call_0002.json",
    "s3://acme-bucket/transcripts/2025/11/sub/call_0003.json",
  ],
  seedExcluded: [`${SEED}tmp/scratch.wav`, `${SEED}notes.txt`],
  seedReferenceId: "import-2025-11",
  goodFile: (name) => `${name}.wav`,
  badFile: (name) => `${name}.ogg`,
  config: { language: "en-US" },
  extra(s, { paths, prefixJob, createJob }) {
    s.refusals([
      {
        name: "a SINGLE output layout for several input files",
        operationId: ZOOM_SCRIBE.ids.create,
        status: 422,
        simulatorOnly: true,
        send: async (c) => {
          const output = {
            destination: "S3",
            uri: "s3://acme-bucket/transcripts/one.json",
            layout: "SINGLE",
          };
          const { response, error } = await c.api.POST(paths.jobs, { body: prefixJob(SEED, { output }) });
          return { status: response.status, body: error };
        },
      },
    ]);

    s.check("reports a transcribed file's duration", { simulatorOnly: true }, async (c) => {
      const jobId = await createJob(c, prefixJob(SEED));
      c.state.runToCompletion(jobId);
      const { data } = await c.api.GET(paths.file, { params: { path: { jobId, fileId: "f_001" } } });
      expect(data?.duration_sec).toBeGreaterThan(0);
    });
  },
});
