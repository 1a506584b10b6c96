// The audio a job is created from, as a File: a File or a Blob with a name, bytes with a name, or a
// path on disk (Node). Loaded with the first create: a bundle that only reads jobs does not carry it.
import { fileOf, nodeFs } from "../core/local-file.ts";
import type { SlngFileData, SlngUploadable } from "./client.ts";
import type { SlngKit } from "./kit.ts";
import { SLNG_MAX_FILE_BYTES } from "./values.ts";

/** The item as a File with its name and type, checked; a path opened as a Blob backed by the file. */
export async function toFile(
  { refuse }: Pick<SlngKit, "refuse">,
  item: SlngUploadable,
  operation: string,
): Promise<File> {
  const made = await fileOf(item, "file");
  if ("problem" in made) return refuse(operation, made.problem);
  const { file } = made;
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
