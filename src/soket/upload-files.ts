// The files of an upload, as Files: a File or a Blob with a name, bytes with a name, or a path on disk
// streamed as it is sent (Node). Loaded with the first upload: a bundle that never uploads does not
// carry it.
import { fileOf } from "../core/local-file.ts";
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
    const made = await fileOf(item, `files[${i}]`);
    if ("problem" in made) return refuse(op, made.problem);
    out.push(made.file);
  }
  return out;
}
