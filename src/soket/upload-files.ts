// The files of an upload, as Files: a File or a Blob with a name, bytes with a name, or a path on disk
// streamed as it is sent (Node). Loaded with the first upload: a bundle that never uploads does not
// carry it.
import type { SoketUploadable } from "./client.ts";

/** Each item as a File with its name and type, checked; a path opened as a Blob backed by the file. */
export async function toFiles(
  refuse: (operation: string, problem: string) => Promise<never>,
  items: readonly SoketUploadable[],
): Promise<File[]> {
  const op = "uploadFiles";
  if (!Array.isArray(items)) return refuse(op, "files: expected an array of files");
  if (items.length === 0) return refuse(op, "files: at least one file is needed");
  const out: File[] = [];
  for (const [i, item] of items.entries()) {
    const where = `files[${i}]`;
    let file: File;
    if (typeof item === "string") file = await fileFromPath(refuse, item, where);
    else if (item instanceof Blob) {
      const name = (item as Partial<File>).name;
      if (typeof name !== "string" || name === "")
        return refuse(op, `${where}: a Blob without a file name: pass a File, or { data, filename }`);
      // A File without a type goes with the type its name suggests (a wrapper: no bytes are copied).
      file = item.type ? (item as File) : new File([item], name, { type: guessType(name) });
    } else if (item !== null && typeof item === "object") {
      const { data, filename, type } = item;
      if (typeof filename !== "string" || filename.trim() === "")
        return refuse(op, `${where}.filename: expected a non-empty string`);
      if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
        return refuse(op, `${where}.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array`);
      if (type !== undefined && typeof type !== "string")
        return refuse(op, `${where}.type: expected a media type string`);
      file = new File([data as BlobPart], filename, {
        type: type ?? ((data instanceof Blob && data.type) || guessType(filename)),
      });
    } else
      return refuse(
        op,
        `${where}: expected a File, { data, filename } or a file path, got ${item === null ? "null" : typeof item}`,
      );
    if (file.size === 0) return refuse(op, `${where}: ${file.name} is empty (0 bytes)`);
    out.push(file);
  }
  return out;
}

/**
 * A file on disk as a File that reads it when sent (fs.openAsBlob): never read whole into memory, and
 * read again, byte for byte, by a retry. Node refuses to read a file changed on disk in between
 * (NotReadableError), so a retry never sends other bytes. node:fs is asked of the runtime when a path
 * is given (process.getBuiltinModule), so a browser bundle carries no import of it.
 */
async function fileFromPath(
  refuse: (operation: string, problem: string) => Promise<never>,
  path: string,
  where: string,
): Promise<File> {
  const op = "uploadFiles";
  if (path.trim() === "") return refuse(op, `${where}: an empty file path`);
  const fs = nodeFs();
  if (!fs)
    return refuse(
      op,
      `${where}: a file path (${path}) can only be read where Node's fs.openAsBlob is (Node ≥ 20.16); pass a File or { data, filename }`,
    );
  let stats: import("node:fs").Stats;
  try {
    stats = await fs.promises.stat(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return refuse(
      op,
      code === "ENOENT"
        ? `${where}: no file at ${path}`
        : `${where}: ${path} cannot be read (${typeof code === "string" ? code : "error"})`,
    );
  }
  if (!stats.isFile()) return refuse(op, `${where}: ${path} is not a file`);
  const name = path.split(/[\\/]/).pop() || path;
  const type = guessType(name);
  try {
    return new File([await fs.openAsBlob(path, { type })], name, { type });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return refuse(op, `${where}: ${path} cannot be read (${typeof code === "string" ? code : "error"})`);
  }
}

/** A few audio types by extension, for a file path or named bytes that carry none. */
const AUDIO_TYPES: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  webm: "audio/webm",
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
