import { describe, expect, it } from "vitest";
import { planInputs } from "../../../src/zoom/simulator/inputs.ts";

const objects = new Set([
  "s3://acme/in/a.wav",
  "s3://acme/in/b.mp3",
  "s3://acme/in/.hidden.wav",
  "s3://acme/in/tmp/c.wav",
  "s3://acme/in/sub/d.wav",
  "s3://acme/other/e.wav",
]);

describe("planInputs", () => {
  it("expands a PREFIX with its include globs, then its exclude globs, in key order", () => {
    const plan = planInputs(objects, {
      mode: "PREFIX",
      source: "S3",
      uri: "s3://acme/in/",
      filters: { include_globs: ["**/*.wav"], exclude_globs: ["tmp/**"] },
    });
    expect(plan).toEqual({
      ok: true,
      mode: "PREFIX",
      inputs: [
        { uri: "s3://acme/in/.hidden.wav", relative: ".hidden.wav" },
        { uri: "s3://acme/in/a.wav", relative: "a.wav" },
        { uri: "s3://acme/in/sub/d.wav", relative: "sub/d.wav" },
      ],
    });
  });

  it("infers the mode from the URI when it is left out: a trailing slash is a prefix", () => {
    expect(planInputs(objects, { source: "S3", uri: "s3://acme/in/sub/" })).toMatchObject({ mode: "PREFIX" });
    expect(planInputs(objects, { source: "S3", uri: "s3://acme/in/a.wav" })).toEqual({
      ok: true,
      mode: "SINGLE",
      inputs: [{ uri: "s3://acme/in/a.wav", relative: "a.wav" }],
    });
  });

  it.each([
    ["a bucket it cannot read", { uri: "s3://nobody/in/" }, 404, /bucket nobody/],
    [
      "a SINGLE object that is not there",
      { mode: "SINGLE" as const, uri: "s3://acme/in/z.wav" },
      404,
      /no object/,
    ],
    [
      "a SINGLE input naming a prefix",
      { mode: "SINGLE" as const, uri: "s3://acme/in/" },
      422,
      /must name a file/,
    ],
    ["a prefix that matches nothing", { uri: "s3://acme/empty/" }, 422, /no file under/],
    ["a URI that is not s3://", { uri: "https://acme.test/in/" }, 422, /not an s3:\/\/ URI/],
  ])("refuses %s", (_what, input, status, message) => {
    const plan = planInputs(objects, { source: "S3", ...input });
    expect(plan).toMatchObject({ ok: false, status });
    expect(plan.ok === false && plan.message).toMatch(message);
  });

  it("takes a manifest as listed, naming each file by its path, even where an entry is not a parsable URL", () => {
    const plan = planInputs(objects, {
      mode: "MANIFEST",
      source: "S3",
      manifest: [
        "s3://elsewhere/x/one.wav",
        "https://signed.test/two.wav?X-Amz-Signature=s",
        "s3://acme:99999/three.wav",
      ],
    });
    expect(plan.ok && plan.inputs.map((i) => i.relative)).toEqual(["one.wav", "two.wav", "three.wav"]);
  });
});
