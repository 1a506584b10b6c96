// The list: page and page_size (≤ 100), the comma-separated status filter, model_code, the submitted
// bounds, each sort_by in both orders, and `meta` counts true for every page.
import { describe, expect, it } from "vitest";
import { createSlngState, slngFetch } from "../../../src/slng/mock.ts";
import { jsonRequest } from "./helpers.ts";

// 230 jobs, a second apart; every third DONE, every fifth FAILED, every thirtieth DELETED, two models.
let now = Date.parse("2026-06-01T00:00:00Z");
const state = createSlngState({
  now: () => new Date((now += 1000)),
  models: ["slng/speechmatics/batch:15.0.0", "slng/speechmatics/batch:14.0.0"],
  failingJobs: (job) => Number(job.job_id.slice(3)) % 5 === 0,
});
for (let i = 1; i <= 230; i++) {
  const job = state.addJob({
    source: { kind: "url", url: `https://e.com/${i}.wav` },
    model_code: i % 2 ? "slng/speechmatics/batch:15.0.0" : "slng/speechmatics/batch:14.0.0",
  });
  if (i % 3 === 0 || i % 5 === 0) state.runToCompletion(job.job_id);
  if (i % 30 === 0) state.deleteJob(job.job_id);
}
const fetch = slngFetch(state);
const list = async (query: string) => {
  const response = await fetch(jsonRequest("GET", `/v1/batch/jobs${query}`));
  return { status: response.status, body: (await response.json()) as any };
};

describe("the SLNG simulator's list", () => {
  it("pages newest first by default, 20 a page, with true meta counts", async () => {
    const { body } = await list("");
    expect(body.meta).toEqual({ page: 1, page_size: 20, total: 230, pages: 12 });
    expect(body.items[0].job_id).toBe("job000230");
    expect((await list("?page=13")).body).toMatchObject({ items: [], meta: { total: 230, pages: 12 } });
  });

  it("walks a status filter at page_size 100: three pages, every matching job once", async () => {
    const ids: string[] = [];
    const expected = [...state.jobs.values()].filter((j) =>
      ["QUEUED", "DONE", "FAILED"].includes(j.status),
    ).length;
    for (let page = 1; page <= 3; page++) {
      const { body } = await list(`?status=QUEUED,DONE,FAILED&page_size=100&page=${page}`);
      expect(body.meta).toEqual({ page, page_size: 100, total: expected, pages: Math.ceil(expected / 100) });
      ids.push(...body.items.map((j: any) => j.job_id));
      for (const item of body.items) expect(["QUEUED", "DONE", "FAILED"]).toContain(item.status);
    }
    expect(expected).toBe(223); // 230 less the 7 deleted
    expect(new Set(ids).size).toBe(expected);
    expect(ids).toHaveLength(expected);
  });

  it("filters by model_code and the submitted bounds (exclusive)", async () => {
    const { body } = await list("?model_code=slng/speechmatics/batch:14.0.0&page_size=100");
    expect(body.meta.total).toBe(115);
    const third = state.jobs.get("job000003")!.submitted_at.toISOString();
    const seventh = state.jobs.get("job000007")!.submitted_at.toISOString();
    const bounded = await list(`?submitted_after=${third}&submitted_before=${seventh}&sort_order=asc`);
    expect(bounded.body.items.map((j: any) => j.job_id)).toEqual(["job000004", "job000005", "job000006"]);
  });

  it.each(["submitted_at", "status", "model_code"])("sorts by %s in both orders", async (key) => {
    for (const order of ["asc", "desc"]) {
      const { body } = await list(`?sort_by=${key}&sort_order=${order}&page_size=100`);
      const values = body.items.map((j: any) => j[key]);
      const sorted = [...values].sort();
      expect(values).toEqual(order === "asc" ? sorted : sorted.reverse());
    }
  });

  it("refuses page_size over 100, POST_PROCESSING or an unknown status, and a bad date (400)", async () => {
    for (const query of [
      "?page_size=101",
      "?status=POST_PROCESSING",
      "?status=BOGUS",
      "?submitted_after=yesterday",
      "?page=0",
      "?sort_by=title",
    ]) {
      const { status, body } = await list(query);
      expect([query, status]).toEqual([query, 400]);
      expect(typeof body.error).toBe("string");
    }
    expect((await list("?page=1e400")).status).toBe(400);
  });
});
