// The files of an upload, as Files: a File or a Blob with a name, bytes with a name, or a path on disk
// streamed as it is sent (Node). Loaded with the first upload: a bundle that never uploads does not
// carry it.
import { audioTypeOf, fileFromPath } from "../core/local-file.ts";
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
    if (typeof item === "string") {
      const read = await fileFromPath(item, where);
      if ("problem" in read) return refuse("uploadFiles", read.problem);
      file = read.file;
    } else if (item instanceof Blob) {
      const name = (item as Partial<File>).name;
      if (typeof name !== "string" || name === "")
        return refuse(op, `${where}: a Blob without a file name: pass a File, or { data, filename }`);
      // A File without a type goes with the type its name suggests (a wrapper: no bytes are copied).
      // A File with its type goes as it is; a Blob that only carries a `name` is made a File, or a form would call it "blob".
      file =
        item instanceof File && item.type
          ? item
          : new File([item], name, { type: item.type || audioTypeOf(name) });
    } else if (item !== null && typeof item === "object") {
      const { data, filename, type } = item;
      if (typeof filename !== "string" || filename.trim() === "")
        return refuse(op, `${where}.filename: expected a non-empty string`);
      if (!(data instanceof Blob || data instanceof ArrayBuffer || ArrayBuffer.isView(data)))
        return refuse(op, `${where}.data: expected a Blob, an ArrayBuffer, a Buffer or a Uint8Array`);
      if (type !== undefined && typeof type !== "string")
        return refuse(op, `${where}.type: expected a media type string`);
      file = new File([data as BlobPart], filename, {
        type: type ?? ((data instanceof Blob && data.type) || audioTypeOf(filename)),
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
