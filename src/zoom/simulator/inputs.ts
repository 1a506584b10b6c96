// A create request's input resolved to the files the job will process, as Zoom would: a SINGLE object,
// every object under a PREFIX that passes its include and exclude globs, or a MANIFEST taken as listed.
import picomatch from "picomatch";
import type { ZoomCreateRequest } from "./state.ts";

export interface InputFile {
  uri: string;
  /** Its path under the input prefix (or its name, for SINGLE and MANIFEST inputs). */
  relative: string;
}

export type Planned =
  | { ok: true; mode: "SINGLE" | "PREFIX" | "MANIFEST"; inputs: InputFile[] }
  | { ok: false; status: 400 | 404 | 422; message: string; field?: string };

/** Splits `s3://bucket/key` into bucket and key. */
function splitS3(uri: string): { bucket: string; key: string } | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return m ? { bucket: m[1]!, key: m[2]! } : undefined;
}

export const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, "");
export const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const pathOf = (uri: string) => (URL.canParse(uri) ? new URL(uri).pathname : uri);

export function planInputs(objects: ReadonlySet<string>, input: ZoomCreateRequest["input"]): Planned {
  if (input.manifest !== undefined) {
    // Manifest entries may be pre-signed URLs outside any bucket we list: they are taken as given.
    return {
      ok: true,
      mode: "MANIFEST",
      inputs: input.manifest.map((uri) => ({ uri, relative: baseName(pathOf(uri)) })),
    };
  }
  const uri = input.uri ?? "";
  // With no `mode`, Zoom infers it from the URI: a trailing slash is a prefix.
  const mode = input.mode ?? (uri.endsWith("/") ? "PREFIX" : "SINGLE");
  const location = splitS3(uri);
  if (!location) return { ok: false, status: 422, message: `input.uri: ${uri} is not an s3:// URI` };
  // An object that is there needs no look through the bucket (O(1) in the size of the listing).
  if (mode === "SINGLE" && !uri.endsWith("/") && objects.has(uri))
    return { ok: true, mode, inputs: [{ uri, relative: baseName(location.key) }] };
  const inBucket = [...objects].filter((o) => splitS3(o)?.bucket === location.bucket);
  if (inBucket.length === 0) {
    return {
      ok: false,
      status: 404,
      message: `input.uri: bucket ${location.bucket} does not exist or is not readable`,
    };
  }
  if (mode === "SINGLE") {
    if (uri.endsWith("/"))
      return { ok: false, status: 422, message: "input.uri: a SINGLE input must name a file, not a prefix" };
    if (!objects.has(uri)) return { ok: false, status: 404, message: `input.uri: no object at ${uri}` };
    return { ok: true, mode, inputs: [{ uri, relative: baseName(location.key) }] };
  }
  const prefix = location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
  const include = matcher(input.filters?.include_globs, () => true);
  const exclude = matcher(input.filters?.exclude_globs, () => false);
  for (const [which, m] of [
    ["include_globs", include],
    ["exclude_globs", exclude],
  ] as const) {
    if (typeof m === "string")
      return {
        ok: false,
        status: 400,
        message: `input.filters.${which}: ${m}`,
        field: `input.filters.${which}`,
      };
  }
  const inputs = inBucket
    .map((o) => ({ uri: o, key: splitS3(o)!.key }))
    .filter((o) => o.key.startsWith(prefix) && !o.key.endsWith("/"))
    .map((o) => ({ uri: o.uri, relative: o.key.slice(prefix.length) }))
    .filter((o) => (include as Matcher)(o.relative) && !(exclude as Matcher)(o.relative))
    .sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  if (inputs.length === 0)
    return { ok: false, status: 422, message: `input: no file under ${uri} matches the filters` };
  return { ok: true, mode: "PREFIX", inputs };
}

type Matcher = (path: string) => boolean;

/**
 * The simulator evaluates globs with picomatch, whose regular expressions backtrack: a pattern with
 * many wildcards (`?*?*?*...`) can take seconds on one file name. It refuses what it cannot evaluate
 * quickly (Zoom documents no limit; a real S3 listing would not need such patterns).
 */
const MAX_GLOB_LENGTH = 1024;
const MAX_WILDCARDS = 12;

/** The globs as one matcher, or what is wrong with them. */
function matcher(globs: readonly string[] | undefined, none: Matcher): Matcher | string {
  if (!globs?.length) return none;
  for (const glob of globs) {
    if (glob.length > MAX_GLOB_LENGTH)
      return `a pattern of ${glob.length} characters; the simulator evaluates at most ${MAX_GLOB_LENGTH}`;
    const wildcards = glob.match(/[*?[{(!+@]/g)?.length ?? 0;
    if (wildcards > MAX_WILDCARDS)
      return `a pattern with ${wildcards} wildcards; the simulator evaluates at most ${MAX_WILDCARDS}`;
  }
  let match: Matcher;
  try {
    match = picomatch([...globs], { dot: true });
    match("probe"); // V8 compiles the expression on first use: a pattern it refuses fails here
  } catch (error) {
    return `a pattern the matcher refuses (${error instanceof Error ? error.name : "error"})`;
  }
  return match;
}
