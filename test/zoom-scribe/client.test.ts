import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, createZoomScribeClient, nextZoomCursor } from "../../src/zoom-scribe/index.ts";

const jobJson = {
  job_id: "job_1",
  state: "QUEUED",
  submitted_at: "2026-01-05T18:34:12Z",
  summary: { total_files: 0, queued: 0, processing: 0, succeeded: 0, failed: 0, skipped: 0 },
};

function recordingFetch() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return Response.json(jobJson);
  };
  return { seen, fetch };
}

afterEach(() => vi.unstubAllGlobals());

describe("createZoomScribeClient", () => {
  it("sends a fixed token as a Bearer header to Zoom's server by default", async () => {
    const { seen, fetch } = recordingFetch();
    const scribe = createZoomScribeClient({ token: "abc", fetch });
    const { data } = await scribe.GET("/aiservices/scribe/jobs/{jobId}", {
      params: { path: { jobId: "job_1" } },
    });
    expect(data?.job_id).toBe("job_1");
    expect(seen[0]?.url).toBe("https://api.zoom.us/v2/aiservices/scribe/jobs/job_1");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer abc");
  });

  it("asks a token function before every request, so a refreshed JWT is used", async () => {
    const { seen, fetch } = recordingFetch();
    let n = 0;
    const scribe = createZoomScribeClient({
      token: async () => `jwt-${++n}`,
      fetch,
      baseUrl: "https://zoom.test/v2/",
    });
    await scribe.GET("/aiservices/scribe/jobs");
    await scribe.GET("/aiservices/scribe/jobs");
    expect(seen.map((r) => r.headers.get("authorization"))).toEqual(["Bearer jwt-1", "Bearer jwt-2"]);
    expect(seen[0]?.url).toBe("https://zoom.test/v2/aiservices/scribe/jobs");
  });

  it("fails a request, before sending it, when the token function returns nothing", async () => {
    const { seen, fetch } = recordingFetch();
    const scribe = createZoomScribeClient({ token: () => "", fetch });
    await expect(scribe.GET("/aiservices/scribe/jobs")).rejects.toThrow(ConfigurationError);
    expect(seen).toHaveLength(0);
  });

  it("looks the global fetch up at request time, so an interceptor installed later sees the call", async () => {
    const scribe = createZoomScribeClient({ token: "abc" });
    const { seen, fetch } = recordingFetch();
    vi.stubGlobal("fetch", fetch);
    await scribe.GET("/aiservices/scribe/jobs");
    expect(seen).toHaveLength(1);
  });

  it.each([
    ["no options", undefined, /expected an options object/],
    [
      "an empty token",
      { token: "" },
      /createZoomScribeClient.token: expected a non-empty string or a function returning one, got an empty string/,
    ],
    ["a numeric token", { token: 42 }, /got number/],
    [
      "a relative baseUrl",
      { token: "t", baseUrl: "/v2" },
      /createZoomScribeClient.baseUrl: not an absolute URL/,
    ],
    [
      "a fetch that is not a function",
      { token: "t", fetch: "yes" },
      /createZoomScribeClient.fetch: expected a function, got string/,
    ],
  ])("refuses %s with a ConfigurationError that names the option", (_what, options, message) => {
    expect(() => createZoomScribeClient(options as never)).toThrow(ConfigurationError);
    expect(() => createZoomScribeClient(options as never)).toThrow(message);
  });
});

describe("nextZoomCursor", () => {
  it.each([
    [{ next_cursor: "c1" }, "c1"],
    [{ next_page_token: "p1" }, "p1"],
    [{ next_cursor: "", next_page_token: "p1" }, "p1"],
    [{ next_cursor: "" }, undefined],
    [{}, undefined],
  ])("reads %j as %j", (page, cursor) => {
    expect(nextZoomCursor(page)).toBe(cursor);
  });
});
