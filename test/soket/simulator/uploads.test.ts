// Real multipart uploads to the Soket simulator (FormData as clients build it): each `files` part
// becomes a file with its name, counted size, media type, estimated length and SHA-256, and nothing of
// its bytes is kept; the upload's progress shows storage keys once files are completed.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { steppingClock } from "../../../src/core/simulator/index.ts";
import { createSoketState, soketFetch } from "../../../src/soket/mock.ts";

const BASE = "https://api.soket.ai/transcribe";
const AUTH = { Authorization: "Bearer conformance-token" };

function simulator(options: Parameters<typeof createSoketState>[0] = {}) {
  const state = createSoketState({ now: steppingClock("2026-06-03T10:00:00Z"), ...options });
  const fetch = soketFetch(state);
  const upload = async (...files: Blob[]) => {
    const body = new FormData();
    for (const file of files) body.append("files", file);
    const response = await fetch(
      new Request(`${BASE}/files/upload`, { method: "POST", headers: AUTH, body }),
    );
    return { status: response.status, body: await response.json() };
  };
  const progress = async (id: string) =>
    (await fetch(new Request(`${BASE}/files/upload/${id}`, { headers: AUTH }))).json();
  return { state, upload, progress };
}

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe("multipart uploads to the Soket simulator", () => {
  it("makes each files part a pending file: its name, counted size, estimated length and media type", async () => {
    const { upload } = simulator();
    const answer = await upload(
      new File([bytes(1_048_576)], "audio1.wav", { type: "audio/wav" }),
      new File([bytes(524_288)], "audio2.mp3"), // no type: the extension's
      new Blob([bytes(3)]), // no name: FormData calls it "blob"
    );
    expect(answer).toEqual({
      status: 202,
      body: {
        batch_upload_id: "a0000000-0000-4000-8000-000000000001",
        status: "accepted",
        total_files: 3,
        spool_seconds: 0.01,
        files: [
          {
            file_id: "f0000000-0000-4000-8000-000000000001",
            filename: "audio1.wav",
            size_bytes: 1_048_576,
            estimated_duration_seconds: 32.8, // Soket's own example: 1 MiB is 32.8 s
            upload_status: "pending",
          },
          expect.objectContaining({
            filename: "audio2.mp3",
            size_bytes: 524_288,
            estimated_duration_seconds: 16.4,
          }),
          expect.objectContaining({ filename: "blob", size_bytes: 3, estimated_duration_seconds: 0 }),
        ],
      },
    });
  });

  it("keeps each file's SHA-256 and never its bytes", async () => {
    const { state, upload } = simulator();
    const content = bytes(10_000, 42);
    const first = await upload(new File([content], "a.wav"));
    const again = await upload(new File([content], "a.wav"), new File([bytes(10_000, 43)], "b.wav"));
    const [a, b, c] = [first, again, again].map((u, i) =>
      state.files.get(u.body.files[i === 2 ? 1 : 0].file_id)!,
    );
    expect(a!.sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect([b!.sha256 === a!.sha256, c!.sha256 === a!.sha256]).toEqual([true, false]);
    const kept = Object.values(a!).filter(
      (v) => v instanceof Blob || ArrayBuffer.isView(v) || v instanceof ArrayBuffer,
    );
    expect(kept).toEqual([]);
  });

  it("records the media type of the part, else of the extension", async () => {
    const { state, upload } = simulator();
    const answer = await upload(
      new File(["x"], "a.flac", { type: "audio/x-custom" }),
      new File(["x"], "b.mp3", { type: "application/octet-stream" }),
      new File(["x"], "c.unknown"),
    );
    const types = answer.body.files.map((f: { file_id: string }) => state.files.get(f.file_id)!.content_type);
    expect(types).toEqual(["audio/x-custom", "audio/mpeg", "application/octet-stream"]);
  });

  it("shows a storage key uploads/YYYY/MM/DD/<file_id>.<ext> once, and only once, a file is completed", async () => {
    const { state, upload, progress } = simulator({ itemsPerStep: 1 });
    const { body } = await upload(new File(["x"], "call.MP3"), new File(["y"], "noext"));
    const id = body.batch_upload_id;
    state.advanceUploads(id);
    state.advanceUploads(id);
    const mid = await progress(id);
    expect(mid.files.map((f: { gcs_key?: string }) => f.gcs_key)).toEqual([
      "uploads/2026/06/03/f0000000-0000-4000-8000-000000000001.mp3",
      undefined,
    ]);
    state.completeUploads(id);
    expect((await progress(id)).files[1].gcs_key).toBe(
      "uploads/2026/06/03/f0000000-0000-4000-8000-000000000002.bin",
    );
  });

  it("answers an unknown upload with 404 in Soket's body", async () => {
    const { progress } = simulator();
    expect(await progress("nope")).toEqual({ error: "upload not found: nope" });
  });

  it("takes an upload of exactly maxUploadBytes of files, and refuses one byte more (413)", async () => {
    const { state, upload } = simulator({ maxUploadBytes: 2000 });
    expect((await upload(new Blob([bytes(1000)]), new Blob([bytes(1000)]))).status).toBe(202);
    expect(await upload(new Blob([bytes(1000)]), new Blob([bytes(1001)]))).toEqual({
      status: 413,
      body: { error: "upload too large: 2001 bytes of files, at most 2000" },
    });
    expect(state.uploads.size).toBe(1);
  });
});
