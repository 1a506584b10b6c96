// Conformance of Zoom Scribe's batch API with specs/zoom-scribe (the checks common to Zoom's batch APIs
// are in zoom-batch-suite.ts; Scribe's own are below).
import { expect, it } from "vitest";
import { createZoomScribeClient } from "../src/zoom-scribe/index.ts";
import { createZoomScribeState, zoomScribeHandlers } from "../src/zoom-scribe/mock.ts";
import {
  zoomScribeSpec,
  zoomScribeValidator,
  ZOOM_SCRIBE_JOBS_PATH,
  ZOOM_SCRIBE_OPERATIONS,
} from "../src/zoom-scribe/spec.ts";
import { zoomBatchSuite, type RawZoomClient } from "./zoom-batch-suite.ts";

const SEED = "s3://acme-bucket/audio/2025/11/"; // the seed's PREFIX example (shared/seeds/000)

zoomBatchSuite({
  id: "zoom-scribe",
  jobsPath: ZOOM_SCRIBE_JOBS_PATH,
  operations: ZOOM_SCRIBE_OPERATIONS,
  spec: zoomScribeSpec,
  validator: zoomScribeValidator,
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
  extra({ api, simulated, prefixJob, createJob, state }) {
    it.skipIf(!simulated)(
      "zoom-scribe: answers 422 when a SINGLE output layout gets several input files",
      async () => {
        const body = prefixJob(SEED, {
          output: { destination: "S3", uri: "s3://acme-bucket/transcripts/one.json", layout: "SINGLE" },
        });
        const { response } = await api.POST("/aiservices/scribe/jobs", { body });
        expect(response.status).toBe(422);
      },
    );

    it.skipIf(!simulated)("zoom-scribe: reports a transcribed file's duration", async () => {
      const jobId = await createJob(prefixJob(SEED));
      state.runToCompletion(jobId);
      const { data } = await api.GET("/aiservices/scribe/jobs/{jobId}/files/{fileId}", {
        params: { path: { jobId, fileId: "f_001" } },
      });
      expect(data?.duration_sec).toBeGreaterThan(0);
    });
  },
});
