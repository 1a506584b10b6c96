import { describe, expect, it } from "vitest";
import { createNotifier } from "../../../src/zoom/simulator/notifications.ts";
import { verifyZoomWebhook } from "../../../src/zoom/webhook.ts";

const job = (notifications?: { webhook_url: string; secret?: string }) => ({
  job_id: "job_1",
  state: "PROCESSING",
  request: notifications ? { notifications } : {},
});

function notifier(answer: (request: Request) => Promise<Response>) {
  const sent: Request[] = [];
  const n = createNotifier({
    now: () => new Date("2026-01-05T18:34:12Z"),
    webhookFetch: async (request) => (sent.push(request), answer(request)),
    render: (j: ReturnType<typeof job>) => ({ job_id: j.job_id, state: j.state }),
  });
  return { n, sent };
}

describe("job notifications", () => {
  it("are sent only for a job created with notifications", async () => {
    const { n, sent } = notifier(async () => new Response());
    n.notify(job());
    await n.flush();
    expect([sent.length, n.deliveries.length]).toEqual([0, 0]);
  });

  it("carry the event and the job, signed with the job's secret so that they verify", async () => {
    const { n, sent } = notifier(async () => new Response(null, { status: 204 }));
    n.notify(job({ webhook_url: "https://hooks.test/z", secret: "s3cret" }));
    await n.flush();
    const body = await sent[0]!.text();
    expect(JSON.parse(body)).toEqual({
      event_type: "batch_job.processing",
      job: { job_id: "job_1", state: "PROCESSING" },
    });
    const verified = await verifyZoomWebhook({
      secret: "s3cret",
      rawBody: body,
      headers: sent[0]!.headers,
      now: () => Date.parse("2026-01-05T18:34:12Z"),
    });
    expect(verified.valid).toBe(true);
    expect(n.deliveries[0]).toMatchObject({
      status: 204,
      eventType: "batch_job.processing",
      url: "https://hooks.test/z",
    });
  });

  it("record a delivery that failed, instead of throwing", async () => {
    const { n } = notifier(async () => {
      throw new TypeError("connection refused");
    });
    n.notify(job({ webhook_url: "https://hooks.test/z" }));
    await n.flush();
    expect(n.deliveries[0]).toMatchObject({ error: "connection refused" });
    expect(n.deliveries[0]?.status).toBeUndefined();
  });
});
