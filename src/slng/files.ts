// The audio a job is created from, as a File: a File or a Blob with a name, bytes with a name, or a
// path on disk (Node). Loaded with the first create: a bundle that only reads jobs does not carry it.
import { audioTypeOf, fileFromPath, nodeFs } from "../core/local-file.ts";
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
  if (typeof item === "string") {
    const read = await fileFromPath(item, "file");
    if ("problem" in read) return refuse(operation, read.problem);
    file = read.file;
  } else if (item instanceof Blob) {
    const name = (item as Partial<File>).name;
    if (typeof name !== "string" || name === "")
      return refuse(operation, "file: a Blob without a file name: pass a File, or { data, filename }");
    // A File with its type goes as it is; a Blob that only carries a `name` is made a File, or a form would call it "blob".
    file =
      item instanceof File && item.type
        ? item
        : new File([item], name, { type: item.type || audioTypeOf(name) });
  } else if (item !== null && typeof item === "object") {
    const { data, filename, type } = item;
    if (typeof filename !== "string" || filename.trim() === "")
      return refuse(operation, "file.filename: expected a non-empty string");
    if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
      return refuse(operation, "file.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array");
    if (type !== undefined && typeof type !== "string")
      return refuse(operation, "file.type: expected a media type string");
    file = new File([data as BlobPart], filename, {
      type: type ?? ((data instanceof Blob && data.type) || audioTypeOf(filename)),
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
