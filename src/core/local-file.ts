// Files a client reads from disk (a path given to an upload helper): opened as a Blob backed by the
// file (fs.openAsBlob), never read whole into memory and read again by a retry. node:fs is asked of the
// runtime (process.getBuiltinModule), so a browser bundle carries no import of it.

/** Audio media types by extension, for a path or named bytes that carry none. */
const AUDIO_TYPES: Record<string, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  mpeg: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  webm: "audio/webm",
  amr: "audio/amr",
};

/** The audio media type a file name's extension says, else application/octet-stream. */
export function audioTypeOf(filename: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (ext && AUDIO_TYPES[ext]) || "application/octet-stream";
}

/** Node's fs, asked of the runtime (no import a browser bundler would follow), or undefined elsewhere. */
export function nodeFs(): typeof import("node:fs") | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs") as typeof import("node:fs") | undefined;
  return typeof fs?.openAsBlob === "function" ? fs : undefined;
}

/**
 * The file at `path` as a File (its name, its type from the extension), or the problem with it, said
 * for `where` (`file`, `files[2]`): an empty path, no fs here, nothing there, a folder, unreadable.
 */
export async function fileFromPath(
  path: string,
  where: string,
): Promise<{ file: File } | { problem: string }> {
  if (path.trim() === "") return { problem: `${where}: an empty file path` };
  const fs = nodeFs();
  if (!fs)
    return {
      problem: `${where}: a file path (${path}) can only be read where Node's fs.openAsBlob is (Node ≥ 20.16); pass a File or { data, filename }`,
    };
  const unreadable = (error: unknown) => {
    const code = (error as { code?: unknown }).code;
    return `${where}: ${path} cannot be read (${typeof code === "string" ? code : "error"})`;
  };
  let stats: import("node:fs").Stats;
  try {
    stats = await fs.promises.stat(path);
  } catch (error) {
    return {
      problem:
        (error as { code?: unknown }).code === "ENOENT" ? `${where}: no file at ${path}` : unreadable(error),
    };
  }
  if (!stats.isFile()) return { problem: `${where}: ${path} is not a file` };
  const name = path.split(/[\\/]/).pop() || path;
  const type = audioTypeOf(name);
  try {
    return { file: new File([await fs.openAsBlob(path, { type })], name, { type }) };
  } catch (error) {
    return { problem: unreadable(error) };
  }
}

/** A file given by its bytes, with the name (and media type) the provider is to know it by. */
export interface FileData {
  data: Blob | ArrayBuffer | ArrayBufferView;
  filename: string;
  /** Default: the Blob's own type, else guessed from the file name's extension. */
  type?: string;
}

/**
 * One file a user hands an upload helper, as a File with its name and type, or the problem with it,
 * said for `where` (`file`, `files[2]`): a File or a Blob with a name, bytes with a name, or a path on
 * disk (opened as a Blob backed by the file). An empty file is a problem too.
 */
export async function fileOf(
  item: Blob | FileData | string,
  where: string,
): Promise<{ file: File } | { problem: string }> {
  let file: File;
  if (typeof item === "string") {
    const read = await fileFromPath(item, where);
    if ("problem" in read) return read;
    file = read.file;
  } else if (item instanceof Blob) {
    const name = (item as Partial<File>).name;
    if (typeof name !== "string" || name === "")
      return { problem: `${where}: a Blob without a file name: pass a File, or { data, filename }` };
    // A File with its type goes as it is (no bytes are copied); a Blob that only carries a `name` is made
    // a File, or a form would call it "blob".
    file =
      item instanceof File && item.type
        ? item
        : new File([item], name, { type: item.type || audioTypeOf(name) });
  } else if (item !== null && typeof item === "object") {
    const { data, filename, type } = item;
    if (typeof filename !== "string" || filename.trim() === "")
      return { problem: `${where}.filename: expected a non-empty string` };
    if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
      return { problem: `${where}.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array` };
    if (type !== undefined && typeof type !== "string")
      return { problem: `${where}.type: expected a media type string` };
    file = new File([data as BlobPart], filename, {
      type: type ?? ((data instanceof Blob && data.type) || audioTypeOf(filename)),
    });
  } else
    return {
      problem: `${where}: expected a File, { data, filename } or a file path, got ${item === null ? "null" : typeof item}`,
    };
  if (file.size === 0) return { problem: `${where}: ${file.name} is empty (0 bytes)` };
  return { file };
}
