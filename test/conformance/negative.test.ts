// The negative checks (conformance/harness/negative.ts) can fail, and send what they claim: against the
// tiny notes API made lenient (it takes anything) they fail, naming the break; against the strict one
// they pass; and for every real provider, every operation with a body example or a constrained
// parameter gets breaks of its schema actually sent (not only credentials), in every media type that
// has an example, every kind at least once, the same for the same seed.
import { describe, expect, it } from "vitest";
import {
  breakersOf,
  breakRequest,
  drawBreaks,
  type Break,
  type Twist,
} from "../../conformance/harness/negative.ts";
import { runSuite } from "../../conformance/harness/runner.ts";
import { PROVIDERS, SUITES } from "../../conformance/suites/index.ts";
import { mediaKind } from "../../src/core/media.ts";
import { resolveRef } from "../../src/core/openapi-types.ts";
import type { OpenApiValidator } from "../../src/core/openapi-validator.ts";
import { tinySuite } from "./fixtures/tiny.suite.ts";

const SEED = 20261130; // the suite's default
const RUNS = 12; // the suite's default

/** The negative checks' outcomes (`passed`, or `failed` and the whole message), by operation, of the tiny suite run one way. */
async function negativeOutcomes(mode: string, negativeRuns?: number): Promise<Record<string, string>> {
  const suite = tinySuite(mode);
  const report = await runSuite(
    suite,
    { kind: "simulator", ...suite.simulatorTarget },
    negativeRuns === undefined ? {} : { negativeRuns },
  );
  return Object.fromEntries(
    report.checks
      .filter((c) => c.group === "negative")
      .map((c) => [
        c.name.replace(/^refuses requests that break (\w+)'s schema$/, "$1"),
        `${c.outcome} ${c.detail ?? ""}`.trim(),
      ]),
  );
}

describe("the negative checks against an API that takes anything", { timeout: 60_000 }, () => {
  it("pass against the strict simulator", async () => {
    expect(await negativeOutcomes("")).toEqual({
      listNotes: "passed",
      createNote: "passed",
      getNote: "passed",
    });
  });

  it("fail against the lenient one, naming each break it took", async () => {
    const outcomes = await negativeOutcomes("lenient", 1);
    // Each kind once, in the seed's order: the first failure, and up to three more.
    expect(outcomes.getNote).toMatch(
      /^failed GET \/v1\/notes\/\S+ with .* → 200: a 2xx for a request that breaks the spec \(and 2 more: /,
    );
    for (const what of [
      "no credential",
      "a credential the API does not know",
      "path.id: off its pattern ^n[0-9]+$",
    ])
      expect(outcomes.getNote).toContain(`with ${what} → 200: a 2xx`);
    expect(outcomes.createNote).toMatch(
      /^failed POST \/v1\/notes with .* → 201: a 2xx for a request that breaks the spec \(and 5 more: /,
    );
    expect(outcomes.createNote).toMatch(
      /with body(\.text|\.tag)?: (a required field missing|a value of the wrong type)/,
    );
    expect(outcomes.listNotes).toMatch(
      /^failed GET \/v1\/notes with (no credential|a credential the API does not know) → 200/,
    );
  });
});

/** Whether a parameter's schema leaves text it refuses: an empty path segment reaches another route. */
function constrained(schema: Record<string, any>, where: string): boolean {
  const types = [schema.type ?? []].flat();
  return (
    types.some((t: string) => ["integer", "number", "boolean"].includes(t)) ||
    ["pattern", "enum", "format", "minimum", "maximum", "maxLength"].some((k) => schema[k] !== undefined) ||
    (schema.minLength ?? 0) > (where === "path" ? 1 : 0)
  );
}

interface Sent {
  operationId: string;
  kinds: ((t: Twist) => Break)[];
  breaks: { b: Break; breaksSpec: boolean }[];
  /** The body media types that have an example (JSON or multipart: those with fields to break). */
  mediaTypes: string[];
  constrainedParams: string[];
}

async function sentByOperation(): Promise<Map<string, Sent[]>> {
  const out = new Map<string, Sent[]>();
  for (const id of PROVIDERS) {
    const suite = await SUITES[id]();
    const target = { kind: "simulator" as const, ...suite.simulatorTarget };
    const validator: OpenApiValidator = suite.start(target).validator;
    const rows: Sent[] = [];
    for (const info of validator.operations) {
      if (info.path === undefined) continue;
      const kinds = breakersOf(validator, info.operationId, target.token);
      const breaks = [];
      for (const b of drawBreaks(kinds, SEED, RUNS))
        breaks.push({ b, ...(await breakRequest(validator, target, info.operationId, b)) });
      const content =
        resolveRef<{ content?: Record<string, { example?: unknown; examples?: object }> }>(
          validator.document,
          info.operation.requestBody ?? {},
          "",
        ).node.content ?? {};
      rows.push({
        operationId: info.operationId,
        kinds,
        breaks,
        mediaTypes: Object.entries(content)
          .filter(
            ([type, media]) =>
              ["json", "multipart"].includes(mediaKind(type)) &&
              (media.example !== undefined || Object.keys(media.examples ?? {}).length > 0),
          )
          .map(([type]) => type),
        constrainedParams: info.parameters
          .filter(
            ({ param }) =>
              (param.in === "path" || param.in === "query") &&
              constrained(
                resolveRef<Record<string, any>>(
                  validator.document,
                  (param as { schema?: unknown }).schema,
                  "",
                ).node ?? {},
                param.in,
              ),
          )
          .map(({ param }) => `${param.in}.${param.name}`),
      });
    }
    out.set(id, rows);
  }
  return out;
}

describe("the negative checks of the five providers", { timeout: 60_000 }, () => {
  const sent = sentByOperation();

  it.each(PROVIDERS)(
    "%s: every operation with a body example or a constrained parameter gets schema breaks sent",
    async (id) => {
      const rows = (await sent).get(id)!;
      const short = rows
        .filter((r) => r.mediaTypes.length > 0 || r.constrainedParams.length > 0)
        .filter((r) => !r.breaks.some(({ b, breaksSpec }) => !b.auth && breaksSpec))
        .map((r) => r.operationId);
      expect(short).toEqual([]);
    },
  );

  it.each(PROVIDERS)(
    "%s: breaks every body media type with an example, and every constrained parameter",
    async (id) => {
      const missing: string[] = [];
      for (const r of (await sent).get(id)!) {
        const sentWhat = r.breaks.filter(({ b, breaksSpec }) => !b.auth && breaksSpec).map(({ b }) => b.what);
        for (const type of r.mediaTypes) {
          const label = r.mediaTypes.length > 1 ? `body (${type})` : "body";
          if (!sentWhat.some((w) => w.startsWith(`${label}:`) || w.startsWith(`${label}.`)))
            missing.push(`${r.operationId} ${type}`);
        }
        for (const param of r.constrainedParams)
          if (!sentWhat.some((w) => w.startsWith(`${param}:`))) missing.push(`${r.operationId} ${param}`);
      }
      expect(missing).toEqual([]);
    },
  );

  it.each(PROVIDERS)(
    "%s: draws every kind of break at least once, and the same breaks for the same seed",
    async (id) => {
      for (const r of (await sent).get(id)!) {
        const kinds = new Set(r.kinds.map((k) => k({ n: 1, text: "x", pick: 0 }).what));
        expect(new Set(r.breaks.map(({ b }) => b.what))).toEqual(kinds);
        expect(new Set(drawBreaks(r.kinds, SEED, 1).map((b) => b.what))).toEqual(kinds);
        expect(
          drawBreaks(r.kinds, SEED, RUNS).map((b) =>
            JSON.stringify([b.what, `${b.request.query}`, b.request.path, b.request.body, b.request.token]),
          ),
        ).toEqual(
          r.breaks.map(({ b }) =>
            JSON.stringify([b.what, `${b.request.query}`, b.request.path, b.request.body, b.request.token]),
          ),
        );
      }
    },
  );

  it("sends every break it draws but one the spec still allows (no wrong type for a string sent as text)", async () => {
    const claimed = [...(await sent).values()]
      .flat()
      .flatMap((r) =>
        r.breaks
          .filter(({ b, breaksSpec }) => !b.auth && !breaksSpec)
          .map(({ b }) => `${r.operationId} ${b.what}`),
      );
    // A break the spec still allows is not sent; the one left is a oneOf branch SLNG's spec lets mix
    // (its JSON create's `url` branch does not forbid a `filename`).
    expect(claimed).toEqual([
      "batchJobsCreate body (application/json): mixed with another oneOf branch (filename)",
    ]);
  });

  it("breaks multipart forms field by field, and path parameters in the path", async () => {
    const byProvider = await sent;
    const whats = (id: string, operationId: string) =>
      byProvider
        .get(id)!
        .find((r) => r.operationId === operationId)!
        .breaks.filter(({ breaksSpec }) => breaksSpec)
        .map(({ b }) => b.what);
    expect(whats("soket", "uploadFiles")).toContain("body.files: a required field missing");
    expect(whats("slng", "batchJobsCreate")).toEqual(
      expect.arrayContaining([
        "body (multipart/form-data).file: a required field missing",
        "body (multipart/form-data).job_id: off its pattern ^[a-zA-Z0-9]+$",
        "body (multipart/form-data).transcription_config: a value of the wrong type (the spec wants object)",
        "body (application/json).input_url: not a uri",
      ]),
    );
    expect(whats("slng", "batchJobsGet")).toContain("path.jobId: off its pattern ^[a-zA-Z0-9]+$");
    expect(whats("sofer", "batchTranscribe_getBatchFile")).toContain("path.batch_file_id: not a uuid");
    expect(whats("slng", "batchJobsList")).toContain("query.submitted_after: not a date-time");
  });
});
