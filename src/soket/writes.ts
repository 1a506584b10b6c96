// Soket's writes with checks before sending (loaded on first use): batches.submit and files.delete.
import type { HelperOptions } from "../core/client.ts";
import type { SoketBatchRequest } from "./client.ts";
import type { SoketHelperKit } from "./kit.ts";

/** batches.submit (see client.ts): refused before sending when it names no file, or a source names neither. */
export async function submit(
  { api, refuse }: SoketHelperKit,
  request: SoketBatchRequest,
  opts?: HelperOptions,
) {
  const op = "submitBatch";
  if (request === null || typeof request !== "object" || Array.isArray(request))
    return refuse(op, "body: expected { batch_upload_id?, file_ids?, sources? }");
  const { batch_upload_id, file_ids, sources } = request;
  const names = (list: unknown) => Array.isArray(list) && list.length > 0;
  if ((typeof batch_upload_id !== "string" || batch_upload_id === "") && !names(file_ids) && !names(sources))
    return refuse(
      op,
      "body: names no file: give a batch_upload_id, file_ids or sources (each a gcs_key or a url)",
    );
  for (const [i, source] of (Array.isArray(sources) ? sources : []).entries()) {
    const given = (v: unknown) => typeof v === "string" && v !== "";
    if (source === null || typeof source !== "object")
      return refuse(op, `sources[${i}]: expected { gcs_key } or { url }`);
    if (!given(source.gcs_key) && !given(source.url))
      return refuse(op, `sources[${i}]: needs a gcs_key or a url`);
  }
  return api.send(op, { body: request }, opts);
}

/** files.delete (see client.ts): the ids checked before sending. */
export async function deleteFiles(
  { api, refuse }: SoketHelperKit,
  fileIds: readonly string[],
  opts?: HelperOptions,
) {
  const op = "deleteFiles";
  if (!Array.isArray(fileIds)) return refuse(op, "file_ids: expected an array of file ids");
  if (fileIds.length === 0) return refuse(op, "file_ids: at least one file id is needed");
  const bad = fileIds.findIndex((id) => typeof id !== "string" || id.trim() === "");
  if (bad !== -1) return refuse(op, `file_ids[${bad}]: expected a non-empty string`);
  return api.send(op, { body: { file_ids: [...fileIds] } }, opts);
}
