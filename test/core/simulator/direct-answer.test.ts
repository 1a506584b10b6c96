// fetchFromHandlers answers a simulator's requests without MSW's per-request matching (issue 10): its
// compiled path must match exactly what MSW matches, and its answers must be MSW's, byte for byte.
import fc from "fast-check";
import { getResponse, http, HttpHandler, HttpResponse, matchRequestUrl } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanUrlOf, compileMswPath } from "../../../src/core/simulator/direct-answer.ts";
import { fetchFromHandlers, steppingClock } from "../../../src/core/simulator/index.ts";
import { createZoomScribeState, zoomScribeHandlers } from "../../../src/zoom-scribe/mock.ts";

const BASE = "https://api.zoom.us/v2";
const JOBS = `${BASE}/aiservices/scribe/jobs`;

/** What MSW makes of `url` against `path`: its params, undefined when it does not match, or what it throws. */
function mswMatch(url: string, path: string) {
  try {
    const { matches, params } = matchRequestUrl(new URL(url), path);
    return matches ? { params: { ...params } } : undefined;
  } catch (error) {
    return { threw: (error as Error).name };
  }
}
function ourMatch(url: string, path: string) {
  try {
    const params = compileMswPath(path)!(cleanUrlOf(new URL(url)));
    return params ? { params: { ...params } } : undefined;
  } catch (error) {
    return { threw: (error as Error).name };
  }
}

describe("compileMswPath", () => {
  const PATHS = [
    `${JOBS}`,
    `${JOBS}/:jobId`,
    `${JOBS}/:jobId/files/:fileId`,
    "http://localhost:8080/api/:id",
    "https://kit.test",
    "https://kit.test/",
    "https://kit.test/a.b/:c_d/e~f",
  ];

  it.each([
    [`${JOBS}/job_1`, `${JOBS}/:jobId`],
    [`${JOBS}/job_1/`, `${JOBS}/:jobId`],
    [`${JOBS}/JOB%201?x=1#y`, `${JOBS}/:jobId`],
    [`${BASE}/AISERVICES/Scribe/JOBS/j`, `${JOBS}/:jobId`],
    [`${JOBS}/%E0%A4%A`, `${JOBS}/:jobId`],
    [`${JOBS}/a%2Fb/files/f_1`, `${JOBS}/:jobId/files/:fileId`],
    [`${JOBS}/a/b`, `${JOBS}/:jobId`],
    [`${JOBS}`, `${JOBS}/:jobId`],
    [`${JOBS}//`, `${JOBS}/:jobId`],
    ["https://kit.test", "https://kit.test"],
    ["https://kit.test/?q", "https://kit.test/"],
    ["http://localhost:8080/api/1", "http://localhost:8080/api/:id"],
    ["http://localhost:8081/api/1", "http://localhost:8080/api/:id"],
  ])("matches %s against %s exactly as MSW does", (url, path) => {
    expect(ourMatch(url, path)).toEqual(mswMatch(url, path));
  });

  it("matches every URL exactly as MSW's matchRequestUrl does (params, misses and malformed escapes)", () => {
    const segment = fc.constantFrom(
      "aiservices",
      "scribe",
      "jobs",
      "JOBS",
      "files",
      "job_1",
      "f_001",
      "a%20b",
      "%2F",
      "%E0%A4%A",
      "x.y",
      "",
      "~",
      "api",
    );
    // Starts that the paths have (some in other cases), then any segments and an ending.
    const start = fc.constantFrom(
      JOBS,
      `${BASE}/AISERVICES/scribe/Jobs`,
      "https://API.zoom.us/v2",
      "http://localhost:8080/api",
      "http://localhost:8080",
      "https://kit.test",
      "https://kit.test/A.B",
    );
    const url = fc
      .tuple(start, fc.array(segment, { maxLength: 4 }), fc.constantFrom("", "/", "?a=1", "#h", "/?x"))
      .map(([s, segments, tail]) => `${s}${segments.map((x) => `/${x}`).join("")}${tail}`);
    fc.assert(
      fc.property(url, fc.constantFrom(...PATHS), (u, path) => {
        expect(ourMatch(u, path)).toEqual(mswMatch(u, path));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["a relative path", "/jobs/:id"],
    ["a wildcard", `${JOBS}/*`],
    ["an optional parameter", `${JOBS}/:jobId?`],
    ["a parameter inside a segment", `${JOBS}/job-:id`],
    ["a custom pattern", `${JOBS}/:id(\\d+)`],
    ["a RegExp", /jobs/],
  ])("leaves %s to MSW", (_what, path) => {
    expect(compileMswPath(path)).toBeUndefined();
  });
});

describe("fetchFromHandlers over a simulator's handlers", () => {
  afterEach(() => vi.restoreAllMocks());

  const simulator = () =>
    createZoomScribeState({
      objects: ["s3://acme/in/a.wav", "s3://acme/in/b.mp3", "s3://acme/in/c.txt"],
      forbiddenTokens: ["no-plan"],
      now: steppingClock("2026-01-05T18:34:12Z"),
      webhookFetch: async () => new Response(),
    });
  const job = (uri = "s3://acme/in/") =>
    JSON.stringify({
      input: { source: "S3", uri },
      output: { destination: "S3", uri: "s3://acme/out/" },
      config: {},
    });

  const withoutCursor = (url: string) => url.replace(/next_page_token=[^&]+/, "next_page_token=<cursor>");

  /** Every kind of answer, each request made from what the same side answered before. */
  async function transcript(send: (request: Request) => Promise<Response>) {
    const lines: string[] = [];
    let last: Record<string, string> = {};
    const go = async (method: string, url: string, init: { body?: string; token?: string | null } = {}) => {
      const headers = new Headers({ "content-type": "application/json" });
      if (init.token !== null) headers.set("Authorization", `Bearer ${init.token ?? "test-token"}`);
      const response = await send(new Request(url, { method, headers, body: init.body }));
      const text = await response.text();
      last = text.startsWith("{") ? JSON.parse(text) : {};
      // Cursors are random per state: each side follows its own, and they are compared by shape.
      const body = text.replace(/"(next_cursor|next_page_token)":"[^"]+"/g, '"$1":"<cursor>"');
      lines.push(
        `${method} ${withoutCursor(url)} → ${response.status} ${response.statusText} ${JSON.stringify([...response.headers])} ${body}`,
      );
    };
    await go("POST", JOBS, { body: job() });
    await go("POST", JOBS, { body: job("s3://acme/in/a.wav") });
    await go("POST", JOBS, { body: job("s3://nobucket/") });
    await go("POST", JOBS, { body: '{"input":' });
    await go("POST", JOBS, { body: job(), token: "wrong" });
    await go("POST", JOBS, { body: job(), token: "no-plan" });
    await go("GET", JOBS, { token: null });
    await go("GET", `${JOBS}?page_size=1`);
    await go("GET", `${JOBS}?page_size=1&next_page_token=${last.next_cursor}`);
    await go("GET", `${JOBS}?page_size=1&next_page_token=forged`);
    await go("GET", `${JOBS}?page_size=0`);
    await go("GET", `${JOBS}?state=QUEUED&page_size=5`);
    await go("GET", `${JOBS}/job_000001`);
    await go("GET", `${JOBS}/job_000001/`);
    await go("GET", `${JOBS}/job_404`);
    await go("GET", `${JOBS}/%E0%A4%A`);
    await go("GET", `${BASE}/aiservices/SCRIBE/jobs`);
    await go("GET", `${JOBS}/job_000001/files?page_size=2`);
    await go("GET", `${JOBS}/job_000001/files?page_size=2&next_page_token=${last.next_cursor}`);
    await go("GET", `${JOBS}/job_000001/files/f_002`);
    await go("GET", `${JOBS}/job_000001/files/f_999`);
    await go("PUT", JOBS);
    await go("DELETE", `${JOBS}/job_000001`);
    await go("DELETE", `${JOBS}/job_000001`);
    await go("GET", `${BASE}/aiservices/nowhere`);
    await go("POST", JOBS, { body: job().replace("{", '{"reference_id":"héllo ✓ 𝄞 \\ud800",') });
    await go("GET", `${JOBS}/${last.job_id}`);
    return lines;
  }

  it("answers every kind of request exactly as MSW's getResponse does, and logs the same", async () => {
    const viaMsw = simulator();
    const mswHandlers = zoomScribeHandlers(viaMsw);
    const direct = simulator();
    for (const state of [viaMsw, direct])
      state.faults.inject({ status: 429, retryAfter: 2, operationId: "getBatchScribeJobFile" });
    const expected = await transcript(async (request) => (await getResponse(mswHandlers, request))!);
    const got = await transcript(fetchFromHandlers(zoomScribeHandlers(direct)));
    expect(got).toEqual(expected);
    const log = (state: typeof direct) =>
      state.requests.entries.map((e) => ({ ...e, url: withoutCursor(e.url) }));
    expect(log(direct)).toEqual(log(viaMsw));
    expect(got.filter((line) => / → 2\d\d /.test(line)).length).toBeGreaterThan(8);
  });

  it("runs none of MSW's per-request matching for the simulator's own handlers", async () => {
    const state = simulator();
    const fetch = fetchFromHandlers(zoomScribeHandlers(state));
    const parse = vi.spyOn(HttpHandler.prototype, "parse");
    const headers = { Authorization: "Bearer test-token", "content-type": "application/json" };
    expect((await fetch(new Request(JOBS, { method: "POST", headers, body: job() }))).status).toBe(201);
    expect((await fetch(new Request(`${JOBS}/job_000001`, { headers }))).status).toBe(200);
    expect((await fetch(new Request(`${JOBS}/job_000001/files/f_001`, { headers }))).status).toBe(200);
    expect((await fetch(new Request(`${JOBS}/nowhere/x/y`, { headers }))).status).toBe(404);
    expect(parse).not.toHaveBeenCalled();
  });

  it("asks MSW for any other handler, in the list's order: one before the simulator's answers first", async () => {
    const state = simulator();
    const fetch = fetchFromHandlers([
      http.get(`${JOBS}/job_000001`, () => HttpResponse.json({ overridden: true })),
      ...zoomScribeHandlers(state),
      http.post("https://hooks.test/z", () => new Response(null, { status: 202 })),
    ]);
    const parse = vi.spyOn(HttpHandler.prototype, "parse");
    const get = (url: string) => fetch(new Request(url, { headers: { Authorization: "Bearer test-token" } }));
    expect(await (await get(`${JOBS}/job_000001`)).json()).toEqual({ overridden: true });
    expect((await get(`${JOBS}/job_000002`)).status).toBe(404);
    expect((await fetch(new Request("https://hooks.test/z", { method: "POST" }))).status).toBe(202);
    await expect(fetch(new Request("https://elsewhere.test/"))).rejects.toThrow(
      /no simulator handler for GET/,
    );
    expect(parse).toHaveBeenCalled();
  });
});
