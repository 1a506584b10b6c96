// The providers the fuzz covers: a provider added later gets the same fuzz by adding its entry here.
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import type { OperationTable } from "../../src/core/operation-table.ts";
import { createSlngClient } from "../../src/slng/index.ts";
import { createSlngState, INVALID_REQUEST as SLNG_INVALID, slngFetch } from "../../src/slng/mock.ts";
import { SLNG } from "../../src/slng/spec.ts";
import { slngValidator } from "../../src/slng/validation.ts";
import { createSoferClient } from "../../src/sofer/index.ts";
import { createSoferState, soferFetch } from "../../src/sofer/mock.ts";
import { INVALID_REQUEST } from "../../src/sofer/simulator/pipeline.ts";
import { SOFER } from "../../src/sofer/spec.ts";
import { createSoketClient } from "../../src/soket/index.ts";
import { createSoketState, INVALID_REQUEST as SOKET_INVALID, soketFetch } from "../../src/soket/mock.ts";
import { SOKET } from "../../src/soket/spec.ts";
import { soketValidator } from "../../src/soket/validation.ts";
import { soferValidator } from "../../src/sofer/validation.ts";
import { createZoomScribeClient } from "../../src/zoom-scribe/index.ts";
import { createZoomScribeState, zoomScribeFetch } from "../../src/zoom-scribe/mock.ts";
import { ZOOM_SCRIBE } from "../../src/zoom-scribe/spec.ts";
import { zoomScribeValidator } from "../../src/zoom-scribe/validation.ts";
import { createZoomTranslatorClient } from "../../src/zoom-translator/index.ts";
import { createZoomTranslatorState, zoomTranslatorFetch } from "../../src/zoom-translator/mock.ts";
import { ZOOM_TRANSLATOR } from "../../src/zoom-translator/spec.ts";
import { zoomTranslatorValidator } from "../../src/zoom-translator/validation.ts";

type Fetch = (request: Request) => Promise<Response>;

export interface FuzzProvider {
  id: string;
  baseUrl: string;
  validator: () => OpenApiValidator;
  operations: OperationTable;
  /** A simulator accepting `token`, with some objects to resolve inputs against. */
  simulator(token: string): { fetch: Fetch; reset(): void };
  /** Whether an error body is the simulator refusing a request for breaking the spec's schema. */
  isSchemaRefusal(body: unknown): boolean;
  /**
   * One call of each helper of a client over `fetch`, by name; `secret` goes into the request bodies
   * wherever the spec has a credential field, so the fuzz can look for it in errors.
   */
  helpers(options: ClientOptions, secret: string): Record<string, () => Promise<unknown>>;
  /** The helpers that send `secret` (the others never had it to leak). */
  sendSecret: readonly string[];
  /** The operation each single-call helper runs (so a well-behaved answer can be made for it). */
  helperOperations: Readonly<Record<string, string>>;
  /** The spec's schema of the provider's error body (`#/components/schemas/<name>`). */
  errorSchema: string;
  /** Path ids the simulator knows from the start (it seeds them), tried often by the fuzz. */
  pathIds?: readonly string[];
  /** Request bodies, by operation, that name what the simulator seeds (sent among the spec's examples). */
  bodies?: Readonly<Record<string, readonly unknown[]>>;
}

export interface ClientOptions {
  token: string | (() => Promise<string>);
  fetch: Fetch;
  timeoutMs: number;
  maxRetries: number;
  sleep: () => Promise<void>;
}

// What the simulators' buckets hold: files under the prefixes of the specs' own examples, and a few more.
const OBJECTS = [
  "s3://acme-bucket/audio/a.wav",
  "s3://acme-bucket/audio/b.mp3",
  "s3://acme-bucket/in/b.txt",
  "s3://acme-bucket/audio/2025/11/call_0001.wav",
  "s3://acme-bucket/audio/2025/11/call_0002.mp3",
  "s3://acme-bucket/audio/2025/11/call_0001.wav.txt",
  "s3://acme-bucket/input/2026/03/notes.txt",
  "s3://acme-bucket/input/2026/03/welcome.txt",
];
const zoomRefusal = (body: unknown) =>
  typeof (body as { message?: unknown })?.message === "string" &&
  (body as { message: string }).message.startsWith("Validation Failed.");

/** The operations of the single-call helpers of a Zoom batch client. */
const zoomHelperOperations = (ids: typeof ZOOM_SCRIBE.ids | typeof ZOOM_TRANSLATOR.ids) => ({
  create: ids.create,
  list: ids.list,
  get: ids.get,
  cancel: ids.cancel,
  listFiles: ids.listFiles,
  getFile: ids.getFile,
});

/** The six helpers of a Zoom batch client, one walk, one wait, and two raw calls. */
function zoomHelpers(
  client: ReturnType<typeof createZoomScribeClient>,
  secret: string,
  config: object,
  jobsPath: string,
) {
  const input = {
    mode: "PREFIX" as const,
    source: "S3" as const,
    uri: "s3://acme-bucket/audio/",
    auth: { aws: { access_key_id: "AKIA", secret_access_key: secret } },
  };
  const body = { input, output: { destination: "S3" as const, uri: "s3://acme-bucket/out/" }, config };
  // The raw client, loosely typed: its paths are Scribe's or Translator's.
  const raw = client as unknown as {
    GET(path: string, init: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  };
  const first = async <T>(items: AsyncIterable<T>) => {
    let n = 0;
    for await (const _ of items) if (++n >= 5) break;
    return n;
  };
  return {
    create: () => client.jobs.create(body as never),
    list: () => client.jobs.list({ page_size: 10 }),
    get: () => client.jobs.get("job_1"),
    cancel: () => client.jobs.cancel("job_1"),
    listFiles: () => client.files.list("job_1"),
    getFile: () => client.files.get("job_1", "f_001"),
    iterate: () => first(client.jobs.iterate()),
    wait: () => client.waitForJob("job_1", { initialDelayMs: 0, timeoutMs: 50 }),
    // Raw calls: an error status is data, not a throw; what they throw must be typed, as a helper's. The
    // 2xx body is read by the client to be checked, and handed to openapi-fetch as each parseAs reads it.
    rawGet: () => raw.GET(`${jobsPath}/{jobId}`, { params: { path: { jobId: "job_1" } } }),
    rawStream: async () => {
      const { data } = await raw.GET(`${jobsPath}/{jobId}`, {
        params: { path: { jobId: "job_1" } },
        parseAs: "stream",
      });
      return data ? new Response(data as ReadableStream).text() : undefined;
    },
  };
}

export const PROVIDERS: FuzzProvider[] = [
  {
    id: "zoom-scribe",
    baseUrl: ZOOM_SCRIBE.baseUrl,
    validator: zoomScribeValidator,
    operations: ZOOM_SCRIBE.operations,
    simulator(token) {
      const state = createZoomScribeState({
        token,
        objects: OBJECTS,
        webhookFetch: async () => new Response(),
      });
      return { fetch: zoomScribeFetch(state), reset: () => state.reset() };
    },
    isSchemaRefusal: zoomRefusal,
    helpers: (options, secret) =>
      zoomHelpers(
        createZoomScribeClient(options),
        secret,
        { language: "en-US" },
        ZOOM_SCRIBE.operations[ZOOM_SCRIBE.ids.list].path,
      ),
    sendSecret: ["create"],
    helperOperations: zoomHelperOperations(ZOOM_SCRIBE.ids),
    errorSchema: "Error",
  },
  {
    id: "zoom-translator",
    baseUrl: ZOOM_TRANSLATOR.baseUrl,
    validator: zoomTranslatorValidator,
    operations: ZOOM_TRANSLATOR.operations,
    simulator(token) {
      const state = createZoomTranslatorState({
        token,
        objects: OBJECTS,
        webhookFetch: async () => new Response(),
      });
      return { fetch: zoomTranslatorFetch(state), reset: () => state.reset() };
    },
    isSchemaRefusal: zoomRefusal,
    helpers: (options, secret) =>
      zoomHelpers(
        createZoomTranslatorClient(options) as never,
        secret,
        { source_language: "en-US", target_languages: ["fr-FR"] },
        ZOOM_TRANSLATOR.operations[ZOOM_TRANSLATOR.ids.list].path,
      ),
    sendSecret: ["create"],
    helperOperations: zoomHelperOperations(ZOOM_TRANSLATOR.ids),
    errorSchema: "Error",
  },
  {
    id: "sofer",
    baseUrl: SOFER.baseUrl,
    validator: soferValidator,
    operations: SOFER.operations,
    simulator(token) {
      const state = createSoferState({
        apiKeys: [token],
        feeds: { "https://feeds.example.com/podcast.xml": [{ audio_url: "https://cdn.example.com/e1.mp3" }] },
      });
      // A finished batch, whose items' client ids are values the fuzz sends, and a valid manifest.
      const seed = () => {
        const audio = (n: string) => ({ audio_url: `https://cdn.example.com/${n}.mp3`, client_item_id: n });
        // Its client ids are the query values the fuzz sends most (properties.ts), so lookups find them.
        const batch = state.addBatch(
          { processing_mode: "express", info: { num_speakers: 2 } },
          ["0", "1", "50", "1001", "QUEUED", "DONE"].map(audio),
        );
        state.runToCompletion(batch.batch_id);
        const manifest = state.addBatchFile({
          content_type: "json",
          entries: [{ number: 1, value: audio("1") }],
          size_bytes: 64,
          checksum: null,
          title: "seed",
          description: null,
        });
        state.validateBatchFile(manifest.id);
      };
      seed();
      return {
        fetch: soferFetch(state),
        reset: () => {
          state.reset();
          seed();
        },
      };
    },
    pathIds: [
      "b0000000-0000-4000-8000-000000000001",
      "a0000000-0000-4000-8000-000000000001",
      "a0000000-0000-4000-8000-000000000003",
      "f0000000-0000-4000-8000-000000000001",
    ],
    isSchemaRefusal: (body) =>
      typeof (body as { detail?: unknown })?.detail === "string" &&
      (body as { detail: string }).detail.startsWith(INVALID_REQUEST),
    helpers: (options, secret) =>
      soferHelpers(createSoferClient({ apiKey: options.token, ...options }), secret),
    // The secret is the signature of a pre-signed audio URL in the items.
    sendSecret: ["createExpress", "createStandard", "upload", "transcribeBatch"],
    helperOperations: {
      createExpress: "batchTranscribe_createBatchTranscription",
      upload: "batchTranscribe_uploadBatchFile",
      listManifests: "batchTranscribe_listBatchFiles",
      getManifest: "batchTranscribe_getBatchFile",
      status: "batchTranscribe_getBatchStatus",
      item: "batchTranscribe_getBatchTranscriptionByClientItemId",
      transcriptionStatus: "transcribe_getTranscriptionStatus",
      transcript: "transcribe_getTranscription",
    },
    errorSchema: "Error",
  },
  {
    id: "soket",
    baseUrl: SOKET.baseUrl,
    validator: soketValidator,
    operations: SOKET.operations,
    simulator(token) {
      const state = createSoketState({ tokens: [token] });
      // An upload whose two files are in storage, and a finished batch over them: ids the fuzz sends.
      const seed = () => {
        const upload = state.addUpload([
          { filename: "a.wav", size_bytes: 64_000 },
          { filename: "b.mp3", size_bytes: 32_000 },
        ]);
        state.completeUploads(upload.batch_upload_id);
        state.runToCompletion(state.addBatch(upload.files.map((file) => ({ upload: file }))).batch_id);
      };
      seed();
      return {
        fetch: soketFetch(state),
        reset: () => {
          state.reset();
          seed();
        },
      };
    },
    pathIds: [
      "a0000000-0000-4000-8000-000000000001",
      "b0000000-0000-4000-8000-000000000001",
      "f0000000-0000-4000-8000-000000000001",
      "f0000000-0000-4000-8000-000000000002",
    ],
    bodies: {
      deleteFiles: [{ file_ids: ["f0000000-0000-4000-8000-000000000002"] }],
      submitBatch: [
        { batch_upload_id: "a0000000-0000-4000-8000-000000000001" },
        { file_ids: ["f0000000-0000-4000-8000-000000000001"] },
        { sources: [{ gcs_key: "uploads/x.wav" }] },
      ],
    },
    isSchemaRefusal: (body) =>
      typeof (body as { error?: unknown })?.error === "string" &&
      (body as { error: string }).error.startsWith(SOKET_INVALID),
    helpers: (options, secret) => soketHelpers(createSoketClient(options), secret),
    // The secret is the signature of a pre-signed source URL (transcribeFiles sends files, not URLs).
    sendSecret: ["submit"],
    helperOperations: {
      upload: "uploadFiles",
      uploadStatus: "getUploadStatus",
      listFiles: "listFiles",
      deleteFiles: "deleteFiles",
      submit: "submitBatch",
      status: "getBatchStatus",
      // Not resultsPage: a well-behaved answer made from the schema may be either envelope, and the
      // client rightly refuses the raw one when it asked for merged results.
      fileResult: "getFileResult",
    },
    errorSchema: "Error",
  },
  {
    id: "slng",
    baseUrl: SLNG.baseUrl,
    validator: slngValidator,
    operations: SLNG.operations,
    simulator(token) {
      const state = createSlngState({ apiKeys: [token] });
      // A finished job and a queued one, under ids the fuzz sends (a running one answers 409 to delete).
      const seed = () => {
        state.runToCompletion(
          state.addJob({ job_id: "done1", source: { kind: "url", url: "https://cdn.example.com/a.wav" } })
            .job_id,
        );
        state.addJob({ job_id: "queued1", source: { kind: "url", url: "https://cdn.example.com/b.wav" } });
      };
      seed();
      return {
        fetch: slngFetch(state),
        reset: () => {
          state.reset();
          seed();
        },
      };
    },
    pathIds: ["done1", "queued1"],
    bodies: {
      batchJobsCreate: [
        { input_url: "https://cdn.example.com/c.wav", transcription_config: {}, job_id: "done1" },
        { mode: "presign", filename: "a.wav", content_type: "audio/wav", transcription_config: {} },
        { job_id: "queued1", s3_key: "uploads/queued1/a.wav", transcription_config: {} },
      ],
    },
    isSchemaRefusal: (body) =>
      typeof (body as { error?: unknown })?.error === "string" &&
      (body as { error: string }).error.startsWith(SLNG_INVALID),
    helpers: (options, secret) =>
      slngHelpers(createSlngClient({ apiKey: options.token, ...options }), secret),
    // The secret is the signature of a presigned input URL.
    sendSecret: ["submitUrl", "transcribeUrl"],
    // Not submitUrl: a well-behaved create may answer step 1's 200 (an upload), which a URL job rightly
    // refuses as an answer it cannot go on with.
    helperOperations: {
      list: "batchJobsList",
      get: "batchJobsGet",
      delete: "batchJobsDelete",
      files: "batchJobsFiles",
    },
    errorSchema: "Error",
  },
];

/** Each helper of an SLNG client, once; the input URL is presigned with `secret`. */
function slngHelpers(client: ReturnType<typeof createSlngClient>, secret: string) {
  const file = () => new File([new Uint8Array(16)], "a.wav", { type: "audio/wav" });
  const url = `https://bucket.s3.amazonaws.com/a.wav?X-Amz-Signature=${secret}`;
  const config = { transcription_config: { language: "en" } };
  const first = async <T>(items: AsyncIterable<T>) => {
    for await (const _ of items) return 1;
    return 0;
  };
  const fast = { initialDelayMs: 0, timeoutMs: 50 };
  return {
    submitFile: () => client.jobs.submitFile(file(), config),
    submitUrl: () => client.jobs.submitUrl(url, config),
    presigned: () => client.jobs.submitViaPresignedUpload(file(), config),
    list: () => client.jobs.list({ page_size: 10 }),
    iterate: () => first(client.jobs.iterate({ status: ["DONE"] })),
    get: () => client.jobs.get("done1"),
    delete: () => client.jobs.delete("done1"),
    files: () => client.jobs.files("done1"),
    waitForJob: () => client.waitForJob("done1", fast),
    download: () => client.downloadTranscript("done1", "srt"),
    transcribeUrl: () => client.transcribe(url, config, fast),
    transcribeLarge: () => client.transcribe(file(), config, { ...fast, multipartMaxBytes: 1 }),
  };
}

/** Each helper of a Soket client, once; a source URL is pre-signed with `secret`. */
function soketHelpers(client: ReturnType<typeof createSoketClient>, secret: string) {
  const id = "b0000000-0000-4000-8000-000000000001";
  const file = () => new File([new Uint8Array(16)], "a.wav", { type: "audio/wav" });
  const url = `https://bucket.s3.amazonaws.com/a.wav?X-Amz-Signature=${secret}`;
  const first = async <T>(results: AsyncIterable<T>) => {
    for await (const _ of results) return 1;
    return 0;
  };
  const fast = { initialDelayMs: 0, timeoutMs: 50 };
  return {
    upload: () => client.files.upload([file()]),
    uploadStatus: () => client.files.uploadStatus("a0000000-0000-4000-8000-000000000001"),
    listFiles: () => client.files.list({ limit: 10 }),
    deleteFiles: () => client.files.delete(["f0000000-0000-4000-8000-000000000001"]),
    submit: () => client.batches.submit({ sources: [{ url }] }),
    status: () => client.batches.status(id),
    resultsPage: () => client.results.page(id, { limit: 10 }),
    fileResult: () => client.results.file("f0000000-0000-4000-8000-000000000001"),
    iterateFiles: () => first(client.files.iterate()),
    iterateResults: () => first(client.results.iterate(id)),
    stream: () => first(client.results.stream(id)),
    waitForUpload: () => client.files.waitForUpload("a0000000-0000-4000-8000-000000000001", fast),
    waitForBatch: () => client.waitForBatch(id, fast),
    transcribeFiles: () => first(client.transcribeFiles([file()], fast as never)),
  };
}

/** Each helper of a Sofer client, once; items carry a pre-signed audio URL signed with `secret`. */
function soferHelpers(client: ReturnType<typeof createSoferClient>, secret: string) {
  const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  const items = [
    { audio_url: `https://bucket.s3.amazonaws.com/a.mp3?X-Amz-Signature=${secret}`, client_item_id: "a" },
  ];
  const first = async <T>(results: AsyncIterable<T>) => {
    for await (const _ of results) return 1;
    return 0;
  };
  const fast = { initialDelayMs: 0, timeoutMs: 50 };
  return {
    createExpress: () => client.batches.createExpress(items),
    createStandard: () => client.batches.createStandard(items, {}, { wait: fast }),
    upload: () => client.manifests.upload(items),
    listManifests: () => client.manifests.list(),
    getManifest: () => client.manifests.get(id),
    status: () => client.batches.status(id),
    item: () => client.batches.item(id, "a"),
    transcriptionStatus: () => client.transcriptions.status(id),
    transcript: () => client.transcriptions.get(id, { hebrewWordFormat: "he" }),
    iterateManifests: () => first(client.manifests.iterate()),
    fromRss: () => first(client.manifests.fromRss("https://feeds.example.com/podcast.xml")),
    waitUntilValid: () => client.manifests.waitUntilValid(id, fast),
    waitForBatch: () => client.waitForBatch(id, fast),
    transcribeBatch: () => first(client.transcribeBatch(items, {}, { mode: "express", ...fast })),
  };
}
