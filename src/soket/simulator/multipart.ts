// The files of a multipart upload, as the simulator keeps them: each `files` part's name, media type,
// size and SHA-256 — never its bytes. The pipeline has already read the body once to check it against
// the spec (src/core/media.ts holds the whole body while it does), so the parts are known to parse.
import { contentTypeOf } from "./audio.ts";
import type { NewFile } from "./state.ts";

export type UploadRefusal = { status: 400 | 413; error: string };

/** The request's `files` parts as new files, or why they are refused. */
export async function filesOfUpload(request: Request, maxBytes: number): Promise<NewFile[] | UploadRefusal> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { status: 400, error: "body: not a valid multipart/form-data body" };
  }
  const parts = form.getAll("files");
  const files = parts.filter((p): p is File => typeof p !== "string");
  if (files.length === 0 || files.length !== parts.length)
    return { status: 400, error: "body.files: one or more file parts named `files` are required" };
  // Counted from the parts as read, not from Content-Length (which a streamed body does not have).
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > maxBytes)
    return { status: 413, error: `upload too large: ${total} bytes of files, at most ${maxBytes}` };
  const read: NewFile[] = [];
  for (const [i, file] of files.entries()) {
    const filename = file.name || `file-${i + 1}`;
    read.push({
      filename,
      size_bytes: file.size,
      content_type: contentTypeOf(filename, file.type),
      sha256: await sha256Of(file),
    });
  }
  return read;
}

/**
 * The SHA-256 (hex) of a file's bytes: what lets a test tell that a retried upload re-sent the same
 * bytes. Web Crypto, so the simulator also runs in a browser; null where a runtime has none.
 */
async function sha256Of(file: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest("SHA-256", await file.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
