// The audio a job is created from, as a File: a File or a Blob with a name, bytes with a name, or a
// path on disk (Node). Loaded with the first create: a bundle that only reads jobs does not carry it.
import type { SlngFileData, SlngUploadable } from "./client.ts";
import type { SlngKit } from "./kit.ts";
import { SLNG_MAX_FILE_BYTES } from "./values.ts";

/** The item as a File with its name and type, checked; a path opened as a Blob backed by the file. */
export async function toFile(
  { refuse }: Pick<SlngKit, "refuse">,
  item: SlngUploadable,
  operation: string,
): Promise<File> {
  let file: File;
  if (typeof item === "string") file = await fileFromPath(refuse, item, operation);
  else if (item instanceof Blob) {
    const name = (item as Partial<File>).name;
    if (typeof name !== "string" || name === "")
      return refuse(operation, "file: a Blob without a file name: pass a File, or { data, filename }");
    file = item.type ? (item as File) : new File([item], name, { type: guessType(name) });
  } else if (item !== null && typeof item === "object") {
    const { data, filename, type } = item;
    if (typeof filename !== "string" || filename.trim() === "")
      return refuse(operation, "file.filename: expected a non-empty string");
    if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
      return refuse(operation, "file.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array");
    if (type !== undefined && typeof type !== "string")
      return refuse(operation, "file.type: expected a media type string");
    file = new File([data as BlobPart], filename, {
      type: type ?? ((data instanceof Blob && data.type) || guessType(filename)),
    });
  } else
    return refuse(
      operation,
      `file: expected a File, { data, filename } or a file path, got ${item === null ? "null" : typeof item}`,
    );
  if (file.size === 0) return refuse(operation, `file: ${file.name} is empty (0 bytes)`);
  if (file.size > SLNG_MAX_FILE_BYTES)
    return refuse(operation, `file: ${file.name} is ${file.size} bytes; SLNG takes at most 1 GB`);
  return file;
}

/**
 * A file on disk as a File that reads it when sent (fs.openAsBlob): never read whole into memory, and
 * read again by a retry. node:fs is asked of the runtime (process.getBuiltinModule), so a browser
 * bundle carries no import of it.
 */
async function fileFromPath(refuse: SlngKit["refuse"], path: string, operation: string): Promise<File> {
  if (path.trim() === "") return refuse(operation, "file: an empty file path");
  const fs = nodeFs();
  if (!fs)
    return refuse(
      operation,
      `file: a file path (${path}) can only be read where Node's fs.openAsBlob is (Node ≥ 20.16); pass a File or { data, filename }`,
    );
  let stats: import("node:fs").Stats;
  try {
    stats = await fs.promises.stat(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return refuse(
      operation,
      code === "ENOENT"
        ? `file: no file at ${path}`
        : `file: ${path} cannot be read (${typeof code === "string" ? code : "error"})`,
    );
  }
  if (!stats.isFile()) return refuse(operation, `file: ${path} is not a file`);
  const name = path.split(/[\\/]/).pop() || path;
  const type = guessType(name);
  try {
    return new File([await fs.openAsBlob(path, { type })], name, { type });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return refuse(operation, `file: ${path} cannot be read (${typeof code === "string" ? code : "error"})`);
  }
}

/** An item's size in bytes, when it can be known without reading it. */
export function sizeOf(item: SlngUploadable): number | undefined {
  if (item instanceof Blob) return item.size;
  if (typeof item === "string") {
    try {
      return nodeFs()?.statSync(item).size;
    } catch {
      return undefined;
    }
  }
  const data = (item as SlngFileData | null)?.data;
  if (data instanceof Blob) return data.size;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return undefined;
}

/** SLNG's formats by extension, for a file path or named bytes that carry no type. */
const AUDIO_TYPES: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  mpeg: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  ogg: "audio/ogg",
  amr: "audio/amr",
};

function guessType(filename: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && AUDIO_TYPES[ext]) || "application/octet-stream";
}

/** Node's fs, asked of the runtime (no import a browser bundler would follow), or undefined elsewhere. */
function nodeFs(): typeof import("node:fs") | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
  return typeof fs?.openAsBlob === "function" ? fs : undefined;
}
